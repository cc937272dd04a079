// The retention window (--retention-days, ARCHITECTURE.md "Privacy by design"): events whose
// ts — client time, as sent — is more than N days before now are deleted. A Ticker calls
// schedule() at start and then every --retention-interval-s; the deletion itself blocks, so it
// runs on the worker pool, in the store's bounded chunks (Store::delete_events_before).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>

#include "edge/store/store.h"
#include "edge/worker_pool.h"

namespace tailor::edge {

// The cutoff of a run at `now`: now - days, in milliseconds since the Unix epoch.
double retention_cutoff_ms(std::chrono::system_clock::time_point now, unsigned days);

// A wall clock that jumps forwards (a wrong NTP step, a VM resumed with a bad clock) must not
// delete what is inside the window: between two runs of one process the cutoff advances at
// most as far as the monotonic clock did, plus kRetentionClockSlackMs. `previous_ms` is the
// largest cutoff used so far (NaN before the first run, which takes `wall_ms` as it is),
// `elapsed_ms` the monotonic time since that run. A clock that jumps backwards only makes the
// cutoff earlier (nothing more is deleted), and the limit still counts from the largest cutoff,
// so the wall clock put right again is followed at once.
inline constexpr double kRetentionClockSlackMs = 60000;
double guarded_cutoff_ms(double wall_ms, double previous_ms, double elapsed_ms);

class Retention {
 public:
  Retention(Store& store, WorkerPool& workers, unsigned days)
      : store_(store), workers_(workers), days_(days) {}

  // Queues one run on the worker pool, unless one is already queued or running (a run longer
  // than the interval is never stacked). Logs what a run deleted, or why it failed, to stderr.
  void schedule();
  // Shutdown: a running deletion stops after its current chunk; queued runs do nothing.
  void cancel() { cancelled_.store(true); }

  // Events deleted so far (tailor_edge_retention_deleted_events_total).
  uint64_t deleted_total() const { return deleted_.load(); }
  // When the last complete run ended, seconds since the Unix epoch; 0 before the first.
  double last_run_unix_s() const { return last_run_s_.load(); }

 private:
  void run();

  Store& store_;
  WorkerPool& workers_;
  unsigned days_;
  std::atomic<bool> pending_{false};
  std::atomic<bool> cancelled_{false};
  std::atomic<uint64_t> deleted_{0};
  std::atomic<double> last_run_s_{0};
  // Only run() (one at a time, on the worker pool) reads and writes these.
  double max_cutoff_ms_ = std::numeric_limits<double>::quiet_NaN();
  std::chrono::steady_clock::time_point max_cutoff_at_{};
};

}  // namespace tailor::edge
