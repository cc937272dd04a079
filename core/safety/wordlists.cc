#include "core/safety/wordlists.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <string>
#include <unordered_map>

namespace tailor::safety {
namespace {

#include "core/safety/wordlist_data.inc"

// Short words that may sit next to each other in clean text ("pen is", "as his"): a de-spaced
// hit needs at least one piece that is not one of them.
constexpr std::string_view kCommonShort[] = {
    "a",   "an",  "as",  "at",  "be",  "by",  "do",  "go",  "he",  "hi",  "i",   "if",  "in",
    "is",  "it",  "me",  "my",  "no",  "of",  "oh",  "ok",  "on",  "or",  "so",  "to",  "up",
    "us",  "we",  "all", "and", "any", "are", "art", "bit", "but", "can", "cup", "day", "for",
    "get", "has", "her", "him", "his", "hit", "hot", "how", "its", "let", "man", "may", "new",
    "not", "now", "off", "old", "one", "our", "out", "own", "pen", "put", "saw", "say", "see",
    "she", "the", "tip", "too", "top", "two", "use", "was", "way", "who", "why", "yes", "yet",
    "you", "ass", "con", "ear", "eat", "hat", "low", "key", "run", "sun", "tea", "win"};
// What may surround an in-token hit: compounds and inflections ("shitload", "wankers").
constexpr std::string_view kSuffixes[] = {
    "s",     "es",    "y",     "ed",   "er",    "ers",   "ing",   "in",     "ings", "face",
    "faces", "head",  "heads", "hole", "holes", "load",  "loads", "bag",    "bags", "wit",
    "wits",  "stain", "tard",  "ish",  "fest",  "storm", "show",  "bucket", "wad",  "ty"};
constexpr std::string_view kPrefixes[] = {"bull", "horse", "dip",     "mother", "dumb",
                                          "jack", "ape",   "chicken", "holy",   "mega"};

template <size_t N>
bool listed(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

struct Pattern {
  std::string text;
  bool start, end;
  const WordlistEntry* entry;
  std::vector<std::string> whitelist;
};

struct Tables {
  // Normalised term -> entry (null when the key only starts a multi-word term), so a token
  // costs one hash lookup.
  struct Key {
    const WordlistEntry* entry = nullptr;
    bool starts_phrase = false;
  };
  std::unordered_map<std::string, Key> terms;
  // A 4 KB filter on (first letter, last letter, length) of every key: most tokens are not
  // in the lists, and this answers them without hashing the string.
  std::bitset<32 * 32 * 32> may_hold;
  static size_t signature(const std::string& s) {
    return (static_cast<size_t>(s.front() & 31) * 32 + (s.back() & 31)) * 32 + (s.size() & 31);
  }
  size_t max_words = 1;
  std::vector<Pattern> patterns;
  std::unordered_map<std::string, const Pattern*> despaced;    // pattern text -> pattern
  std::array<std::vector<const Pattern*>, 26 * 26> by_bigram;  // by the first two letters
};

size_t bigram(char a, char b) { return static_cast<size_t>(a - 'a') * 26 + (b - 'a'); }

const Tables& tables() {
  static const Tables t = [] {
    Tables t;
    for (const auto& e : kWordlistEntries) {
      const std::string key = normalised(e.term);
      if (key.empty()) continue;
      Tables::Key& k = t.terms[key];
      if (k.entry == nullptr || k.entry->weight < e.weight) k.entry = &e;
      const size_t words = static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
      if (words > 1) t.terms[key.substr(0, key.find(' '))].starts_phrase = true;
      t.max_words = std::max(t.max_words, std::min<size_t>(words, 4));
    }
    for (const auto& [key, unused] : t.terms) t.may_hold.set(Tables::signature(key));
    for (const auto& p : kObscenityPatterns) {
      auto it = t.terms.find(normalised(p.word));
      if (it == t.terms.end() || it->second.entry == nullptr) continue;
      Pattern pat{p.text, p.boundary_at_start, p.boundary_at_end, it->second.entry, {}};
      std::string_view wl = p.whitelist;
      while (!wl.empty()) {
        const size_t bar = wl.find('|');
        const std::string w(wl.substr(0, bar));
        if (w != pat.text) pat.whitelist.push_back(w);  // a term cannot whitelist itself
        wl = bar == std::string_view::npos ? std::string_view() : wl.substr(bar + 1);
      }
      t.patterns.push_back(std::move(pat));
    }
    for (const auto& p : t.patterns) {
      t.despaced.emplace(p.text, &p);
      t.by_bigram[bigram(p.text[0], p.text[1])].push_back(&p);
    }
    return t;
  }();
  return t;
}

bool letters_only(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Letter runs of three or more cut to `keep` letters; empty when there is no such run.
std::string collapse_runs(const std::string& s, size_t keep) {
  bool run = false;
  for (size_t i = 2; i < s.size() && !run; ++i) run = s[i] == s[i - 1] && s[i] == s[i - 2];
  if (!run) return {};
  std::string out;
  bool changed = false;
  for (size_t i = 0; i < s.size();) {
    size_t j = i;
    while (j < s.size() && s[j] == s[i]) ++j;
    const size_t run = j - i;
    if (run >= 3) changed = true;
    out.append(run >= 3 ? keep : run, s[i]);
    i = j;
  }
  return changed ? out : std::string();
}

// An obscenity pattern inside a longer (letters-only) token, honouring boundaries, whitelist
// and affixes. Candidates come from the token's letter pairs, so a token costs one table
// lookup per letter.
const Pattern* in_token(const Tables& t, const std::string& token) {
  for (size_t at = 0; at + 4 <= token.size(); ++at) {
    for (const Pattern* p : t.by_bigram[bigram(token[at], token[at + 1])]) {
      const size_t end = at + p->text.size();
      if (end > token.size() || token.size() == p->text.size() ||
          token.compare(at, p->text.size(), p->text) != 0)
        continue;
      if ((p->start && at != 0) || (p->end && end != token.size())) continue;
      const std::string_view before = std::string_view(token).substr(0, at);
      const std::string_view after = std::string_view(token).substr(end);
      if ((!before.empty() && !listed(kPrefixes, before)) ||
          (!after.empty() && !listed(kSuffixes, after)))
        continue;
      bool cleared = false;
      for (const auto& w : p->whitelist) {
        for (size_t k = token.find(w); k != std::string::npos && !cleared; k = token.find(w, k + 1))
          cleared = k < end && k + w.size() > at;
      }
      if (!cleared) return p;
    }
  }
  return nullptr;
}

std::string sources_of(unsigned s) {
  std::string out;
  auto add = [&](unsigned bit, const char* name) {
    if (s & bit) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  add(kFromCuss, "cuss");
  add(kFromObscenity, "obscenity");
  add(kFromLdnoobw, "LDNOOBW");
  add(kFromEquality, "retext-equality");
  return out;
}

bool capitalised_mid_sentence(std::string_view text, const std::vector<Token>& tokens, size_t k) {
  const char c = text[tokens[k].begin];
  if (c < 'A' || c > 'Z') return false;
  if (k == 0) return false;
  const std::string_view gap = text.substr(tokens[k - 1].end, tokens[k].begin - tokens[k - 1].end);
  return gap.find_first_of(".!?\n") == std::string_view::npos;
}

// A capitalised word next to another capitalised word, mid-sentence, is part of a name
// ("Margaret Hooker", "Hooker's Reserve", "Dick Smith"): a list word there is ambiguous.
bool in_a_name(std::string_view text, const std::vector<Token>& tokens, size_t first, size_t last) {
  const char c = text[tokens[first].begin];
  if (c < 'A' || c > 'Z') return false;
  return (first > 0 && capitalised_mid_sentence(text, tokens, first - 1) &&
          capitalised_mid_sentence(text, tokens, first)) ||
         (last + 1 < tokens.size() && capitalised_mid_sentence(text, tokens, last + 1));
}

void hit(std::string_view text, const std::vector<Token>& tokens, size_t first, size_t last,
         const WordlistEntry& e, const char* view, std::vector<Finding>& out) {
  const size_t b = tokens[first].begin, end = tokens[last].end;
  const bool name = in_a_name(text, tokens, first, last);
  if (name) view = ", in a name";
  const int weight = name ? 1 : e.weight;
  const char* label = e.category == Category::kHate     ? "term insensitive towards a group"
                      : e.category == Category::kSexual ? "sexual term"
                                                        : "offensive term";
  out.push_back({e.category, weight, b, end,
                 std::string(label) + " (" + sources_of(e.sources) + view + "): \"" +
                     std::string(text.substr(b, end - b)) + "\""});
}

// De-spaced view: two to six short pieces from token i that together spell an obscenity
// word; returns the last token used, or i when there is none.
size_t despaced_hit(std::string_view text, const std::vector<Token>& tokens, size_t i,
                    const Tables& t, std::vector<Finding>& out) {
  const std::string& tok = tokens[i].text;
  if (tok.size() > 3 || !letters_only(tok)) return i;
  std::string joined = tok;
  for (size_t j = i + 1; j < tokens.size() && j < i + 6; ++j) {
    const std::string& next = tokens[j].text;
    if (next.size() > 3 || !letters_only(next) || tokens[j].begin > tokens[j - 1].end + 2) break;
    joined += next;
    if (t.by_bigram[bigram(joined[0], joined[1])].empty()) return i;  // no word starts so
    auto it = t.despaced.find(joined);
    if (it == t.despaced.end()) continue;
    bool uncommon = false;
    for (size_t k = i; k <= j && !uncommon; ++k) uncommon = !listed(kCommonShort, tokens[k].text);
    if (uncommon) {
      hit(text, tokens, i, j, *it->second->entry, ", spaced out", out);
      return j;
    }
  }
  return i;
}

}  // namespace

size_t wordlist_size() { return std::size(kWordlistEntries); }

void match_wordlists(std::string_view text, const std::vector<Token>& tokens,
                     std::vector<Finding>& out) {
  const Tables& t = tables();
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& tok = tokens[i].text;
    if (tok.find('*') != std::string::npos) continue;  // masked words: the lexicon's job
    if (const size_t last = despaced_hit(text, tokens, i, t, out); last != i) {
      i = last;
      continue;
    }
    const auto key_it = t.may_hold.test(Tables::signature(tok)) ? t.terms.find(tok) : t.terms.end();
    const Tables::Key* key = key_it == t.terms.end() ? nullptr : &key_it->second;
    if (key != nullptr && key->starts_phrase) {
      bool found = false;
      for (size_t n = std::min(t.max_words, tokens.size() - i); n >= 2 && !found; --n) {
        std::string phrase = tok;
        for (size_t k = 1; k < n; ++k) phrase += " " + tokens[i + k].text;
        if (auto it = t.terms.find(phrase); it != t.terms.end() && it->second.entry != nullptr) {
          hit(text, tokens, i, i + n - 1, *it->second.entry, "", out);
          i += n - 1;
          found = true;
        }
      }
      if (found) continue;
    }
    if (key != nullptr && key->entry != nullptr) {
      hit(text, tokens, i, i, *key->entry, "", out);
      continue;
    }
    if (!letters_only(tok)) continue;
    bool found = false;
    for (size_t keep : {1, 2}) {
      const std::string c = collapse_runs(tok, keep);
      auto it = c.empty() ? t.terms.end() : t.terms.find(c);
      if (it != t.terms.end() && it->second.entry != nullptr) {
        hit(text, tokens, i, i, *it->second.entry, ", repeated letters", out);
        found = true;
        break;
      }
    }
    if (found) continue;
    if (const Pattern* p = tok.size() >= 5 ? in_token(t, tok) : nullptr) {
      hit(text, tokens, i, i, *p->entry, ", inside a word", out);
      continue;
    }
  }
}

}  // namespace tailor::safety
