// Hash vectors. Expected values were computed independently with this Python 3 snippet (not
// with any GrowthBook code):
//   def fnv(s):
//     h = 0x811c9dc5
//     u = s.encode('utf-16-le')
//     for i in range(0, len(u), 2):
//       h ^= u[i] | (u[i+1] << 8); h = (h * 0x01000193) & 0xffffffff
//     return h
//   h1 = lambda seed, v: fnv(v + seed) % 1000 / 1000
//   h2 = lambda seed, v: fnv(str(fnv(seed + v))) % 10000 / 10000
// More vectors (from GrowthBook's own SDK) are in tests/data/assign_cases.json.
#include "core/assign/hash.h"

#include <catch2/catch.hpp>
#include <string>

#include "golden.h"

using tailor::assign::fnv1a32;
using tailor::assign::hash;

TEST_CASE("fnv1a32 matches the FNV-1a 32 reference values", "[assign][hash]") {
  CHECK(fnv1a32(std::string_view("")) == 0x811c9dc5u);
  CHECK(fnv1a32(std::string_view("a")) == 0xe40c292cu);    // published FNV-1a test vector
  CHECK(fnv1a32(std::string_view("abc")) == 0x1a47e90bu);  // published FNV-1a test vector
}

TEST_CASE("fnv1a32 hashes UTF-16 code units, not UTF-8 bytes", "[assign][hash]") {
  CHECK(fnv1a32(std::string_view("\xc3\xa9")) == 0x6c0b6c44u);          // "é": one unit 0xE9
  CHECK(fnv1a32(std::string_view("\xf0\x9f\x8e\x89")) == 0x682eae76u);  // U+1F389: 2 units
  CHECK(fnv1a32(std::string_view("日本語")) == 0x5406374eu);
  CHECK(fnv1a32(std::u16string_view(u"日本語")) == 0x5406374eu);
}

TEST_CASE("hash v1 is fnv(value + seed) % 1000 / 1000", "[assign][hash]") {
  // fnv("u1exp") = 1074007418 -> 418
  CHECK(hash("exp", "u1", 1) == 0.418);
  // fnv("123exp") = 3938462018 -> 18
  CHECK(hash("exp", "123", 1) == 0.018);
  // fnv("") = 2166136261 -> 261
  CHECK(hash("", "", 1) == 0.261);
  // fnv("éseed") = 3147165137 -> 137
  CHECK(hash("seed", "\xc3\xa9", 1) == 0.137);
}

TEST_CASE("hash v2 hashes the decimal of the first hash", "[assign][hash]") {
  // fnv("expu1") = 780778594; fnv("780778594") = 2871242302 -> 2302
  CHECK(hash("exp", "u1", 2) == 0.2302);
  // fnv("exp123") = 3067676648; fnv("3067676648") = 46386186 -> 6186
  CHECK(hash("exp", "123", 2) == 0.6186);
  // fnv("seed🎉") = 2968231099; fnv("2968231099") = 2263754374 -> 4374
  CHECK(hash("seed", "\xf0\x9f\x8e\x89", 2) == 0.4374);
  CHECK(hash("", "", 2) == 0.2305);
}

TEST_CASE("hash with an unknown version is nullopt", "[assign][hash]") {
  CHECK_FALSE(hash("exp", "u1", 0).has_value());
  CHECK_FALSE(hash("exp", "u1", 3).has_value());
  CHECK_FALSE(hash("exp", "u1", -1).has_value());
}

TEST_CASE("hash golden vectors from GrowthBook's SDK", "[assign][hash][golden]") {
  int checked = 0;
  for (const auto& c : tailor::assign::testing::golden_cases().as_array()) {
    if (c.find("kind")->as_string() != "hash") continue;
    INFO(c.find("name")->as_string());
    auto got = hash(c.find("seed")->as_string(), c.find("value")->as_string(),
                    static_cast<int>(c.find("version")->as_number()));
    const auto& expected = *c.find("expected");
    if (expected.is_null()) {
      CHECK_FALSE(got.has_value());
    } else {
      REQUIRE(got.has_value());
      CHECK(*got == expected.as_number());
    }
    ++checked;
  }
  CHECK(checked > 100);
}
