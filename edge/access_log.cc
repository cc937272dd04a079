#include "edge/access_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <iostream>
#include <utility>

#include "core/json/js.h"
#include "core/text/civil.h"
#include "edge/worker_pool.h"

namespace tailor::edge {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
size_t utf8_length(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return k < s.size() && at(k) >= lo && at(k) <= hi;
  };
  const unsigned c = at(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

// A JSON string literal of `s` with every byte that is not part of valid UTF-8 as U+FFFD.
void append_string(std::string& out, std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t n = utf8_length(s, i);
    if (n == 0) break;
    i += n;
  }
  if (i == s.size()) return json::append_quoted(out, s);
  std::string clean(s.substr(0, i));
  while (i < s.size()) {
    size_t n = utf8_length(s, i);
    if (n == 0) {
      clean += "\xEF\xBF\xBD";
      ++i;
    } else {
      clean.append(s, i, n);
      i += n;
    }
  }
  json::append_quoted(out, clean);
}

void append_digits(std::string& out, unsigned v, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i, v /= 10) buf[i] = static_cast<char>('0' + v % 10);
  out.append(buf, static_cast<size_t>(width));
}

// RFC 3339 UTC with milliseconds, from core/text/civil.h (no gmtime_r: glibc takes a lock
// there).
void append_time(std::string& out, std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const int64_t ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  int64_t days = ms / 86400000;
  int64_t rest = ms % 86400000;
  if (rest < 0) rest += 86400000, --days;
  const auto [y, m, d] = text::civil_from_days(days);
  const unsigned r = static_cast<unsigned>(rest);
  out += '"';
  append_digits(out, static_cast<unsigned>(y), 4);
  const std::pair<char, unsigned> fields[] = {
      {'-', m}, {'-', d}, {'T', r / 3600000}, {':', r / 60000 % 60}, {':', r / 1000 % 60}};
  for (auto [separator, value] : fields) {
    out += separator;
    append_digits(out, value, 2);
  }
  out += '.';
  append_digits(out, r % 1000, 3);
  out += "Z\"";
}

}  // namespace

void append_access_line(std::string& out, const AccessRecord& r) {
  auto key = [&out](std::string_view name) {
    out += ",\"";
    out += name;
    out += "\":";
  };
  char buf[32];
  out += "{\"time\":";
  append_time(out, r.time);
  for (auto [name, value] :
       {std::pair{"remote", r.remote}, {"method", r.method}, {"path", r.path}}) {
    key(name);
    append_string(out, value);
  }
  key("status");
  out.append(buf, std::to_chars(buf, buf + sizeof buf, r.status).ptr);
  key("bytes");
  out.append(buf, std::to_chars(buf, buf + sizeof buf, r.bytes).ptr);
  key("durationMs");
  out.append(
      buf, std::to_chars(buf, buf + sizeof buf, r.seconds * 1e3, std::chars_format::fixed, 3).ptr);
  for (auto [name, value] : {std::pair{"route", r.route},
                             {"requestId", r.request_id},
                             {"userAgent", r.user_agent.substr(0, 256)}}) {
    key(name);
    append_string(out, value);
  }
  out += "}\n";
}

std::unique_ptr<AccessLog> AccessLog::open(const std::string& path, size_t max_queued_bytes,
                                           std::string& error) {
  int fd = STDOUT_FILENO;
  if (path != "-") {
    fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      error = "--access-log " + path + ": " + std::strerror(errno);
      return nullptr;
    }
  }
  return std::unique_ptr<AccessLog>(new AccessLog(path, fd, max_queued_bytes));
}

AccessLog::AccessLog(std::string path, int fd, size_t max_queued_bytes)
    : path_(std::move(path)), max_queued_bytes_(max_queued_bytes), fd_(fd) {
  writer_ = std::thread([this] { run(); });
}

AccessLog::~AccessLog() { stop(); }

void AccessLog::write(const AccessRecord& r) {
  thread_local std::string line;
  line.clear();
  append_access_line(line, r);
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() + line.size() > max_queued_bytes_) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    wake = queue_.empty();  // the writer waits only on an empty queue
    queue_ += line;
    ++queue_lines_;
  }
  if (wake) wake_.notify_one();
}

void AccessLog::reopen() {
  {
    std::lock_guard lock(mutex_);
    reopen_ = true;
  }
  wake_.notify_one();
}

void AccessLog::stop() {
  stop_and_join(mutex_, stopping_, wake_, {&writer_, 1});
  if (path_ != "-" && fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void AccessLog::run() {
  std::string batch;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return !queue_.empty() || reopen_ || stopping_; });
    const bool reopen = std::exchange(reopen_, false);
    const bool stop = stopping_;
    batch.swap(queue_);
    const uint64_t lines = std::exchange(queue_lines_, 0);
    lock.unlock();
    if (reopen && path_ != "-") {
      int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0) {
        std::cerr << "tailor-edge: --access-log " << path_ << ": cannot reopen ("
                  << std::strerror(errno) << "); still writing the old file" << std::endl;
      } else {
        ::close(fd_);
        fd_ = fd;
      }
    }
    if (!batch.empty()) write_batch(batch, lines);
    batch.clear();
    lock.lock();
    if (stop && queue_.empty()) return;
  }
}

void AccessLog::write_batch(const std::string& batch, uint64_t lines) {
  size_t done = 0;
  while (done < batch.size()) {
    ssize_t n = ::write(fd_, batch.data() + done, batch.size() - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (!failing_) {  // once per failing spell, not once per batch
      std::cerr << "tailor-edge: --access-log " << path_ << ": "
                << (n < 0 ? std::strerror(errno) : "short write") << "; dropping lines"
                << std::endl;
    }
    break;
  }
  failing_ = done < batch.size();
  // Lines wholly written count as written; the rest (including a partial one) as dropped.
  uint64_t complete = lines;
  if (failing_) {
    complete = 0;
    for (size_t i = 0; i < done; ++i) complete += batch[i] == '\n';
  }
  written_.fetch_add(complete, std::memory_order_relaxed);
  if (complete < lines) dropped_.fetch_add(lines - complete, std::memory_order_relaxed);
}

}  // namespace tailor::edge
