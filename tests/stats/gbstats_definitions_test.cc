// Issue 14 section 1: the definitions where GrowthBook's gbstats differs from the textbook, each
// against golden values of the independent reference (tools/gen/stats_reference.py, which
// implements gbstats' formulas as read from gbstats' source, its one-sided sequential p-value by
// bisection as gbstats does) and against the values gbstats' and GrowthBook's own tests publish.
// A hand derivation sits beside each definition.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "core/stats/bayesian.h"
#include "core/stats/cuped.h"
#include "core/stats/frequentist.h"
#include "core/stats/sequential.h"
#include "core/stats/srm.h"
#include "core/stats/stratified.h"
#include "tests/stats/golden.h"

namespace tailor::stats {
namespace {

using Catch::Detail::Approx;
using testing::arm;
using testing::at;
using testing::check;
using testing::check_bound;
using testing::num;
using testing::section;

void check_test(const TestResult& r, const json::Value& e, const std::string& name) {
  check(r.effect, num(e, "effect"), name + " effect");
  check(r.se, num(e, "se"), name + " se");
  check(r.p_value, num(e, "p_value"), name + " p");
  check_bound(r.ci_lower, e, 0, name + " lower");
  check_bound(r.ci_upper, e, 1, name + " upper");
}

TestOptions options_of(const json::Value& c) {
  TestOptions o;
  o.alpha = num(c, "alpha");
  o.relative = c.find("relative")->as_bool();
  const json::Value* alt = c.find("alternative");
  if (alt != nullptr) REQUIRE(parse_alternative(alt->as_string(), o.alternative));
  return o;
}

ArmSummary mean_arm(double n, double sum, double sum_squares) {
  return *summarize(MeanStats{n, sum, sum_squares});
}

// gbstats' frequentist_diff: (m_t - m_c) / |m_c|. By hand for control -10, treatment -5 (1000
// units each, per-unit variance (1000 (100 + 4) - 10000^2/1000) / 999 = 4000/999 = 4.004004):
// lift = (-5 + 10) / 10 = +0.5 (a less negative treatment is better), Var = v/(m_c^2 n) +
// v m_t^2/(m_c^4 n) = 4.004004e-5 + 1.001001e-5 = 5.005005e-5, se = 0.00707461.
TEST_CASE("gbstats definitions: relative lift over a negative control mean", "[stats][golden]") {
  REQUIRE(section("negative_control").size() == 15);
  for (const auto& c : section("negative_control")) {
    std::string name = c.find("name")->as_string(), test = c.find("test")->as_string();
    ArmSummary ac = arm(c, "control", ""), at_ = arm(c, "treatment", "");
    TestOptions o = options_of(c);
    const json::Value& e = *c.find("expect");
    if (test == "frequentist") {
      check_test(*welch_t_test(ac, at_, o), e, name);
    } else if (test == "sequential") {
      check_test(*sequential_test(ac, at_, o, num(c, "n_star")), e, name);
    } else if (test == "stratified") {
      // The reference splits each arm into two equal halves, one per period.
      auto half = [&](const char* key) {
        return mean_arm(at(c, key, 0) / 2, at(c, key, 1) / 2, at(c, key, 2) / 2);
      };
      std::vector<PeriodArms> periods(2, PeriodArms{half("control"), half("treatment")});
      check_test(*stratified_test(periods, o), e, name);
    } else {
      REQUIRE(test == "bayesian");
      auto r = *bayesian_test(ac, at_, true, o.alpha, GaussianPrior{});
      check(r.effect, num(e, "effect"), name + " effect");
      check(r.sd, num(e, "se"), name + " se");
      check(r.chance_to_win, num(e, "chance_to_win"), name + " chance to win");
      check(r.risk_control, at(e, "risk", 0), name + " risk control");
      check(r.risk_treatment, at(e, "risk", 1), name + " risk treatment");
    }
  }
  auto r = *welch_t_test(mean_arm(1000, -10000, 104000), mean_arm(1000, -5000, 29000), {});
  CHECK(r.effect == 0.5);
  CHECK(r.se == Approx(std::sqrt(5.005005e-5)).epsilon(1e-6));
  // gbstats' test_relative_sign_matches_absolute_sign: the lift has the absolute effect's sign.
  for (auto [mc, mt] :
       std::vector<std::pair<double, double>>{{-10, -5}, {-10, -15}, {-2, 3}, {10, 15}, {10, 5}}) {
    ArmSummary c{1000, mc, 4}, t{1000, mt, 4};
    double relative = welch_t_test(c, t, {})->effect;
    double absolute = welch_t_test(c, t, {0.05, Alternative::kTwoSided, false})->effect;
    CHECK(std::signbit(relative) == std::signbit(absolute));
    CHECK(relative == Approx((mt - mc) / std::fabs(mc)));
  }
}

// gbstats' one-sided confidence sequence. By hand for its published absolute example (control
// n 3000, treatment 3461, effect 0.2343767, se 0.1298308, N* 5000, alpha 0.05): rho^2 at 2 alpha =
// (-2 ln 0.1 + ln(1 - 2 ln 0.1)) / 5000 = (4.6051702 + 1.7236894) / 5000 = 1.2657719e-3;
// n rho^2 = 8.1781524; s2 = se^2 n = 108.90687; halfwidth = sqrt(108.90687 * 2 * 9.1781524 /
// (6461^2 * 1.2657719e-3) * ln(1 + 3.0295466 / 0.1)) = sqrt(108.90687 * 3.4740040e-4 * 3.4434732)
// = 0.3609451, lower bound 0.2343767 - 0.3609451 = -0.1265684 (gbstats prints -0.12657).
// p: L = effect^2 n^2 rho^2 / (2 s2 (n rho^2 + 1)) = 1.4519215, p = 3.0295466 / (2 (e^L - 1))
// = 0.4630474.
TEST_CASE("gbstats definitions: one-sided sequential tests", "[stats][golden]") {
  REQUIRE(section("sequential_one_sided").size() == 18);
  for (const auto& c : section("sequential_one_sided")) {
    std::string name = c.find("name")->as_string();
    auto r =
        sequential_test(arm(c, "control", "control_prop"), arm(c, "treatment", "treatment_prop"),
                        options_of(c), num(c, "n_star"));
    REQUIRE(r.ok());
    check_test(*r, *c.find("expect"), name);
  }
  ArmSummary c = mean_arm(3000, 1396.87, 52377.9767), t = mean_arm(3461, 2422.7, 134698.29);
  auto greater = *sequential_test(c, t, {0.05, Alternative::kGreater, false}, 5000);
  CHECK(greater.ci_lower == Approx(0.2343767 - 0.3609451).margin(2e-7));
  CHECK(greater.p_value == Approx(0.4630474).margin(2e-7));
  CHECK(sequential_rho_squared(0.1, 5000) == Approx(1.2657719e-3).epsilon(1e-7));
  // The p-value is the level at which the bound reaches 0: at that level the bound is 0.
  double s2 = greater.se * greater.se * 6461;
  CHECK(sequential_halfwidth_one_sided(s2, 6461, greater.p_value,
                                       sequential_rho_squared(0.1, 5000)) ==
        Approx(greater.effect).epsilon(1e-12));
  // gbstats' one-sided sequential test needs alpha < 0.5 (its rho is built at 2 alpha).
  auto refused = sequential_test(c, t, {0.5, Alternative::kLess, true}, 5000);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().find("below 0.5") != std::string::npos);
  CHECK(sequential_test(c, t, {0.5, Alternative::kTwoSided, true}, 5000).ok());
  // Clamped to gbstats' search range: a huge effect gives 1e-5, the wrong direction 0.4999.
  ArmSummary big_c{100000, 0.10, 0.09}, big_t{100000, 0.12, 0.1056};
  CHECK(sequential_test(big_c, big_t, {0.05, Alternative::kGreater, true}, 5000)->p_value ==
        kSequentialMinP);
  CHECK(sequential_test(big_c, big_t, {0.05, Alternative::kLess, true}, 5000)->p_value ==
        kSequentialMaxP);
}

// Values printed by gbstats' own tests (packages/stats/tests/frequentist/test_tests.py, 5
// decimals): TestSequentialOneSided{Greater,Lesser}TTest and test_sequential_test_runs_ra.
TEST_CASE("gbstats definitions: gbstats' published one-sided sequential and CUPED values",
          "[stats][golden]") {
  auto close = [](double x) { return Approx(x).margin(5.1e-6); };
  ArmSummary c = mean_arm(3000, 1396.87, 52377.9767), t = mean_arm(3461, 2422.7, 134698.29);
  auto rel_greater = *sequential_test(c, t, {0.05, Alternative::kGreater, true}, 5000);
  CHECK(rel_greater.effect == close(0.50336));
  CHECK(rel_greater.se == close(0.33341));
  CHECK(rel_greater.ci_lower == close(-0.42356));
  CHECK(std::isinf(rel_greater.ci_upper));
  CHECK(rel_greater.p_value == 0.4999);
  auto rel_less = *sequential_test(c, t, {0.05, Alternative::kLess, true}, 5000);
  CHECK(std::isinf(rel_less.ci_lower));
  CHECK(rel_less.ci_upper == close(1.43029));
  CHECK(rel_less.p_value == 0.4999);
  auto abs_greater = *sequential_test(c, t, {0.05, Alternative::kGreater, false}, 5000);
  CHECK(abs_greater.effect == close(0.23438));
  CHECK(abs_greater.se == close(0.12983));
  CHECK(abs_greater.ci_lower == close(-0.12657));
  // gbstats prints 0.46316: its bisection returns the midpoint of its last bracket once the
  // bound is within 1e-6 of 0, up to ~1.2e-4 away from the root 0.4630474 reported here.
  CHECK(abs_greater.p_value == Approx(0.46316).margin(1.5e-4));
  auto abs_less = *sequential_test(c, t, {0.05, Alternative::kLess, false}, 5000);
  CHECK(abs_less.ci_upper == close(0.59532));
  CHECK(abs_less.p_value == 0.4999);
  // CUPED, relative: expected 0.50338, uplift stddev 0.33341.
  auto ra = *cuped_test(CupedStats{3000, 1396.87, 52377.9767, 16.87, 527.9767, 1},
                        CupedStats{3461, 2422.7, 134698.29, 22.7, 1348.29, 1}, TestOptions{});
  CHECK(ra.test.effect == close(0.50338));
  CHECK(ra.test.se == close(0.33341));
}

// GrowthBook's back-end checkSrm tests (packages/back-end/test/stats.test.ts, 9 decimals).
// By hand for [1000, 1200, 900] at [0.5, 0.5, 0]: the third arm leaves, N = 2200, e = 1100,
// chi2 = 2 * 100^2 / 1100 = 18.181818, 1 dof, p = erfc(sqrt(chi2 / 2)) = 2.0079e-5.
TEST_CASE("gbstats definitions: SRM leaves out weight-0 arms", "[stats][golden]") {
  auto p = [](std::vector<double> o, std::vector<double> w) { return srm_check(o, w)->p_value; };
  auto nine = [](double x) { return Approx(x).margin(5e-10); };
  CHECK(p({1000, 1200}, {0.5, 0.5}) == nine(0.000020079));
  CHECK(p({135, 115}, {0.5, 0.5}) == nine(0.205903211));
  CHECK(p({310, 98}, {0.75, 0.25}) == nine(0.647434186));
  CHECK(p({1000, 900, 800}, {1, 0, 0}) == 1);
  CHECK(p({1000, 1200, 900}, {0.5, 0.5, 0}) == nine(0.000020079));
  CHECK(p({0, 0, 0}, {0.34, 0.33, 0.33}) == 1);
  CHECK(p({0, 10, 10}, {0.34, 0.33, 0.33}) == nine(0.005790624));
  CHECK(p({500, 500, 600}, {0.34, 0.33, 0.33}) == nine(0.000592638));
  CHECK(p({500, 500}, {0.5, 0.5}) == 1);
  auto dropped = *srm_check({1000, 1200, 900}, {0.5, 0.5, 0});
  CHECK(dropped.chi2 == Approx(200.0 / 11));
  CHECK(dropped.dof == 1);
  CHECK(dropped.p_value == Approx(std::erfc(std::sqrt(100.0 / 11))).epsilon(1e-10));
  CHECK(dropped.mismatch);
  auto none = *srm_check({40, 7}, {0, 0});  // no arm meant to get traffic: nothing to test
  CHECK((none.chi2 == 0 && none.dof == 0 && none.p_value == 1 && !none.mismatch));
  auto negative = srm_check({10, 10}, {0.5, -0.5});
  REQUIRE_FALSE(negative.ok());
  CHECK(negative.error() == "weights[1] is not a number >= 0");
}

// `se` in every answer; the Bayesian one is the posterior's standard deviation. By hand for the
// issue example with the proper prior N(0, 0.09): V = 0.3787944^2 = 0.1434852, precision
// 1/V + 1/0.09 = 6.9693614 + 11.1111111, sd = 1/sqrt(18.0804725) = 0.2351771.
TEST_CASE("gbstats definitions: se in every answer", "[stats][golden]") {
  ArmSummary c = mean_arm(3407, 1396.87, 52377.9767), t = mean_arm(3461, 2422.7, 134698.29);
  auto welch = *welch_t_test(c, t, {});
  CHECK(welch.se == Approx(0.3787944).epsilon(1e-6));
  CHECK(sequential_test(c, t, {}, 5000)->se == welch.se);
  CHECK(bayesian_test(c, t, true, 0.05, GaussianPrior{})->sd == welch.se);
  CHECK(bayesian_test(c, t, true, 0.05, GaussianPrior{0, 0.09, true})->sd ==
        Approx(0.2351771).epsilon(1e-6));
  // The two-sided fixed-horizon interval rebuilt from effect and se.
  CHECK(welch.ci_upper - welch.effect == Approx(1.9603 * welch.se).epsilon(1e-4));
}

}  // namespace
}  // namespace tailor::stats
