// core/segment: each segment type, validation messages, the portable exponential, and segments
// in targeting conditions through decide() and the compiled path alike.
#include "core/segment/segments.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/assign/compiled.h"
#include "core/assign/decide.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "tests/parse_json.h"

using namespace tailor;

namespace {

using tailor::testing::parse;

const char* kConfig = R"({
  "segments": [
    {"key": "vip", "type": "rule", "condition": {"orders.count": {"$gte": 10}}},
    {"key": "rfm", "type": "rfm", "recency": "orders.daysSinceLast", "frequency": "orders.count",
     "monetary": "orders.spend", "recencyBins": [7, 30, 90, 180], "frequencyBins": [2, 5, 10, 20],
     "monetaryBins": [50, 100, 250, 500]},
    {"key": "shopper", "type": "kmeans", "features": ["orders.spend", "orders.count"],
     "mean": [200, 6], "scale": [100, 3],
     "centroids": [{"name": "bargain", "center": [-1, 0]}, {"name": "premium", "center": [2, 1]}]},
    {"key": "churn", "type": "logistic", "intercept": -2,
     "coefficients": [{"attribute": "orders.daysSinceLast", "weight": 0.02}]}
  ],
  "features": {
    "vip-banner": {"defaultValue": false, "rules": [{"condition": {"segments.vip": true}, "force": true}]},
    "winback": {"defaultValue": "none", "rules": [
      {"condition": {"segments.churn": {"$gte": 0.5}}, "force": "coupon"},
      {"condition": {"segments.rfm.score": {"$gte": 12}}, "force": "thanks"}]},
    "layout": {"defaultValue": "grid", "rules": [{"condition": {"segments.shopper": "premium"}, "force": "editorial"}]}
  }
})";

}  // namespace

TEST_CASE("segments score rules, RFM, nearest centroids and propensity", "[segment]") {
  json::Value config = parse(kConfig);
  REQUIRE(segment::validate(config).ok());
  json::Value loyal =
      parse(R"({"id": "u1", "orders": {"count": 12, "spend": 480, "daysSinceLast": 5}})");
  CHECK(json::stringify(segment::evaluate(config, loyal)) ==
        R"({"vip":true,"rfm":{"r":5,"f":4,"m":4,"score":13},"shopper":"premium","churn":)" +
            json::number_to_string(1 / (1 + segment::portable_exp(2 - 0.1))) + "}");
  json::Value lapsed =
      parse(R"({"id": "u2", "orders": {"count": 1, "spend": 30, "daysSinceLast": 200}})");
  json::Value s = segment::evaluate(config, lapsed);
  CHECK(json::stringify(*s.find("rfm")) == R"({"r":1,"f":1,"m":1,"score":3})");
  CHECK(s.find("shopper")->as_string() == "bargain");
  CHECK(s.find("churn")->as_number() > 0.88);
  // Missing numeric inputs make numeric segments null; rules still evaluate.
  CHECK(json::stringify(segment::evaluate(config, parse(R"({"id": "u3"})"))) ==
        R"({"vip":false,"rfm":null,"shopper":null,"churn":null})");
}

TEST_CASE("segments are usable in conditions, identically when compiled", "[segment]") {
  json::Value config = parse(kConfig);
  assign::CompiledConfig compiled(config);
  CHECK(compiled.compiled_feature_count() == 3);
  for (const char* attrs :
       {R"({"id": "u1", "orders": {"count": 12, "spend": 480, "daysSinceLast": 5}})",
        R"({"id": "u2", "orders": {"count": 1, "spend": 30, "daysSinceLast": 200}})",
        R"({"id": "u3", "segments": {"vip": true}})", R"([1])", "null"}) {
    json::Value a = parse(attrs);
    json::Value want = assign::decide(config, a, json::Value());
    std::string got;
    compiled.decide_json(compiled.bind(a), json::Value(), got);
    CHECK(got == json::stringify(want));
    std::string sticky;
    compiled.decide_json(compiled.bind(a), json::Value::empty_object(), sticky);
    CHECK(sticky == json::stringify(assign::decide(config, a, json::Value::empty_object())));
  }
  json::Value out = assign::decide(config, parse(R"({"id": "u1", "orders": {"count": 12,
      "spend": 480, "daysSinceLast": 5}})"),
                                   json::Value());
  const json::Value& f = *out.find("features");
  CHECK(f.find("vip-banner")->find("value")->as_bool());
  CHECK(f.find("winback")->find("value")->as_string() == "thanks");
  CHECK(f.find("layout")->find("value")->as_string() == "editorial");
  // A "segments" attribute from the caller is replaced by the computed one.
  out = assign::decide(config, parse(R"({"id": "u3", "segments": {"vip": true}})"), json::Value());
  CHECK_FALSE(out.find("features")->find("vip-banner")->find("value")->as_bool());
}

TEST_CASE("invalid segments are named with the field", "[segment]") {
  CHECK(segment::validate(parse(R"({"segments": {}})")).error() == "segments must be an array");
  CHECK(segment::validate(parse(R"({"segments": [{"key": "a", "type": "cluster"}]})")).error() ==
        R"(segments[0] ("a").type must be "rule", "rfm", "kmeans" or "logistic")");
  CHECK(segment::validate(parse(R"({"segments": [{"key": "c", "type": "logistic",
        "intercept": 0, "coefficients": [{"attribute": "x", "weight": "1"}]}]})"))
            .error() == R"(segments[0] ("c").coefficients[0].weight must be a finite number)");
  CHECK(segment::validate(parse(R"({"segments": [{"key": "k", "type": "kmeans",
        "features": ["x"], "mean": [0], "scale": [0], "centroids": [{"name": "a", "center": [0]}]}]})"))
            .error() == R"(segments[0] ("k").scale must not contain 0)");
  CHECK(segment::validate(parse(R"({"segments": [{"key": "r", "type": "rfm", "recency": "a",
        "frequency": "b", "monetary": "c", "recencyBins": [1, 2, 3, 3], "frequencyBins": [1, 2, 3, 4],
        "monetaryBins": [1, 2, 3, 4]}]})"))
            .error() == R"(segments[0] ("r").recencyBins must be ascending)");
}

TEST_CASE("portable_exp agrees with the platform's exp to 2 ulp", "[segment]") {
  for (double x = -708; x < 709; x += 0.37) {  // normal results
    double want = std::exp(x);
    CHECK(std::fabs(segment::portable_exp(x) - want) <= 4.5e-16 * want);
  }
  CHECK(segment::portable_exp(0) == 1);
  CHECK(std::isnan(segment::portable_exp(NAN)));
  CHECK(segment::portable_exp(800) == HUGE_VAL);
  CHECK(segment::portable_exp(-800) == 0);
}
