// The rule trace ("explain"): one outcome per rule up to the one that decided, each naming a
// branch of GrowthBook's evalFeature (core/assign/evaluate.h lists the codes), and a trace that
// never changes a value or a reason.
#include <catch2/catch.hpp>
#include <string>

#include "core/assign/decide.h"
#include "core/assign/evaluate.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "golden.h"
#include "tests/parse_json.h"

using namespace tailor;

namespace {

using tailor::testing::parse;

// Every skip branch once, on hand-built features; user u1 from FR.
const char* kContext = R"({"attributes": {"id": "u1", "country": "FR"}, "features": {
  "skips": {"defaultValue": "default", "rules": [
    {"id": "pre", "parentConditions": [{"id": "flag", "condition": {"value": false}}], "force": 1},
    {"id": "filt", "filters": [{"seed": "s", "ranges": [[0, 0]]}], "force": 2},
    {"id": "cond", "condition": {"country": "US"}, "force": 3},
    {"id": "zero", "coverage": 0, "force": 4},
    {"id": "range", "range": [0, 0], "force": 5},
    {"id": "nohash", "hashAttribute": "company", "coverage": 0.5, "force": 6},
    {"id": "badver", "coverage": 0.5, "hashVersion": 3, "force": 7},
    {"id": "invalid"},
    {"id": "cov", "key": "cov-exp", "variations": [8, 9], "coverage": 0},
    {"id": "pass", "key": "pass-exp", "variations": [10, 11],
     "meta": [{"key": "a", "passthrough": true}, {"key": "b", "passthrough": true}]}]},
  "forced": {"defaultValue": 0, "rules": [
    {"id": "c", "condition": {"country": "US"}, "force": 1},
    {"force": 2, "coverage": 1}]},
  "experiment": {"defaultValue": 0, "rules": [
    {"id": "e", "key": "e-exp", "variations": [1, 2]}]},
  "gated": {"defaultValue": 0, "rules": [
    {"id": "g", "parentConditions": [{"id": "flag", "condition": {"value": false}, "gate": true}],
     "force": 1}]},
  "cyclic": {"defaultValue": 0, "rules": [{"id": "cy", "parentConditions": [{"id": "cyclic"}]}]},
  "plain": {"defaultValue": 7},
  "broken": {"defaultValue": 0, "rules": [{"id": "ok", "force": 1, "condition": {"id": "x"}},
                                          {"id": "bad", "force": 2, "filters": [{"seed": "s"}]}]},
  "notarray": {"rules": {"not": "an array"}},
  "flag": {"defaultValue": true}},
  "forcedFeatureValues": {"over": 3}})";

std::string trace_of(const char* key) {
  auto eval = assign::eval_feature_explained(parse(kContext), key, nullptr, true);
  return json::stringify(eval.trace);
}

}  // namespace

TEST_CASE("explain: every skip branch has its outcome", "[assign][explain]") {
  CHECK(trace_of("skips") ==
        R"([{"ruleId":"pre","index":0,"outcome":"prerequisiteFailed","prerequisite":"flag"},)"
        R"({"ruleId":"filt","index":1,"outcome":"filteredOut"},)"
        R"({"ruleId":"cond","index":2,"outcome":"conditionFailed"},)"
        R"({"ruleId":"zero","index":3,"outcome":"notInRollout"},)"
        R"({"ruleId":"range","index":4,"outcome":"notInRollout"},)"
        R"({"ruleId":"nohash","index":5,"outcome":"missingHashAttribute"},)"
        R"({"ruleId":"badver","index":6,"outcome":"invalidHashVersion"},)"
        R"({"ruleId":"invalid","index":7,"outcome":"invalidRule"},)"
        R"({"ruleId":"cov","index":8,"outcome":"experimentNotEnrolled",)"
        R"("experimentReason":"notInCoverage"},)"
        R"({"ruleId":"pass","index":9,"outcome":"passthrough","experimentReason":"assigned"},)"
        R"({"ruleId":null,"index":null,"outcome":"defaultValue"}])");
}

TEST_CASE("explain: the deciding rule ends the trace", "[assign][explain]") {
  // A rule without an id has ruleId null.
  CHECK(trace_of("forced") == R"([{"ruleId":"c","index":0,"outcome":"conditionFailed"},)"
                              R"({"ruleId":null,"index":1,"outcome":"applied"}])");
  CHECK(trace_of("experiment") ==
        R"([{"ruleId":"e","index":0,"outcome":"applied","experimentReason":"assigned"}])");
  CHECK(trace_of("gated") == R"([{"ruleId":"g","index":0,"outcome":"blockedByPrerequisite",)"
                             R"("prerequisite":"flag"}])");
  CHECK(trace_of("cyclic") == R"([{"ruleId":"cy","index":0,"outcome":"cyclicPrerequisite",)"
                              R"("prerequisite":"cyclic"}])");
}

TEST_CASE("explain: no rule, override, unknown feature", "[assign][explain]") {
  CHECK(trace_of("plain") == R"([{"ruleId":null,"index":null,"outcome":"defaultValue"}])");
  CHECK(trace_of("over") == R"([{"ruleId":null,"index":null,"outcome":"override"}])");
  CHECK(trace_of("nope") == R"([{"ruleId":null,"index":null,"outcome":"unknownFeature"}])");
}

TEST_CASE("explain: invalid config names the rule being evaluated", "[assign][explain]") {
  auto broken = assign::eval_feature_explained(parse(kContext), "broken", nullptr, true);
  CHECK(broken.reason == "invalidConfig");
  CHECK(json::stringify(broken.trace) ==
        R"([{"ruleId":"ok","index":0,"outcome":"conditionFailed"},)"
        R"({"ruleId":"bad","index":1,"outcome":"invalidConfig"}])");
  CHECK(trace_of("notarray") == R"([{"ruleId":null,"index":null,"outcome":"invalidConfig"}])");
}

TEST_CASE("explain: no trace unless asked", "[assign][explain]") {
  auto eval = assign::eval_feature_explained(parse(kContext), "skips", nullptr);
  CHECK(eval.trace.is_null());
}

TEST_CASE("explain: decide adds the trace and changes nothing else", "[assign][explain]") {
  json::Value context = parse(kContext);
  json::Value config = json::Value::empty_object();
  config.set("features", *context.find("features"));
  const json::Value& attributes = *context.find("attributes");
  for (const json::Value& sticky : {json::Value(), json::Value::empty_object()}) {
    json::Value plain = assign::decide(config, attributes, sticky);
    json::Value explained = assign::decide(config, attributes, sticky, {.explain = true});
    CHECK(json::stringify(assign::decide(config, attributes, sticky, {})) ==
          json::stringify(plain));
    for (const auto& [key, entry] : explained.find("features")->as_object()) {
      INFO(key);
      REQUIRE(entry.find("trace"));
      CHECK(entry.as_object().back().first == "trace");
      json::Object without = entry.as_object();
      without.pop_back();
      CHECK(json::stringify(json::Value::object(std::move(without))) ==
            json::stringify(*plain.find("features")->find(key)));
      // The single-feature form gives the same member.
      CHECK(json::stringify(assign::explain_feature(config, attributes, sticky, key)) ==
            json::stringify(entry));
    }
    CHECK(json::stringify(*explained.find("experiments")) ==
          json::stringify(*plain.find("experiments")));
  }
  auto unknown = assign::explain_feature(config, attributes, json::Value(), "nope");
  CHECK(unknown.find("reason")->as_string() == "unknownFeature");
}

TEST_CASE("explain: golden vectors give the same result with a trace", "[assign][explain]") {
  int checked = 0;
  for (const auto& c : tailor::assign::testing::golden_cases().as_array()) {
    if (c.find("kind")->as_string() != "feature") continue;
    INFO(c.find("name")->as_string());
    const json::Value& context = *c.find("context");
    const bool sticky = context.contains("stickyBucketAssignmentDocs");
    json::Value docs;
    if (sticky) docs = *context.find("stickyBucketAssignmentDocs");
    const std::string& key = c.find("featureKey")->as_string();
    auto eval = assign::eval_feature_explained(context, key, sticky ? &docs : nullptr, true);
    CHECK(json::stringify(eval.result) == c.find("expected")->as_string());
    REQUIRE(eval.trace.is_array());
    REQUIRE_FALSE(eval.trace.as_array().empty());
    // The last step names what decided, consistently with the reason.
    const std::string& last = eval.trace.as_array().back().find("outcome")->as_string();
    if (eval.reason == "force" || eval.reason == "experiment") {
      CHECK(last == "applied");
    } else if (eval.reason == "prerequisite") {
      CHECK(last == "blockedByPrerequisite");
    } else {
      CHECK(last == eval.reason);
    }
    ++checked;
  }
  CHECK(checked > 500);
}
