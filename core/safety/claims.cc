// Claims checking: a factual claim the campaign has not approved is unsubstantiated.
#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>

#include "core/safety/detectors.h"

namespace tailor::safety {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Claim {
  std::string key;  // "pct:20", "amt:19.99", "mul:3", "phrase:clinically proven"
  size_t begin, end;
  std::string shown;
};

// Reads a number at s[i] ("1,299.50", "19,99", "5000") as digits with at most one '.', no
// trailing zero decimals ("$50.00" is "50"); sets `end` past it. A comma before exactly
// three digits groups thousands; any other comma or dot is the decimal point.
std::string read_number(std::string_view s, size_t i, size_t& end) {
  std::string n;
  size_t j = i;
  while (j < s.size() && is_digit(s[j])) n.push_back(s[j++]);
  while (j + 1 < s.size() && (s[j] == ',' || s[j] == '.') && is_digit(s[j + 1])) {
    size_t k = j + 1;
    while (k < s.size() && is_digit(s[k])) ++k;
    const bool thousands = s[j] == ',' && k - j - 1 == 3;
    if (!thousands) {
      if (n.find('.') != std::string::npos) break;
      n.push_back('.');
    }
    n.append(s.substr(j + 1, k - j - 1));
    j = k;
  }
  end = j;
  if (n.find('.') != std::string::npos) {
    while (n.back() == '0') n.pop_back();
    if (n.back() == '.') n.pop_back();
  }
  return n;
}

bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool starts_word(std::string_view s, size_t i, std::string_view word) {
  if (s.substr(i, word.size()) != word) return false;
  const size_t e = i + word.size();
  return e >= s.size() || !is_alnum(s[e]);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void numeric_claims(std::string_view text, std::vector<Claim>& out) {
  const std::string s = lower_ascii(text);
  for (size_t i = 0; i < s.size(); ++i) {
    // "#1"
    if (s[i] == '#' && i + 1 < s.size() && s[i + 1] == '1' &&
        (i + 2 >= s.size() || !is_digit(s[i + 2]))) {
      out.push_back({"rank:1", i, i + 2, "#1"});
      continue;
    }
    // Currency symbol before the amount: $ € £ (UTF-8 for € is E2 82 AC, £ is C2 A3).
    size_t sym = 0;
    if (s[i] == '$') sym = 1;
    if (s.compare(i, 3, "\xE2\x82\xAC") == 0) sym = 3;
    if (s.compare(i, 2, "\xC2\xA3") == 0) sym = 2;
    if (sym > 0) {
      size_t j = i + sym;
      if (j < s.size() && s[j] == ' ') ++j;
      if (j < s.size() && is_digit(s[j])) {
        size_t end = j;
        std::string n = read_number(s, j, end);
        out.push_back({"amt:" + n, i, end, std::string(text.substr(i, end - i))});
        i = end - 1;
      }
      continue;
    }
    if (!is_digit(s[i]) || (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',')))
      continue;
    size_t end = i;
    std::string n = read_number(s, i, end);
    size_t k = end;
    if (k < s.size() && s[k] == ' ') ++k;
    if (k < s.size() && s[k] == '%') {
      out.push_back({"pct:" + n, i, k + 1, std::string(text.substr(i, k + 1 - i))});
    } else if (starts_word(s, k, "por ciento") || starts_word(s, k, "pour cent") ||
               starts_word(s, k, "prozent") || starts_word(s, k, "percent")) {
      out.push_back({"pct:" + n, i, k, std::string(text.substr(i, k - i))});
    } else if (end < s.size() && s[end] == 'x' && (end + 1 >= s.size() || !is_alnum(s[end + 1]))) {
      out.push_back({"mul:" + n, i, end + 1, std::string(text.substr(i, end + 1 - i))});
    } else if (s.compare(k, 3, "\xE2\x82\xAC") == 0 || starts_word(s, k, "euros") ||
               starts_word(s, k, "euro") || starts_word(s, k, "eur") ||
               starts_word(s, k, "dollars") || starts_word(s, k, "usd")) {
      out.push_back({"amt:" + n, i, k, std::string(text.substr(i, k - i))});
    }
    i = end > i ? end - 1 : i;
  }
}

// Claim phrases over normalised tokens.
void phrase_claims(const std::vector<Token>& tokens, std::string_view text,
                   std::vector<Claim>& out) {
  static const char* kPhrases[] = {"guaranteed",
                                   "guarantee",
                                   "clinically proven",
                                   "clinically tested",
                                   "scientifically proven",
                                   "doctor recommended",
                                   "doctors recommend",
                                   "dermatologist approved",
                                   "dermatologist recommended",
                                   "proven to",
                                   "number one",
                                   "best selling",
                                   "lowest price",
                                   "cheapest",
                                   "twice the",
                                   "double the",
                                   "triple the",
                                   "worlds best",
                                   "best in the world",
                                   "most trusted",
                                   "fastest",
                                   "million customers",
                                   "garantizado",
                                   "garantizada",
                                   "clinicamente probado",
                                   "garanti",
                                   "garantie",
                                   "cliniquement prouve",
                                   "garantiert",
                                   "klinisch getestet",
                                   "klinisch bewiesen"};
  // Compiled once: each phrase's words and key, indexed by the first word.
  struct Phrase {
    std::vector<std::string> words;
    std::string key;
  };
  static const auto* kIndex = [] {
    auto* index = new std::unordered_map<std::string, std::vector<Phrase>>();
    for (const char* phrase : kPhrases) {
      Phrase p;
      std::string_view rest(phrase);
      while (!rest.empty()) {
        const size_t sp = rest.find(' ');
        p.words.emplace_back(rest.substr(0, sp));
        rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      }
      const std::string text(phrase);
      p.key = text == "twice the" || text == "double the" ? "mul:2"
              : text == "triple the"                      ? "mul:3"
                                                          : "phrase:" + text;
      (*index)[p.words[0]].push_back(std::move(p));
    }
    return index;
  }();
  for (size_t t = 0; t < tokens.size(); ++t) {
    const auto it = kIndex->find(tokens[t].text);
    if (it == kIndex->end()) continue;
    for (const Phrase& p : it->second) {
      size_t k = 0;
      while (k < p.words.size() && t + k < tokens.size() && tokens[t + k].text == p.words[k]) ++k;
      if (k < p.words.size()) continue;
      const size_t b = tokens[t].begin, e = tokens[t + k - 1].end;
      out.push_back({p.key, b, e, std::string(text.substr(b, e - b))});
      t += k - 1;
      break;
    }
  }
}

std::vector<Claim> claims_in(std::string_view text) {
  std::vector<Claim> claims;
  numeric_claims(text, claims);
  phrase_claims(tokenize(text), text, claims);
  return claims;
}

}  // namespace

// Amounts in a receipt, invoice or statement ("total $54.20", "refund of $12") are facts
// about an order, not marketing claims: an amount within three words after one of these.
bool transactional(const std::vector<Token>& tokens, size_t byte) {
  static const char* kWords[] = {"total",   "subtotal", "paid", "charged", "refund",  "refunded",
                                 "balance", "invoice",  "due",  "receipt", "payment", "owed"};
  const size_t t = static_cast<size_t>(
      std::partition_point(tokens.begin(), tokens.end(),
                           [&](const Token& token) { return token.end <= byte; }) -
      tokens.begin());
  for (size_t k = t >= 3 ? t - 3 : 0; k < t; ++k) {
    for (const char* w : kWords) {
      if (tokens[k].text == w) return true;
    }
  }
  return false;
}

// A price ("from £35 a month", "2 for £5", "£9,995") or a stated rate ("4.25% AER", "0% APR",
// "0.0% ABV", "fell 3.1%") is an offer figure, not a performance claim. Offer figures are
// checked only against a campaign whose approved claims state offer figures (then "$19.99"
// against an approved "$24.99" is reviewed); a campaign that approved none has not defined its
// offer, and ordinary prices are not claims. A discount ("20% off", "save 70%") is always
// checked: what a brand promises off is a claim the campaign approves. A percentage with a
// comparison or a statistic ("50% healthier", "97% of women saw") is always a claim.
bool offer_figure(const Claim& c, const std::vector<Token>& tokens) {
  if (c.key.rfind("amt:", 0) == 0) return true;
  if (c.key.rfind("pct:", 0) != 0) return false;
  static const char* kRateBefore[] = {"pays", "earns", "fell", "rose", "down", "yields",
                                      "grew", "dropped"};
  static const char* kRateAfter[] = {"apr", "aer", "apy", "abv", "vol", "alc", "interest",
                                     "tax", "vat", "commission", "fee", "fees", "tae", "tin"};
  const size_t t = static_cast<size_t>(
      std::partition_point(tokens.begin(), tokens.end(),
                           [&](const Token& token) { return token.end <= c.begin; }) -
      tokens.begin());
  size_t after = t;
  while (after < tokens.size() && tokens[after].begin < c.end) ++after;
  auto in = [](const std::string& w, const auto& words) {
    for (const char* x : words) {
      if (w == x) return true;
    }
    return false;
  };
  for (size_t k = t >= 2 ? t - 2 : 0; k < t; ++k) {
    if (in(tokens[k].text, kRateBefore)) return true;
  }
  for (size_t k = after; k < tokens.size() && k < after + 2; ++k) {
    if (in(tokens[k].text, kRateAfter)) return true;
  }
  return false;
}

void detect_claims(std::string_view text, const std::vector<Token>& tokens,
                   const std::vector<std::string>& approved_claims, std::vector<Finding>& out) {
  std::vector<Claim> claims;
  numeric_claims(text, claims);
  claims.erase(std::remove_if(claims.begin(), claims.end(),
                              [&](const Claim& c) {
                                return c.key.rfind("amt:", 0) == 0 &&
                                       transactional(tokens, c.begin);
                              }),
               claims.end());
  phrase_claims(tokens, text, claims);
  if (claims.empty()) return;
  std::set<std::string> supported;
  bool approved_offers = false;
  for (const auto& approved : approved_claims) {
    for (const auto& c : claims_in(approved)) {
      supported.insert(c.key);
      approved_offers |= c.key.rfind("amt:", 0) == 0 || c.key.rfind("pct:", 0) == 0;
    }
  }
  for (const auto& c : claims) {
    if (supported.count(c.key)) continue;
    if (!approved_offers && offer_figure(c, tokens)) continue;
    out.push_back({Category::kUnsubstantiatedClaim, 3, c.begin, c.end,
                   "claim \"" + c.shown + "\" is not supported by an approved claim"});
  }
}

}  // namespace tailor::safety
