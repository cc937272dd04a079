// Test helper: JSON text to a Value, failing the running Catch2 test when the text is invalid.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "core/json/parse.h"

namespace tailor::testing {

inline json::Value parse(const std::string& text) {
  auto r = json::parse(text);
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace tailor::testing
