// find_member: one member of an object without building it, checked by hand and against
// parse() on seeded random objects.
#include "core/json/member.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "core/json/js.h"
#include "core/json/parse.h"

namespace tailor::json {
namespace {

std::string member(std::string_view text, std::string_view key, MemberScan want) {
  std::string_view out = "untouched";
  CHECK(find_member(text, key, out) == want);
  return std::string(out);
}

TEST_CASE("find_member reads one member of an object", "[json]") {
  using S = MemberScan;
  CHECK(member(R"({"country":"US","plan":"pro"})", "country", S::kFound) == R"("US")");
  CHECK(member(R"( { "a" : 1 , "b" : [1, {"b": 2}] , "c":null } )", "b", S::kFound) ==
        R"([1, {"b": 2}])");
  CHECK(member(R"({"a":{"country":"FR"},"country":"DE"})", "country", S::kFound) == R"("DE")");
  // Nested members with the key do not count; the last of repeated keys does.
  CHECK(member(R"({"a":{"country":"FR"}})", "country", S::kAbsent) == "untouched");
  CHECK(member(R"({"k":1,"k":2})", "k", S::kFound) == "2");
  // Strings holding quotes, braces and escapes are skipped whole.
  CHECK(member(R"({"s":"a\"}{,\\","k":-1.5e3})", "k", S::kFound) == "-1.5e3");
  CHECK(member(R"({"k":"x\"y"})", "k", S::kFound) == R"("x\"y")");
  CHECK(member(R"({"k":true,"z":false})", "k", S::kFound) == "true");
  CHECK(member("{}", "k", S::kAbsent) == "untouched");
  CHECK(member("{ }", "k", S::kAbsent) == "untouched");
  // What it does not read.
  member(R"({"c\u006funtry":"US"})", "country", S::kUnsure);  // an escaped key
  member(R"(["country"])", "country", S::kUnsure);
  member(R"({"k":1)", "k", S::kUnsure);
  member(R"({"k":1} x)", "k", S::kUnsure);
  member(R"({"k" 1})", "k", S::kUnsure);
  member("", "k", S::kUnsure);
}

// Random objects of random values (strings with escapes and brackets, numbers, literals,
// nested arrays and objects, repeated keys, random spacing).
struct Gen {
  std::mt19937 rng{20261123};
  unsigned pick(unsigned n) { return static_cast<unsigned>(rng() % n); }
  std::string space() { return std::string(pick(3), " \n\t"[pick(3)]); }
  std::string key() { return std::string(1, "abcdk"[pick(5)]); }
  std::string str() {
    static const char* parts[] = {"x", "\\\"", "{",    "}",       "[", "]",
                                  ",", ":",    "\\\\", "\\u00e9", "US"};
    std::string s = "\"";
    for (unsigned n = pick(5); n > 0; --n) s += parts[pick(11)];
    return s + "\"";
  }
  std::string value(int depth) {
    switch (depth > 2 ? pick(4) : pick(6)) {
      case 0:
        return str();
      case 1:
        return std::to_string(static_cast<int>(pick(2000)) - 1000) + (pick(2) ? ".25e-1" : "");
      case 2:
        return pick(2) ? "true" : "null";
      case 3:
        return "false";
      case 4: {
        std::string a = "[" + space();
        for (unsigned n = pick(4), i = 0; i < n; ++i)
          a += (i ? "," : "") + space() + value(depth + 1);
        return a + space() + "]";
      }
      default:
        return object(depth + 1);
    }
  }
  std::string object(int depth) {
    std::string o = "{" + space();
    for (unsigned n = pick(6), i = 0; i < n; ++i) {
      o += (i ? "," : "") + space() + "\"" + key() + "\"" + space() + ":" + space() + value(depth);
    }
    return o + space() + "}";
  }
};

TEST_CASE("find_member agrees with parse() on 5,000 seeded random objects", "[json]") {
  Gen gen;
  int found = 0;
  for (int n = 0; n < 5000; ++n) {
    const std::string text = gen.space() + gen.object(0) + gen.space();
    auto parsed = parse(text);
    REQUIRE(parsed.ok());
    for (std::string_view key : {"a", "k", "zz"}) {
      std::string_view raw;
      const Value* want = parsed->find(key);
      const MemberScan got = find_member(text, key, raw);
      REQUIRE(got != MemberScan::kUnsure);
      REQUIRE((got == MemberScan::kFound) == (want != nullptr));
      if (!want) continue;
      ++found;
      auto value = parse(raw);
      REQUIRE(value.ok());
      CHECK(stringify(*value) == stringify(*want));
    }
  }
  CHECK(found > 3000);  // the comparison ran on many present keys
}

}  // namespace
}  // namespace tailor::json
