// The automation declarations (core/config/automation.h) through config::validate, the one
// check every publish and SDK makes: valid bandits and rollout plans pass, and each problem is
// refused with the member's path and what would be valid. Also the per-period SRM
// (stats::srm_check_by_period) against values computed by hand in Python.
#include "core/config/automation.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/config/validate.h"
#include "core/stats/srm.h"
#include "tests/parse_json.h"

namespace {

using tailor::testing::parse;

std::string problem(const std::string& experiment_members) {
  auto s = tailor::config::validate(
      parse(R"({"experiments": [{"key": "e", "variations": [0, 1, 2], )" + experiment_members +
            "}]}"));
  return s.ok() ? "ok" : s.message();
}

const std::string kBandit =
    R"("metric": "purchase", "intervalMinutes": 60, "burnInExposures": 1000, "minWeight": 0.05)";
const std::string kStages =
    R"("stages": [{"coverage": 0.05, "minExposures": 100, "minMinutes": 60}, {"coverage": 1}])";

TEST_CASE("valid bandits and rollout plans pass", "[automation][config]") {
  CHECK(problem(R"("bandit": {)" + kBandit + "}") == "ok");
  CHECK(problem(R"("bandit": {)" + kBandit +
                R"(, "metricType": "mean", "controlFloor": 0.3, "stopAt": {"chanceToWin": 0.95}})") ==
        "ok");
  CHECK(problem(R"("rollout": {"intervalMinutes": 0.05, )" + kStages + "}") == "ok");
  CHECK(problem(R"("rollout": {"intervalMinutes": 5, "stages": [{"weights": [0.8, 0.1, 0.1]},
      {"weights": [0.34, 0.33, 0.33]}], "guardrails": [{"metric": "unsubscribe",
      "direction": "lowerIsBetter", "bound": 0}, {"metric": "revenue", "metricType": "mean",
      "direction": "higherIsBetter", "bound": 0.02}]})") == "ok");
  // On a feature's experiment rule too, keyed by the feature when the rule has no key.
  auto config = parse(R"({"features": {"hero": {"rules": [{"variations": [1, 2],
      "bandit": {"metric": "click", "intervalMinutes": 1, "burnInExposures": 0,
                 "minWeight": 0.1}}]}}})");
  CHECK(tailor::config::validate(config).ok());
  auto list = tailor::config::automated_experiments(config);
  REQUIRE(list.ok());
  REQUIRE(list->size() == 1);
  CHECK((*list)[0].key == "hero");
  CHECK((*list)[0].path == R"(features["hero"].rules[0])");
  CHECK((*list)[0].weights == std::vector<double>{0.5, 0.5});
}

TEST_CASE("bad declarations name the member and what is valid", "[automation][config]") {
  CHECK(problem(R"("bandit": {"intervalMinutes": 60, "burnInExposures": 0, "minWeight": 0})") ==
        "experiments[0].bandit.metric: must be a non-empty string (an event name)");
  CHECK(problem(R"("bandit": {)" + kBandit + R"(, "minWieght": 0.1})") ==
        "experiments[0].bandit.minWieght: is not a member of a bandit (metric, metricType, "
        "intervalMinutes, burnInExposures, minWeight, controlFloor, sequentialTuning, stopAt)");
  CHECK(problem(R"("bandit": {"metric": "p", "intervalMinutes": 60, "burnInExposures": 0,
      "minWeight": 0.4})") ==
        "experiments[0].bandit.minWeight: must be a number from 0 to 1/3 (3 variations)");
  CHECK(problem(R"("bandit": {"metric": "p", "intervalMinutes": 0, "burnInExposures": 0,
      "minWeight": 0})") ==
        "experiments[0].bandit.intervalMinutes: must be a number of minutes from 1/60 (one "
        "second) to 43200 (30 days)");
  CHECK(problem(R"("bandit": {"metric": "p", "intervalMinutes": 1, "burnInExposures": 1.5,
      "minWeight": 0})") == "experiments[0].bandit.burnInExposures: must be a whole number >= 0");
  CHECK(problem(R"("bandit": {)" + kBandit + R"(, "stopAt": {"chanceToWin": 0.4}})") ==
        "experiments[0].bandit.stopAt.chanceToWin: must be a probability above 0.5 and below 1 "
        "(0.95)");
  CHECK(problem(R"("bandit": {)" + kBandit + R"(}, "rollout": {"intervalMinutes": 5, )" +
                kStages + "}") == "experiments[0]: declares both bandit and rollout; keep one");
  CHECK(problem(R"("rollout": {"intervalMinutes": 5, "stages": []})") ==
        "experiments[0].rollout.stages: must be an array of 1 to 20 stages");
  CHECK(problem(R"("rollout": {"intervalMinutes": 5, "stages": [{"coverage": 0.5,
      "weights": [1, 0, 0]}]})") ==
        "experiments[0].rollout.stages[0]: must have exactly one of coverage or weights");
  CHECK(problem(R"("rollout": {"intervalMinutes": 5, "stages": [{"weights": [0.5, 0.5]}]})") ==
        "experiments[0].rollout.stages[0].weights: has 2 entries for 3 variations");
  CHECK(problem(R"("rollout": {"intervalMinutes": 5, "stages": [{"weights": [0.5, 0.5, 0.5]}]})") ==
        "experiments[0].rollout.stages[0].weights: must sum to 1 (within 1e-6)");
  CHECK(problem(R"("rollout": {"intervalMinutes": 5, "stages": [{"coverage": 0}]})") ==
        "experiments[0].rollout.stages[0].coverage: must be above 0 (0 is a rollback)");
  CHECK(problem(R"("rollout": {"intervalMinutes": 5, )" + kStages +
                R"(, "guardrails": [{"metric": "u", "direction": "down", "bound": 0}]})") ==
        "experiments[0].rollout.guardrails[0].direction: must be \"lowerIsBetter\" or "
        "\"higherIsBetter\"");
  CHECK(problem(R"("rollout": {"intervalMinutes": 5, )" + kStages +
                R"(, "guardrails": [{"metric": "u", "direction": "lowerIsBetter"}]})") ==
        "experiments[0].rollout.guardrails[0].bound: is required: a relative change >= 0 (0.1 = "
        "10 % worse than control)");
  CHECK(problem(R"("rollout": {"intervalMinutes": 5, "alpha": 0.5, )" + kStages + "}") ==
        "experiments[0].rollout.alpha: must be a number above 0 and below 0.5");
  auto one = tailor::config::validate(parse(R"({"experiments": [{"key": "e", "variations": [1],
      "bandit": {"metric": "p", "intervalMinutes": 1, "burnInExposures": 0, "minWeight": 0}}]})"));
  CHECK(one.message() == "experiments[0].bandit: a bandit needs at least 2 variations");
  auto twice = tailor::config::validate(parse(R"({"experiments": [
      {"key": "e", "variations": [1, 2], "bandit": {"metric": "p", "intervalMinutes": 1,
       "burnInExposures": 0, "minWeight": 0}},
      {"key": "e", "variations": [1, 2], "rollout": {"intervalMinutes": 1,
       "stages": [{"coverage": 1}]}}]})"));
  CHECK(twice.message() ==
        "experiments[1].key: \"e\" is automated at experiments[0] already; automated "
        "experiments need distinct keys");
  // A force rule has no control arm: a plan on it is refused, not ignored.
  auto force = tailor::config::validate(parse(R"({"features": {"f": {"defaultValue": false,
      "rules": [{"force": true, "coverage": 0.1, "rollout": {"intervalMinutes": 1,
       "stages": [{"coverage": 0.5}, {"coverage": 1}]}}]}}})"));
  CHECK(force.message() ==
        "features[\"f\"].rules[0].rollout: is declared on a force rule (no variations), which has no "
        "control arm to compare; declare it on an experiment rule with variations [current "
        "value, new value] and the ramp as its coverage");
  auto force_bandit = tailor::config::validate(parse(R"({"features": {"f": {"defaultValue": 1,
      "rules": [{"force": 2, "bandit": {}}]}}})"));
  CHECK(force_bandit.message().rfind("features[\"f\"].rules[0].bandit: is declared on a force rule", 0) == 0);
}

TEST_CASE("with_allocation rewrites only the experiment's coverage and weights",
          "[automation][config]") {
  auto config = parse(R"({"features": {"hero": {"defaultValue": 0, "rules": [
      {"force": 1}, {"key": "x", "variations": [1, 2], "coverage": 0.1,
       "rollout": {"intervalMinutes": 1, "stages": [{"coverage": 0.1}, {"coverage": 1}]}}]}}})");
  auto list = tailor::config::automated_experiments(config);
  REQUIRE(list.ok());
  auto out = tailor::config::with_allocation(config, (*list)[0], 0.5, {0.3, 0.7});
  REQUIRE(out.ok());
  CHECK(tailor::config::validate(*out).ok());
  const auto& rule = out->find("features")->find("hero")->find("rules")->as_array()[1];
  CHECK(rule.find("coverage")->as_number() == 0.5);
  CHECK(rule.find("weights")->as_array()[1].as_number() == 0.7);
  CHECK(out->find("features")->find("hero")->find("rules")->as_array()[0].find("force"));
  auto moved = (*list)[0];
  moved.rule = 0;  // the force rule: not an experiment with 2 variations
  CHECK(!tailor::config::with_allocation(config, moved, 0, {}).ok());
}

TEST_CASE("SRM over periods of changing weights (GrowthBook's bandit SRM)", "[automation][stats]") {
  using tailor::stats::srm_check_by_period;
  // Period 1 at 1/3 each saw 100/110/90; period 2 at 0.2/0.2/0.6 saw 50/45/160.
  // Python: E = [151, 151, 253], O = [150, 155, 250],
  // chi2 = 1/151 + 16/151 + 9/253 = 0.14815590398659792, dof 2, p = exp(-chi2/2)
  // = 0.9285993048531016.
  auto ok = srm_check_by_period({{100, 110, 90}, {50, 45, 160}},
                                {{1.0 / 3, 1.0 / 3, 1.0 / 3}, {0.2, 0.2, 0.6}});
  REQUIRE(ok.ok());
  CHECK(ok->chi2 == Catch::Detail::Approx(0.14815590398659792).epsilon(1e-12));
  CHECK(ok->dof == 2);
  CHECK(ok->p_value == Catch::Detail::Approx(0.9285993048531016).epsilon(1e-9));
  CHECK(!ok->mismatch);
  // Pooled against the final weights, the same healthy traffic looks broken.
  auto pooled = tailor::stats::srm_check({150, 155, 250}, {0.2, 0.2, 0.6});
  REQUIRE(pooled.ok());
  CHECK(pooled->mismatch);
  // Period 2 served at the old weights: O = [185, 195, 175], chi2 = 44.52425202209251,
  // p = 2.1462559787410884e-10.
  auto bad = srm_check_by_period({{100, 110, 90}, {85, 85, 85}},
                                 {{1.0 / 3, 1.0 / 3, 1.0 / 3}, {0.2, 0.2, 0.6}});
  REQUIRE(bad.ok());
  CHECK(bad->chi2 == Catch::Detail::Approx(44.52425202209251).epsilon(1e-12));
  CHECK(bad->p_value == Catch::Detail::Approx(2.1462559787410884e-10).epsilon(1e-6));
  CHECK(bad->mismatch);
  // An arm at weight 0 throughout has no expectation and leaves the test (dof 1):
  // E = [75, 125], O = [100, 100], chi2 = 13.333333333333334, p = erfc(sqrt(chi2/2))
  // = 0.0002607296328553168.
  auto zero = srm_check_by_period({{60, 40, 0}, {40, 60, 0}}, {{0.5, 0.5, 0}, {0.25, 0.75, 0}});
  REQUIRE(zero.ok());
  CHECK(zero->dof == 1);
  CHECK(zero->p_value == Catch::Detail::Approx(0.0002607296328553168).epsilon(1e-9));
  CHECK(srm_check_by_period({}, {}).error() == "no periods, expected 1 or more");
  CHECK(srm_check_by_period({{1, 2}}, {{0, 0}}).error() == "period 0: every weight is 0");
  CHECK(srm_check_by_period({{1, 2}}, {{0.5, 0.5, 0}}).error() ==
        "period 0: has 2 counts and 3 weights, expected 2 of each");
}

}  // namespace
