// unicode61-compatible tokenising (see tokenize.h for the exact rule).
#include "core/content/tokenize.h"

#include <cstdint>

namespace tailor::content {
namespace {

// Decodes one UTF-8 code point at s[i]; sets `len`. Returns 0xFFFFFFFF for an invalid
// sequence (then len = 1).
uint32_t decode(std::string_view s, size_t i, size_t& len) {
  const auto b = static_cast<unsigned char>(s[i]);
  len = 1;
  if (b < 0x80) return b;
  const int extra = b >= 0xC2 && b <= 0xDF   ? 1
                    : b >= 0xE0 && b <= 0xEF ? 2
                    : b >= 0xF0 && b <= 0xF4 ? 3
                                             : -1;
  if (extra < 0 || i + static_cast<size_t>(extra) >= s.size()) return 0xFFFFFFFF;
  uint32_t cp = b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    const auto c = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((c & 0xC0) != 0x80) return 0xFFFFFFFF;
    cp = (cp << 6) | (c & 0x3F);
  }
  const uint32_t min = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFFFFFF;
  len = static_cast<size_t>(extra) + 1;
  return cp;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

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
    size_t len = 1;
    const uint32_t cp = decode(text, i, len);
    i += len;
    if (cp == 0xFFFFFFFF || separator_block(cp)) {
      flush();
    } else if (cp <= 0xFF) {
      const uint32_t folded = cp < 0xA0 ? 0 : fold_latin1(cp);
      if (folded == 0) {
        flush();
      } else {
        append_utf8(token, folded);
      }
    } else {
      append_utf8(token, cp);
    }
  }
  flush();
}

}  // namespace tailor::content
