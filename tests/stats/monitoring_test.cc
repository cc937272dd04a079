// Anomaly and guardrail flags, and post-stratified results under changing bandit weights.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "core/bandit/random.h"
#include "core/stats/guardrail.h"
#include "core/stats/stratified.h"

namespace tailor::stats {
namespace {

using Catch::Detail::Approx;

TEST_CASE("anomaly: beyond k sigma of the pre-period", "[stats]") {
  // Pre-period values 1..5: mean 3, sd sqrt(2.5) = 1.5811; current 7: z = 4 / 1.5811 = 2.5298.
  MeanStats pre{5, 15, 55};
  auto both = anomaly_check(pre, 7, 2, Direction::kBoth);
  REQUIRE(both.ok());
  CHECK(both->z == Approx(4 / std::sqrt(2.5)));
  CHECK(both->anomalous);
  CHECK(anomaly_check(pre, 7, 2, Direction::kRise)->anomalous);
  CHECK_FALSE(anomaly_check(pre, 7, 2, Direction::kDrop)->anomalous);
  CHECK_FALSE(anomaly_check(pre, 7, 3, Direction::kBoth)->anomalous);
  CHECK(anomaly_check(pre, -1, 2, Direction::kDrop)->anomalous);
  CHECK_FALSE(anomaly_check(MeanStats{3, 6, 12}, 2, 2, Direction::kBoth).ok());  // constant
  CHECK_FALSE(anomaly_check(pre, 7, 0, Direction::kBoth).ok());
}

TEST_CASE("guardrail: degraded and non-inferior", "[stats]") {
  // Unsubscribe rate (lower is better) 2% -> 3% at n = 10,000 each: relative lift 0.5,
  // Var = 0.0291/(0.0004*10000) + 0.0196*0.0009/(1.6e-7*10000) = 0.007275 + 0.011025 = 0.0183,
  // z = 0.5/0.13528 = 3.70: significantly worse.
  ArmSummary c{10000, 0.02, 0.02 * 0.98}, t{10000, 0.03, 0.03 * 0.97};
  auto g = guardrail_check(c, t, /*higher_is_better=*/false, 0.01, 0.05);
  REQUIRE(g.ok());
  CHECK(g->harm.se == Approx(std::sqrt(0.0183)));
  CHECK(g->degraded);
  CHECK_FALSE(g->non_inferior);
  // Equal rates at n = 10^7: Var = 2 * 0.0196/(0.0004*1e7) = 9.8e-6, se 0.00313; the one-sided
  // 95% upper bound 1.645 * 0.00313 = 0.00515 is inside a 1% margin.
  ArmSummary big{1e7, 0.02, 0.0196};
  auto ok = guardrail_check(big, big, false, 0.01, 0.05);
  REQUIRE(ok.ok());
  CHECK_FALSE(ok->degraded);
  CHECK(ok->non_inferior);
  // Higher-is-better metric that dropped.
  auto drop = guardrail_check(t, c, true, 0.01, 0.05);
  CHECK(drop->degraded);
}

TEST_CASE("stratified by period removes Simpson's paradox (by hand)", "[stats]") {
  // Period 1: 500/500 units, both means 10. Period 2 (bandit moved to 10/90): 100/900 units,
  // both means 20. No effect in any period. Pooled: control (5000 + 2000)/600 = 11.667,
  // treatment (5000 + 18000)/1400 = 16.429: a spurious +4.76.
  std::vector<PeriodArms> periods{{{500, 10, 1}, {500, 10, 1}}, {{100, 20, 1}, {900, 20, 1}}};
  auto e = stratified_effect(periods, false);
  REQUIRE(e.ok());
  CHECK(e->effect == Approx(0).margin(1e-12));
  // w = 0.5, 0.5: Var = 0.25 (1/500 + 1/500) + 0.25 (1/100 + 1/900) = 0.0037778.
  CHECK(e->variance == Approx(0.001 + 0.25 * (0.01 + 1.0 / 900)));
  auto rel = stratified_effect(periods, true);
  CHECK(rel->effect == Approx(0).margin(1e-12));
  CHECK_FALSE(stratified_effect({}, false).ok());
  CHECK_FALSE(stratified_effect({{{0, 0, 0}, {10, 1, 1}}}, false).ok());
}

TEST_CASE("coverage under changing weights with a time trend (1,000 seeded runs)",
          "[stats][coverage]") {
  // Period 1: 200 units at 50/50, metric mean 10. Period 2: 200 units at 20/80, mean 14.
  // No treatment effect; noise sd 4. The stratified 95% interval covers 0 about 95% of the
  // time; pooling the periods does not.
  bandit::Rng rng(2026);
  auto arm = [&](int n, double mean) {
    MeanStats s;
    for (int i = 0; i < n; ++i) {
      double y = mean + 4 * rng.normal();
      s = merge(s, MeanStats{1, y, y * y});
    }
    return s;
  };
  int strat_cover = 0, pooled_cover = 0;
  const int kRuns = 1000;
  for (int run = 0; run < kRuns; ++run) {
    MeanStats c1 = arm(100, 10), t1 = arm(100, 10), c2 = arm(40, 14), t2 = arm(160, 14);
    std::vector<PeriodArms> periods{{*summarize(c1), *summarize(t1)},
                                    {*summarize(c2), *summarize(t2)}};
    TestOptions o{0.05, Alternative::kTwoSided, false};
    auto s = stratified_test(periods, o);
    auto p = welch_t_test(*summarize(merge(c1, c2)), *summarize(merge(t1, t2)), o);
    REQUIRE(s.ok());
    REQUIRE(p.ok());
    strat_cover += s->ci_lower <= 0 && 0 <= s->ci_upper;
    pooled_cover += p->ci_lower <= 0 && 0 <= p->ci_upper;
  }
  INFO("stratified " << 100.0 * strat_cover / kRuns << "%, pooled " << 100.0 * pooled_cover / kRuns
                     << "%");
  CHECK(strat_cover >= 930);
  CHECK(strat_cover <= 970);
  CHECK(pooled_cover < 800);
}

}  // namespace
}  // namespace tailor::stats
