// Parser for JavaScript RegExp sources: escapes (\d, \k<name>, \cX, \x, \u, legacy octal,
// backreferences) and character classes, with Annex B's web-compatibility rules.
#include "core/targeting/regex_parser.h"
#include "core/text/hex.h"

namespace tailor::targeting::regex_internal {

// LegacyOctalEscapeSequence at pos_ (the first digit); consumes it.
char16_t RegexParser::parse_legacy_octal() {
  int v = src_[pos_++] - u'0';
  if (pos_ < src_.size() && is_octal(src_[pos_])) {
    bool may_take_third = v <= 3;
    v = v * 8 + (src_[pos_++] - u'0');
    if (may_take_third && pos_ < src_.size() && is_octal(src_[pos_])) {
      v = v * 8 + (src_[pos_++] - u'0');
    }
  }
  return static_cast<char16_t>(v);
}

// CharacterEscape shared by atoms and classes, with pos_ at the letter after '\'. Handles
// control escapes, \x, \u, \0 and legacy octal, and identity escapes. Returns the code unit.
char16_t RegexParser::parse_character_escape() {
  char16_t c = src_[pos_];
  switch (c) {
    case u'f':
      ++pos_;
      return u'\f';
    case u'n':
      ++pos_;
      return u'\n';
    case u'r':
      ++pos_;
      return u'\r';
    case u't':
      ++pos_;
      return u'\t';
    case u'v':
      ++pos_;
      return u'\v';
    case u'x':
    case u'u': {
      size_t digits = c == u'x' ? 2 : 4;
      int v = 0;
      for (size_t i = 1; i <= digits; ++i) {
        int h = pos_ + i < src_.size() ? text::hex_value(src_[pos_ + i]) : -1;
        if (h < 0) {  // Annex B: not an escape, just the letter.
          ++pos_;
          return c;
        }
        v = v * 16 + h;
      }
      pos_ += digits + 1;
      return static_cast<char16_t>(v);
    }
    default:
      if (is_octal(c)) return parse_legacy_octal();
      ++pos_;
      return c;  // identity escape, including \8 and \9
  }
}

int32_t RegexParser::parse_atom_escape() {
  size_t start = pos_;
  if (pos_ + 1 >= src_.size()) return fail(pos_, "\\ at end of pattern"), -1;
  ++pos_;
  char16_t c = src_[pos_];
  if (c >= u'1' && c <= u'9') {
    size_t j = pos_;
    int64_t n = 0;
    for (; j < src_.size() && is_digit(src_[j]); ++j) {
      if (n <= total_groups_) n = n * 10 + (src_[j] - u'0');
    }
    if (n <= total_groups_) {
      pos_ = j;
      return add_leaf(NodeKind::kBackref, static_cast<int32_t>(n));
    }
  }
  switch (c) {
    case u'd':
    case u'D':
    case u's':
    case u'S':
    case u'w':
    case u'W':
      ++pos_;
      return add_class(escape_class(c));
    case u'k': {
      ++pos_;
      if (!has_named_) return add_leaf(NodeKind::kChar, u'k');
      std::u16string name;
      if (!at(pos_, u'<')) return fail(start, "invalid named reference"), -1;
      ++pos_;
      if (!parse_group_name(&name, "invalid named reference")) return -1;
      int32_t node = add_leaf(NodeKind::kBackref, 0);
      pending_.push_back({node, std::move(name), start});
      return node;
    }
    case u'c':
      if (pos_ + 1 < src_.size() && is_ascii_letter(src_[pos_ + 1])) {
        pos_ += 2;
        return add_leaf(NodeKind::kChar, src_[pos_ - 1] % 32);
      }
      return add_leaf(NodeKind::kChar, u'\\');  // Annex B: '\' then a literal 'c'
    default:
      return add_leaf(NodeKind::kChar, parse_character_escape());
  }
}

bool RegexParser::parse_class_atom(ClassAtom* atom) {
  char16_t c = src_[pos_];
  if (c != u'\\') {
    ++pos_;
    atom->unit = c;
    return true;
  }
  if (pos_ + 1 >= src_.size()) return fail(pos_, "\\ at end of pattern");
  char16_t e = src_[pos_ + 1];
  switch (e) {
    case u'b':
      pos_ += 2;
      atom->unit = u'\b';
      return true;
    case u'-':
      pos_ += 2;
      atom->unit = u'-';
      return true;
    case u'd':
    case u'D':
    case u's':
    case u'S':
    case u'w':
    case u'W':
      pos_ += 2;
      atom->is_set = true;
      atom->set = escape_class(e);
      return true;
    case u'c':
      if (pos_ + 2 < src_.size() &&
          (is_ascii_letter(src_[pos_ + 2]) || is_digit(src_[pos_ + 2]) || src_[pos_ + 2] == u'_')) {
        atom->unit = src_[pos_ + 2] % 32;
        pos_ += 3;
        return true;
      }
      ++pos_;  // Annex B: a literal '\'; the 'c' is the next atom
      atom->unit = u'\\';
      return true;
    case u'k':
      if (has_named_) return fail(pos_, "invalid escape \\k in character class");
      break;
    default:
      break;
  }
  ++pos_;
  atom->unit = parse_character_escape();
  return true;
}

int32_t RegexParser::parse_class() {
  size_t open = pos_;
  ++pos_;
  CharClass cls;
  if (at(pos_, u'^')) {
    cls.negated = true;
    ++pos_;
  }
  for (;;) {
    if (pos_ >= src_.size()) return fail(open, "unterminated character class"), -1;
    if (src_[pos_] == u']') break;
    size_t atom_pos = pos_;
    ClassAtom a;
    if (!parse_class_atom(&a)) return -1;
    if (at(pos_, u'-') && pos_ + 1 < src_.size() && src_[pos_ + 1] != u']') {
      ++pos_;
      ClassAtom b;
      if (!parse_class_atom(&b)) return -1;
      if (a.is_set || b.is_set) {  // Annex B: [\d-z] is \d, '-' and 'z'
        a.is_set ? cls.add_set(a.set) : cls.add(a.unit, a.unit);
        b.is_set ? cls.add_set(b.set) : cls.add(b.unit, b.unit);
        cls.add(u'-', u'-');
      } else if (a.unit > b.unit) {
        return fail(atom_pos, "range out of order in character class"), -1;
      } else {
        cls.add(a.unit, b.unit);
      }
      continue;
    }
    a.is_set ? cls.add_set(a.set) : cls.add(a.unit, a.unit);
  }
  ++pos_;
  return add_class(std::move(cls));
}

}  // namespace tailor::targeting::regex_internal
