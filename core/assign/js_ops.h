// JavaScript operators over JSON data that GrowthBook's evaluation relies on, with
// `undefined` (an absent property) spelled as a null pointer. Internal to core/assign.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json/value.h"

namespace tailor::assign::js {

using json::Value;

// obj[key] for an own property of JSON data: an object member, or an array element when key is
// a canonical index. nullptr (undefined) for everything else, including a null/absent base.
// Property names inherited from Object.prototype ("constructor", ...) are not properties here.
const Value* get(const Value* obj, std::string_view key);
// obj[key] where key is any value (converted with ToString, as a property key is).
const Value* get(const Value* obj, const Value* key);

bool truthy(const Value* v);
// `a || b` with b never undefined.
inline const Value* or_else(const Value* a, const Value* b) { return truthy(a) ? a : b; }

// The binary + operator: string concatenation when either side is (or converts to) a string —
// strings, arrays and objects — and numeric addition otherwise (undefined is NaN, null 0).
Value add(const Value* a, const Value* b);

// ToString with undefined -> "undefined" (template literals and "" + x).
std::string to_string(const Value* v);
// GrowthBook's toString helper: a string as it is, anything else JSON.stringify'd.
std::string gb_to_string(const Value& v);
// ToNumber with undefined -> NaN.
double to_number(const Value* v);

// Relational operators with a number on one side: `n >= v` and `n < v` (undefined and
// NaN make both false).
bool ge(double n, const Value* v);
bool lt(double n, const Value* v);
// `a < b` / `a >= b` for any two values (false where JavaScript gives undefined).
bool less(const Value* a, const Value* b);
bool greater_equal(const Value* a, const Value* b);

// x.length for strings (UTF-16 units) and arrays; nullopt (undefined) otherwise.
std::optional<double> length(const Value* v);

// The values `for (const x of v)` visits: an array's elements, a string's code points (each
// as a one-code-point string; a lone surrogate alone); nullopt where for..of throws (any other
// value is not iterable).
std::optional<json::Array> iterate(const Value& v);

}  // namespace tailor::assign::js
