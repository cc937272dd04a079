// GrowthBook-compatible hashing: FNV-1a 32 over UTF-16 code units and the v1/v2 bucket hash.
//
// GrowthBook's JavaScript SDK hashes `str.charCodeAt(i)` values, i.e. UTF-16 code units, so a
// non-ASCII character hashes as its one or two code units, never as its UTF-8 bytes. Strings
// here are UTF-8 (or WTF-8 for lone surrogates); invalid bytes read as U+FFFD, exactly as
// json::to_utf16 decodes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tailor::assign {

// FNV-1a 32-bit (offset basis 0x811c9dc5, prime 0x01000193) over the UTF-16 code units of
// `utf8`. Equal to GrowthBook's hashFnv32a(str) >>> 0.
uint32_t fnv1a32(std::string_view utf8);
uint32_t fnv1a32(std::u16string_view utf16);
// Continues an FNV-1a 32 state over ASCII bytes (each byte is its own UTF-16 code unit), so
// fnv1a32_ascii(fnv1a32_ascii(kFnvOffsetBasis, a), b) == fnv1a32(a + b) for ASCII a and b:
// concatenated inputs hash without a temporary string. Bytes >= 0x80 are not decoded here.
uint32_t fnv1a32_ascii(uint32_t state, std::string_view ascii);

// GrowthBook's hashFnv32a called on a non-string (a number, which has no length): the loop
// never runs and the offset basis comes back. evaluate.cc needs this when `seed + value`
// is a numeric addition.
inline constexpr uint32_t kFnvOffsetBasis = 0x811c9dc5u;

// The bucket position in [0, 1) for a version, given the FNV-1a of the version's input:
//   version 1: fnv = fnv1a32(value + seed);  result fnv % 1000 / 1000
//   version 2: fnv = fnv1a32(seed + value);  result fnv1a32(decimal(fnv)) % 10000 / 10000
// Any other version: nullopt (GrowthBook returns null: "unknown hash version").
std::optional<double> hash_from_fnv(uint32_t fnv, int version);

// GrowthBook's hash(seed, value, version) for string seed and value. nullopt for a version
// other than 1 or 2.
std::optional<double> hash(std::string_view seed, std::string_view value, int version);

}  // namespace tailor::assign
