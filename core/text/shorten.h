// Cutting text for a message: never inside a UTF-8 character. Pure functions.
//
// Header-only like the rest of core/text (any module and the edge use it without a library
// dependency). Messages quote what they refused, cut to a bounded length; a cut through a
// multi-byte character would leave bytes that are not UTF-8, which a JSON answer carrying the
// message must not contain (json::parse refuses them, and so do browsers' JSON.parse callers
// that check). A fuzz run of the stats protocol found such a cut (docs/reliability.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tailor::text {

// The length of the longest prefix of `s` of at most `max` bytes that ends on a UTF-8
// character boundary: backs up over continuation bytes (10xxxxxx) at the cut. Text that is not
// UTF-8 is cut at the same rule (at most 3 bytes earlier than `max`).
constexpr size_t utf8_prefix_length(std::string_view s, size_t max) {
  if (s.size() <= max) return s.size();
  size_t n = max;
  for (int back = 0; n > 0 && back < 3 &&
                     (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80;
       ++back) {
    --n;
  }
  return n;
}

// `s` when it has at most `max` bytes; otherwise its first (at most) `max - 3` bytes, cut at a
// character boundary, then "...", so the result has at most `max` bytes (`max` >= 3).
inline std::string shorten(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  std::string out(s.substr(0, utf8_prefix_length(s, max - 3)));
  out += "...";
  return out;
}

}  // namespace tailor::text
