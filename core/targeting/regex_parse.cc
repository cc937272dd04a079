// Parser for JavaScript RegExp sources (non-unicode mode with Annex B web compatibility).
#include <cstdint>
#include <string>
#include <utility>

#include "core/targeting/regex_internal.h"
#include "core/text/hex.h"

namespace tailor::targeting::regex_internal {
namespace {

bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }
bool is_octal(char16_t c) { return c >= u'0' && c <= u'7'; }
bool is_ascii_letter(char16_t c) { return (c | 0x20) >= u'a' && (c | 0x20) <= u'z'; }

// One ClassAtom: a single code unit, or a set from \d \D \s \S \w \W.
struct ClassAtom {
  char16_t unit = 0;
  bool is_set = false;
  CharClass set;
};

class Parser {
 public:
  Parser(std::u16string_view src, std::string* error) : src_(src), error_(error) {}

  std::optional<Ast> run() {
    if (src_.size() > kMaxSourceLength) {
      return fail(kMaxSourceLength, "unsupported: patterns longer than 131072 code units"),
             std::nullopt;
    }
    prescan();
    int32_t root = parse_disjunction();
    if (root < 0) return std::nullopt;
    if (pos_ < src_.size()) return fail(pos_, "unmatched ')'"), std::nullopt;
    for (const PendingRef& ref : pending_) {
      int32_t group = find_group(ref.name);
      if (group == 0) return fail(ref.pos, "named reference to a missing group"), std::nullopt;
      ast_.nodes[ref.node].value = group;
    }
    ast_.root = root;
    ast_.group_count = group_count_;
    return std::move(ast_);
  }

 private:
  struct PendingRef {
    int32_t node;
    std::u16string name;
    size_t pos;
  };

  bool fail(size_t at, const char* message) {
    if (error_ != nullptr && !failed_)
      *error_ = "at position " + std::to_string(at) + ": " + message;
    failed_ = true;
    return false;
  }
  bool at(size_t i, char16_t c) const { return i < src_.size() && src_[i] == c; }
  int32_t add(Node node) {
    ast_.nodes.push_back(std::move(node));
    return static_cast<int32_t>(ast_.nodes.size() - 1);
  }
  int32_t add_leaf(NodeKind kind, int32_t value = 0) {
    Node n;
    n.kind = kind;
    n.value = value;
    return add(std::move(n));
  }
  int32_t add_class(CharClass c) {
    c.normalize();
    ast_.classes.push_back(std::move(c));
    return add_leaf(NodeKind::kClass, static_cast<int32_t>(ast_.classes.size() - 1));
  }
  int32_t find_group(const std::u16string& name) const {
    for (const auto& [n, group] : names_) {
      if (n == name) return group;
    }
    return 0;
  }

  // Counts capturing groups and notes named ones, as V8 does before parsing, because \N is a
  // backreference only when N <= the total and \k is special only when named groups exist.
  void prescan() {
    for (size_t i = 0; i < src_.size(); ++i) {
      char16_t c = src_[i];
      if (c == u'\\') {
        ++i;
      } else if (c == u'[') {
        for (++i; i < src_.size() && src_[i] != u']'; ++i) {
          if (src_[i] == u'\\') ++i;
        }
      } else if (c == u'(') {
        if (!at(i + 1, u'?')) {
          ++total_groups_;
        } else if (at(i + 2, u'<') && !at(i + 3, u'=') && !at(i + 3, u'!')) {
          ++total_groups_;
          has_named_ = true;
        }
      }
    }
  }

  int32_t parse_disjunction() {
    Node alt;
    alt.kind = NodeKind::kAlt;
    for (;;) {
      int32_t a = parse_alternative();
      if (a < 0) return -1;
      alt.children.push_back(a);
      if (!at(pos_, u'|')) break;
      ++pos_;
    }
    if (alt.children.size() == 1) return alt.children[0];
    return add(std::move(alt));
  }

  int32_t parse_alternative() {
    Node seq;
    seq.kind = NodeKind::kSeq;
    while (pos_ < src_.size() && src_[pos_] != u'|' && src_[pos_] != u')') {
      int32_t t = parse_term();
      if (t < 0) return -1;
      seq.children.push_back(t);
    }
    if (seq.children.empty()) return add_leaf(NodeKind::kEmpty);
    if (seq.children.size() == 1) return seq.children[0];
    return add(std::move(seq));
  }

  // Reads {n}, {n,} or {n,m} at i. Returns the index after '}' or 0 when not a quantifier.
  size_t braced_quantifier(size_t i, int32_t* min, int32_t* max) const {
    auto number = [&](size_t& j, int32_t* out) {
      size_t start = j;
      int64_t v = 0;
      for (; j < src_.size() && is_digit(src_[j]); ++j) {
        v = v * 10 + (src_[j] - u'0');
        if (v > kInfinity) v = kInfinity;
      }
      *out = static_cast<int32_t>(v);
      return j > start;
    };
    size_t j = i + 1;
    if (!number(j, min)) return 0;
    *max = *min;
    if (at(j, u',')) {
      ++j;
      if (!number(j, max)) *max = kInfinity;
    }
    return at(j, u'}') ? j + 1 : 0;
  }

  int32_t parse_term() {
    size_t start = pos_;
    char16_t c = src_[pos_];
    int32_t dummy_min = 0, dummy_max = 0;
    if (c == u'^' || c == u'$') {
      ++pos_;
      return add_leaf(c == u'^' ? NodeKind::kStart : NodeKind::kEnd);
    }
    if (c == u'\\' && (at(pos_ + 1, u'b') || at(pos_ + 1, u'B'))) {
      pos_ += 2;
      return add_leaf(src_[pos_ - 1] == u'b' ? NodeKind::kWordBoundary
                                             : NodeKind::kNotWordBoundary);
    }
    if (c == u'*' || c == u'+' || c == u'?' ||
        (c == u'{' && braced_quantifier(pos_, &dummy_min, &dummy_max) != 0)) {
      return fail(pos_, "nothing to repeat"), -1;
    }
    int32_t groups_before = group_count_;
    bool is_lookbehind = false;
    int32_t atom = parse_atom(&is_lookbehind);
    if (atom < 0) return -1;
    return parse_quantifier(atom, groups_before, is_lookbehind, start);
  }

  int32_t parse_quantifier(int32_t atom, int32_t groups_before, bool is_lookbehind,
                           size_t atom_pos) {
    if (pos_ >= src_.size()) return atom;
    Quantifier q;
    size_t qpos = pos_;
    switch (src_[pos_]) {
      case u'*':
        q.min = 0, q.max = kInfinity, ++pos_;
        break;
      case u'+':
        q.min = 1, q.max = kInfinity, ++pos_;
        break;
      case u'?':
        q.min = 0, q.max = 1, ++pos_;
        break;
      case u'{': {
        size_t end = braced_quantifier(pos_, &q.min, &q.max);
        if (end == 0) return atom;  // a literal '{' follows
        pos_ = end;
        break;
      }
      default:
        return atom;
    }
    if (is_lookbehind) return fail(atom_pos, "lookbehind cannot be quantified"), -1;
    if (q.min > q.max) return fail(qpos, "numbers out of order in {} quantifier"), -1;
    if (at(pos_, u'?')) {
      q.greedy = false;
      ++pos_;
    }
    q.first_group = groups_before + 1;
    q.end_group = group_count_ + 1;
    ast_.quantifiers.push_back(q);
    Node node;
    node.kind = NodeKind::kQuant;
    node.value = static_cast<int32_t>(ast_.quantifiers.size() - 1);
    node.children.push_back(atom);
    return add(std::move(node));
  }

  int32_t parse_atom(bool* is_lookbehind) {
    char16_t c = src_[pos_];
    switch (c) {
      case u'.':
        ++pos_;
        return add_leaf(NodeKind::kAny);
      case u'(':
        return parse_group(is_lookbehind);
      case u'[':
        return parse_class();
      case u'\\':
        return parse_atom_escape();
      default:
        ++pos_;
        return add_leaf(NodeKind::kChar, c);
    }
  }

  // Reads a group name after '<' up to '>'. Only ASCII identifiers are supported.
  bool parse_group_name(std::u16string* name, const char* invalid_message) {
    size_t start = pos_;
    for (; pos_ < src_.size() && src_[pos_] != u'>'; ++pos_) {
      char16_t c = src_[pos_];
      if (c == u'\\' || c >= 0x80) {
        return fail(pos_, "unsupported: group names with escapes or non-ASCII characters");
      }
      bool ok = is_ascii_letter(c) || c == u'$' || c == u'_' || (pos_ > start && is_digit(c));
      if (!ok) return fail(start, invalid_message);
    }
    if (pos_ == start || pos_ >= src_.size()) return fail(start, invalid_message);
    *name = std::u16string(src_.substr(start, pos_ - start));
    ++pos_;  // '>'
    return true;
  }

  int32_t parse_group(bool* is_lookbehind) {
    size_t open = pos_;
    ++pos_;
    Node node;
    node.kind = NodeKind::kGroup;
    if (at(pos_, u'?')) {
      char16_t k = pos_ + 1 < src_.size() ? src_[pos_ + 1] : 0;
      if (k == u':') {
        pos_ += 2;
      } else if (k == u'=' || k == u'!') {
        node.kind = NodeKind::kLook;
        node.value = k == u'!' ? kLookNegative : 0;
        pos_ += 2;
      } else if (k == u'<' && (at(pos_ + 2, u'=') || at(pos_ + 2, u'!'))) {
        node.kind = NodeKind::kLook;
        node.value = kLookBehind | (at(pos_ + 2, u'!') ? kLookNegative : 0);
        *is_lookbehind = true;
        pos_ += 3;
      } else if (k == u'<') {
        pos_ += 2;
        std::u16string name;
        if (!parse_group_name(&name, "invalid capture group name")) return -1;
        if (find_group(name) != 0) return fail(open, "duplicate capture group name"), -1;
        node.value = ++group_count_;
        names_.emplace_back(std::move(name), node.value);
      } else {
        return fail(open, "invalid group"), -1;
      }
    } else {
      node.value = ++group_count_;
    }
    if (++depth_ > kMaxNesting) return fail(open, "unsupported: groups nested too deeply"), -1;
    int32_t body = parse_disjunction();
    if (body < 0) return -1;
    --depth_;
    if (!at(pos_, u')')) return fail(open, "unterminated group"), -1;
    ++pos_;
    node.children.push_back(body);
    return add(std::move(node));
  }

  // LegacyOctalEscapeSequence at pos_ (the first digit); consumes it.
  char16_t parse_legacy_octal() {
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
  char16_t parse_character_escape() {
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

  int32_t parse_atom_escape() {
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

  bool parse_class_atom(ClassAtom* atom) {
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
        if (pos_ + 2 < src_.size() && (is_ascii_letter(src_[pos_ + 2]) ||
                                       is_digit(src_[pos_ + 2]) || src_[pos_ + 2] == u'_')) {
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

  int32_t parse_class() {
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

  std::u16string_view src_;
  std::string* error_;
  bool failed_ = false;
  size_t pos_ = 0;
  int depth_ = 0;
  int32_t group_count_ = 0;
  int32_t total_groups_ = 0;
  bool has_named_ = false;
  std::vector<std::pair<std::u16string, int32_t>> names_;
  std::vector<PendingRef> pending_;
  Ast ast_;
};

}  // namespace

std::optional<Ast> parse(std::u16string_view source, std::string* error) {
  return Parser(source, error).run();
}

}  // namespace tailor::targeting::regex_internal
