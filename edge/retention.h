// The retention window (--retention-days, ARCHITECTURE.md "Privacy by design"): events whose
// ts — client time, as sent — is more than N days before now are deleted. A Ticker calls
// schedule() at start and then every --retention-interval-s; the deletion itself blocks, so it
// runs on the worker pool, in the store's bounded chunks (Store::delete_events_before).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "edge/store/store.h"
#include "edge/worker_pool.h"

namespace tailor::edge {

// The cutoff of a run at `now`: now - days, in milliseconds since the Unix epoch.
double retention_cutoff_ms(std::chrono::system_clock::time_point now, unsigned days);

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
};

}  // namespace tailor::edge
