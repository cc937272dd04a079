// Counters and latency histograms exposed at GET /metrics in Prometheus text format (0.0.4).
//
// Recording is lock-free (relaxed atomics in fixed arrays indexed by route and status), so it
// costs an I/O thread a few nanoseconds per request. Gauges that live elsewhere (queue depths,
// open connections) are read through callbacks when /metrics is rendered.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "edge/router.h"

namespace tailor::edge {

class Metrics {
 public:
  Metrics();
  // One finished request: its route, status code and wall time in seconds.
  void record_request(RouteId route, int status, double seconds);
  void add_events(uint64_t accepted, uint64_t duplicates, uint64_t rejected);
  void add_connection_rejected() { connections_rejected_.fetch_add(1, std::memory_order_relaxed); }
  // A gauge computed at render time, e.g. {"tailor_ingest_queue_depth", "...help", fn}.
  void add_gauge(std::string name, std::string help, std::function<double()> read);
  // A counter kept elsewhere, read at render time like a gauge.
  void add_counter(std::string name, std::string help, std::function<double()> read);
  std::string render() const;

 private:
  static constexpr std::array<int, 20> kStatuses = {200, 201, 202, 204, 206, 301, 304,
                                                     400, 401, 403, 404, 405, 408, 413,
                                                     415, 422, 431, 500, 503, 0};
  static constexpr std::array<double, 12> kBuckets = {0.0001, 0.00025, 0.0005, 0.001,
                                                      0.0025, 0.005,   0.01,   0.025,
                                                      0.05,   0.1,     0.5,    2.5};
  static constexpr size_t kRoutes = static_cast<size_t>(RouteId::kCount);
  struct Histogram {
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> counts{};
    std::atomic<uint64_t> sum_micros{0};
  };
  std::array<std::array<std::atomic<uint64_t>, kStatuses.size()>, kRoutes> requests_{};
  std::array<Histogram, kRoutes> latency_{};
  std::atomic<uint64_t> events_accepted_{0}, events_duplicate_{0}, events_rejected_{0};
  std::atomic<uint64_t> connections_rejected_{0};
  struct Sampled {  // a gauge or counter read at render time
    std::string name, help;
    std::function<double()> read;
    const char* type;  // "gauge" or "counter"
  };
  std::vector<Sampled> sampled_;
};

}  // namespace tailor::edge
