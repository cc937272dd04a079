// Percent-decoding (RFC 3986 section 2.1; WHATWG URL "percent-decode"): "%XX", X a hexadecimal
// digit of either case, stands for the byte 0xXX. Pure functions over bytes: the result is not
// checked for UTF-8, and a decoded "%00" is a NUL byte in the result.
//
// Two choices differ between call sites on purpose, so both are parameters:
// - '+': a space in application/x-www-form-urlencoded query strings (PlusSign::kSpace), itself
//   in paths and hosts (PlusSign::kLiteral). A decoded "%2B" is '+' either way.
// - a '%' not followed by two hexadecimal digits ("%zz", "%4", a final "%"): kept as written by
//   percent_decode (what browsers do), refused by percent_decode_strict (the edge's routes).
//
// Header-only for the reason given in core/text/hex.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/text/hex.h"

namespace tailor::text {

enum class PlusSign { kLiteral, kSpace };

namespace detail {

// Decodes `s` into `out` (cleared first); false at the first malformed escape when `strict`.
inline bool percent_decode_into(std::string_view s, PlusSign plus, bool strict, std::string& out) {
  out.clear();
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && plus == PlusSign::kSpace) {
      out.push_back(' ');
      continue;
    }
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
    int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
    if (lo < 0) {
      if (strict) return false;
      out.push_back('%');  // the characters after it are copied on the next turns
      continue;
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

}  // namespace detail

// Decodes every well-formed escape and keeps a malformed '%' as written:
// "a%20b" -> "a b", "100%" -> "100%", "%zz" -> "%zz", "%%41" -> "%A".
inline std::string percent_decode(std::string_view s, PlusSign plus) {
  std::string out;
  detail::percent_decode_into(s, plus, false, out);
  return out;
}

// The same, but nullopt when any '%' is not followed by two hexadecimal digits:
// "a%2Fb" -> "a/b", "100%" -> nullopt, "%zz" -> nullopt, "%4" -> nullopt.
inline std::optional<std::string> percent_decode_strict(std::string_view s, PlusSign plus) {
  std::string out;
  if (!detail::percent_decode_into(s, plus, true, out)) return std::nullopt;
  return out;
}

}  // namespace tailor::text
