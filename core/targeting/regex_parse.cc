// Parser for JavaScript RegExp sources (non-unicode mode with Annex B web compatibility): the
// structure. Escapes and character classes are in regex_parse_escape.cc (regex_parser.h).
#include "core/targeting/regex_parser.h"

namespace tailor::targeting::regex_internal {

std::optional<Ast> RegexParser::run() {
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

// Counts capturing groups and notes named ones, as V8 does before parsing, because \N is a
// backreference only when N <= the total and \k is special only when named groups exist.
void RegexParser::prescan() {
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

int32_t RegexParser::parse_disjunction() {
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

int32_t RegexParser::parse_alternative() {
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
size_t RegexParser::braced_quantifier(size_t i, int32_t* min, int32_t* max) const {
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

int32_t RegexParser::parse_term() {
  size_t start = pos_;
  char16_t c = src_[pos_];
  int32_t dummy_min = 0, dummy_max = 0;
  if (c == u'^' || c == u'$') {
    ++pos_;
    return add_leaf(c == u'^' ? NodeKind::kStart : NodeKind::kEnd);
  }
  if (c == u'\\' && (at(pos_ + 1, u'b') || at(pos_ + 1, u'B'))) {
    pos_ += 2;
    return add_leaf(src_[pos_ - 1] == u'b' ? NodeKind::kWordBoundary : NodeKind::kNotWordBoundary);
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

int32_t RegexParser::parse_quantifier(int32_t atom, int32_t groups_before, bool is_lookbehind,
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

int32_t RegexParser::parse_atom(bool* is_lookbehind) {
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
bool RegexParser::parse_group_name(std::u16string* name, const char* invalid_message) {
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

int32_t RegexParser::parse_group(bool* is_lookbehind) {
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

std::optional<Ast> parse(std::u16string_view source, std::string* error) {
  return RegexParser(source, error).run();
}

}  // namespace tailor::targeting::regex_internal
