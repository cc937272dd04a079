// A thread that calls a function periodically until stopped: the edge's background jobs (the
// config poll, retention). stop() wakes the wait, so a shutdown never waits out an interval.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace tailor::edge {

class Ticker {
 public:
  Ticker() = default;
  ~Ticker() { stop(); }
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

  // Calls `tick` on a new thread every `interval` (first at once when `at_start`). Ticks never
  // overlap: a long one delays the next. Call once.
  void start(std::chrono::seconds interval, bool at_start, std::function<void()> tick);
  // Wakes the thread and joins it (after a running tick returns). Safe to call twice.
  void stop();

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tailor::edge
