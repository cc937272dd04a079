// core/simulate: the planted truth's section parser, its messages, the model's probabilities
// and the planted answers the report must recover.
#include "core/simulate/truth.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "core/json/js.h"
#include "core/simulate/demo.h"
#include "tests/parse_json.h"

using namespace tailor::simulate;
using tailor::json::Value;

namespace {

constexpr const char* kSection = R"({
  "seed": 42, "start": "2026-12-01T09:00:00Z", "days": 5,
  "base": {"open": 0.3, "click": 0.25, "purchase": 0.3, "unsubscribe": 0.01, "revenue": 90},
  "segments": {"At Risk": {"open": -0.2, "unsubscribe": 0.3, "revenue": 100,
                           "strategies": {"urgency": 0.6, "loyalty": -0.1}},
               "Champions": {"open": 0.5}},
  "strategies": {"urgency": {"open": 0.1, "unsubscribe": 0.4}, "benefit": {"click": 0.05}},
  "attributes": {"email_engagement": {"center": 0.4, "scale": 0.2, "open": 0.8, "uplift": 0.5},
                 "loyalty_member": {"purchase": 0.3, "uplift": -0.2}}
})";

// The error for the section with `member` of the object at `where` ("" = the section, or
// "base", "segments.At Risk", ...) replaced by `value` (JSON text; "" removes the member).
std::string error_with(const std::string& where, const std::string& member,
                       const std::string& value) {
  const Value section = tailor::testing::parse(kSection);
  std::vector<std::string> parts;
  std::string rest = where;
  while (!rest.empty()) {
    const auto dot = rest.find('.');
    parts.push_back(rest.substr(0, dot));
    rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
  }
  // Rebuild bottom-up: edit the innermost object, then set it back into its parents.
  std::vector<Value> chain{section};
  for (const auto& p : parts) {
    Value inner = *chain.back().find(p);
    chain.push_back(std::move(inner));
  }
  Value edited = chain.back();
  if (value.empty()) {
    tailor::json::Object kept;
    for (const auto& m : edited.as_object()) {
      if (m.first != member) kept.push_back(m);
    }
    edited = Value::object(std::move(kept));
  } else {
    edited.set(member, tailor::testing::parse(value));
  }
  for (size_t i = parts.size(); i-- > 0;) {
    chain[i].set(parts[i], edited);
    edited = chain[i];
  }
  auto r = parse_truth(edited, "simulation");
  return r.ok() ? "ok" : r.error();
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
double logit(double p) { return std::log(p / (1 - p)); }

}  // namespace

TEST_CASE("parse_truth reads every member", "[simulate]") {
  auto r = parse_truth(tailor::testing::parse(kSection), "simulation");
  REQUIRE(r.ok());
  const Truth& t = *r;
  CHECK(t.seed == 42);
  CHECK(t.start == "2026-12-01T09:00:00Z");
  // python3 -c "import calendar; print(calendar.timegm((2026,12,1,9,0,0))*1000)"
  CHECK(t.start_ms == 1796115600000);
  CHECK(t.days == 5);
  CHECK(t.base.open == 0.3);
  CHECK(t.base.revenue == 90);
  CHECK(t.base.revenue_sigma == 0.5);  // the default
  REQUIRE(t.segments.size() == 2);
  const SegmentTruth* risk = t.segment("At Risk");
  REQUIRE(risk != nullptr);
  CHECK(risk->effect.open == -0.2);
  CHECK(risk->effect.click == 0);
  CHECK(risk->effect.unsubscribe == 0.3);
  CHECK(risk->revenue == 100);
  REQUIRE(risk->strategies.size() == 2);
  CHECK(risk->strategies[0] == std::pair<std::string, double>{"urgency", 0.6});
  CHECK_FALSE(t.segment("Champions")->revenue.has_value());
  CHECK(t.segment("Loyal") == nullptr);
  REQUIRE(t.strategies.size() == 2);
  CHECK(t.strategy("urgency")->effect.unsubscribe == 0.4);
  REQUIRE(t.attributes.size() == 2);
  CHECK(t.attributes[0].column == "email_engagement");
  CHECK(t.attributes[0].scale == 0.2);
  CHECK(t.attributes[1].scale == 1);  // the default
  CHECK(t.attributes[1].uplift == -0.2);
}

TEST_CASE("parse_truth: messages name the member and what is valid", "[simulate]") {
  CHECK(error_with("segments.At Risk", "revenue", "0") ==
        "simulation.segments[\"At Risk\"].revenue must be a number > 0, got 0");
  CHECK(error_with("segments.At Risk", "open", "\"high\"") ==
        "simulation.segments[\"At Risk\"].open must be a finite number, got \"high\"");
  CHECK(error_with("segments.At Risk", "strategies", R"({"discount": 1})") ==
        "simulation.segments[\"At Risk\"].strategies names the strategy \"discount\"; valid "
        "strategies are benefit, social_proof, loyalty, urgency");
  CHECK(error_with("segments.At Risk", "strategies", R"({"urgency": null})") ==
        "simulation.segments[\"At Risk\"].strategies[\"urgency\"] must be a finite number (a "
        "log-odds shift), got null");
  CHECK(error_with("segments.At Risk", "size", "3") ==
        "simulation.segments[\"At Risk\"] has an unknown member \"size\"; valid members are "
        "open, click, purchase, unsubscribe, revenue, strategies");
  CHECK(error_with("", "seed", "1.5") ==
        "simulation.seed must be a whole number from 0 to 9007199254740991, got 1.5");
  CHECK(error_with("", "seed", "-1") ==
        "simulation.seed must be a whole number from 0 to 9007199254740991, got -1");
  CHECK(error_with("", "seed", "") ==
        "simulation.seed is required: a whole number from 0 to 2^53-1");
  CHECK(error_with("", "start", "\"2026-12-01 09:00\"") ==
        "simulation.start must be an RFC 3339 UTC time like 2026-12-01T09:00:00Z, got "
        "\"2026-12-01 09:00\"");
  CHECK(error_with("", "start", "\"2026-02-29T09:00:00Z\"") ==
        "simulation.start must be an RFC 3339 UTC time like 2026-12-01T09:00:00Z, got "
        "\"2026-02-29T09:00:00Z\"");
  CHECK(error_with("", "days", "0") ==
        "simulation.days must be a whole number from 1 to 90, got 0");
  CHECK(error_with("", "sede", "1") ==
        "simulation has an unknown member \"sede\"; valid members are seed, start, days, base, "
        "segments, strategies, attributes");
  CHECK(error_with("", "base", "") ==
        "simulation.base is required: {open, click, purchase, unsubscribe, revenue}");
  CHECK(error_with("base", "open", "1") ==
        "simulation.base.open must be a probability between 0 and 1 (exclusive), got 1");
  CHECK(error_with("base", "click", "") == "simulation.base.click is required: a probability");
  CHECK(error_with("base", "revenue", "-5") ==
        "simulation.base.revenue must be a number > 0, got -5");
  CHECK(error_with("base", "revenue_sigma", "4") ==
        "simulation.base.revenue_sigma must be a number from 0 to 3, got 4");
  CHECK(error_with("", "strategies", R"({"discount": {}})") ==
        "simulation.strategies names the strategy \"discount\"; valid strategies are benefit, "
        "social_proof, loyalty, urgency");
  CHECK(error_with("strategies", "urgency", R"({"convert": 1})") ==
        "simulation.strategies[\"urgency\"] has an unknown member \"convert\"; valid members "
        "are open, click, purchase, unsubscribe");
  CHECK(error_with("attributes.email_engagement", "scale", "0") ==
        "simulation.attributes[\"email_engagement\"].scale must be a number > 0, got 0");
  CHECK(error_with("", "attributes", "[]") ==
        "simulation.attributes must be an object of attribute effects by column name, got []");
  CHECK(parse_truth(Value(3), "sim").error() ==
        "sim must be an object {seed, start, days?, base, segments?, strategies?, "
        "attributes?}, got 3");
}

TEST_CASE("parse_utc_time accepts exactly YYYY-MM-DDTHH:MM:SSZ", "[simulate]") {
  CHECK(parse_utc_time("1970-01-01T00:00:00Z") == 0);
  // python3 -c "import calendar; print(calendar.timegm((2024,2,29,23,59,59))*1000)"
  CHECK(parse_utc_time("2024-02-29T23:59:59Z") == 1709251199000);
  CHECK_FALSE(parse_utc_time("2023-02-29T00:00:00Z"));
  CHECK_FALSE(parse_utc_time("2026-12-01T24:00:00Z"));
  CHECK_FALSE(parse_utc_time("2026-12-01T09:00:00+01:00"));
  CHECK_FALSE(parse_utc_time("2026-12-01T09:00:00.5Z"));
  CHECK_FALSE(parse_utc_time("2026-12-01"));
}

TEST_CASE("probabilities follow the documented logistic model", "[simulate]") {
  const Truth t = *parse_truth(tailor::testing::parse(kSection), "simulation");
  // email_engagement 0.7 -> z = (0.7 - 0.4) / 0.2 = 1.5; loyalty_member true -> z = 1.
  const std::vector<double> z{1.5, 1.0};
  const Probabilities treated = probabilities(t, "At Risk", "urgency", z);
  // Hand-written from the header's formula: segment -0.2, strategy 0.1, segment x strategy
  // 0.6, beta 0.8 * 1.5, uplift 0.5 * 1.5 - 0.2 * 1 (open, click and purchase).
  const double shared = 0.6 + 0.5 * 1.5 - 0.2;
  CHECK(treated.open == Approx(sigmoid(logit(0.3) - 0.2 + 0.1 + 0.8 * 1.5 + shared)));
  CHECK(treated.click == Approx(sigmoid(logit(0.25) + shared)));
  CHECK(treated.purchase == Approx(sigmoid(logit(0.3) + 0.3 + shared)));
  CHECK(treated.unsubscribe == Approx(sigmoid(logit(0.01) + 0.3 + 0.4)));
  CHECK(treated.revenue_mean == 100);
  const Probabilities control = probabilities(t, "At Risk", "control", z);
  CHECK(control.open == Approx(sigmoid(logit(0.3) - 0.2 + 0.8 * 1.5)));
  CHECK(control.purchase == Approx(sigmoid(logit(0.3) + 0.3)));
  CHECK(control.unsubscribe == Approx(sigmoid(logit(0.01) + 0.3)));
  // An unnamed segment: base rates, base revenue.
  const Probabilities other = probabilities(t, "Nobody", "control", std::vector<double>{0, 0});
  CHECK(other.open == Approx(0.3));
  CHECK(other.conversion() == Approx(0.3 * 0.25 * 0.3));
  CHECK(other.revenue_mean == 90);
}

TEST_CASE("the planted best arm and attribute ranking", "[simulate]") {
  const Truth t = *parse_truth(tailor::testing::parse(kSection), "simulation");
  CHECK(planted_best_strategy(t, "At Risk") == "urgency");
  // Champions has no segment x strategy terms, so the strategies' own effects decide: urgency
  // adds 0.1 to the open log-odds, benefit 0.05 to the click's. Conversion is multiplicative,
  // so compare the factors: P(open) goes from sigmoid(logit(0.3) + 0.5) to that + 0.1, P(click)
  // from 0.25 to sigmoid(logit(0.25) + 0.05).
  const double open = sigmoid(logit(0.3) + 0.5);
  REQUIRE(sigmoid(logit(open) + 0.1) / open > sigmoid(logit(0.25) + 0.05) / 0.25);
  CHECK(planted_best_strategy(t, "Champions") == "urgency");
  const std::vector<std::string> arms{"control", "loyalty"};
  // loyalty is -0.1 in At Risk: control wins.
  CHECK(planted_best_strategy(t, "At Risk", arms) == "control");
  CHECK(planted_best_strategy(t, "At Risk", std::vector<std::string>{}) == "");
  CHECK(planted_attribute_ranking(t) ==
        std::vector<std::string>{"email_engagement", "loyalty_member"});
}

TEST_CASE("the demo spec plants a different best strategy per RFM segment", "[simulate]") {
  const Value spec = tailor::testing::parse(demo_spec_json(99));
  auto r = parse_truth(*spec.find("simulation"), "simulation");
  REQUIRE(r.ok());
  CHECK(r->seed == 99);
  CHECK(planted_best_strategy(*r, "Champions") == "loyalty");
  CHECK(planted_best_strategy(*r, "Loyal") == "social_proof");
  CHECK(planted_best_strategy(*r, "Potential Loyalists") == "benefit");
  CHECK(planted_best_strategy(*r, "At Risk") == "urgency");
  CHECK(planted_best_strategy(*r, "Hibernating") == "benefit");
  CHECK(planted_attribute_ranking(*r) ==
        std::vector<std::string>{"email_engagement", "loyalty_member", "age"});
  // Every best arm converts at least twice as well as control at the attribute centres.
  const std::vector<double> z(r->attributes.size(), 0.0);
  for (const char* segment :
       {"Champions", "Loyal", "Potential Loyalists", "At Risk", "Hibernating"}) {
    const double best =
        probabilities(*r, segment, planted_best_strategy(*r, segment), z).conversion();
    CHECK(best > 2 * probabilities(*r, segment, "control", z).conversion());
  }
}
