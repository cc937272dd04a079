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

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/json/value.h"

namespace tailor::targeting {

// The deepest evaluation: conditions and condition values nested inside one another, each
// saved-group reference ($savedGroup to a condition group) one level more. A deeper
// condition is invalid: it evaluates to false (GrowthBook answers until its JavaScript stack
// overflows, about 2,200 saved-group references in node 20, and then throws).
inline constexpr size_t kMaxConditionDepth = 1000;

bool eval_condition(const json::Value& attributes, const json::Value& condition,
                    const json::Value& saved_groups, std::string* reason = nullptr);

// eval_condition, telling the conditions where GrowthBook's evalCondition throws (a null
// condition or $or/$and operand, a condition nested past kMaxConditionDepth, ...) apart:
// nullopt for those (eval_condition says false), for callers that catch as GrowthBook does.
std::optional<bool> eval_condition_checked(const json::Value& attributes,
                                           const json::Value& condition,
                                           const json::Value& saved_groups);

// GrowthBook's prerequisite check: evalCondition({value: parent_value}, condition,
// saved_groups), where parent_value nullptr is JavaScript's undefined (a parent whose value is
// undefined, e.g. a forced variation index that is not an integer): the attribute "value" is
// then present but undefined, so {"value": null} fails, {"$exists": false} holds, a string
// compares with "undefined", $type is "undefined" and no other operator matches it.
bool eval_prerequisite_condition(const json::Value* parent_value, const json::Value& condition,
                                 const json::Value& saved_groups);

// The name "$type" compares against (GrowthBook's getType): "null", "boolean", "number",
// "string", "array" or "object".
std::string_view type_name(const json::Value& v);

// GrowthBook's paddedVersionString: "v1.2.3-rc.1+build" -> "    1-    2-    3-rc-    1",
// so that version order is string order. Non-strings and falsy values read as "0".
std::string padded_version_string(const json::Value& v);

}  // namespace tailor::targeting
