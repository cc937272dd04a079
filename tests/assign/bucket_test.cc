// Bucket ranges, variation choice, namespaces and query-string overrides. Hand-computed
// expectations carry their arithmetic; the golden file adds vectors from GrowthBook's SDK.
#include "core/assign/bucket.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "core/assign/hash.h"
#include "golden.h"

using namespace tailor::assign;

TEST_CASE("equal_weights", "[assign][bucket]") {
  CHECK(equal_weights(0).empty());
  CHECK(equal_weights(-3).empty());
  CHECK(equal_weights(4) == std::vector<double>{0.25, 0.25, 0.25, 0.25});
  CHECK(equal_weights(3) == std::vector<double>(3, 1.0 / 3.0));
}

TEST_CASE("bucket_ranges with coverage and weights", "[assign][bucket]") {
  // two equal variations at 50% coverage: [0, 0.25) and [0.5, 0.75)
  auto r = bucket_ranges(2, 0.5, nullptr);
  REQUIRE(r.size() == 2);
  CHECK(r[0] == BucketRange{0, 0.25});
  CHECK(r[1] == BucketRange{0.5, 0.75});
  // weights 0.2/0.8 at full coverage: [0, 0.2), [0.2, 1.0)
  std::vector<double> w{0.2, 0.8};
  r = bucket_ranges(2, 1, &w);
  CHECK(r[0] == BucketRange{0, 0.2});
  CHECK(r[1] == BucketRange{0.2, 0.2 + 0.8});
}

TEST_CASE("bucket_ranges clamps coverage", "[assign][bucket]") {
  CHECK(bucket_ranges(2, -1, nullptr) == std::vector<BucketRange>{{0, 0}, {0.5, 0.5}});
  CHECK(bucket_ranges(2, 7, nullptr) == std::vector<BucketRange>{{0, 0.5}, {0.5, 1}});
  auto nan = bucket_ranges(2, std::nan(""), nullptr);
  CHECK(choose_variation(0.1, nan) == -1);  // NaN coverage matches nobody, as in JavaScript
}

TEST_CASE("bucket_ranges falls back to equal weights on bad weights", "[assign][bucket]") {
  const auto equal = bucket_ranges(2, 1, nullptr);
  std::vector<double> wrong_length{0.5, 0.25, 0.25};
  CHECK(bucket_ranges(2, 1, &wrong_length) == equal);
  std::vector<double> low{0.4, 0.5};  // sums to 0.9 < 0.99
  CHECK(bucket_ranges(2, 1, &low) == equal);
  std::vector<double> high{0.6, 0.42};  // 1.02 > 1.01
  CHECK(bucket_ranges(2, 1, &high) == equal);
  std::vector<double> close{0.6, 0.405};  // 1.005 is accepted
  CHECK(bucket_ranges(2, 1, &close)[1] == BucketRange{0.6, 0.6 + 0.405});
}

TEST_CASE("choose_variation", "[assign][bucket]") {
  std::vector<BucketRange> r{{0, 0.3}, {0.5, 0.8}};
  CHECK(choose_variation(0, r) == 0);
  CHECK(choose_variation(0.3, r) == -1);  // end is exclusive
  CHECK(choose_variation(0.5, r) == 1);
  CHECK(choose_variation(0.99, r) == -1);
  CHECK(choose_variation(0.1, {}) == -1);
}

TEST_CASE("in_namespace uses hash v1 of '__' + id", "[assign][bucket]") {
  // hash("__ns1", "u1", 1) = fnv("u1__ns1") % 1000 / 1000 = 196070049 % 1000 / 1000 = 0.049
  CHECK(hash("__ns1", "u1", 1) == 0.049);
  CHECK(in_namespace("u1", "ns1", 0, 0.05));
  CHECK_FALSE(in_namespace("u1", "ns1", 0, 0.049));  // end exclusive
  CHECK(in_namespace("u1", "ns1", 0.049, 1));
  CHECK_FALSE(in_namespace("u1", "ns1", 0.5, 1));
}

TEST_CASE("query_string_override", "[assign][bucket]") {
  CHECK(query_string_override("e", "http://x/?e=1", 2) == 1);
  CHECK(query_string_override("e", "http://x/?a=1&e=0", 2) == 0);
  CHECK(query_string_override("e", "http://x/?e=2", 2) == std::nullopt);
  CHECK(query_string_override("e", "http://x/?e=-1", 2) == std::nullopt);
  CHECK(query_string_override("e", "http://x/?e=1abc", 2) == 1);  // parseInt reads a prefix
  CHECK(query_string_override("e", "http://x/?e=0x1", 2) == 1);   // parseInt's hex prefix
  CHECK(query_string_override("e", "http://x/?e", 2) == std::nullopt);
  CHECK(query_string_override("e", "http://x/?e=1#h", 2) == 1);
  CHECK(query_string_override("e", "http://x/#?e=1", 2) == 1);  // split("?") ignores '#'
  CHECK(query_string_override("e", "", 2) == std::nullopt);
  CHECK(query_string_override("e", "http://x/?e=1&e=0", 2) == 1);  // first match wins
  CHECK(query_string_override("e", "http://x/?f=1?e=1", 2) == std::nullopt);
}

TEST_CASE("js_parse_int", "[assign][bucket]") {
  CHECK(js_parse_int("42") == 42);
  CHECK(js_parse_int("  -7x") == -7);
  CHECK(js_parse_int("\xc2\xa0"
                     "3") == 3);  // U+00A0 is white space
  CHECK(std::isnan(js_parse_int("")));
  CHECK(std::isnan(js_parse_int("x1")));
  CHECK(std::isnan(js_parse_int("0x")));
  CHECK(js_parse_int("0X1f") == 31);
}

TEST_CASE("bucket golden vectors from GrowthBook's SDK", "[assign][bucket][golden]") {
  int checked = 0;
  for (const auto& c : tailor::assign::testing::golden_cases().as_array()) {
    const std::string& kind = c.find("kind")->as_string();
    INFO(c.find("name")->as_string());
    if (kind == "ranges") {
      std::vector<double> weights;
      const auto& w = *c.find("weights");
      for (const auto& x : w.is_array() ? w.as_array() : tailor::json::Array{}) {
        weights.push_back(x.as_number());
      }
      auto got = bucket_ranges(static_cast<int>(c.find("numVariations")->as_number()),
                               c.find("coverage")->as_number(), w.is_array() ? &weights : nullptr);
      const auto& expected = c.find("expected")->as_array();
      REQUIRE(got.size() == expected.size());
      for (size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].first == expected[i].as_array()[0].as_number());
        CHECK(got[i].second == expected[i].as_array()[1].as_number());
      }
      ++checked;
    } else if (kind == "qs") {
      auto got = query_string_override(c.find("id")->as_string(), c.find("url")->as_string(),
                                       static_cast<int>(c.find("numVariations")->as_number()));
      const auto& expected = *c.find("expected");
      if (expected.is_null()) {
        CHECK_FALSE(got.has_value());
      } else {
        CHECK(got == static_cast<int>(expected.as_number()));
      }
      ++checked;
    }
  }
  CHECK(checked > 25);
}
