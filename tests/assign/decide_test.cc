// decide(): all features and experiments of a config for one user. Values are checked against
// the GrowthBook golden vectors' evaluation path (eval_feature / run_experiment) and the shape
// against the contract in core/assign/decide.h.
#include "core/assign/decide.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/assign/evaluate.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "tests/parse_json.h"

using namespace tailor;

namespace {

using tailor::testing::parse;

const char* kConfig = R"({
  "features": {
    "banner": {"defaultValue": "none", "rules": [
      {"id": "r1", "key": "banner-exp", "variations": ["red", "blue"], "coverage": 1,
       "meta": [{"key": "0"}, {"key": "1"}], "hashAttribute": "id"}]},
    "beta": {"defaultValue": false, "rules": [{"force": true, "condition": {"country": "FR"}}]},
    "broken": {"rules": {"not": "an array"}}
  },
  "experiments": [
    {"key": "hero", "variations": [{"h": 1}, {"h": 2}], "meta": [{"key": "a"}, {"key": "b"}]},
    {"key": "hero", "variations": [0, 1], "status": "draft"},
    {"key": "drafty", "variations": [0, 1], "status": "draft"}
  ],
  "savedGroups": {}
})";

}  // namespace

TEST_CASE("decide reports every feature and experiment", "[assign][decide]") {
  auto config = parse(kConfig);
  auto attributes = parse(R"({"id": "u1", "country": "FR"})");
  auto out = assign::decide(config, attributes, json::Value());
  const auto& features = *out.find("features");
  CHECK(features.as_object().size() == 3);
  CHECK_FALSE(out.contains("stickyBucketAssignmentDocs"));

  // Same answer as eval_feature over the equivalent context.
  auto context = parse(R"({"attributes": {"id": "u1", "country": "FR"}})");
  context.set("features", *config.find("features"));
  auto banner = assign::eval_feature_explained(context, "banner", nullptr);
  const auto& b = *features.find("banner");
  CHECK(json::stringify(*b.find("value")) == json::stringify(*banner.result.find("value")));
  CHECK(b.find("source")->as_string() == "experiment");
  CHECK(b.find("ruleId")->as_string() == "r1");
  CHECK(b.find("reason")->as_string() == "experiment");
  const auto& e = *b.find("experiment");
  CHECK(e.find("key")->as_string() == "banner-exp");
  CHECK(json::stringify(*e.find("variationId")) ==
        json::stringify(*banner.result.find("experimentResult")->find("variationId")));
  CHECK(e.find("hashValue")->as_string() == "u1");
  CHECK(e.contains("bucket"));

  CHECK(features.find("beta")->find("value")->as_bool());
  CHECK(features.find("beta")->find("reason")->as_string() == "force");
  const auto& broken = *features.find("broken");
  CHECK(broken.find("reason")->as_string() == "invalidConfig");
  CHECK(broken.find("value")->is_null());
  CHECK(broken.contains("error"));

  const auto& experiments = *out.find("experiments");
  CHECK(experiments.as_object().size() == 2);  // "hero" repeats: the first one is reported
  CHECK(experiments.find("hero")->find("reason")->as_string() == "assigned");
  CHECK(experiments.find("drafty")->find("reason")->as_string() == "draft");
  CHECK_FALSE(experiments.find("drafty")->find("inExperiment")->as_bool());
}

TEST_CASE("decide threads sticky bucket documents", "[assign][decide]") {
  auto config = parse(kConfig);
  auto attributes = parse(R"({"id": "u1"})");
  auto first = assign::decide(config, attributes, json::Value::empty_object());
  const auto& docs = *first.find("stickyBucketAssignmentDocs");
  REQUIRE(docs.contains("id||u1"));
  const auto& assignments = *docs.find("id||u1")->find("assignments");
  CHECK(assignments.contains("banner-exp__0"));
  CHECK(assignments.contains("hero__0"));

  auto second = assign::decide(config, attributes, docs);
  CHECK(second.find("experiments")->find("hero")->find("reason")->as_string() == "stickyBucket");
  CHECK(json::stringify(*second.find("stickyBucketAssignmentDocs")) == json::stringify(docs));
  // Deterministic: same input, same bytes.
  CHECK(json::stringify(assign::decide(config, attributes, docs)) == json::stringify(second));
}

TEST_CASE("decide buckets contextual-bandit rules on the user's leaf", "[assign][decide]") {
  // GrowthBook 1.8.0 (evalFeature with these contextualBandits) puts u1 in "treatment" on the
  // pro leaf (weights [0, 1]) and in "control" on the free leaf (weights [1, 0]); on the
  // rule's own weights [0.5, 0.5] (no leaf) u1's bucket 0.5305 is "treatment".
  auto config = parse(R"({
    "features": {"cb": {"defaultValue": "default", "rules": [
      {"key": "bandit-exp", "seed": "bandit-exp", "hashAttribute": "id", "hashVersion": 2,
       "contextualVariations": ["control", "treatment"], "weights": [0.5, 0.5],
       "meta": [{"key": "0"}, {"key": "1"}], "contextualBanditRef": "cb-bandit"}]}},
    "contextualBandits": {"cb-bandit": {"banditVersion": 7, "contexts": [
      {"leafId": 1, "condition": {"plan": "pro"}, "weights": [0, 1]},
      {"leafId": 2, "condition": {"plan": "free"}, "weights": [1, 0]}]}}
  })");
  auto value_for = [&](const char* attributes) {
    auto out = assign::decide(config, parse(attributes), json::Value());
    return out.find("features")->find("cb")->find("value")->as_string();
  };
  CHECK(value_for(R"({"id": "1", "plan": "pro"})") == "treatment");
  CHECK(value_for(R"({"id": "1", "plan": "free"})") == "control");
  CHECK(value_for(R"({"id": "1", "plan": "other"})") == "treatment");
}
