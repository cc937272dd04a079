// A fixed pool of threads for blocking work (database reads and writes, file reads), so an
// I/O thread never blocks. Tasks run in submission order across the pool; stop() finishes the
// queued tasks and joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace tailor::edge {

// The shutdown of threads that wait on `cv` for `stopping` (a queue's workers, a timer): sets
// `stopping` under `mutex`, wakes every thread waiting on `cv` (each finishes what it must, then
// returns) and joins them. Threads already joined are skipped, so calling it twice is safe.
void stop_and_join(std::mutex& mutex, bool& stopping, std::condition_variable& cv,
                   std::span<std::thread> threads);

class WorkerPool {
 public:
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();
  void submit(std::function<void()> task);
  // Tasks queued and not yet started.
  size_t depth() const;
  void stop();

 private:
  void run();
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tailor::edge
