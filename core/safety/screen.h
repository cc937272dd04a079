// Screening: layered evidence (normalised views, curated lexicon rules, generated word lists,
// structural detectors, context: negation, quotation, own details), per-category scores
// (score.h), severity 0-7, then the policy's per-category thresholds.
//
//   auto screener = Screener::create(default_policy());   // compile once (lexicons)
//   Screening s = screener->screen(message);              // pure, thread-safe, ~microseconds
//
// Findings are sorted by span then category; `categories` lists (sorted by name, unique) the
// categories of findings at or above the policy's review threshold, i.e. those that drove the
// decision; informational findings (severity 1, e.g. a contact email) appear only in
// `findings`. An unsubstantiated_claim is not reported when the same message already makes a
// prohibited_health_claim or financial_guarantee (the more specific finding).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"
#include "core/safety/lexicon.h"
#include "core/safety/policy.h"
#include "core/safety/types.h"

namespace tailor::safety {

struct Screening {
  std::string id;
  Decision decision = Decision::kAllow;
  int severity = 0;
  std::vector<Category> categories;
  std::vector<Finding> findings;
};

class Screener {
 public:
  // Fails only if the built-in lexicon does not compile (a programming error, tested).
  static Result<Screener> create(Policy policy);
  Screening screen(const Message& message) const;
  const Policy& policy() const { return policy_; }

 private:
  Screener(Policy policy, Lexicon lexicon)
      : policy_(std::move(policy)), lexicon_(std::move(lexicon)) {}
  Policy policy_;
  Lexicon lexicon_;
};

// Reads {"id","channel":"email|sms|web","subject","body","context":{"approved_claims":[...],
// "has_unsubscribe_required":bool,"has_postal_address_required":bool,
// "has_supplement_disclaimer_required":bool,"has_risk_disclaimer_required":bool,
// "has_sms_help_required":bool,"own_details":[...],"explains_merge_tags":bool}}; only "body"
// is required ("id" defaults to "", "channel" to "email"). Error names the member: `channel is
// "fax", expected email, sms or web`.
Result<Message> message_from_json(const json::Value& value);
// {"id","decision","severity","categories":[...],"findings":[{"category","severity",
// "span":[begin,end],"detail"}]}
json::Value screening_to_json(const Screening& screening);

}  // namespace tailor::safety
