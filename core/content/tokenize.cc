// unicode61-compatible tokenising (see tokenize.h for the exact rule).
#include "core/content/tokenize.h"

#include <cstdint>

#include "core/json/js.h"

namespace tailor::content {
namespace {

// Latin-1 U+00A0-U+00FF: the folded code point of a token character, or 0 for a separator.
uint32_t fold_latin1(uint32_t cp) {
  switch (cp) {
    case 0xAA:
    case 0xB2:
    case 0xB3:
    case 0xB9:
    case 0xBA:
    case 0xBC:
    case 0xBD:
    case 0xBE:
    case 0xDF:
      return cp;
    case 0xB5:
      return 0x3BC;
    case 0xD7:
    case 0xF7:
      return 0;
    default:
      break;
  }
  if (cp < 0xC0) return 0;
  const uint32_t small = cp < 0xE0 ? cp + 0x20 : cp;  // À-Þ -> à-þ (× excluded above)
  if (small <= 0xE5) return 'a';
  if (small == 0xE7) return 'c';
  if (small >= 0xE8 && small <= 0xEB) return 'e';
  if (small >= 0xEC && small <= 0xEF) return 'i';
  if (small == 0xF1) return 'n';
  if (small >= 0xF2 && small <= 0xF6) return 'o';
  if (small >= 0xF9 && small <= 0xFC) return 'u';
  if (small == 0xFD || small == 0xFF) return 'y';
  return small;  // æ ð ø þ
}

bool separator_block(uint32_t cp) {
  return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
         (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

}  // namespace

void tokenize(std::string_view text, std::vector<std::string>& out) {
  std::string token;
  auto flush = [&] {
    if (!token.empty()) out.push_back(std::move(token));
    token.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        token.push_back(c);
      } else if (c >= 'A' && c <= 'Z') {
        token.push_back(static_cast<char>(c - 'A' + 'a'));
      } else {
        flush();
      }
      ++i;
      continue;
    }
    const uint32_t cp = json::decode_utf8(text, i);  // advances i; ill-formed -> U+FFFD
    if (cp == 0xFFFD || (cp >= 0xD800 && cp <= 0xDFFF) || separator_block(cp)) {
      flush();
    } else if (cp <= 0xFF) {
      const uint32_t folded = cp < 0xA0 ? 0 : fold_latin1(cp);
      if (folded == 0) {
        flush();
      } else {
        json::append_utf8(token, folded);
      }
    } else {
      json::append_utf8(token, cp);
    }
  }
  flush();
}

}  // namespace tailor::content
