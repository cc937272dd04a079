// Strict JSON (RFC 8259) text -> Value, as JavaScript's JSON.parse reads it.
//
// Numbers become doubles (strtod rounding, identical on every target). Lone surrogate escapes
// ("\ud800") are kept, encoded as WTF-8, so their UTF-16 view matches JavaScript's.
// Failure: Result error "line L column C: <what is wrong>, expected <what would be valid>".
// Nesting deeper than kMaxDepth arrays/objects is an error, so evaluation never recurses
// without bound.
#pragma once

#include <string_view>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::json {

inline constexpr int kMaxDepth = 512;

Result<Value> parse(std::string_view text);

}  // namespace tailor::json
