#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/json/js.h"
#include "core/json/parse.h"

namespace js = tailor::json;

TEST_CASE("parse reads JSON as JavaScript's JSON.parse") {
  auto v = js::parse(R"( {"n": 12345678901234567890, "f": 1e400, "s": "é", "a": [true, null]} )");
  REQUIRE(v.ok());
  CHECK(v->find("n")->as_number() == 12345678901234567890.0);
  CHECK(std::isinf(v->find("f")->as_number()));
  CHECK(v->find("s")->as_string() == "é");
  CHECK(v->find("a")->as_array().size() == 2);
}

TEST_CASE("parse errors name the line, column and what would be valid") {
  auto e = js::parse("{\n  \"a\": tru\n}");
  REQUIRE_FALSE(e.ok());
  CHECK(e.error() == "line 2 column 8: invalid literal, expected a JSON value (object, array, "
                     "string, number, true, false, null)");
  CHECK(js::parse("[1,]").error().find("line 1 column 4") == 0);
  CHECK(js::parse("{\"a\" 1}").error().find("expected ':'") != std::string::npos);
  CHECK(js::parse("01").error().find("unexpected text after the JSON value") != std::string::npos);
  CHECK_FALSE(js::parse("\"\\x\"").ok());
  CHECK_FALSE(js::parse("\"a\nb\"").ok());
  CHECK_FALSE(js::parse("").ok());
  CHECK_FALSE(js::parse("-").ok());
  CHECK_FALSE(js::parse("1.").ok());
  CHECK_FALSE(js::parse("NaN").ok());
}

TEST_CASE("parse bounds nesting depth instead of overflowing the stack") {
  std::string ok(js::kMaxDepth, '[');
  ok += std::string(js::kMaxDepth, ']');
  CHECK(js::parse(ok).ok());
  std::string deep(100000, '[');
  auto e = js::parse(deep);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().find("nesting deeper than 512 levels") != std::string::npos);
  std::string objects;
  for (int i = 0; i < 1000; ++i) objects += "{\"a\":";
  CHECK_FALSE(js::parse(objects).ok());
}

TEST_CASE("objects with many members parse in n log n time with JavaScript's key order") {
  // 60,000 members: set()'s search per member would be 1.8e9 comparisons.
  std::string text = "{";
  for (int i = 0; i < 60000; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  text += "\"7\":\"seven\",\"k5\":\"again\",\"3\":\"three\"}";
  auto parsed = tailor::json::parse(text);
  REQUIRE(parsed.ok());
  const auto& members = parsed.value().as_object();
  REQUIRE(members.size() == 60002);
  // Array indices first, ascending; then strings in insertion order; a repeated key keeps its
  // first position and its last value (JSON.parse).
  CHECK(members[0].first == "3");
  CHECK(members[1].first == "7");
  CHECK(members[2].first == "k0");
  CHECK(members[7].first == "k5");
  CHECK(members[7].second.as_string() == "again");
  CHECK(members.back().first == "k59999");
}

TEST_CASE("parse takes UTF-8 text only") {
  // Found by tests/fuzz (json): raw bytes ED B6 AD (an encoded surrogate) were kept as they
  // were, and stringify wrote them as \udb6d escapes that parse back to a different string.
  auto e = js::parse("{\"\xED\xB6\xAD\":1}");
  REQUIRE_FALSE(e.ok());
  CHECK(e.error() == "line 1 column 3: invalid UTF-8 in string, expected UTF-8 text (RFC 8259)");
  for (const char* bad : {"\"\x80\"", "\"\xC0\xAF\"", "\"\xC3\"", "\"\xE0\x9F\xBF\"",
                          "\"\xED\xA0\x80\"", "\"\xF0\x8F\xBF\xBF\"", "\"\xF4\x90\x80\x80\"",
                          "\"\xF5\x80\x80\x80\"", "\"\xFF\"", "\"a\xE2\x82\""}) {
    INFO(bad);
    CHECK_FALSE(js::parse(bad).ok());
  }
  // Every length of well-formed sequence, at the edges of Table 3-7; escapes are unaffected.
  auto ok = js::parse("\"\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xF0\x90\x80\x80"
                      "\xF4\x8F\xBF\xBF\\ud800\"");
  REQUIRE(ok.ok());
  CHECK(ok->as_string() == "\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xF0\x90\x80\x80"
                           "\xF4\x8F\xBF\xBF\xED\xA0\x80");
}
