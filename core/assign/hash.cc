#include "core/assign/hash.h"

#include <charconv>
#include <string>

#include "core/json/js.h"

namespace tailor::assign {

namespace {

constexpr uint32_t kFnvPrime = 0x01000193u;

// JavaScript computes `hval += (hval<<1) + (hval<<4) + (hval<<7) + (hval<<8) + (hval<<24)`
// in int32/double arithmetic and truncates with ToInt32 on the next `^=` and `>>> 0` at the
// end; every step is exact modulo 2^32, so this is multiplication by the FNV prime mod 2^32.
inline uint32_t step(uint32_t h, uint32_t unit) { return (h ^ unit) * kFnvPrime; }

}  // namespace

uint32_t fnv1a32(std::u16string_view utf16) {
  uint32_t h = kFnvOffsetBasis;
  for (char16_t c : utf16) h = step(h, c);
  return h;
}

uint32_t fnv1a32_ascii(uint32_t state, std::string_view ascii) {
  for (char c : ascii) state = step(state, static_cast<unsigned char>(c));
  return state;
}

uint32_t fnv1a32(std::string_view utf8) {
  uint32_t h = kFnvOffsetBasis;
  for (size_t i = 0; i < utf8.size(); ++i) {
    auto byte = static_cast<unsigned char>(utf8[i]);
    // Non-ASCII text takes the one decoder that defines the UTF-16 view everywhere.
    if (byte >= 0x80) return fnv1a32(std::u16string_view(json::to_utf16(utf8)));
    h = step(h, byte);
  }
  return h;
}

std::optional<double> hash_from_fnv(uint32_t fnv, int version) {
  if (version == 2) {
    char digits[16];
    auto end = std::to_chars(digits, digits + sizeof digits, fnv).ptr;
    uint32_t second = fnv1a32(std::string_view(digits, static_cast<size_t>(end - digits)));
    return static_cast<double>(second % 10000u) / 10000.0;
  }
  if (version == 1) return static_cast<double>(fnv % 1000u) / 1000.0;
  return std::nullopt;
}

std::optional<double> hash(std::string_view seed, std::string_view value, int version) {
  if (version != 1 && version != 2) return std::nullopt;
  std::string input;
  input.reserve(seed.size() + value.size());
  if (version == 2) {
    input.append(seed).append(value);
  } else {
    input.append(value).append(seed);
  }
  return hash_from_fnv(fnv1a32(std::string_view(input)), version);
}

}  // namespace tailor::assign
