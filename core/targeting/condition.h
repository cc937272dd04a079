// Targeting conditions: the MongoDB-style operator language, evaluated exactly as GrowthBook's
// JavaScript SDK (mongrule) evaluates it, including JavaScript's type coercions.
//
// attributes:   the user's attribute document (any JSON; paths like "a.b.0" walk objects and
//               arrays, "list.length" reads an array's length).
// condition:    {"country": "US", "age": {"$gte": 18}, "$or": [...], "$savedGroup": {...}}.
// saved_groups: {"id": [values...]} (v1) or {"id": {"type":"list","values":[...],
//               "attributeKey":"..."} | {"type":"condition","condition":{...}}} (v2).
// Returns whether the condition holds. Malformed conditions (unknown operators, bad operand
// types, invalid regular expressions, input where JavaScript would throw) never crash: they
// evaluate to false and, when `reason` is non-null, *reason says what was wrong.
// Recursion is bounded by the input depth, which json::parse caps at json::kMaxDepth.
#pragma once

#include <string>
#include <string_view>

#include "core/json/value.h"

namespace tailor::targeting {

bool eval_condition(const json::Value& attributes, const json::Value& condition,
                    const json::Value& saved_groups, std::string* reason = nullptr);

// The name "$type" compares against (GrowthBook's getType): "null", "boolean", "number",
// "string", "array" or "object".
std::string_view type_name(const json::Value& v);

// GrowthBook's paddedVersionString: "v1.2.3-rc.1+build" -> "    1-    2-    3-rc-    1",
// so that version order is string order. Non-strings and falsy values read as "0".
std::string padded_version_string(const json::Value& v);

}  // namespace tailor::targeting
