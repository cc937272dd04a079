// Curated lexicons with context: rules over normalised tokens (normalize.h), not substrings,
// so "Sussex", "Scunthorpe" and "cocktail" never match "sex", "cunt" or "cock", and a word
// that is only harmful in context ("kill") must be matched together with that context
// ("kill" followed within two tokens by a person: "kill you", "kill all the immigrants").
//
// Rule syntax (one string per rule, compiled once):
//   rule    := pattern ("; " pattern)*       independent patterns reported as one rule
//   pattern := ["&"] slot (" " slot)*        "&": the two slots may also appear reversed
//   slot    := ["~" N ":"] alt ("|" alt)*     up to N tokens may come before this slot
//   alt     := word ("+" word)*               consecutive tokens
//   word    := letters ["*"] | "#" | "?" | "@" class
//                                             "*": prefix match; "#": a token of digits;
//                                             "?": any one token (never first in a pattern);
//                                             @class: a named alternative list
// e.g. "@threat_verb ~2:@person" or "double+your+money" or "fuck*|motherf*".
// A rule may also name a context (`context`, alternatives as in a slot): it then matches only
// when some token of the text matches the context ("white applicants only" is discriminatory
// targeting where the text is about a job, a home, a loan; "women only" yoga is not).
// A token holding '*' (a masked word, "f*ck") matches a word when the stars can stand for one
// or more letters each.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/safety/normalize.h"
#include "core/safety/types.h"

namespace tailor::safety {

struct LexiconRule {
  Category category;
  int severity;
  const char* label;              // "threat of violence": the start of the finding's detail
  const char* pattern;            // the syntax above
  const char* context = nullptr;  // optional context anywhere in the text
};

struct LexiconClass {
  const char* name;          // without '@'
  const char* alternatives;  // "you|him|her|..." (may itself use +, *)
};

// A match: rule index and the token range [first, last] it covers.
struct LexiconMatch {
  size_t rule;
  size_t first_token;
  size_t last_token;
};

class Lexicon {
 public:
  // Error names the rule and the problem: `rule "kill ~x:you": "~x" is not a gap count`.
  static Result<Lexicon> compile(const std::vector<LexiconRule>& rules,
                                 const std::vector<LexiconClass>& classes);
  // Every match in token order; a rule's matches do not overlap each other.
  std::vector<LexiconMatch> match(const std::vector<Token>& tokens) const;
  const LexiconRule& rule(size_t i) const;

  struct Compiled;

 private:
  std::shared_ptr<const Compiled> compiled_;
};

// The built-in rules (English, Spanish, French, German) and their classes.
const std::vector<LexiconRule>& builtin_rules();
const std::vector<LexiconClass>& builtin_classes();

}  // namespace tailor::safety
