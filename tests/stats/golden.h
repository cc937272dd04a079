// Loads tests/data/stats_cases.json (written by tools/gen/stats_reference.py, an independent
// python3 reference) once, and small helpers to read its arms.
#pragma once

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/json/parse.h"
#include "core/json/value.h"
#include "core/stats/sufficient.h"
#include "tests/data_file.h"

namespace tailor::stats::testing {

inline const json::Value& stats_cases() {
  static const json::Value cases = [] {
    auto parsed = json::parse(tailor::testing::read_data_file("stats_cases.json"));
    return parsed.ok() ? *parsed : json::Value::empty_object();
  }();
  return cases;
}

inline const json::Array& section(const char* name) {
  static const json::Array empty;
  const json::Value* v = stats_cases().find(name);
  return v != nullptr && v->is_array() ? v->as_array() : empty;
}

inline double num(const json::Value& v, const char* key) {
  const json::Value* x = v.find(key);
  return x != nullptr && x->is_number() ? x->as_number() : 0;
}

inline double at(const json::Value& v, const char* key, size_t i) {
  const json::Value* x = v.find(key);
  if (x == nullptr || !x->is_array() || i >= x->as_array().size()) return 0;
  return x->as_array()[i].as_number();
}

// An arm given either as [n, sum, sum_squares] under `key` or [n, successes] under key_prop.
inline ArmSummary arm(const json::Value& c, const char* key, const char* key_prop) {
  if (c.find(key_prop) != nullptr) {
    return *summarize(ProportionStats{at(c, key_prop, 0), at(c, key_prop, 1)});
  }
  return *summarize(MeanStats{at(c, key, 0), at(c, key, 1), at(c, key, 2)});
}

// Relative tolerance 1e-9 (the reference's quantiles are bisected to ~1e-12).
inline void check(double actual, double expected, const std::string& what) {
  INFO(what << ": actual " << actual << " expected " << expected);
  CHECK(std::fabs(actual - expected) <= 1e-9 * std::fmax(1.0, std::fabs(expected)));
}

// A null in the golden CI means an infinite (open) side.
inline void check_bound(double actual, const json::Value& expect, size_t i,
                        const std::string& what) {
  const json::Value& b = expect.find("ci")->as_array()[i];
  if (b.is_null()) {
    CHECK(std::isinf(actual));
  } else {
    check(actual, b.as_number(), what);
  }
}

}  // namespace tailor::stats::testing
