// json::to_lower (core/json/js.h) for the browser SDK's module (tailor_sdk.wasm,
// wasm/CMakeLists.txt): the page's own String.prototype.toLowerCase(), which to_lower's
// contract is defined by, so the module carries neither lower_case.cc's Unicode tables (the
// lowercase runs, Cased and Case_Ignorable for the Final_Sigma rule) nor its code. ASCII text,
// the common case, is lowered here without a call out. The host function is in
// web/sdk/src/wasm.js.
#include <string>
#include <string_view>

#include "core/json/js.h"

extern "C" {
// Lowers the `length` UTF-16 code units at `units` (lone surrogates included) and returns the
// result's length in code units; writes it to `out` only when that length is <= `capacity`.
__attribute__((import_module("env"), import_name("tailor_to_lower"))) int tailor_to_lower(
    const char16_t* units, int length, char16_t* out, int capacity);
}

namespace tailor::json {

std::string to_lower(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out(s);
    for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    return out;
  }
  const std::u16string units = to_utf16(s);
  // Lowercasing lengthens only U+0130 (to two code units): twice the input fits, and a longer
  // answer (a future Unicode) is asked for again with room for it.
  std::u16string lower(units.size() * 2, u'\0');
  for (;;) {
    const int n = tailor_to_lower(units.data(), static_cast<int>(units.size()), lower.data(),
                                  static_cast<int>(lower.size()));
    const bool fits = static_cast<size_t>(n) <= lower.size();
    lower.resize(static_cast<size_t>(n));
    if (fits) return to_utf8(lower);
  }
}

}  // namespace tailor::json
