// A safety policy: how findings become a decision. Versioned JSON, configurable per campaign.
//
//   {
//     "version": "default-1",          required, non-empty: recorded in every audit record
//     "review_at": 2,                  severity at which a message goes to manual review
//     "block_at": 4,                   severity at which it is blocked (review_at <= block_at)
//     "categories": {                  optional, per category (exact names, types.h):
//       "spam_signals": {"enabled": true, "floor": 0, "cap": 3}
//     },                               floor/cap clamp every finding's severity (0-7);
//                                      a disabled category produces no findings
//     "allow_terms": ["Dick's"]        optional: a finding whose matched text normalises to
//   }                                  one of these (normalize.h) is dropped
// Unknown members are errors, so a typo cannot silently weaken a policy.
// Decision: block when the highest severity >= block_at, review when >= review_at, else allow.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"
#include "core/safety/types.h"

namespace tailor::safety {

enum class Decision : unsigned char { kAllow, kReview, kBlock };
std::string_view decision_name(Decision d);  // "allow", "review", "block"

struct CategoryPolicy {
  bool enabled = true;
  int floor = 0;
  int cap = 7;
};

struct Policy {
  std::string version = "default-1";
  int review_at = 2;
  int block_at = 4;
  std::array<CategoryPolicy, kCategoryCount> categories{};
  std::vector<std::string> allow_terms;  // normalised: tokens joined by single spaces

  Decision decide(int severity) const;
};

// The default policy (allow <= 1, review 2-3, block >= 4, everything enabled).
Policy default_policy();
// Error names the member and what would be valid:
// `policy.categories.spam_signals.cap is 9, expected an integer 0-7`.
Result<Policy> parse_policy(const json::Value& value);
json::Value policy_to_json(const Policy& policy);

}  // namespace tailor::safety
