// The compiled decision path (core/assign/compiled.h): byte-identical to decide() on every
// golden case, equal to GrowthBook's own answers where the case's context is all decide() reads,
// and actually compiled (not interpreted) for the demo config.
#include "core/assign/compiled.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "core/assign/decide.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "golden.h"
#include "tests/parse_json.h"

using namespace tailor;

namespace {

using tailor::testing::parse;

std::string slurp(const char* path) {
  std::string text;
  if (FILE* f = std::fopen(path, "rb")) {
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
  }
  return text;
}

json::Value config_of(const json::Value& context) {
  json::Value config = json::Value::empty_object();
  if (const json::Value* f = context.find("features")) config.set("features", *f);
  if (const json::Value* g = context.find("savedGroups")) config.set("savedGroups", *g);
  return config;
}

// decide() reads only attributes, features and savedGroups from a context.
bool plain(const json::Value& context) {
  for (const auto& [key, unused] : context.as_object()) {
    if (key != "attributes" && key != "features" && key != "savedGroups") return false;
  }
  return true;
}

}  // namespace

TEST_CASE("compiled decisions equal decide() on the golden cases", "[assign][compiled]") {
  int checked = 0, against_growthbook = 0;
  for (const auto& c : assign::testing::golden_cases().as_array()) {
    if (c.find("kind")->as_string() != "feature") continue;
    INFO(c.find("name")->as_string());
    const json::Value& context = *c.find("context");
    const json::Value config = config_of(context);
    static const json::Value kNull;
    const json::Value* attrs = context.find("attributes");
    const json::Value& attributes = attrs ? *attrs : kNull;
    assign::CompiledConfig compiled(config);
    auto user = compiled.bind(attributes);
    std::string got;
    compiled.decide_json(user, json::Value(), got);
    json::Value want = assign::decide(config, attributes, json::Value());
    CHECK(got == json::stringify(want));
    ++checked;

    const std::string& key = c.find("featureKey")->as_string();
    std::string one;
    if (!plain(context) || !compiled.feature_json(key, user, one)) continue;
    json::Value expected = parse(c.find("expected")->as_string());
    if (expected.is_null()) continue;  // GrowthBook threw: invalidConfig, checked above
    json::Value answer = parse(one);
    for (const char* field : {"value", "on", "source", "ruleId"}) {
      const json::Value* e = expected.find(field);
      CHECK(json::stringify(e ? *e : json::Value()) == json::stringify(*answer.find(field)));
    }
    ++against_growthbook;
  }
  CHECK(checked > 900);
  CHECK(against_growthbook > 500);
}

TEST_CASE("the demo config compiles entirely and decides as decide()", "[assign][compiled]") {
  json::Value config = parse(slurp(TAILOR_TEST_DATA_DIR "/../../web/demo/config.json"));
  assign::CompiledConfig compiled(config);
  CHECK(compiled.feature_count() == compiled.compiled_feature_count());
  std::string users = slurp(TAILOR_TEST_DATA_DIR "/../../web/demo/users.jsonl");
  int checked = 0;
  for (size_t start = 0; start < users.size();) {
    size_t end = users.find('\n', start);
    if (end == std::string::npos) end = users.size();
    if (end > start) {
      json::Value attributes = parse(users.substr(start, end - start));
      std::string got;
      compiled.decide_json(compiled.bind(attributes), json::Value(), got);
      CHECK(got == json::stringify(assign::decide(config, attributes, json::Value())));
      ++checked;
    }
    start = end + 1;
  }
  CHECK(checked >= 10);
}

TEST_CASE("compiled decisions with sticky bucketing or array attributes are decide()'s",
          "[assign][compiled]") {
  json::Value config = parse(slurp(TAILOR_TEST_DATA_DIR "/../../web/demo/config.json"));
  assign::CompiledConfig compiled(config);
  for (const char* attrs : {R"({"id":"u-0001","country":"US"})", R"(["u-0001"])", "null"}) {
    json::Value attributes = parse(attrs);
    for (const json::Value& sticky : {json::Value(), json::Value::empty_object()}) {
      std::string got;
      compiled.decide_json(compiled.bind(attributes), sticky, got);
      CHECK(got == json::stringify(assign::decide(config, attributes, sticky)));
    }
  }
  std::string none;
  CHECK_FALSE(compiled.feature_json("no-such-feature", compiled.bind(json::Value()), none));
}

// A contextual-bandit rule with plain `variations` (GrowthBook buckets on
// `contextualVariations ?? variations`) buckets on its leaf's weights, not the rule's, and
// reports the leaf: the compiled path leaves such a rule to the interpreter. The leaf's weights
// [0, 1] put everybody in variation 1 whatever the hash; the rule's own [1, 0] would put
// everybody in variation 0.
TEST_CASE("a contextual-bandit rule with plain variations decides on its leaf, compiled too",
          "[assign][compiled]") {
  json::Value config = parse(R"({
    "features": {"f": {"defaultValue": "d", "rules": [{"key": "cb", "hashAttribute": "id",
      "variations": ["rule-weights", "leaf-weights"], "weights": [1, 0],
      "meta": [{"key": "0"}, {"key": "1"}], "contextualBanditRef": "b"}]}},
    "contextualBandits": {"b": {"banditVersion": 4,
      "contexts": [{"leafId": "pro", "condition": {"plan": "pro"}, "weights": [0, 1]}]}}})");
  assign::CompiledConfig compiled(config);
  for (int i = 0; i < 20; ++i) {
    json::Value attributes =
        parse(R"({"plan":"pro","id":"user-)" + std::to_string(i) + R"("})");
    std::string got;
    compiled.decide_json(compiled.bind(attributes), json::Value(), got);
    CHECK(got == json::stringify(assign::decide(config, attributes, json::Value())));
    const json::Value decision = parse(got);
    const json::Value& f = *decision.find("features")->find("f");
    CHECK(f.find("value")->as_string() == "leaf-weights");
    CHECK(f.find("experiment")->find("leafId")->as_string() == "pro");
    CHECK(json::stringify(*f.find("experiment")->find("variationWeights")) == "[0,1]");
    CHECK(f.find("experiment")->find("banditVersion")->as_number() == 4);
  }
}

// In a config with segments the attribute "segments" is the scores the core computed, so an
// experiment hashing it cannot take its hashValue from the caller's attributes, as the compact
// form's other experiment answers do: it comes whole in `interpreted`, the scores as hashValue
// (found by the SDK-module differential: decideAll() reported the page's "segments").
TEST_CASE("the compact form of an experiment hashing \"segments\" carries the scores",
          "[assign][compiled]") {
  json::Value config = parse(R"({
    "segments": [{"key": "big", "type": "rule", "condition": {"items": {"$gte": 3}}}],
    "features": {
      "plain": {"defaultValue": 1, "rules": [{"key": "by-id", "variations": [0, 1]}]},
      "seg": {"defaultValue": 0, "rules": [{"key": "by-seg", "hashAttribute": "segments",
                                            "variations": [0, 1]}]}}})");
  assign::CompiledConfig compiled(config);
  REQUIRE(compiled.feature_count() == 2);
  for (const char* text : {R"({"id":"u1","items":5,"segments":"passed"})", R"({"id":"u2"})"}) {
    json::Value attributes = parse(text);
    const assign::BoundUser user = compiled.bind(attributes);
    std::vector<int> answers;
    std::vector<double> buckets;
    std::string interpreted;
    compiled.decide_compact(user, answers, buckets, interpreted);
    REQUIRE(answers.size() == 2);
    CHECK(answers[0] >= 0);   // hashes the caller's "id": compact as before
    CHECK(answers[1] == -1);  // hashes the scores: whole
    std::string seg;
    REQUIRE(compiled.feature_json("seg", user, seg));
    CHECK(interpreted == "[" + seg + "]");
    const json::Value decision = parse(seg);
    const bool big = std::string(text).find("\"items\":5") != std::string::npos;
    CHECK(json::stringify(*decision.find("experiment")->find("hashValue")) ==
          (big ? R"({"big":true})" : R"({"big":false})"));
  }
}
