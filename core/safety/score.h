// Evidence -> per-category scores -> severity -> decision (SpamAssassin-style sums, but per
// category and on the 0-7 scale of types.h).
//
// Every detector reports evidence as a Finding whose severity is the evidence's weight in
// severity units (a curated rule: its severity; a word-list hit: 1, 2 or 4 by the list's
// sureness). Per category:
//   - the policy drops disabled categories and findings whose text is an allow-term;
//   - evidence with the same detail counts once (a word repeated is one signal);
//   - for the lexical harm categories (hate, harassment, sexual, violence, self_harm,
//     profanity) scores add up: severity = min(6, top + rest / 2) with `top` the strongest
//     weight and `rest` the sum of the others (integer halves), so three ambiguous words
//     (1 + 1 + 1) ask for review, a lone ambiguous word stays informational, and two mild
//     profanities (2 + 2) stay in review; other categories take the strongest evidence;
//   - the category severity is clamped to the policy's floor and cap, and decided by the
//     category's own thresholds (block >= tau_c, review in the band below).
// The message's severity is the highest category severity; its decision the strictest
// category decision; `categories` those at or above their review threshold. The explanation
// is the findings, the strongest first within a category carrying the category's severity.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/safety/policy.h"
#include "core/safety/types.h"

namespace tailor::safety {

struct ScoredFindings {
  Decision decision = Decision::kAllow;
  int severity = 0;
  std::vector<Category> categories;  // decisive, sorted by name
  std::vector<Finding> findings;     // bytes of the text, sorted by span then category
};

ScoredFindings score_findings(const Policy& policy, std::string_view text,
                              std::vector<Finding> evidence);

}  // namespace tailor::safety
