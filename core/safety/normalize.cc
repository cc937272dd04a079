#include "core/safety/normalize.h"

#include <algorithm>

#include "core/json/js.h"

namespace tailor::safety {
namespace {

// Base letters of U+00C0..U+017F ('.' = not a letter; two-letter folds handled separately).
constexpr std::string_view kLatin =
    "aaaaaa.ceeeeiiiidnooooo.ouuuuy.."   // C0-DF (C6 ae, DE th, DF ss, D7 and F7 separators)
    "aaaaaa.ceeeeiiiidnooooo.ouuuuy.y"   // E0-FF
    "aaaaaaccccccccddddeeeeeeeeeegggg"   // 100-11F
    "gggghhhhiiiiiiiiii..jjkkklllllll"   // 120-13F (132-133 ij)
    "lllnnnnnnnnnoooooo..rrrrrrssssss"   // 140-15F (152-153 oe)
    "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";  // 160-17F

struct Confusable {
  unsigned cp;
  char ascii;
};
constexpr Confusable kConfusables[] = {
    {0x391, 'a'}, {0x392, 'b'}, {0x395, 'e'}, {0x396, 'z'}, {0x397, 'h'}, {0x399, 'i'},
    {0x39A, 'k'}, {0x39C, 'm'}, {0x39D, 'n'}, {0x39F, 'o'}, {0x3A1, 'p'}, {0x3A4, 't'},
    {0x3A5, 'y'}, {0x3A7, 'x'}, {0x3B1, 'a'}, {0x3B9, 'i'}, {0x3BA, 'k'}, {0x3BD, 'v'},
    {0x3BF, 'o'}, {0x3C1, 'p'}, {0x3C4, 't'}, {0x3C5, 'u'}, {0x405, 's'}, {0x406, 'i'},
    {0x408, 'j'}, {0x410, 'a'}, {0x412, 'b'}, {0x415, 'e'}, {0x41A, 'k'}, {0x41C, 'm'},
    {0x41D, 'h'}, {0x41E, 'o'}, {0x420, 'p'}, {0x421, 'c'}, {0x422, 't'}, {0x423, 'y'},
    {0x425, 'x'}, {0x430, 'a'}, {0x435, 'e'}, {0x43A, 'k'}, {0x43C, 'm'}, {0x43D, 'h'},
    {0x43E, 'o'}, {0x440, 'p'}, {0x441, 'c'}, {0x442, 't'}, {0x443, 'y'}, {0x445, 'x'},
    {0x455, 's'}, {0x456, 'i'}, {0x458, 'j'}, {0x501, 'd'},
};

char leet(char c) {
  switch (c) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '8':
      return 'b';
    case '@':
      return 'a';
    case '$':
      return 's';
    case '!':
      return 'i';
    case '|':
      return 'l';
    default:
      return c;
  }
}

bool is_symbol(char c) { return c == '@' || c == '$' || c == '!' || c == '*' || c == '|'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Decodes one UTF-8 code point at s[i]; returns its length (1 for an invalid byte, cp 0xFFFD).
size_t decode(std::string_view s, size_t i, unsigned& cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) {
    cp = 0xFFFD;
    return 1;
  }
  cp = b & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      cp = 0xFFFD;
      return 1;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  return n;
}

// An HTML tag at s[i] ("<b>", "</span>", "<br/>", "<a href=...>"): sets `end` past it and
// whether it is inline markup (which may split a word: "f<b>u</b>ck") or a block break.
bool html_tag(std::string_view s, size_t i, size_t& end, bool& inline_tag) {
  if (i > 0 && s[i - 1] == '<') return false;  // "<<Name>>" is a merge field, not a tag
  size_t k = i + 1;
  if (k < s.size() && s[k] == '/') ++k;
  const size_t name_begin = k;
  while (k < s.size() && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) ++k;
  if (k == name_begin || k - name_begin > 10) return false;
  std::string name(s.substr(name_begin, k - name_begin));
  for (char& c : name) c = static_cast<char>(c | 0x20);
  const size_t close = s.find('>', k);
  if (close == std::string_view::npos || close - i > 200) return false;
  if (s.substr(k, close - k).find_first_of("<\n") != std::string_view::npos) return false;
  if (close + 1 < s.size() && s[close + 1] == '>') return false;
  if (k < close && s[k] != ' ' && s[k] != '/') return false;
  static constexpr std::string_view kInline[] = {"a",    "b",      "i",    "u",    "s",
                                                 "em",   "strong", "span", "font", "small",
                                                 "mark", "sup",    "sub",  "abbr", "code"};
  inline_tag = std::find(std::begin(kInline), std::end(kInline), name) != std::end(kInline);
  end = close + 1;
  return true;
}

// An HTML character reference at s[i] ("&amp;", "&#39;", "&#x2019;", "&shy;"): its code point
// and length.
bool html_entity(std::string_view s, size_t i, unsigned& cp, size_t& length) {
  const size_t semi = s.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 10 || semi == i + 1) return false;
  const std::string_view body = s.substr(i + 1, semi - i - 1);
  static constexpr std::pair<std::string_view, unsigned> kNamed[] = {
      {"amp", '&'},     {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
      {"nbsp", 0xA0},   {"shy", 0xAD},     {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"zwj", 0x200D},
      {"zwnj", 0x200C}, {"ldquo", 0x201C}, {"rdquo", 0x201D}};
  for (const auto& [name, value] : kNamed) {
    if (body == name) {
      cp = value;
      length = semi - i + 1;
      return true;
    }
  }
  if (body[0] != '#' || body.size() < 2) return false;
  const bool hex = body[1] == 'x' || body[1] == 'X';
  unsigned value = 0;
  for (size_t k = hex ? 2 : 1; k < body.size(); ++k) {
    const char c = body[k];
    int d = c >= '0' && c <= '9' ? c - '0' : -1;
    if (hex && d < 0 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
    if (d < 0 || value > 0x10FFFF) return false;
    value = value * (hex ? 16 : 10) + static_cast<unsigned>(d);
  }
  if (value == 0 || value > 0x10FFFF || (hex && body.size() == 2)) return false;
  cp = value;
  length = semi - i + 1;
  return true;
}

// A raw token before leet and joining: folded characters and the byte span.
struct Piece {
  std::string text;
  size_t begin, end;
  std::vector<size_t> starts, ends;  // byte span of the code point behind each character
};

void finish(Piece& p, std::vector<Token>& out) {
  std::string& t = p.text;
  // Trim symbols that are punctuation at the edges; '$' and '*' may end a word ("a$$", "f**").
  size_t first = 0;
  while (first < t.size() && is_symbol(t[first])) ++first;
  size_t last = t.size();
  bool has_alpha = false, has_other = false;
  for (size_t i = first; i < last; ++i) {
    has_alpha |= is_alpha(t[i]);
    has_other |= is_digit(t[i]) || is_symbol(t[i]);
  }
  while (last > first && (t[last - 1] == '!' || t[last - 1] == '|' || t[last - 1] == '@' ||
                          (!has_alpha && is_symbol(t[last - 1]))))
    --last;
  if (first >= last) return;
  std::string text = t.substr(first, last - first);
  if (has_alpha && has_other) {
    for (char& c : text) c = leet(c);
  }
  out.push_back({std::move(text), p.starts[first], p.ends[last - 1]});
}

}  // namespace

bool fold_code_point(unsigned cp, std::string& out) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
      return true;
    }
    if ((c >= 'a' && c <= 'z') || is_digit(c) || is_symbol(c) || c == '\'') {
      out.push_back(c);
      return true;
    }
    return false;
  }
  if (cp == 0xC6 || cp == 0xE6) return out += "ae", true;
  if (cp == 0xDE || cp == 0xFE) return out += "th", true;
  if (cp == 0xDF) return out += "ss", true;
  if (cp == 0x132 || cp == 0x133) return out += "ij", true;
  if (cp == 0x152 || cp == 0x153) return out += "oe", true;
  if (cp >= 0xC0 && cp <= 0x17F) {
    const char c = kLatin[cp - 0xC0];
    if (c == '.') return false;
    out.push_back(c);
    return true;
  }
  if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) return out.push_back('\''), true;
  if (cp >= 0xFF01 && cp <= 0xFF5E) return fold_code_point(cp - 0xFEE0, out);
  if (cp >= 0x1D400 && cp <= 0x1D6A3) {
    const unsigned k = (cp - 0x1D400) % 52;
    out.push_back(static_cast<char>('a' + k % 26));
    return true;
  }
  if (cp >= 0x1D7CE && cp <= 0x1D7FF)
    return out.push_back(static_cast<char>('0' + (cp - 0x1D7CE) % 10)), true;
  if (cp >= 0x24B6 && cp <= 0x24E9)
    return out.push_back(static_cast<char>('a' + (cp - 0x24B6) % 26)), true;
  for (const auto& c : kConfusables) {
    if (c.cp == cp) return out.push_back(c.ascii), true;
  }
  // Separators: Latin-1 punctuation, spaces and general punctuation, CJK punctuation.
  if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
      cp == 0xFFFD || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F000 && cp <= 0x1FAFF))
    return false;
  json::append_utf8(out, cp);
  return true;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  Piece piece{{}, 0, 0, {}, {}};
  bool in_word = false;
  std::string folded;
  for (size_t i = 0; i < text.size();) {
    // HTML is neutralised: inline tags vanish, block tags separate, references are characters.
    size_t tag_end = 0;
    bool inline_tag = false;
    if (text[i] == '<' && html_tag(text, i, tag_end, inline_tag)) {
      if (!inline_tag && in_word) {
        finish(piece, tokens);
        in_word = false;
      }
      i = tag_end;
      continue;
    }
    unsigned cp = 0;
    size_t n = 0;
    if (text[i] != '&' || !html_entity(text, i, cp, n)) n = decode(text, i, cp);
    // Zero-width characters and soft hyphens vanish: "f\u200Buck" is "fuck".
    if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF) {
      i += n;
      continue;
    }
    folded.clear();
    if (fold_code_point(cp, folded)) {
      if (!in_word) {
        piece.text.clear();
        piece.starts.clear();
        piece.ends.clear();
        piece.begin = i;
        in_word = true;
      }
      for (char c : folded) {
        if (c == '\'') continue;
        piece.text.push_back(c);
        piece.starts.push_back(i);
        piece.ends.push_back(i + n);
      }
      piece.end = i + n;
    } else if (in_word) {
      finish(piece, tokens);
      in_word = false;
    }
    i += n;
  }
  if (in_word) finish(piece, tokens);

  // Join runs of >= 3 single letters separated by exactly one byte ("f u c k", "s.e.x").
  std::vector<Token> joined;
  joined.reserve(tokens.size());
  for (size_t i = 0; i < tokens.size();) {
    size_t j = i;
    auto single = [&](size_t k) {
      return tokens[k].text.size() == 1 && is_alpha(tokens[k].text[0]);
    };
    while (j < tokens.size() && single(j) && (j == i || tokens[j].begin == tokens[j - 1].end + 1))
      ++j;
    if (j - i >= 3) {
      Token t{{}, tokens[i].begin, tokens[j - 1].end};
      for (size_t k = i; k < j; ++k) t.text += tokens[k].text;
      joined.push_back(std::move(t));
      i = j;
    } else {
      joined.push_back(std::move(tokens[i]));
      ++i;
    }
  }
  return joined;
}

std::string normalised(std::string_view text) {
  std::string out;
  for (const auto& t : tokenize(text)) {
    if (!out.empty()) out.push_back(' ');
    out += t.text;
  }
  return out;
}

}  // namespace tailor::safety
