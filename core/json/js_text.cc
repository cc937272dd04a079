// JavaScript's view of text (core/json/js.h): UTF-16 code units over the core's UTF-8 strings
// (conversions, length, comparison). String.prototype.toLowerCase with its Unicode tables is
// lower_case.cc; the rest of js.h (numbers, ToString, equality, JSON.stringify, property
// access) is js.cc.
#include <string>

#include "core/json/js.h"

namespace tailor::json {

void append_utf8(std::string& out, unsigned cp) {
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

unsigned decode_utf8(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned c = byte(i++);
  if (c < 0x80) return c;
  int len = 0;
  unsigned lo = 0x80, hi = 0xBF;  // bounds of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0xFFFD;
  }
  unsigned cp = c & (0x7F >> len);
  for (int k = 1; k < len; ++k, lo = 0x80, hi = 0xBF) {
    if (i >= s.size() || byte(i) < lo || byte(i) > hi) return 0xFFFD;
    cp = (cp << 6) | (byte(i++) & 0x3F);
  }
  return cp;
}

namespace {

template <class F>
void for_each_unit(std::string_view s, F&& f) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned cp = decode_utf8(s, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      f(static_cast<char16_t>(0xD800 + (cp >> 10)));
      f(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      f(static_cast<char16_t>(cp));
    }
  }
}

}  // namespace

std::u16string to_utf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for_each_unit(s, [&](char16_t u) { out.push_back(u); });
  return out;
}

std::string to_utf8(std::u16string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned u = s[i];
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 &&
        s[i + 1] <= 0xDFFF) {
      u = 0x10000 + ((u - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    }
    append_utf8(out, u);
  }
  return out;
}

size_t utf16_length(std::string_view s) {
  size_t n = 0;
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return s.size();
  for_each_unit(s, [&](char16_t) { ++n; });
  return n;
}

int compare_utf16(std::string_view a, std::string_view b) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  if (i == n) return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
  unsigned ca = static_cast<unsigned char>(a[i]);
  unsigned cb = static_cast<unsigned char>(b[i]);
  // UTF-8 byte order is code point order; it differs from UTF-16 code unit order only
  // between supplementary characters and U+D800..U+FFFF, whose lead bytes are >= 0xED.
  if (ca < 0xED || cb < 0xED) return ca < cb ? -1 : 1;
  std::u16string ua = to_utf16(a.substr(i > 3 ? i - 3 : 0));
  std::u16string ub = to_utf16(b.substr(i > 3 ? i - 3 : 0));
  int c = ua.compare(ub);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace tailor::json
