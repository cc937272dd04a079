#include "edge/metrics.h"

#include <cstdio>

namespace tailor::edge {

Metrics::Metrics() = default;

void Metrics::record_request(RouteId route, int status, double seconds) {
  size_t r = static_cast<size_t>(route);
  size_t s = kStatuses.size() - 1;
  for (size_t i = 0; i + 1 < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) s = i;
  }
  requests_[r][s].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  latency_[r].counts[b].fetch_add(1, std::memory_order_relaxed);
  latency_[r].sum_micros.fetch_add(static_cast<uint64_t>(seconds * 1e6),
                                   std::memory_order_relaxed);
}

void Metrics::add_events(uint64_t accepted, uint64_t duplicates, uint64_t rejected) {
  events_accepted_.fetch_add(accepted, std::memory_order_relaxed);
  events_duplicate_.fetch_add(duplicates, std::memory_order_relaxed);
  events_rejected_.fetch_add(rejected, std::memory_order_relaxed);
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  sampled_.push_back({std::move(name), std::move(help), std::move(read), "gauge"});
}

void Metrics::add_counter(std::string name, std::string help, std::function<double()> read) {
  sampled_.push_back({std::move(name), std::move(help), std::move(read), "counter"});
}

static std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

std::string Metrics::render() const {
  std::string out;
  out += "# HELP tailor_build_info Build of this tailor-edge.\n# TYPE tailor_build_info gauge\n";
  out += "tailor_build_info{version=\"" TAILOR_VERSION "\",compiler=\"" __VERSION__ "\"} 1\n";
  out += "# HELP tailor_http_requests_total HTTP requests by route and status code.\n"
         "# TYPE tailor_http_requests_total counter\n";
  for (size_t r = 0; r < kRoutes; ++r) {
    for (size_t s = 0; s < kStatuses.size(); ++s) {
      uint64_t n = requests_[r][s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::string code = kStatuses[s] == 0 ? "other" : std::to_string(kStatuses[s]);
      out += "tailor_http_requests_total{route=\"" +
             std::string(route_name(static_cast<RouteId>(r))) + "\",code=\"" + code + "\"} " +
             std::to_string(n) + "\n";
    }
  }
  out += "# HELP tailor_http_request_duration_seconds Time from request read to response ready.\n"
         "# TYPE tailor_http_request_duration_seconds histogram\n";
  for (size_t r = 0; r < kRoutes; ++r) {
    const Histogram& h = latency_[r];
    uint64_t total = 0;
    for (auto& c : h.counts) total += c.load(std::memory_order_relaxed);
    if (total == 0) continue;
    std::string label = "route=\"" + std::string(route_name(static_cast<RouteId>(r))) + "\"";
    uint64_t cumulative = 0;
    for (size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += h.counts[b].load(std::memory_order_relaxed);
      out += "tailor_http_request_duration_seconds_bucket{" + label + ",le=\"" +
             fmt(kBuckets[b]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "tailor_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
           std::to_string(total) + "\n";
    out += "tailor_http_request_duration_seconds_sum{" + label + "} " +
           fmt(static_cast<double>(h.sum_micros.load(std::memory_order_relaxed)) / 1e6) + "\n";
    out += "tailor_http_request_duration_seconds_count{" + label + "} " +
           std::to_string(total) + "\n";
  }
  out += "# HELP tailor_events_total Events received, by outcome.\n"
         "# TYPE tailor_events_total counter\n";
  out += "tailor_events_total{outcome=\"accepted\"} " + std::to_string(events_accepted_.load()) +
         "\ntailor_events_total{outcome=\"duplicate\"} " +
         std::to_string(events_duplicate_.load()) +
         "\ntailor_events_total{outcome=\"rejected\"} " + std::to_string(events_rejected_.load()) +
         "\n";
  out += "# HELP tailor_connections_rejected_total Connections refused at --max-connections.\n"
         "# TYPE tailor_connections_rejected_total counter\n"
         "tailor_connections_rejected_total " +
         std::to_string(connections_rejected_.load()) + "\n";
  for (const Sampled& g : sampled_) {
    out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " " + g.type + "\n";
    out += g.name + " " + fmt(g.read()) + "\n";
  }
  return out;
}

}  // namespace tailor::edge
