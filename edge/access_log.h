// The access log (--access-log PATH): one JSON object per line per answered request.
//
// {"time":"2026-11-23T18:27:01.123Z","remote":"127.0.0.1","method":"GET",
//  "path":"/v1/config/demo","status":200,"bytes":11234,"durationMs":0.084,"route":"config",
//  "requestId":"9f0c...","userAgent":"curl/8.5.0"}
//
// time is when the response was ready (UTC, milliseconds); path has no query string (queries
// can hold user data); bytes counts the response body (0 for HEAD, 204, 304); durationMs runs
// from request read to response ready, like tailor_http_request_duration_seconds; userAgent is
// cut to its first 256 bytes. Every string is JSON-escaped; bytes that are not UTF-8 become
// U+FFFD, so every line parses.
//
// The I/O threads never wait for the file: write() formats the line into a per-thread buffer
// and appends it, under a mutex held for a copy, to an in-memory queue of at most
// `max_queued_bytes`. One writer thread takes the whole queue at a time and writes it with
// write(2). When the queue is full the line is dropped and counted (dropped()); so is a line
// the file refused (disk full). reopen() (SIGHUP) makes the writer reopen the path before its
// next write, for log rotation; stop() writes everything queued, then closes the file.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace tailor::edge {

struct AccessRecord {
  std::chrono::system_clock::time_point time;
  std::string_view remote, method, path, route, request_id, user_agent;
  int status = 0;
  uint64_t bytes = 0;
  double seconds = 0;  // request read to response ready
};

// Appends r as one JSON line (with its '\n') to `out`.
void append_access_line(std::string& out, const AccessRecord& r);

class AccessLog {
 public:
  static constexpr size_t kDefaultQueueBytes = 8 << 20;

  // Opens `path` for appending, creating it (mode 0644), or standard output for "-", and starts
  // the writer. Null with `error` naming the path and the reason when it cannot be opened.
  static std::unique_ptr<AccessLog> open(const std::string& path, size_t max_queued_bytes,
                                         std::string& error);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Queues one line; any thread, never waits for I/O. Drops (and counts) it when the queue is
  // full or the log is stopped.
  void write(const AccessRecord& r);
  // Asks the writer to reopen the path (a no-op for standard output). Returns at once.
  void reopen();
  // Writes everything queued, closes the file and joins the writer. Safe to call twice.
  void stop();

  uint64_t written() const { return written_.load(std::memory_order_relaxed); }
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  AccessLog(std::string path, int fd, size_t max_queued_bytes);
  void run();
  void write_batch(const std::string& batch, uint64_t lines);

  const std::string path_;
  const size_t max_queued_bytes_;
  int fd_;                // the writer thread's once it runs
  bool failing_ = false;  // the writer thread's: the last batch was not wholly written

  std::mutex mutex_;
  std::condition_variable wake_;
  std::string queue_;  // whole lines
  uint64_t queue_lines_ = 0;
  bool reopen_ = false;
  bool stopping_ = false;

  std::atomic<uint64_t> written_{0}, dropped_{0};
  std::thread writer_;
};

}  // namespace tailor::edge
