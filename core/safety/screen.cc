#include "core/safety/screen.h"

#include <algorithm>

#include "core/json/js.h"
#include "core/safety/backstop.h"
#include "core/safety/context.h"
#include "core/safety/detectors.h"
#include "core/safety/normalize.h"
#include "core/safety/score.h"
#include "core/safety/wordlists.h"

namespace tailor::safety {
namespace {

using json::Value;

// UTF-16 offset of every byte boundary of s (each code point counts 1, or 2 when it needs a
// surrogate pair); built once per message that has findings, so spans cost O(1) each.
std::vector<size_t> utf16_offsets(std::string_view s) {
  std::vector<size_t> offsets(s.size() + 1);
  size_t units = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    offsets[i] = units;
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) units += b >= 0xF0 ? 2 : 1;
  }
  offsets[s.size()] = units;
  return offsets;
}

// A restricted product named as absent ("alcohol-free fizz for kids' parties", "non-alcoholic")
// or minors named as excluded ("if you're under 18, we can't sell you vapes", "we ID anyone
// who looks under 25") is not a pitch to minors: the match is dropped.
bool minors_excluded(const std::vector<Token>& tokens, size_t first, size_t last) {
  static const char* kAbsent[] = {"free", "frei", "libre", "sans", "senza"};
  static const char* kAbsentBefore[] = {"non", "zero", "sin", "sans", "ohne", "senza"};
  static const char* kExcluding[] = {"if", "nobody", "refuse", "anyone", "si", "looks", "look"};
  static const char* kRefusing[] = {"cannot", "cant", "wont", "never", "dont", "not", "refuse"};
  static const char* kSupplying[] = {"sell", "serve", "supply", "deliver", "sells", "serves"};
  auto in = [](const std::string& w, const auto& list) {
    return std::any_of(std::begin(list), std::end(list), [&](const char* x) { return w == x; });
  };
  // The ends of the match are the product and the minors, in either order.
  for (const size_t end : {first, last}) {
    if (tokens[end].text == "id") continue;  // "no ID", "never asks for ID": no check at all
    if (end + 1 < tokens.size() && in(tokens[end + 1].text, kAbsent)) return true;
    if (end > 0 && in(tokens[end - 1].text, kAbsentBefore)) return true;
    for (size_t t = end >= 3 ? end - 3 : 0; t < end; ++t) {
      // "even if you're not 18 yet" concedes, it does not exclude.
      if (in(tokens[t].text, kExcluding) && !(t > 0 && tokens[t - 1].text == "even")) return true;
      if (in(tokens[t].text, kRefusing) && in(tokens[t + 1].text, kSupplying)) return true;
    }
  }
  return false;
}

}  // namespace

Result<Screener> Screener::create(Policy policy) {
  auto lexicon = Lexicon::compile(builtin_rules(), builtin_classes());
  if (!lexicon) return Result<Screener>::failure("built-in lexicon: " + lexicon.error());
  return Screener(std::move(policy), std::move(lexicon).value());
}

Screening Screener::screen(const Message& m) const {
  const std::string text = screened_text(m);
  const std::vector<Token> tokens = tokenize(text);
  std::vector<Finding> found;

  int spam_points = 0;
  std::string spam_phrases;
  std::vector<std::string> spam_seen;  // a phrase repeated is one signal
  for (const auto& match : lexicon_.match(tokens)) {
    const LexiconRule& rule = lexicon_.rule(match.rule);
    const size_t b = tokens[match.first_token].begin, e = tokens[match.last_token].end;
    const std::string shown = text.substr(b, e - b);
    if (rule.category == Category::kSpamSignals) {
      std::string key;
      for (size_t t = match.first_token; t <= match.last_token; ++t) key += tokens[t].text + " ";
      if (std::find(spam_seen.begin(), spam_seen.end(), key) != spam_seen.end()) continue;
      spam_seen.push_back(key);
      ++spam_points;
      spam_phrases += (spam_phrases.empty() ? "\"" : ", \"") + shown + "\"";
      continue;
    }
    if (rule.category == Category::kMinorTargeting &&
        minors_excluded(tokens, match.first_token, match.last_token))
      continue;
    found.push_back(
        {rule.category, rule.severity, b, e, std::string(rule.label) + ": \"" + shown + "\""});
  }
  // Word-list evidence counts where no curated rule already explains the same words (the
  // rule knows the context: "kick-ass" is mild, "Dick's" may be an allow-term).
  std::vector<Finding> listed;
  match_wordlists(text, tokens, listed);
  for (auto& w : listed) {
    const bool explained = std::any_of(found.begin(), found.end(), [&](const Finding& f) {
      return f.begin < w.end && w.begin < f.end;
    });
    if (!explained) found.push_back(std::move(w));
  }
  detect_pii(text, tokens, found);
  detect_placeholders(text, found);
  detect_control_tokens(text, found);
  detect_missing_unsubscribe(text, tokens, m.has_unsubscribe_required, text.size(), found);
  detect_missing_postal_address(text, tokens, m.has_postal_address_required, found);
  detect_missing_disclaimers(m, tokens, text.size(), found);
  detect_spam_shape(text, spam_points, spam_phrases, found);
  // The learned backstop's findings span the words that pushed hardest; context treats them
  // as it treats the rules' (a negator before a threat, guarantee, cure or urgency drops it).
  detect_backstop(text, tokens, found);
  apply_context(m, text, tokens, found);
  const bool specific_claim = std::any_of(found.begin(), found.end(), [](const Finding& f) {
    return f.severity > 1 && (f.category == Category::kProhibitedHealthClaim ||
                              f.category == Category::kFinancialGuarantee);
  });
  if (!specific_claim) {
    std::vector<Finding> claims;
    detect_claims(text, tokens, m.approved_claims, claims);
    apply_context(m, text, tokens, claims);
    for (auto& c : claims) found.push_back(std::move(c));
  }

  ScoredFindings scored = score_findings(policy_, text, std::move(found));
  Screening s;
  s.id = m.id;
  s.decision = scored.decision;
  s.severity = scored.severity;
  s.categories = std::move(scored.categories);
  if (!scored.findings.empty()) {
    const std::vector<size_t> offsets = utf16_offsets(text);
    for (auto& f : scored.findings) {
      f.begin = offsets[f.begin];
      f.end = offsets[f.end];
    }
  }
  s.findings = std::move(scored.findings);
  return s;
}

Result<Message> message_from_json(const Value& v) {
  using R = Result<Message>;
  if (!v.is_object()) return R::failure("message is not a JSON object");
  Message m;
  auto str = [&](const char* key, std::string& out) -> bool {
    const Value* f = v.find(key);
    if (f == nullptr) return true;
    if (!f->is_string()) return false;
    out = f->as_string();
    return true;
  };
  if (!str("id", m.id)) return R::failure("id is not a string");
  if (!str("subject", m.subject)) return R::failure("subject is not a string");
  const Value* body = v.find("body");
  if (body == nullptr || !body->is_string()) return R::failure("body is missing or not a string");
  m.body = body->as_string();
  if (const Value* ch = v.find("channel")) {
    const std::string c = ch->is_string() ? ch->as_string() : json::stringify(*ch);
    if (c == "email")
      m.channel = Channel::kEmail;
    else if (c == "sms")
      m.channel = Channel::kSms;
    else if (c == "web")
      m.channel = Channel::kWeb;
    else
      return R::failure("channel is \"" + c + "\", expected email, sms or web");
  }
  if (const Value* ctx = v.find("context")) {
    if (!ctx->is_object()) return R::failure("context is not an object");
    if (const Value* claims = ctx->find("approved_claims")) {
      if (!claims->is_array()) return R::failure("context.approved_claims is not an array");
      for (const auto& c : claims->as_array()) {
        if (!c.is_string()) return R::failure("context.approved_claims holds a non-string");
        m.approved_claims.push_back(c.as_string());
      }
    }
    if (const Value* unsub = ctx->find("has_unsubscribe_required")) {
      if (!unsub->is_bool())
        return R::failure("context.has_unsubscribe_required is not true or false");
      m.has_unsubscribe_required = unsub->as_bool();
    }
    const std::pair<const char*, bool*> flags[] = {
        {"has_postal_address_required", &m.has_postal_address_required},
        {"has_supplement_disclaimer_required", &m.has_supplement_disclaimer_required},
        {"has_risk_disclaimer_required", &m.has_risk_disclaimer_required},
        {"has_sms_help_required", &m.has_sms_help_required},
        {"explains_merge_tags", &m.explains_merge_tags}};
    for (const auto& [name, flag] : flags) {
      if (const Value* f = ctx->find(name)) {
        if (!f->is_bool())
          return R::failure("context." + std::string(name) + " is not true or false");
        *flag = f->as_bool();
      }
    }
    if (const Value* own = ctx->find("own_details")) {
      if (!own->is_array()) return R::failure("context.own_details is not an array");
      for (const auto& d : own->as_array()) {
        if (!d.is_string()) return R::failure("context.own_details holds a non-string");
        m.own_details.push_back(d.as_string());
      }
    }
  }
  return m;
}

Value screening_to_json(const Screening& s) {
  json::Array categories, findings;
  for (Category c : s.categories) categories.emplace_back(category_name(c));
  for (const auto& f : s.findings) {
    findings.push_back(
        Value::object({{"category", Value(category_name(f.category))},
                       {"severity", Value(f.severity)},
                       {"span", Value(json::Array{Value(static_cast<double>(f.begin)),
                                                  Value(static_cast<double>(f.end))})},
                       {"detail", Value(f.detail)}}));
  }
  return Value::object({{"id", Value(s.id)},
                        {"decision", Value(decision_name(s.decision))},
                        {"severity", Value(s.severity)},
                        {"categories", Value(std::move(categories))},
                        {"findings", Value(std::move(findings))}});
}

}  // namespace tailor::safety
