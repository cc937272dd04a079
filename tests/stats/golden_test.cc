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
using testing::num;
using testing::section;

// Relative tolerance 1e-9 (the reference's quantiles are bisected to ~1e-12).
void check(double actual, double expected, const std::string& what) {
  INFO(what << ": actual " << actual << " expected " << expected);
  CHECK(std::fabs(actual - expected) <= 1e-9 * std::fmax(1.0, std::fabs(expected)));
}

// A null in the golden CI means an infinite (open) side.
void check_bound(double actual, const json::Value& expect, size_t i, const std::string& what) {
  const json::Value& b = expect.find("ci")->as_array()[i];
  if (b.is_null()) {
    CHECK(std::isinf(actual));
  } else {
    check(actual, b.as_number(), what);
  }
}

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
    check(r->chance_to_win, num(e, "chance_to_win"), name + " ctw");
    check(r->risk_control, at(e, "risk", 0), name + " risk control");
    check(r->risk_treatment, at(e, "risk", 1), name + " risk treatment");
    check_bound(r->ci_lower, e, 0, name + " lower");
    check_bound(r->ci_upper, e, 1, name + " upper");
  }
}

TEST_CASE("stats golden: CUPED", "[stats][golden]") {
  REQUIRE(section("cuped").size() == 2);
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
    check(r->test.p_value, num(e, "p_value"), name + " p");
    check_bound(r->test.ci_lower, e, 0, name + " lower");
    check_bound(r->test.ci_upper, e, 1, name + " upper");
    CHECK(r->variance_reduction > 0.5);  // x explains most of y in this synthetic data
  }
}

TEST_CASE("stats golden: SRM chi-square", "[stats][golden]") {
  REQUIRE(section("srm").size() == 4);
  for (const auto& c : section("srm")) {
    std::vector<double> obs, w;
    for (const auto& x : c.find("observed")->as_array()) obs.push_back(x.as_number());
    for (const auto& x : c.find("weights")->as_array()) w.push_back(x.as_number());
    auto r = srm_check(obs, w);
    REQUIRE(r.ok());
    const json::Value& e = *c.find("expect");
    check(r->chi2, num(e, "chi2"), "chi2");
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

}  // namespace
}  // namespace tailor::stats
