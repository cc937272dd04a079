// Golden vectors from an independent python3 reference (tools/gen/stats_reference.py: its own
// incomplete-beta/gamma continued fractions and statistics.NormalDist, self-checked against
// NIST table values). Each case's derivation is the formula named in the core header.
#include "tests/stats/golden.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/stats/bayesian.h"
#include "core/stats/cuped.h"
#include "core/stats/frequentist.h"
#include "core/stats/power.h"
#include "core/stats/sequential.h"
#include "core/stats/srm.h"

namespace tailor::stats {
namespace {

using testing::arm;
using testing::at;
using testing::check;
using testing::check_bound;
using testing::num;
using testing::section;

TEST_CASE("stats golden: frequentist Welch t-test", "[stats][golden]") {
  REQUIRE(section("frequentist").size() == 9);
  for (const auto& c : section("frequentist")) {
    std::string name = c.find("name")->as_string();
    TestOptions o;
    o.alpha = num(c, "alpha");
    o.relative = c.find("relative")->as_bool();
    REQUIRE(parse_alternative(c.find("alternative")->as_string(), o.alternative));
    auto r =
        welch_t_test(arm(c, "control", "control_prop"), arm(c, "treatment", "treatment_prop"), o);
    REQUIRE(r.ok());
    const json::Value& e = *c.find("expect");
    check(r->effect, num(e, "effect"), name + " effect");
    check(r->se, num(e, "se"), name + " se");
    check(r->p_value, num(e, "p_value"), name + " p");
    check(r->dof, num(e, "dof"), name + " dof");
    check_bound(r->ci_lower, e, 0, name + " ci lower");
    check_bound(r->ci_upper, e, 1, name + " ci upper");
  }
}

TEST_CASE("stats golden: sequential confidence sequences", "[stats][golden]") {
  REQUIRE(section("sequential").size() == 2);
  for (const auto& c : section("sequential")) {
    std::string name = c.find("name")->as_string();
    TestOptions o;
    o.alpha = num(c, "alpha");
    o.relative = c.find("relative")->as_bool();
    auto r = sequential_test(arm(c, "control", ""), arm(c, "treatment", ""), o, num(c, "n_star"));
    REQUIRE(r.ok());
    const json::Value& e = *c.find("expect");
    check(r->effect, num(e, "effect"), name + " effect");
    check(r->se, num(e, "se"), name + " se");
    check(r->p_value, num(e, "p_value"), name + " p");
    check_bound(r->ci_lower, e, 0, name + " lower");
    check_bound(r->ci_upper, e, 1, name + " upper");
  }
}

TEST_CASE("stats golden: Bayesian effect posterior", "[stats][golden]") {
  REQUIRE(section("bayesian").size() == 3);
  for (const auto& c : section("bayesian")) {
    std::string name = c.find("name")->as_string();
    GaussianPrior prior;
    if (const json::Value* p = c.find("prior"); p != nullptr && p->is_object()) {
      prior = {num(*p, "mean"), num(*p, "variance"), p->find("proper")->as_bool()};
    }
    auto r = bayesian_test(arm(c, "control", "control_prop"), arm(c, "treatment", "treatment_prop"),
                           c.find("relative")->as_bool(), num(c, "alpha"), prior);
    REQUIRE(r.ok());
    const json::Value& e = *c.find("expect");
    check(r->effect, num(e, "effect"), name + " effect");
    check(r->sd, num(e, "se"), name + " se (posterior sd)");
    check(r->chance_to_win, num(e, "chance_to_win"), name + " ctw");
    check(r->risk_control, at(e, "risk", 0), name + " risk control");
    check(r->risk_treatment, at(e, "risk", 1), name + " risk treatment");
    check_bound(r->ci_lower, e, 0, name + " lower");
    check_bound(r->ci_upper, e, 1, name + " upper");
  }
}

// gbstats' CUPED: theta from both arms' sums together, the relative effect over the unadjusted
// |control mean| with frequentist_variance_relative_cuped. By hand for "synthetic sums": the
// joint sums are n 2000, sum y 21150, sum x 19700, sum x^2 214800, sum xy 224500, so
// theta = (224500 - 19700*21150/2000) / (214800 - 19700^2/2000) = 16172.5 / 20755 = 0.7792098;
// absolute D = (10.9 - 10.25) - theta (9.9 - 9.8) = 0.65 - 0.0779210 = 0.5720790;
// relative D / 10.25 = 0.0558126.
TEST_CASE("stats golden: CUPED", "[stats][golden]") {
  REQUIRE(section("cuped").size() == 6);
  for (const auto& c : section("cuped")) {
    std::string name = c.find("name")->as_string();
    auto cs = [&](const char* key) {
      return CupedStats{at(c, key, 0), at(c, key, 1), at(c, key, 2),
                        at(c, key, 3), at(c, key, 4), at(c, key, 5)};
    };
    TestOptions o;
    o.alpha = num(c, "alpha");
    o.relative = c.find("relative")->as_bool();
    auto r = cuped_test(cs("control"), cs("treatment"), o);
    REQUIRE(r.ok());
    const json::Value& e = *c.find("expect");
    check(r->theta, num(e, "theta"), name + " theta");
    check(r->test.effect, num(e, "effect"), name + " effect");
    check(r->test.se, num(e, "se"), name + " se");
    check(r->test.p_value, num(e, "p_value"), name + " p");
    check(r->variance_reduction, num(e, "variance_reduction"), name + " variance reduction");
    check_bound(r->test.ci_lower, e, 0, name + " lower");
    check_bound(r->test.ci_upper, e, 1, name + " upper");
  }
  auto by_hand = [](double x) { return Catch::Detail::Approx(x).epsilon(1e-6); };
  const json::Value& synthetic = section("cuped")[1];  // relative
  REQUIRE(synthetic.find("relative")->as_bool());
  CupedStats c{1000, 10250, 115900, 9800, 106500, 109100};
  CupedStats t{1000, 10900, 130000, 9900, 108300, 115400};
  CHECK(cuped_theta(c, t) == by_hand(16172.5 / 20755));
  CHECK(num(*synthetic.find("expect"), "effect") == by_hand(0.0558126));
}

// GrowthBook's checkSrm: weight-0 arms leave the test, with their users (cases of
// packages/back-end/test/stats.test.ts and more).
TEST_CASE("stats golden: SRM chi-square", "[stats][golden]") {
  REQUIRE(section("srm").size() == 13);
  for (const auto& c : section("srm")) {
    std::vector<double> obs, w;
    for (const auto& x : c.find("observed")->as_array()) obs.push_back(x.as_number());
    for (const auto& x : c.find("weights")->as_array()) w.push_back(x.as_number());
    auto r = srm_check(obs, w);
    REQUIRE(r.ok());
    const json::Value& e = *c.find("expect");
    check(r->chi2, num(e, "chi2"), "chi2");
    check(r->dof, num(e, "dof"), "srm dof");
    check(r->p_value, num(e, "p_value"), "srm p");
    CHECK(r->mismatch == (num(e, "p_value") < 0.001));
  }
}

TEST_CASE("stats golden: sample size", "[stats][golden]") {
  REQUIRE(section("sample_size").size() == 4);
  for (const auto& c : section("sample_size")) {
    double expected = num(c, "expect");
    Result<double> r =
        c.find("metric")->as_string() == "proportion"
            ? sample_size_proportions(num(c, "baseline"), num(c, "treatment"), num(c, "alpha"),
                                      num(c, "power"))
            : sample_size_means(num(c, "sd"), num(c, "mde"), num(c, "alpha"), num(c, "power"));
    REQUIRE(r.ok());
    CHECK(*r == expected);
  }
}

// Published values: GrowthBook's own gbstats unit tests (packages/stats/tests/frequentist/
// test_tests.py), which print results rounded to 5 decimals. Agreement here is agreement with
// the tool data scientists already check against.
TEST_CASE("stats golden: gbstats published frequentist and sequential values", "[stats][golden]") {
  using Catch::Detail::Approx;
  auto close = [](double x) { return Approx(x).margin(5.1e-6); };
  ArmSummary c = *summarize(MeanStats{3407, 1396.87, 52377.9767});
  ArmSummary t = *summarize(MeanStats{3461, 2422.7, 134698.29});
  auto rel = *welch_t_test(c, t, TestOptions{0.05, Alternative::kTwoSided, true});
  CHECK(rel.effect == close(0.70732));
  CHECK(rel.ci_lower == close(-0.03526));
  CHECK(rel.ci_upper == close(1.44989));
  CHECK(rel.se == close(0.37879));
  CHECK(rel.p_value == close(0.06191));
  auto abs = *welch_t_test(c, t, TestOptions{0.05, Alternative::kTwoSided, false});
  CHECK(abs.effect == close(0.29));
  CHECK(abs.ci_lower == close(0.04538));
  CHECK(abs.ci_upper == close(0.53462));
  CHECK(abs.se == close(0.12478));
  CHECK(abs.p_value == close(0.02016));
  auto binom = *welch_t_test(*summarize(ProportionStats{28, 14}),
                             *summarize(ProportionStats{30, 16}), TestOptions{});
  CHECK(binom.effect == close(0.06667));
  CHECK(binom.ci_lower == close(-0.47767));
  CHECK(binom.ci_upper == close(0.61101));
  CHECK(binom.se == close(0.2717));
  CHECK(binom.p_value == close(0.80707));
  // Sequential, N* = 1000, control n = 3000 (gbstats' p-value here predates its always-valid
  // p-value, so only the effect and the confidence sequence are compared).
  ArmSummary c3000 = *summarize(MeanStats{3000, 1396.87, 52377.9767});
  auto seq = *sequential_test(c3000, t, TestOptions{}, 1000);
  CHECK(seq.effect == close(0.50336));
  CHECK(seq.ci_lower == close(-0.55844));
  CHECK(seq.ci_upper == close(1.56516));
  CHECK(seq.se == close(0.33341));
  // Sequential proportions with gbstats' default N* = 5000.
  auto seqp = *sequential_test(*summarize(ProportionStats{3000, 1396}),
                               *summarize(ProportionStats{3461, 2422}), TestOptions{}, 5000);
  CHECK(seqp.effect == close(0.50386));
  CHECK(seqp.ci_lower == close(0.40098));
  CHECK(seqp.ci_upper == close(0.60675));
  CHECK(seqp.se == close(0.03386));
}

// gbstats' Bayesian effect test (packages/stats/tests/bayesian/test_tests.py), flat prior,
// relative: expected 0.05, ci [-0.02, 0.12], sd 0.03572, chance to win 0.91923,
// risk [0.05131, 0.00131] — also fixing the order of `risk` as [control, treatment].
TEST_CASE("stats golden: gbstats published Bayesian effect values", "[stats][golden]") {
  using Catch::Detail::Approx;
  auto close = [](double x) { return Approx(x).margin(5.1e-6); };
  ArmSummary c = *summarize(MeanStats{10, 100, 1002.25});
  ArmSummary t = *summarize(MeanStats{10, 105, 1111.5});
  auto r = *bayesian_test(c, t, true, 0.05, GaussianPrior{});
  CHECK(r.effect == close(0.05));
  CHECK(r.sd == close(0.03572));
  CHECK(r.chance_to_win == close(0.91923));
  CHECK(r.risk_control == close(0.05131));
  CHECK(r.risk_treatment == close(0.00131));
  CHECK(r.ci_lower == Approx(-0.02).margin(5e-5));
  CHECK(r.ci_upper == Approx(0.12).margin(5e-5));
}

}  // namespace
}  // namespace tailor::stats
