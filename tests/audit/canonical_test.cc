// Canonical JSON is RFC 8785 (JCS); expected strings follow its rules and its published
// examples (sorting by UTF-16 code units, JavaScript number form).
#include "core/audit/canonical.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "core/json/parse.h"

using tailor::audit::canonical_json;
using tailor::json::Value;

static std::string C(const char* text) {
  return canonical_json(tailor::json::parse(text).value()).value();
}

TEST_CASE("canonical JSON sorts keys, drops whitespace, keeps JavaScript numbers",
          "[audit][canonical]") {
  CHECK(C(R"( { "b" : 1 , "a" : [ true , null , "x" ] } )") == R"({"a":[true,null,"x"],"b":1})");
  CHECK(C(R"({"z":{"y":1,"x":2},"10":0,"9":0})") == R"({"10":0,"9":0,"z":{"x":2,"y":1}})");
  CHECK(C("[1.0, 1e21, 1e-7, 0.1, -0, 100, 5e-324]") == "[1,1e+21,1e-7,0.1,0,100,5e-324]");
  CHECK(C("[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]") ==
        "[333333333.3333333,1e+30,4.5,0.002,1e-27]");  // RFC 8785 section 3.2.2.3 examples
  CHECK(C(R"("\u20ac\/\u0001\n\"é")") == "\"€/\\u0001\\n\\\"é\"");
  CHECK(C("{}") == "{}");
  CHECK(C("[]") == "[]");
}

TEST_CASE("canonical JSON orders keys by UTF-16 code units, not UTF-8 bytes",
          "[audit][canonical]") {
  // U+FF21 (one unit 0xFF21) sorts after U+1F600 (surrogates 0xD83D...) in UTF-16 but before it
  // in UTF-8 byte order; RFC 8785 uses UTF-16.
  CHECK(C("{\"\xEF\xBC\xA1\":1,\"\xF0\x9F\x98\x80\":2,\"a\":3}") ==
        "{\"a\":3,\"\xF0\x9F\x98\x80\":2,\"\xEF\xBC\xA1\":1}");
}

TEST_CASE("canonical JSON is the same for every member order", "[audit][canonical]") {
  auto a = Value::object({{"kind", Value("screening")}, {"seq", Value(1)}});
  auto b = Value::object({{"seq", Value(1)}, {"kind", Value("screening")}});
  CHECK(canonical_json(a).value() == canonical_json(b).value());
}

TEST_CASE("canonical JSON rejects what JSON cannot carry, naming the path", "[audit][canonical]") {
  auto nan = Value::object({{"f", Value(tailor::json::Array{Value(1), Value(NAN)})}});
  auto r = canonical_json(nan);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == "$.f[1]: number is not finite, expected a finite number");
  auto lone = canonical_json(tailor::json::parse(R"({"s":"\ud800"})").value());
  REQUIRE_FALSE(lone.ok());
  CHECK(lone.error() == "$.s: string holds a lone surrogate, expected valid UTF-8");
}
