// The JavaScript RegExp parser behind regex_internal::parse (non-unicode mode with Annex B web
// compatibility), split over two files: regex_parse.cc reads the structure (alternatives,
// terms, quantifiers, groups) and regex_parse_escape.cc escapes and character classes.
// Internal to core/targeting; use core/targeting/regex.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/targeting/regex_internal.h"

namespace tailor::targeting::regex_internal {

inline bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }
inline bool is_octal(char16_t c) { return c >= u'0' && c <= u'7'; }
inline bool is_ascii_letter(char16_t c) { return (c | 0x20) >= u'a' && (c | 0x20) <= u'z'; }

// One ClassAtom: a single code unit, or a set from \d \D \s \S \w \W.
struct ClassAtom {
  char16_t unit = 0;
  bool is_set = false;
  CharClass set;
};

// One use: RegexParser(source, &error).run(). `error` (may be null) receives "at position N:
// what" for the first error.
class RegexParser {
 public:
  RegexParser(std::u16string_view src, std::string* error) : src_(src), error_(error) {}

  // The AST, or nullopt after a syntax error or an unsupported pattern.
  std::optional<Ast> run();

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

  // regex_parse.cc: structure. Each parse_* returns the new node's index, or -1 after fail().
  void prescan();
  int32_t parse_disjunction();
  int32_t parse_alternative();
  size_t braced_quantifier(size_t i, int32_t* min, int32_t* max) const;
  int32_t parse_term();
  int32_t parse_quantifier(int32_t atom, int32_t groups_before, bool is_lookbehind,
                           size_t atom_pos);
  int32_t parse_atom(bool* is_lookbehind);
  bool parse_group_name(std::u16string* name, const char* invalid_message);
  int32_t parse_group(bool* is_lookbehind);

  // regex_parse_escape.cc: escapes and character classes.
  char16_t parse_legacy_octal();
  char16_t parse_character_escape();
  int32_t parse_atom_escape();
  bool parse_class_atom(ClassAtom* atom);
  int32_t parse_class();

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

}  // namespace tailor::targeting::regex_internal
