// Hexadecimal digits: the value of one, and bytes or numbers written as them. Pure functions.
//
// Header-only on purpose: these are short loops the JSON, regex and URL parsers call per
// character and want inlined, and any module (json, targeting, assign, audit) and the edge may
// use them without a library dependency (core/text is not a tailor_module).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace tailor::text {

// The value (0-15) of the hexadecimal digit `c`: '0'-'9', 'a'-'f' or 'A'-'F'; -1 for any other
// character. Takes char, char16_t and char32_t alike (a negative char is never a digit).
constexpr int hex_value(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'a' && c <= U'f') return static_cast<int>(c - U'a') + 10;
  if (c >= U'A' && c <= U'F') return static_cast<int>(c - U'A') + 10;
  return -1;
}

enum class HexCase { kLower, kUpper };

// Appends the `digits` lowest hexadecimal digits of `value`, most significant first and
// zero-padded (printf's "%0*x"): append_hex(out, 0x1f, 4) appends "001f"; higher digits of
// `value` are dropped. `digits` is at most 16.
inline void append_hex(std::string& out, std::uint64_t value, int digits,
                       HexCase letters = HexCase::kLower) {
  const char* alphabet = letters == HexCase::kLower ? "0123456789abcdef" : "0123456789ABCDEF";
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
    out.push_back(alphabet[(value >> shift) & 15]);
  }
}

// The bytes as lower-case hexadecimal, two digits a byte, in order: {0x00, 0xAB} -> "00ab".
inline std::string hex_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(2 * bytes.size());
  for (std::uint8_t b : bytes) append_hex(out, b, 2);
  return out;
}

}  // namespace tailor::text
