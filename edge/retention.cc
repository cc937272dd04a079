#include "edge/retention.h"

#include <algorithm>
#include <cmath>
#include <iostream>

#include "edge/config_registry.h"

namespace tailor::edge {
namespace {

double unix_s(std::chrono::system_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

}  // namespace

double retention_cutoff_ms(std::chrono::system_clock::time_point now, unsigned days) {
  return unix_s(now) * 1000 - static_cast<double>(days) * 86400000.0;
}

double guarded_cutoff_ms(double wall_ms, double previous_ms, double elapsed_ms) {
  if (std::isnan(previous_ms)) return wall_ms;
  return std::min(wall_ms, previous_ms + std::max(elapsed_ms, 0.0) + kRetentionClockSlackMs);
}

void Retention::schedule() {
  if (pending_.exchange(true)) return;
  workers_.submit([this] {
    run();
    pending_.store(false);
  });
}

// Logged to stderr: stdout's first line is the "listening on" line, and the first run may
// finish before the server prints it.
void Retention::run() {
  if (cancelled_.load()) return;
  auto started = std::chrono::system_clock::now();
  auto steady = std::chrono::steady_clock::now();
  double wall_cutoff_ms = retention_cutoff_ms(started, days_);
  double cutoff_ms = guarded_cutoff_ms(
      wall_cutoff_ms, max_cutoff_ms_,
      std::chrono::duration<double, std::milli>(steady - max_cutoff_at_).count());
  if (cutoff_ms < wall_cutoff_ms) {
    std::cerr << "tailor-edge: retention: the wall clock ran "
              << (wall_cutoff_ms - cutoff_ms) / 1000
              << " s ahead of the monotonic clock since the last run; deleting only ts before "
              << rfc3339(static_cast<std::time_t>(cutoff_ms / 1000)) << std::endl;
  }
  if (std::isnan(max_cutoff_ms_) || cutoff_ms >= max_cutoff_ms_) {
    max_cutoff_ms_ = cutoff_ms;
    max_cutoff_at_ = steady;
  }
  auto deleted = store_.delete_events_before(cutoff_ms, &cancelled_);
  std::string window = "ts before " + rfc3339(static_cast<std::time_t>(cutoff_ms / 1000)) +
                       " (--retention-days " + std::to_string(days_) + ")";
  if (!deleted) {
    std::cerr << "tailor-edge: retention: deleting events with " << window
              << " failed: " << deleted.error() << std::endl;
    return;
  }
  deleted_.fetch_add(static_cast<uint64_t>(*deleted));
  auto ended = std::chrono::system_clock::now();
  if (cancelled_.load()) {
    std::cerr << "tailor-edge: retention: stopped by shutdown after deleting " << *deleted
              << " events with " << window << std::endl;
    return;
  }
  last_run_s_.store(unix_s(ended));
  if (*deleted > 0) {
    std::cerr << "tailor-edge: retention: deleted " << *deleted << " events with " << window
              << " in " << std::chrono::duration<double>(ended - started).count() << " s"
              << std::endl;
  }
}

}  // namespace tailor::edge
