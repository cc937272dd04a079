#include "core/safety/lexicon.h"

#include <unordered_map>

namespace tailor::safety {

namespace {

struct Word {
  std::string text;
  bool prefix = false;
};
using Alternative = std::vector<Word>;
struct Slot {
  size_t gap = 0;
  std::vector<Alternative> alternatives;
};
struct Rule {
  std::vector<Slot> slots;
  std::vector<Alternative> context;  // empty: no context needed
};

// Can the masked token (holding '*', each standing for >= 1 letters) spell `w` (or, for a
// prefix word, something starting with `w`)?
bool glob(std::string_view t, size_t ti, std::string_view w, size_t wi, bool prefix) {
  if (wi == w.size()) return prefix || ti == t.size();
  if (ti == t.size()) return false;
  if (t[ti] == '*') {
    for (size_t k = wi + 1; k <= w.size(); ++k) {
      if (glob(t, ti + 1, w, k, prefix)) return true;
    }
    return prefix;  // the star runs past the end of a prefix word
  }
  return t[ti] == w[wi] && glob(t, ti + 1, w, wi + 1, prefix);
}

bool masked(const std::string& token) {
  size_t stars = 0;
  for (char c : token) stars += c == '*';
  return stars > 0 && stars <= 4 && token.size() - stars >= 2;
}

bool word_matches(const Word& w, const std::string& token) {
  if (w.text == "?") return true;
  if (w.text == "#") {
    return !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
  }
  // Most comparisons fail at the first letter; a masked token ("f*ck") can only match when it
  // starts with the word's letter or a star (glob below), so this changes no answer.
  if (!token.empty() && !w.text.empty() && token[0] != w.text[0] && token[0] != '*') return false;
  if (token.find('*') != std::string::npos)
    return masked(token) && glob(token, 0, w.text, 0, w.prefix);
  if (w.prefix)
    return token.size() >= w.text.size() && token.compare(0, w.text.size(), w.text) == 0;
  return token == w.text;
}

// Tokens consumed by `alt` at `pos`, or 0.
size_t alt_matches(const Alternative& alt, const std::vector<Token>& tokens, size_t pos) {
  if (pos + alt.size() > tokens.size()) return 0;
  for (size_t k = 0; k < alt.size(); ++k) {
    if (!word_matches(alt[k], tokens[pos + k].text)) return 0;
  }
  return alt.size();
}

// Matches slots[s..], slot s starting within its gap of `pos` (slot 0 exactly at `pos`); sets
// `last` to the last token index consumed.
bool match_from(const Rule& rule, size_t s, const std::vector<Token>& tokens, size_t pos,
                size_t& last) {
  const Slot& slot = rule.slots[s];
  const size_t gap = s == 0 ? 0 : slot.gap;
  for (size_t q = pos; q <= pos + gap && q < tokens.size(); ++q) {
    for (const auto& alt : slot.alternatives) {
      const size_t n = alt_matches(alt, tokens, q);
      if (n == 0) continue;
      if (s + 1 == rule.slots.size()) {
        last = q + n - 1;
        return true;
      }
      if (match_from(rule, s + 1, tokens, q + n, last)) return true;
    }
  }
  return false;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// Parses "a|b+c|@class" into alternatives, expanding classes (one level).
bool parse_alternatives(const std::string& body,
                        const std::unordered_map<std::string, std::string>& class_of,
                        std::vector<Alternative>& out, std::string& error) {
  std::string expanded;
  for (const std::string& alt : split(body, '|')) {
    if (!expanded.empty()) expanded.push_back('|');
    if (!alt.empty() && alt[0] == '@') {
      auto it = class_of.find(alt.substr(1));
      if (it == class_of.end()) {
        error = "unknown class \"" + alt + "\"";
        return false;
      }
      expanded += it->second;
    } else {
      expanded += alt;
    }
  }
  for (const std::string& alt_text : split(expanded, '|')) {
    Alternative alt;
    for (const std::string& w : split(alt_text, '+')) {
      if (w.empty() || w == "*") {
        error = "empty word in \"" + body + "\"";
        return false;
      }
      Word word{w, w.back() == '*'};
      if (word.prefix) word.text.pop_back();
      if (word.prefix && word.text.size() < 3) {
        error = "prefix \"" + w + "\" is shorter than 3 letters";
        return false;
      }
      alt.push_back(word);
    }
    out.push_back(std::move(alt));
  }
  return true;
}

bool context_present(const Rule& rule, const std::vector<Token>& tokens) {
  if (rule.context.empty()) return true;
  for (size_t p = 0; p < tokens.size(); ++p) {
    for (const auto& alt : rule.context) {
      if (alt_matches(alt, tokens, p) > 0) return true;
    }
  }
  return false;
}

}  // namespace

struct Lexicon::Compiled {
  std::vector<LexiconRule> rules;
  std::vector<Rule> compiled;
  std::vector<size_t> source;  // compiled variant -> index in `rules`
  // First words of every rule's first slot: exact words by text, prefixes by their first 3
  // letters, and everything for masked tokens.
  std::unordered_map<std::string, std::vector<size_t>> by_word;
  std::unordered_map<std::string, std::vector<std::pair<Word, size_t>>> by_prefix;
  std::vector<std::pair<Word, size_t>> all_first;
};

Result<Lexicon> Lexicon::compile(const std::vector<LexiconRule>& rules,
                                 const std::vector<LexiconClass>& classes) {
  using R = Result<Lexicon>;
  auto c = std::make_shared<Compiled>();
  c->rules = rules;
  std::unordered_map<std::string, std::string> class_of;
  for (const auto& k : classes) class_of[k.name] = k.alternatives;
  for (size_t r = 0; r < rules.size(); ++r) {
    auto fail = [&](const std::string& what) {
      return R::failure("rule \"" + std::string(rules[r].pattern) + "\": " + what);
    };
    for (std::string pattern : split(rules[r].pattern, ';')) {
      while (!pattern.empty() && pattern.front() == ' ') pattern.erase(0, 1);
      while (!pattern.empty() && pattern.back() == ' ') pattern.pop_back();
      if (pattern.empty()) return fail("empty pattern");
      bool both_orders = !pattern.empty() && pattern[0] == '&';
      if (both_orders) pattern.erase(0, 1);
      Rule rule;
      for (const std::string& slot_text : split(pattern, ' ')) {
        Slot slot;
        std::string body = slot_text;
        if (!body.empty() && body[0] == '~') {
          size_t colon = body.find(':');
          if (colon == std::string::npos || colon == 1)
            return fail("\"" + slot_text + "\" is not ~N:words");
          for (size_t i = 1; i < colon; ++i) {
            if (body[i] < '0' || body[i] > '9')
              return fail("\"" + slot_text + "\" has a bad gap count");
            slot.gap = slot.gap * 10 + static_cast<size_t>(body[i] - '0');
          }
          body = body.substr(colon + 1);
        }
        std::string error;
        if (!parse_alternatives(body, class_of, slot.alternatives, error)) return fail(error);
        rule.slots.push_back(std::move(slot));
      }
      if (rules[r].context != nullptr) {
        std::string error;
        if (!parse_alternatives(rules[r].context, class_of, rule.context, error))
          return fail(error);
      }
      if (both_orders && rule.slots.size() != 2) return fail("'&' needs exactly two slots");
      std::vector<Rule> variants{rule};
      if (both_orders) {
        Rule reversed;
        reversed.context = rule.context;
        reversed.slots = {rule.slots[1], rule.slots[0]};
        reversed.slots[1].gap = rule.slots[1].gap;
        variants.push_back(std::move(reversed));
      }
      for (auto& v : variants) {
        const size_t index = c->compiled.size();
        for (const auto& alt : v.slots[0].alternatives) {
          const Word& first = alt[0];
          if (first.prefix) {
            c->by_prefix[first.text.substr(0, 3)].push_back({first, index});
          } else {
            c->by_word[first.text].push_back(index);
          }
          c->all_first.push_back({first, index});
        }
        c->compiled.push_back(std::move(v));
        c->source.push_back(r);
      }
    }
  }
  Lexicon lexicon;
  lexicon.compiled_ = std::move(c);
  return lexicon;
}

std::vector<LexiconMatch> Lexicon::match(const std::vector<Token>& tokens) const {
  const Compiled& c = *compiled_;
  std::vector<LexiconMatch> matches;
  std::vector<size_t> next_free(c.rules.size(), 0);  // a rule's next match starts here
  std::vector<size_t> candidates;
  for (size_t p = 0; p < tokens.size(); ++p) {
    const std::string& t = tokens[p].text;
    candidates.clear();
    if (t.find('*') != std::string::npos) {
      for (const auto& [w, r] : c.all_first) {
        if (word_matches(w, t)) candidates.push_back(r);
      }
    } else {
      if (auto it = c.by_word.find(t); it != c.by_word.end())
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
      if (t.size() >= 3) {
        if (auto it = c.by_prefix.find(t.substr(0, 3)); it != c.by_prefix.end()) {
          for (const auto& [w, r] : it->second) {
            if (word_matches(w, t)) candidates.push_back(r);
          }
        }
      }
    }
    for (size_t r : candidates) {
      const size_t source = c.source[r];
      if (p < next_free[source]) continue;
      size_t last = p;
      if (match_from(c.compiled[r], 0, tokens, p, last) && context_present(c.compiled[r], tokens)) {
        next_free[source] = last + 1;
        matches.push_back({source, p, last});
      }
    }
  }
  return matches;
}

const LexiconRule& Lexicon::rule(size_t i) const { return compiled_->rules[i]; }

}  // namespace tailor::safety
