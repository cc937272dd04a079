// A safety policy: how findings become a decision. Versioned JSON, configurable per campaign.
//
//   {
//     "version": "default-1",          required, non-empty: recorded in every audit record
//     "review_at": 2,                  severity at which a message goes to manual review
//     "block_at": 4,                   severity at which it is blocked (review_at <= block_at)
//     "categories": {                  optional, per category (exact names, types.h):
//       "spam_signals": {"enabled": true, "floor": 0, "cap": 3,
//                        "review_at": 2, "block_at": 4}
//     },                               floor/cap clamp the category's severity (0-7);
//                                      a disabled category produces no findings;
//                                      review_at/block_at (1-8, optional) are the category's
//                                      own thresholds (tau_c), defaulting to the policy's
//     "allow_terms": ["Dick's"],       optional: a finding whose matched text normalises to
//                                      one of these (normalize.h) is dropped
//     "moderator": "either_blocks"     optional: how a model moderator's verdict combines with
//   }                                  the rules, "either_blocks" (default) or
//                                      "review_on_disagreement" (moderation.h)
// Unknown members are errors, so a typo cannot silently weaken a policy.
// Decision: block when some category's severity reaches its block threshold, review when one
// reaches its review threshold, else allow (score.h computes category severities).
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

// How a model moderator's verdict combines with the rules (moderation.h): "either_blocks"
// (default) or "review_on_disagreement".
enum class ModeratorCombine : unsigned char { kEitherBlocks, kReviewOnDisagreement };
std::string_view moderator_combine_name(ModeratorCombine c);

struct CategoryPolicy {
  bool enabled = true;
  int floor = 0;
  int cap = 7;
  int review_at = 0;  // 0: the policy's review_at
  int block_at = 0;   // 0: the policy's block_at
};

struct Policy {
  std::string version = "default-1";
  int review_at = 2;
  int block_at = 4;
  std::array<CategoryPolicy, kCategoryCount> categories{};
  std::vector<std::string> allow_terms;  // normalised: tokens joined by single spaces
  ModeratorCombine moderator = ModeratorCombine::kEitherBlocks;

  Decision decide(int severity) const;
  // The decision one category's severity asks for, by its own thresholds.
  Decision decide(Category category, int severity) const;
  int review_threshold(Category category) const;
};

// The default policy (allow <= 1, review 2-3, block >= 4, everything enabled).
Policy default_policy();
// Error names the member and what would be valid:
// `policy.categories.spam_signals.cap is 9, expected an integer 0-7`.
Result<Policy> parse_policy(const json::Value& value);
json::Value policy_to_json(const Policy& policy);

}  // namespace tailor::safety
