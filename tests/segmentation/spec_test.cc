// core/segmentation/spec.h: the "segmentation" section of a campaign spec and its messages.
#include "core/segmentation/spec.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/json/js.h"
#include "tests/parse_json.h"

using namespace tailor;
using namespace tailor::segmentation;
using tailor::testing::parse;

namespace {

std::string error_of(const std::string& text) {
  auto r = parse_spec(parse(text), "segmentation");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  return r.error();
}

}  // namespace

TEST_CASE("spec: rules with a default", "[segmentation]") {
  auto r = parse_spec(parse(R"({"method": "rules", "rules": [
      {"name": "VIP", "condition": {"spend_12m": {"$gte": 1000}}},
      {"name": "Lapsed", "condition": {"days_since_last_order": {"$gt": 180}}}],
      "default": "Everyone else"})"),
                      "segmentation");
  REQUIRE(r.ok());
  CHECK(r->method == Method::kRules);
  REQUIRE(r->segments.size() == 3);
  CHECK(r->segments[0].name == "VIP");
  CHECK(json::stringify(r->segments[1].condition) == R"({"days_since_last_order":{"$gt":180}})");
  CHECK(r->segments[2].name == "Everyone else");
  CHECK(json::stringify(r->segments[2].condition) == "{}");
  // Without "default": "Everyone else".
  auto d = parse_spec(parse(R"({"method": "rules", "rules": [{"name": "A", "condition": {}}]})"),
                      "segmentation");
  REQUIRE(d.ok());
  CHECK(d->segments.back().name == "Everyone else");
}

TEST_CASE("spec: rfm defaults to the five named segments", "[segmentation]") {
  auto r = parse_spec(parse(R"({"method": "rfm", "recency": "days", "frequency": "orders",
                                "monetary": "spend"})"),
                      "segmentation");
  REQUIRE(r.ok());
  CHECK(r->recency == "days");
  REQUIRE(r->segments.size() == 5);
  CHECK(r->segments[0].name == "Champions");
  CHECK(json::stringify(r->segments[0].condition) ==
        R"({"segments.rfm.r":{"$gte":4},"segments.rfm.f":{"$gte":4}})");
  CHECK(json::stringify(r->segments[2].condition) == R"({"segments.rfm.r":{"$gte":4}})");
  CHECK(json::stringify(r->segments[3].condition) == R"({"segments.rfm.f":{"$gte":3}})");
  CHECK(r->segments[4].name == "Hibernating");
  CHECK(json::stringify(r->segments[4].condition) == "{}");
}

TEST_CASE("spec: kmeans members and defaults", "[segmentation]") {
  auto r = parse_spec(parse(R"({"method": "kmeans", "features": ["spend", "orders"], "k": 4,
                                "seed": 7, "max_iterations": 50})"),
                      "segmentation");
  REQUIRE(r.ok());
  CHECK(r->features == std::vector<std::string>{"spend", "orders"});
  CHECK(r->k == 4);
  CHECK(r->seed == 7);
  CHECK(r->max_iterations == 50);
  auto a = parse_spec(parse(R"({"method": "kmeans", "features": ["spend"], "k": "auto"})"), "s");
  REQUIRE(a.ok());
  CHECK_FALSE(a->k.has_value());
  CHECK(a->seed == 1);
  CHECK(a->max_iterations == 100);
}

TEST_CASE("spec: bad input names the member and what is valid", "[segmentation]") {
  CHECK(error_of(R"({"method": "kmeans", "features": ["a"], "k": 1})") ==
        "segmentation.k must be a whole number from 2 to 20 or \"auto\", got 1");
  CHECK(error_of(R"({"method": "kmeans", "features": ["a"], "k": 2.5})") ==
        "segmentation.k must be a whole number from 2 to 20 or \"auto\", got 2.5");
  CHECK(error_of(R"({"method": "cluster"})") ==
        "segmentation.method must be \"rules\", \"rfm\" or \"kmeans\", got \"cluster\"");
  CHECK(error_of("[]") ==
        "segmentation must be an object {\"method\": \"rules\" | \"rfm\" | \"kmeans\", ...}, "
        "got []");
  CHECK(error_of(R"({"method": "rfm", "recency": "d", "frequency": "f", "monetary": "m",
                     "k": 3})") ==
        "segmentation.k is unknown; valid members are method, recency, frequency, monetary, "
        "segments");
  CHECK(error_of(R"({"method": "rfm", "recency": "d", "frequency": 3, "monetary": "m"})") ==
        "segmentation.frequency must be the name of a number or integer column, got 3");
  CHECK(error_of(R"({"method": "kmeans", "features": ["a", "a"]})") ==
        "segmentation.features[1] repeats \"a\"");
  CHECK(error_of(R"({"method": "kmeans", "features": []})") ==
        "segmentation.features must be an array of 1 to 20 column names, got []");
  CHECK(error_of(R"({"method": "kmeans", "features": ["a"], "seed": -1})") ==
        "segmentation.seed must be a whole number from 0 to 9007199254740991, got -1");
  CHECK(error_of(R"({"method": "rules"})") ==
        "segmentation.rules is required: an array of {\"name\", \"condition\"}");
}

TEST_CASE("spec: conditions are checked by the config's condition validator", "[segmentation]") {
  CHECK(error_of(R"({"method": "rules", "rules": [{"name": "A", "condition": {"x": 1}},
                     {"name": "B", "condition": {"spend": {"$gtee": 5}}}]})") ==
        "segmentation.rules[1].condition.spend.$gtee: is not a condition operator (see "
        "docs/config.md, \"Conditions\")");
  CHECK(error_of(R"({"method": "rules", "rules": [{"name": "A",
                     "condition": {"email": {"$regex": "("}}}]})")
            .starts_with("segmentation.rules[0].condition.email.$regex: is not a valid regular "
                         "expression"));
  CHECK(error_of(R"({"method": "rules", "rules": [{"name": "A", "condition": 3}]})") ==
        "segmentation.rules[0].condition must be a condition (an object such as "
        "{\"spend_12m\": {\"$gte\": 1000}}), got 3");
  CHECK(error_of(R"({"method": "rules", "rules": [{"name": "A"}]})") ==
        "segmentation.rules[0].condition must be a condition (an object such as "
        "{\"spend_12m\": {\"$gte\": 1000}}), got nothing");
}

TEST_CASE("spec: segment names need distinct, non-empty slugs", "[segmentation]") {
  CHECK(error_of(R"({"method": "rules", "rules": [{"name": "At Risk", "condition": {}}],
                     "default": "at-risk!"})") ==
        "segmentation.default \"at-risk!\" has the same slug \"at-risk\" as the segment "
        "\"At Risk\"; names must differ in letters or digits");
  CHECK(error_of(R"({"method": "rules", "rules": [{"name": "!!", "condition": {}}]})") ==
        "segmentation.rules[0].name must contain a letter or digit (its slug is the segment's "
        "key), got \"!!\"");
  CHECK(error_of(R"({"method": "rules", "rules": [{"name": "", "condition": {}}]})") ==
        "segmentation.rules[0].name must be a segment name (a string of 1 to 64 bytes), got "
        "\"\"");
}

TEST_CASE("spec: rfm segments end with the default, and Unscored is reserved", "[segmentation]") {
  const std::string head = R"({"method": "rfm", "recency": "d", "frequency": "f",
                               "monetary": "m", "segments": )";
  auto ok = parse_spec(parse(head + R"([{"name": "Best", "condition": {"segments.rfm.score":
                                {"$gte": 12}}}, {"name": "Rest"}]})"),
                       "segmentation");
  REQUIRE(ok.ok());
  REQUIRE(ok->segments.size() == 2);
  CHECK(json::stringify(ok->segments[1].condition) == "{}");
  CHECK(error_of(head + R"([{"name": "Best", "condition": {}}, {"name": "Rest",
                    "condition": {"x": 1}}]})") ==
        "segmentation.segments[1].condition must be absent or {}: the last segment is the "
        "default, for every customer no earlier segment matched");
  CHECK(error_of(head + R"([{"name": "Unscored", "condition": {"x": 1}}, {"name": "Rest"}]})") ==
        "segmentation.segments[0].name \"Unscored\" is reserved for the customers the model "
        "cannot score");
  CHECK(error_of(head + R"([{"name": "A", "condition": {"x": 1}, "size": 3}, {"name": "B"}]})") ==
        "segmentation.segments[0].size is not a member; valid members are name, condition");
}
