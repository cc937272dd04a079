// Benchmark of the results path the edge will run: N events (exposures and metric events over
// U units, 2 variants, 4 segments) aggregated per unit into sufficient statistics, then SRM,
// a Welch test per segment and variant, and Holm over the p-values. Not a test: prints timings.
//   tailor_stats_aggregate_bench [events=10000000] [units=1000000]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/bandit/random.h"
#include "core/stats/adjust.h"
#include "core/stats/aggregate.h"
#include "core/stats/frequentist.h"
#include "core/stats/srm.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// "u" + decimal id into a fixed buffer: cheap enough not to dominate the timing.
std::string_view unit_id(char* buf, std::uint64_t id) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + id % 10);
    id /= 10;
  } while (id != 0);
  buf[0] = 'u';
  for (int i = 0; i < n; ++i) buf[1 + i] = tmp[n - 1 - i];
  return std::string_view(buf, static_cast<size_t>(n + 1));
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t events = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10000000;
  const std::uint64_t units = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000000;
  const char* segments[] = {"new", "returning", "vip", "lapsed"};
  tailor::bandit::Rng rng(1);
  tailor::stats::UnitAggregator agg(2);
  char buf[32];

  auto t0 = Clock::now();
  // Every unit is exposed once (the assignment is a hash in production; here a draw), then the
  // remaining events are metric events on random units (revenue-like values, a few with a
  // treatment lift).
  for (std::uint64_t u = 0; u < units; ++u) {
    int variant = rng.uniform() < 0.5 ? 0 : 1;
    agg.expose(unit_id(buf, u), variant, segments[u % 4]);
  }
  for (std::uint64_t e = units; e < events; ++e) {
    std::uint64_t u = rng.next() % units;
    agg.add_value(unit_id(buf, u), 10 + 5 * rng.uniform());
  }
  double aggregate_s = seconds_since(t0);

  auto t1 = Clock::now();
  auto arms = agg.arms();
  auto srm = tailor::stats::srm_check(agg.exposed_counts(), {0.5, 0.5});
  std::vector<double> p;
  for (const auto& c : arms) {
    if (c.variant != 0) continue;
    for (const auto& t : arms) {  // the treatment entry of the same segment
      if (t.variant != 1 || t.segment != c.segment) continue;
      auto cs = tailor::stats::summarize(c.value);
      auto ts = tailor::stats::summarize(t.value);
      if (!cs || !ts) continue;
      auto r = tailor::stats::welch_t_test(*cs, *ts, tailor::stats::TestOptions{});
      if (r) p.push_back(r->p_value);
    }
  }
  auto adjusted = tailor::stats::holm_adjust(p);
  double analyse_s = seconds_since(t1);

  std::printf(
      "events %llu, units %llu: aggregate %.2f s (%.1f M events/s), analyse %.3f s, "
      "total %.2f s; srm p %.3f, %zu comparisons, min Holm p %.3f\n",
      static_cast<unsigned long long>(events), static_cast<unsigned long long>(units), aggregate_s,
      events / aggregate_s / 1e6, analyse_s, aggregate_s + analyse_s, srm ? srm->p_value : -1.0,
      p.size(), adjusted && !adjusted->empty() ? (*adjusted)[0] : -1.0);
  return 0;
}
