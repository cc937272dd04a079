// Loads tests/data/assign_cases.json (golden vectors from tools/gen/assign-cases.mjs) once.
#pragma once

#include <cstdio>
#include <string>

#include "core/json/parse.h"
#include "core/json/value.h"

#ifndef TAILOR_TEST_DATA_DIR
#error "TAILOR_TEST_DATA_DIR must name the tests/data directory"
#endif

namespace tailor::assign::testing {

inline const json::Value& golden_cases() {
  static const json::Value cases = [] {
    std::string text;
    if (FILE* f = std::fopen(TAILOR_TEST_DATA_DIR "/assign_cases.json", "rb")) {
      char buf[65536];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
      std::fclose(f);
    }
    auto parsed = json::parse(text);
    if (!parsed.ok()) return json::Value(json::Array{});
    const json::Value* list = parsed->find("cases");
    return list ? *list : json::Value(json::Array{});
  }();
  return cases;
}

}  // namespace tailor::assign::testing
