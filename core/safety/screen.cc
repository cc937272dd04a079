#include "core/safety/screen.h"

#include <algorithm>

#include "core/json/js.h"
#include "core/safety/detectors.h"
#include "core/safety/normalize.h"

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
    found.push_back(
        {rule.category, rule.severity, b, e, std::string(rule.label) + ": \"" + shown + "\""});
  }
  detect_pii(text, tokens, found);
  detect_placeholders(text, found);
  detect_control_tokens(text, found);
  detect_missing_unsubscribe(tokens, m.has_unsubscribe_required, text.size(), found);
  detect_missing_postal_address(text, tokens, m.has_postal_address_required, found);
  detect_spam_shape(text, spam_points, spam_phrases, found);
  const bool specific_claim = std::any_of(found.begin(), found.end(), [](const Finding& f) {
    return f.category == Category::kProhibitedHealthClaim ||
           f.category == Category::kFinancialGuarantee;
  });
  if (!specific_claim) detect_claims(text, tokens, m.approved_claims, found);

  Screening s;
  s.id = m.id;
  std::vector<bool> decisive(kCategoryCount, false);
  std::vector<size_t> offsets;
  for (auto& f : found) {
    const CategoryPolicy& cp = policy_.categories[static_cast<size_t>(f.category)];
    if (!cp.enabled) continue;
    if (!policy_.allow_terms.empty()) {
      const std::string n = normalised(std::string_view(text).substr(f.begin, f.end - f.begin));
      if (std::find(policy_.allow_terms.begin(), policy_.allow_terms.end(), n) !=
          policy_.allow_terms.end())
        continue;
    }
    f.severity = std::clamp(f.severity, cp.floor, cp.cap);
    if (f.severity == 0) continue;
    s.severity = std::max(s.severity, f.severity);
    if (f.severity >= policy_.review_at) decisive[static_cast<size_t>(f.category)] = true;
    if (offsets.empty()) offsets = utf16_offsets(text);
    f.begin = offsets[f.begin];
    f.end = offsets[f.end];
    s.findings.push_back(std::move(f));
  }
  s.decision = policy_.decide(s.severity);
  for (int c = 0; c < kCategoryCount; ++c) {
    if (decisive[static_cast<size_t>(c)]) s.categories.push_back(static_cast<Category>(c));
  }
  std::sort(s.categories.begin(), s.categories.end(),
            [](Category a, Category b) { return category_name(a) < category_name(b); });
  std::stable_sort(s.findings.begin(), s.findings.end(), [](const Finding& a, const Finding& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.category < b.category;
  });
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
    if (const Value* postal = ctx->find("has_postal_address_required")) {
      if (!postal->is_bool())
        return R::failure("context.has_postal_address_required is not true or false");
      m.has_postal_address_required = postal->as_bool();
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
