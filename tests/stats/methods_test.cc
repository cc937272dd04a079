// Hand-derived closed forms, edge cases and symmetry properties of core/stats. The derivation
// of every expected number is written next to it.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "core/stats/adjust.h"
#include "core/stats/bayesian.h"
#include "core/stats/distributions.h"
#include "core/stats/frequentist.h"
#include "core/stats/power.h"
#include "core/stats/sequential.h"
#include "core/stats/srm.h"
#include "core/stats/sufficient.h"

namespace tailor::stats {
namespace {

using Catch::Detail::Approx;

TEST_CASE("distributions match printed tables", "[stats]") {
  // NIST/SEMATECH e-Handbook 1.3.6.7.1-4 (normal, t, chi-square critical values).
  CHECK(normal_quantile(0.975) == Approx(1.959964).epsilon(1e-6));
  CHECK(normal_quantile(0.8) == Approx(0.841621).epsilon(1e-6));
  CHECK(t_quantile(0.975, 10) == Approx(2.228).margin(5e-4));
  CHECK(t_quantile(0.95, 5) == Approx(2.015).margin(5e-4));
  CHECK(chi2_sf(3.841, 1) == Approx(0.05).margin(1e-4));
  CHECK(chi2_sf(9.488, 4) == Approx(0.05).margin(1e-4));
  // Closed forms: t with 1 dof is Cauchy, P(T > 1) = 1/4; chi-square with 2 dof, P = e^{-x/2}.
  CHECK(t_sf(1, 1) == Approx(0.25).epsilon(1e-14));
  CHECK(chi2_sf(5, 2) == Approx(std::exp(-2.5)).epsilon(1e-14));
  CHECK(std::isnan(normal_quantile(1.5)));
  CHECK(std::isinf(t_quantile(1, 3)));
}

TEST_CASE("merge of sufficient statistics is exact and order-free", "[stats]") {
  // Units 1..6 split {1,2,3} + {4,5,6}: n = 6, sum = 21, sum of squares = 91.
  MeanStats a{3, 6, 14}, b{3, 15, 77};
  MeanStats m = merge(a, b);
  CHECK(m.n == 6);
  CHECK(m.sum == 21);
  CHECK(m.sum_squares == 91);
  auto s = summarize(m);
  REQUIRE(s.ok());
  CHECK(s->mean == 3.5);
  CHECK(s->variance == Approx(3.5));  // (91 - 21^2/6) / 5 = 17.5 / 5
  auto p = merge(ProportionStats{10, 3}, ProportionStats{30, 9});
  CHECK(p.n == 40);
  CHECK(p.successes == 12);
  auto cu = merge(CupedStats{1, 2, 4, 1, 1, 2}, CupedStats{1, 3, 9, 2, 4, 6});
  CHECK(cu.sum_product == 8);
  auto r = merge(RatioStats{1, 2, 4, 1, 1, 2}, RatioStats{1, 6, 36, 2, 4, 12});
  CHECK(r.md_sum_product == 14);
}

TEST_CASE("ratio metric reduces by the delta method", "[stats]") {
  // Units (m, d): (2, 1), (6, 2), (4, 2): sums m 12, m^2 56, d 5, d^2 9, md 22.
  // mu_m = 4, mu_d = 5/3, ratio 2.4; var_m = (56 - 48)/2 = 4; var_d = (9 - 25/3)/2 = 1/3;
  // cov = (22 - 12*5/3)/2 = 1. Var = var_m/mu_d^2 - 2 cov mu_m/mu_d^3 + var_d mu_m^2/mu_d^4
  //   = 4*9/25 - 8*27/125 + (16/3)*81/625 = 1.44 - 1.728 + 0.6912 = 0.4032.
  auto s = summarize(RatioStats{3, 12, 56, 5, 9, 22});
  REQUIRE(s.ok());
  CHECK(s->mean == Approx(2.4));
  CHECK(s->variance == Approx(0.4032));
  // Units (m, d): (1, 1), (3, 1), (2, 2): mu_m = 2, mu_d = 4/3, ratio 1.5.
  // var_m = (14 - 12)/2 = 1; var_d = (6 - 16/3)/2 = 1/3; cov = (1 + 3 + 4 - 2*4)/2 = 0.
  // Var = 1/(16/9) + (1/3)*4/(256/81) = 0.5625 + 0.421875 = 0.984375.
  auto t = summarize(RatioStats{3, 6, 14, 4, 6, 8});
  REQUIRE(t.ok());
  CHECK(t->mean == Approx(1.5));
  CHECK(t->variance == Approx(0.984375));
  CHECK_FALSE(summarize(RatioStats{3, 6, 14, 0, 0, 0}).ok());
}

TEST_CASE("Welch t-test by hand", "[stats]") {
  // control {1,2,3}: mean 2, var 1; treatment {2,3,4,5}: mean 3.5, var 5/3.
  // V = (5/3)/4 + 1/3 = 0.75, se = 0.8660254; t = 1.5/se = 1.7320508.
  // dof = 0.75^2 / ((5/12)^2/3 + (1/3)^2/2) = 0.5625 / (0.0578704 + 0.0555556) = 4.9591837.
  ArmSummary c = *summarize(MeanStats{3, 6, 14});
  ArmSummary t = *summarize(MeanStats{4, 14, 54});
  TestOptions o{0.05, Alternative::kTwoSided, false};
  auto r = welch_t_test(c, t, o);
  REQUIRE(r.ok());
  CHECK(r->effect == Approx(1.5));
  CHECK(r->se == Approx(std::sqrt(0.75)));
  CHECK(r->dof == Approx(0.5625 / (25.0 / 144 / 3 + 1.0 / 18)));
  // p = 2 P(T_4.959 > 1.732) ~ 0.1443 (between the 4-dof 0.158 and 5-dof 0.144 tables).
  CHECK(r->p_value > 0.14);
  CHECK(r->p_value < 0.16);
}

TEST_CASE("alternatives and symmetry", "[stats]") {
  ArmSummary c = *summarize(MeanStats{3407, 1396.87, 52377.9767});
  ArmSummary t = *summarize(MeanStats{3461, 2422.7, 134698.29});
  for (bool relative : {false, true}) {
    TestOptions two{0.05, Alternative::kTwoSided, relative};
    TestOptions gt{0.05, Alternative::kGreater, relative};
    TestOptions lt{0.05, Alternative::kLess, relative};
    auto p2 = welch_t_test(c, t, two)->p_value;
    auto pg = welch_t_test(c, t, gt)->p_value;
    auto pl = welch_t_test(c, t, lt)->p_value;
    CHECK(pg + pl == Approx(1.0));
    CHECK(p2 == Approx(2 * std::fmin(pg, pl)));
  }
  // Absolute: swapping arms negates the effect and mirrors the interval, same p-value.
  TestOptions abs{0.05, Alternative::kTwoSided, false};
  auto ab = *welch_t_test(c, t, abs);
  auto ba = *welch_t_test(t, c, abs);
  CHECK(ba.effect == Approx(-ab.effect));
  CHECK(ba.ci_lower == Approx(-ab.ci_upper));
  CHECK(ba.p_value == Approx(ab.p_value));
  // A/A with identical arms: effect 0, p = 1.
  auto aa = *welch_t_test(c, c, abs);
  CHECK(aa.effect == 0);
  CHECK(aa.p_value == Approx(1.0));
}

TEST_CASE("degenerate input is a clear status, never NaN", "[stats]") {
  CHECK_FALSE(summarize(MeanStats{0, 0, 0}).ok());
  CHECK_FALSE(summarize(MeanStats{1, 5, 25}).ok());      // n = 1: no sample variance
  CHECK_FALSE(summarize(MeanStats{2.5, 5, 25}).ok());    // fractional n
  CHECK_FALSE(summarize(MeanStats{3, 6, 1}).ok());       // sum_squares < sum^2/n
  CHECK_FALSE(summarize(ProportionStats{10, 11}).ok());  // more successes than units
  CHECK_FALSE(summarize(ProportionStats{0, 0}).ok());
  // Zero variance in both arms: no standard error.
  ArmSummary flat{100, 5, 0};
  auto r = welch_t_test(flat, flat, TestOptions{});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().find("zero variance") != std::string::npos);
  // Zero variance in one arm only is fine (dof from the other arm alone: n - 1).
  ArmSummary noisy{100, 6, 4};
  auto one = welch_t_test(flat, noisy, TestOptions{0.05, Alternative::kTwoSided, false});
  REQUIRE(one.ok());
  CHECK(one->dof == Approx(99));
  // Proportions with 0% and 100%: zero variance each, so a 0/n vs n/n comparison fails cleanly.
  ArmSummary none = *summarize(ProportionStats{50, 0});
  ArmSummary all = *summarize(ProportionStats{50, 50});
  CHECK_FALSE(welch_t_test(none, all, TestOptions{0.05, Alternative::kTwoSided, false}).ok());
  // Relative lift against a zero control mean.
  ArmSummary zero{100, 0, 1};
  CHECK_FALSE(welch_t_test(zero, noisy, TestOptions{}).ok());
  CHECK_FALSE(welch_t_test(noisy, noisy, TestOptions{1.5, Alternative::kTwoSided, true}).ok());
  // Huge n: finite, tiny se, p-value in [0, 1].
  ArmSummary big_c{1e9, 0.1, 0.09}, big_t{1e9, 0.1001, 0.09};
  auto big = welch_t_test(big_c, big_t, TestOptions{0.05, Alternative::kTwoSided, false});
  REQUIRE(big.ok());
  CHECK(std::isfinite(big->ci_lower));
  CHECK(big->p_value >= 0);
  CHECK(big->p_value < 1e-6);  // z = 1e-4 / sqrt(1.8e-10) = 7.45
  CHECK_FALSE(sequential_test(noisy, noisy, TestOptions{}, 0).ok());
  CHECK_FALSE(bayesian_test(noisy, noisy, true, 0.05, GaussianPrior{0, 0, true}).ok());
}

TEST_CASE("SRM by hand", "[stats]") {
  // 1000 vs 1200 at 50/50: e = 1100, chi2 = 2 * 100^2/1100 = 18.1818; with 1 dof
  // P(X2 > x) = erfc(sqrt(x/2)).
  auto r = srm_check({1000, 1200}, {0.5, 0.5});
  REQUIRE(r.ok());
  CHECK(r->chi2 == Approx(200.0 / 11));
  CHECK(r->p_value == Approx(std::erfc(std::sqrt(100.0 / 11))).epsilon(1e-10));
  CHECK(r->mismatch);
  // Three arms (2 dof): P = exp(-x/2). 100/110/90 at equal weight: e = 100,
  // chi2 = (0 + 100 + 100)/100 = 2, p = e^-1.
  auto three = srm_check({100, 110, 90}, {1, 1, 1});
  CHECK(three->p_value == Approx(std::exp(-1.0)).epsilon(1e-12));
  CHECK_FALSE(three->mismatch);
  CHECK(srm_check({0, 0}, {1, 1})->p_value == 1);
  CHECK_FALSE(srm_check({1, 2}, {1}).ok());
  CHECK(srm_check({1, 2}, {1, 0})->p_value == 1);  // one arm left after weight 0: no test
  CHECK_FALSE(srm_check({1, 2}, {1, -1}).ok());
  CHECK_FALSE(srm_check({1.5, 2}, {1, 1}).ok());
}

TEST_CASE("Holm and Benjamini-Hochberg by hand", "[stats]") {
  // p = [0.01, 0.04, 0.03, 0.005], m = 4. Sorted: 0.005, 0.01, 0.03, 0.04.
  // Holm: 4*0.005 = 0.02, 3*0.01 = 0.03, 2*0.03 = 0.06, max(1*0.04, 0.06) = 0.06.
  // BH: 0.005*4/1 = 0.02, 0.01*4/2 = 0.02, 0.03*4/3 = 0.04, 0.04*4/4 = 0.04 (running min).
  std::vector<double> p{0.01, 0.04, 0.03, 0.005};
  auto holm = holm_adjust(p);
  auto bh = bh_adjust(p);
  REQUIRE(holm.ok());
  REQUIRE(bh.ok());
  std::vector<double> holm_expect{0.03, 0.06, 0.06, 0.02}, bh_expect{0.02, 0.04, 0.04, 0.02};
  for (size_t i = 0; i < p.size(); ++i) {
    CHECK((*holm)[i] == Approx(holm_expect[i]));
    CHECK((*bh)[i] == Approx(bh_expect[i]));
  }
  CHECK((*holm_adjust({0.5, 0.9}))[1] == 1.0);  // capped at 1
  CHECK(holm_adjust({})->empty());
  CHECK_FALSE(bh_adjust({0.1, 1.2}).ok());
}

TEST_CASE("sample size, power and MDE agree with each other", "[stats]") {
  // Seed 002's example (2.5% -> 2.9%, alpha 0.05, power 0.8), recomputed:
  // (1.959964 + 0.841621)^2 * (0.025*0.975 + 0.029*0.971) / 0.004^2
  //   = 7.848879 * 0.052534 / 0.000016 = 25770.2 -> 25,771 per arm, not the seed's 1,500
  // (its extra factor 2 and arithmetic slip).
  CHECK(*sample_size_proportions(0.025, 0.029, 0.05, 0.8) == 25771);
  // Means: sd 1, mde 0.5 at (1.959964 + 0.841621)^2 = 7.848879: n = 2*7.848879/0.25 = 62.79 -> 63.
  CHECK(*sample_size_means(1, 0.5, 0.05, 0.8) == 63);
  // Power at the planned n is >= the target, and just below it with one unit fewer.
  CHECK(*power_proportions(0.025, 0.029, 25771, 0.05) >= 0.8);
  CHECK(*power_proportions(0.025, 0.029, 25769, 0.05) < 0.8);
  CHECK(*power_means(1, 0.5, 63, 0.05) >= 0.8);
  // MDE inverts sample size.
  CHECK(*mde_means(1, 62.79, 0.05, 0.8) == Approx(0.5).epsilon(1e-3));
  CHECK(*mde_proportions(0.025, 25770.2, 0.05, 0.8) == Approx(0.004).epsilon(1e-4));
  CHECK_FALSE(sample_size_proportions(0.025, 0.025, 0.05, 0.8).ok());
  CHECK_FALSE(sample_size_proportions(0, 0.1, 0.05, 0.8).ok());
  CHECK_FALSE(sample_size_means(0, 1, 0.05, 0.8).ok());
  CHECK_FALSE(mde_proportions(0.5, 1, 0.05, 0.99).ok());
}

TEST_CASE("Bayesian posterior by hand", "[stats]") {
  // N(0, 1) posterior: chance to win 1/2; risks both E[max(Z, 0)] = phi(0) = 0.3989423.
  auto r = summarize_posterior(0, 1, 0.05);
  REQUIRE(r.ok());
  CHECK(r->chance_to_win == Approx(0.5));
  CHECK(r->risk_control == Approx(0.3989422804));
  CHECK(r->risk_treatment == Approx(0.3989422804));
  CHECK(r->ci_upper == Approx(1.959964).epsilon(1e-6));
  // E[max(X,0)] - E[max(-X,0)] = E[X]: the two risks differ by the mean.
  auto s = summarize_posterior(0.3, 0.2, 0.05);
  CHECK(s->risk_control - s->risk_treatment == Approx(0.3));
  // A proper prior N(0, V) with data variance V halves the effect and the variance.
  ArmSummary c{100, 1, 1}, t{100, 1.2, 1};  // absolute effect 0.2, V = 0.02
  auto flat = *bayesian_test(c, t, false, 0.05, GaussianPrior{});
  auto shrunk = *bayesian_test(c, t, false, 0.05, GaussianPrior{0, 0.02, true});
  CHECK(flat.effect == Approx(0.2));
  CHECK(shrunk.effect == Approx(0.1));
  CHECK(shrunk.sd == Approx(std::sqrt(0.01)));
  // Lower-is-better metric: the same posterior, chance to win and risks mirrored.
  auto inv = *bayesian_test(c, t, false, 0.05, GaussianPrior{}, /*inverse=*/true);
  CHECK(inv.chance_to_win == Approx(1 - flat.chance_to_win));
  CHECK(inv.risk_control == Approx(flat.risk_treatment));
  CHECK(inv.risk_treatment == Approx(flat.risk_control));
}

TEST_CASE("sequential interval is wider than fixed-horizon and shrinks with n", "[stats]") {
  ArmSummary c{5000, 10, 25}, t{5000, 10.2, 25};
  TestOptions o{0.05, Alternative::kTwoSided, false};
  auto fixed = *welch_t_test(c, t, o);
  auto seq = *sequential_test(c, t, o, 10000);
  CHECK(seq.ci_upper - seq.ci_lower > fixed.ci_upper - fixed.ci_lower);
  CHECK(seq.p_value > fixed.p_value);
  // p <= alpha exactly when the sequence excludes 0.
  CHECK((seq.p_value <= 0.05) == (seq.ci_lower > 0 || seq.ci_upper < 0));
  ArmSummary c2{50000, 10, 25}, t2{50000, 10.2, 25};
  auto later = *sequential_test(c2, t2, o, 10000);
  CHECK(later.ci_upper - later.ci_lower < seq.ci_upper - seq.ci_lower);
  // rho^2 by hand at alpha 0.05, N* = 1000: (-2 ln 0.05 + ln(-2 ln 0.05 + 1)) / 1000
  //   = (5.9914645 + ln 6.9914645) / 1000 = (5.9914645 + 1.9446901) / 1000 = 7.9361546e-3.
  CHECK(sequential_rho_squared(0.05, 1000) == Approx(7.9361546e-3).epsilon(1e-7));
}

}  // namespace
}  // namespace tailor::stats
