#include "core/json/js.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/json/array_index.h"
#include "core/text/hex.h"

namespace tailor::json {

// The browser SDK's module (TAILOR_JS_HOST_NUMBERS) leaves number <-> text to its JavaScript
// host, whose String(d) and Number(s) are the definitions these functions follow: the module
// then links neither printf's nor strtod's floating-point code.
// The host functions are in web/sdk/src/wasm.js.
#if defined(TAILOR_JS_HOST_NUMBERS)
extern "C" {
__attribute__((import_module("env"), import_name("tailor_format_number"))) int
tailor_format_number(double d, char* out, int capacity);
__attribute__((import_module("env"), import_name("tailor_parse_number"))) double
tailor_parse_number(const char* text, int length);
}

double decimal_to_number(std::string_view literal) {
  return tailor_parse_number(literal.data(), static_cast<int>(literal.size()));
}

std::string number_to_string(double d) {
  char buf[40];  // String(d) is at most 25 characters ("-2.2250738585072014e-308")
  const int n = tailor_format_number(d, buf, sizeof buf);
  return std::string(buf, static_cast<size_t>(n > 0 ? n : 0));
}
#else
double decimal_to_number(std::string_view literal) {
  const std::string text(literal);
  return std::strtod(text.c_str(), nullptr);
}

// `buf` holds d's correctly rounded digits in "%.*e" form (`precision` significant digits).
// Replaces them with the next lower (`down`) or higher decimal of the same length and
// returns whether that reads back as d; `buf` is left unchanged when it does not.
static bool neighbour_reads_back(char* buf, int precision, bool down, double d) {
  uint64_t m = 0;
  const char* p = buf;
  for (; *p != 'e'; ++p) {
    if (*p != '.') m = m * 10 + static_cast<uint64_t>(*p - '0');
  }
  int exponent = std::atoi(p + 1);
  uint64_t low = 1;  // 10^(precision - 1), the smallest significand of this length
  for (int i = 1; i < precision; ++i) low *= 10;
  if (down) {
    if (m == low) {
      m = low * 10 - 1;
      --exponent;
    } else {
      --m;
    }
  } else if (++m == low * 10) {
    m = low;
    ++exponent;
  }
  const std::string digits = std::to_string(m);
  std::string candidate = digits.substr(0, 1);
  if (digits.size() > 1) candidate += "." + digits.substr(1);
  candidate += "e" + std::to_string(exponent);
  if (std::strtod(candidate.c_str(), nullptr) != d) return false;
  std::snprintf(buf, 40, "%s", candidate.c_str());
  return true;
}

std::string number_to_string(double d) {
  if (std::isnan(d)) return "NaN";
  if (d == 0) return "0";
  if (std::isinf(d)) return d < 0 ? "-Infinity" : "Infinity";
  std::string out;
  if (d < 0) {
    out.push_back('-');
    d = -d;
  }
  if (d < 9007199254740992.0 && d == std::floor(d)) {
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(d)).ptr;
    out.append(buf, end);
    return out;
  }
  // Shortest digits that round-trip (ECMA-262 Number::toString: k as small as possible, then
  // the candidate closest to d). At each length the correctly rounded digits are closest; when
  // they do not read back as d, the neighbour on d's other side (one unit in the last digit)
  // is the next closest and may: below a power of two the rounding interval is half as wide,
  // so 2^-24 is 5.960464477539063e-8 although ...0625 rounds to ...062 at 16 digits.
  // Only a power of two has that lopsided interval; for every other double the neighbour is
  // farther from d than the rounded digits and cannot read back either.
  int binary_exponent = 0;
  const bool power_of_two = std::frexp(d, &binary_exponent) == 0.5;
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, d);
    const double back = std::strtod(buf, nullptr);
    if (back == d) break;
    if (power_of_two && precision < 17 && neighbour_reads_back(buf, precision, back > d, d)) break;
  }
  std::string digits;
  const char* p = buf;
  for (; *p != 'e'; ++p) {
    if (*p != '.') digits.push_back(*p);
  }
  int exponent = std::atoi(p + 1);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  std::string_view all(digits);
  if (k <= n && n <= 21) {
    out.append(all).append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(all.substr(0, static_cast<size_t>(n))).append(".").append(all.substr(static_cast<size_t>(n)));
  } else if (-6 < n && n <= 0) {
    out.append("0.").append(static_cast<size_t>(-n), '0').append(all);
  } else {
    out.append(all.substr(0, 1));
    if (k > 1) out.append(".").append(all.substr(1));
    out.append(n - 1 >= 0 ? "e+" : "e-").append(std::to_string(std::abs(n - 1)));
  }
  return out;
}
#endif

namespace {

void append_js_string(std::string& out, const Value& v) {
  switch (v.type()) {
    case Type::kNull: out += "null"; break;
    case Type::kBool: out += v.as_bool() ? "true" : "false"; break;
    case Type::kNumber: out += number_to_string(v.as_number()); break;
    case Type::kString: out += v.as_string(); break;
    case Type::kObject: out += "[object Object]"; break;
    case Type::kArray: {
      bool first = true;
      for (const auto& e : v.as_array()) {
        if (!first) out.push_back(',');
        first = false;
        if (!e.is_null()) append_js_string(out, e);  // join() writes null as ""
      }
      break;
    }
  }
}

bool is_js_space(unsigned cp) {
  switch (cp) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

double parse_radix(std::string_view s, int radix) {
  if (s.empty()) return NAN;
  double v = 0;
  for (char c : s) {
    int d = c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'z' ? c - 'a' + 10
            : c >= 'A' && c <= 'Z' ? c - 'A' + 10
                                   : 99;
    if (d >= radix) return NAN;
    v = v * radix + d;
  }
  return v;
}

}  // namespace

std::string to_js_string(const Value& v) {
  if (v.is_string()) return v.as_string();
  std::string out;
  append_js_string(out, v);
  return out;
}

double string_to_number(std::string_view s) {
  // Trim JavaScript white space and line terminators from both ends.
  size_t b = 0;
  size_t e = s.size();
  while (b < e) {
    size_t i = b;
    if (!is_js_space(decode_utf8(s, i))) break;
    b = i;
  }
  while (e > b) {
    size_t start = e - 1;
    while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t i = start;
    if (!is_js_space(decode_utf8(s, i))) break;
    e = start;
  }
  std::string_view t = s.substr(b, e - b);
  if (t.empty()) return 0;
  if (t.size() > 2 && t[0] == '0') {
    char p = t[1];
    if (p == 'x' || p == 'X') return parse_radix(t.substr(2), 16);
    if (p == 'o' || p == 'O') return parse_radix(t.substr(2), 8);
    if (p == 'b' || p == 'B') return parse_radix(t.substr(2), 2);
  }
  size_t i = 0;
  bool negative = false;
  if (t[0] == '+' || t[0] == '-') {
    negative = t[0] == '-';
    i = 1;
  }
  if (t.substr(i) == "Infinity") return negative ? -INFINITY : INFINITY;
  auto digit = [&](size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
  size_t int_digits = 0;
  while (digit(i)) ++i, ++int_digits;
  size_t frac_digits = 0;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (digit(i)) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return NAN;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digit(i)) return NAN;
    while (digit(i)) ++i;
  }
  if (i != t.size()) return NAN;
  return decimal_to_number(t);
}

double to_js_number(const Value& v) {
  switch (v.type()) {
    case Type::kNull: return 0;
    case Type::kBool: return v.as_bool() ? 1 : 0;
    case Type::kNumber: return v.as_number();
    case Type::kString: return string_to_number(v.as_string());
    case Type::kObject: return NAN;
    case Type::kArray: return string_to_number(to_js_string(v));
  }
  return NAN;
}

bool truthy(const Value& v) {
  switch (v.type()) {
    case Type::kNull: return false;
    case Type::kBool: return v.as_bool();
    case Type::kNumber: return v.as_number() != 0 && !std::isnan(v.as_number());
    case Type::kString: return !v.as_string().empty();
    default: return true;
  }
}

bool strict_equals(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Type::kNull: return true;
    case Type::kBool: return a.as_bool() == b.as_bool();
    case Type::kNumber: return a.as_number() == b.as_number();
    case Type::kString: return a.as_string() == b.as_string();
    default: return false;
  }
}

std::optional<bool> less_than(const Value& a, const Value& b) {
  // ToPrimitive: arrays and objects become strings; strings on both sides compare as strings.
  bool a_str = a.is_string() || a.is_array() || a.is_object();
  bool b_str = b.is_string() || b.is_array() || b.is_object();
  if (a_str && b_str) {
    if (a.is_string() && b.is_string()) return compare_utf16(a.as_string(), b.as_string()) < 0;
    return compare_utf16(to_js_string(a), to_js_string(b)) < 0;
  }
  double x = to_js_number(a);
  double y = to_js_number(b);
  if (std::isnan(x) || std::isnan(y)) return std::nullopt;
  return x < y;
}

std::string quoted(std::string_view s) {
  std::string out;
  append_quoted(out, s);
  return out;
}

void append_quoted(std::string& out, std::string_view s) {
  out.push_back('"');
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    if (c < 0x20) {
      out += "\\u00";
      text::append_hex(out, c, 2);
    } else if (c == 0xED && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0xA0) {
      // A lone surrogate (WTF-8): well-formed JSON.stringify escapes it.
      unsigned unit = 0xD000 | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                      (static_cast<unsigned char>(s[i + 2]) & 0x3F);
      out += "\\u";
      text::append_hex(out, unit, 4);
      i += 2;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
}

namespace {

void append_json(std::string& out, const Value& v) {
  switch (v.type()) {
    case Type::kNull: out += "null"; break;
    case Type::kBool: out += v.as_bool() ? "true" : "false"; break;
    case Type::kNumber:
      out += std::isfinite(v.as_number()) ? number_to_string(v.as_number()) : "null";
      break;
    case Type::kString: append_quoted(out, v.as_string()); break;
    case Type::kArray: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.as_array()) {
        if (!first) out.push_back(',');
        first = false;
        append_json(out, e);
      }
      out.push_back(']');
      break;
    }
    case Type::kObject: {
      out.push_back('{');
      bool first = true;
      for (const auto& [k, e] : v.as_object()) {
        if (!first) out.push_back(',');
        first = false;
        append_quoted(out, k);
        out.push_back(':');
        append_json(out, e);
      }
      out.push_back('}');
      break;
    }
  }
}

}  // namespace

std::string stringify(const Value& v) {
  std::string out;
  append_json(out, v);
  return out;
}

bool get_property(const Value& base, std::string_view key, Value& out) {
  switch (base.type()) {
    case Type::kObject: {
      const Value* v = base.find(key);
      if (v == nullptr) return false;
      out = *v;
      return true;
    }
    case Type::kArray: {
      const Array& a = base.as_array();
      if (key == "length") {
        out = Value(static_cast<double>(a.size()));
        return true;
      }
      if (!is_array_index(key)) return false;
      size_t index = array_index_value(key);
      if (index >= a.size()) return false;
      out = a[index];
      return true;
    }
    case Type::kString: {
      if (key == "length") {
        out = Value(static_cast<double>(utf16_length(base.as_string())));
        return true;
      }
      if (!is_array_index(key)) return false;
      std::u16string units = to_utf16(base.as_string());
      size_t index = array_index_value(key);
      if (index >= units.size()) return false;
      out = Value(to_utf8(std::u16string_view(&units[index], 1)));
      return true;
    }
    default:
      return false;
  }
}

}  // namespace tailor::json
