// JavaScript's conversions and comparisons over Value, so the core decides exactly as a
// JavaScript SDK would (ECMA-262 ToString, ToNumber, ===, <, JSON.stringify).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json/value.h"

namespace tailor::json {

// Appends code point `cp` as UTF-8; surrogates (0xD800-0xDFFF) are written as WTF-8.
void append_utf8(std::string& out, unsigned cp);
// Decodes the UTF-8 sequence at s[i] (i < s.size()) and advances i past it. Ill-formed input
// becomes one U+FFFD per maximal subpart, as TextDecoder does (WHATWG Encoding), except that
// encoded surrogates (ED A0..BF xx, WTF-8) decode to themselves so lone surrogates survive a
// round trip.
unsigned decode_utf8(std::string_view s, size_t& i);
// UTF-8 (or WTF-8) -> UTF-16 code units; invalid bytes become U+FFFD.
std::u16string to_utf16(std::string_view s);
std::string to_utf8(std::u16string_view s);
// Number of UTF-16 code units (JavaScript's string.length).
size_t utf16_length(std::string_view s);
// Compares two strings by UTF-16 code units, as JavaScript's < does. Returns <0, 0, >0.
int compare_utf16(std::string_view a, std::string_view b);

// Number.prototype.toString() for a double: "1", "0.1", "1e+21", "1.5e-7", "NaN", "-Infinity".
std::string number_to_string(double d);
// ToString(v): arrays join their elements with ",", objects are "[object Object]".
std::string to_js_string(const Value& v);
// ToNumber(v): null -> 0, "" -> 0, " 12 " -> 12, "0x1f" -> 31, "abc" -> NaN, [] -> 0, {} -> NaN.
double to_js_number(const Value& v);
// StringToNumber for a string.
// The double nearest to a decimal literal already checked against JSON's or JavaScript's
// number grammar (optional sign, digits, optional fraction and exponent; no spaces).
double decimal_to_number(std::string_view literal);
double string_to_number(std::string_view s);
// ToBoolean(v).
bool truthy(const Value& v);
// a === b. Arrays and objects are never equal (they would be distinct references).
bool strict_equals(const Value& a, const Value& b);
// a < b under the abstract relational comparison; nullopt where JavaScript yields undefined
// (a NaN operand). a <= b is then `auto r = less_than(b, a); r && !*r`.
std::optional<bool> less_than(const Value& a, const Value& b);
// JSON.stringify(v) with JavaScript number formatting; non-finite numbers become null.
std::string stringify(const Value& v);
// Appends a JSON string literal (quotes included) as JSON.stringify writes it: '"' and '\\'
// escaped, control characters as \b \f \n \r \t or \u00XX, a lone surrogate (WTF-8) as \uXXXX,
// everything else as is. `s` is UTF-8; invalid bytes other than lone surrogates pass through.
void append_quoted(std::string& out, std::string_view s);
// `s` as a JSON string literal (append_quoted into a new string).
std::string quoted(std::string_view s);

}  // namespace tailor::json

namespace tailor::json {

// String.prototype.toLowerCase(): full Unicode simple lowercase mapping, İ -> "i̇" and the
// Final_Sigma rule, from tables generated off V8 (tools/gen/lower-case-table.mjs).
std::string to_lower(std::string_view s);

// Property access base[key] as JavaScript performs it on JSON data: own members of objects,
// elements and "length" of arrays and strings (a string's element is one UTF-16 code unit).
// Returns false when the property is undefined. `out` receives the value.
bool get_property(const Value& base, std::string_view key, Value& out);

}  // namespace tailor::json
