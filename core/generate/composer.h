// The built-in grounded composer: offline, deterministic, the default Backend. It writes copy
// only from the retrieved approved content, so every fact it states is an approved claim
// quoted verbatim (its citation inserted before the final punctuation) or an approved offer
// (description, code and deadline, cited); everything else is a fixed framing sentence from
// the strategy x voice library below that states no fact (validate.h's definition).
//
// Claims. All claims of all passages, in passage order, are ranked for the strategy:
//   social_proof  first those with a word of: rated, review(s), customer(s), stars, loved,
//                 favourite, favorite, popular, bestseller, people, shoppers
//   loyalty       first those with a word of: member(s), membership, points, loyalty,
//                 rewards, club, exclusive, early
//   benefit       first those with neither kind of word
//   urgency       the first offer whose deadline is on or after as_of leads; claims as benefit
// ties keep passage order, then claim order. Email uses the first two ranked claims, SMS and
// web the first one that fits.
//
// Voice: the first of "warm", "formal", "playful" found as a word in Brand::voice
// (case-insensitive) picks greeting, framing and sign-off; none found: warm.
//
// Shapes (limits in bytes, which are characters for ASCII copy; the framing is ASCII):
//   email  subject (strategy line; urgency: the offer and its deadline, cited)
//          body:  greeting "Hi {{first_name}}," | opener | claims, one per line | strategy
//                 close with {{favourite_category}} | sign-off and Brand::signoff |
//                 "You can unsubscribe from these emails at any time."
//   sms    "<brand>: <opener> <claim> Reply STOP to opt out." shortened (opener dropped,
//          then the next claim tried) until it fits kMaxSmsBytes at its longest rendering
//   web    "<claim> <close>" (urgency: the offer sentence), shortened likewise to kMaxWebBytes
// Failures (kInvalidArgument): no passage has a claim (or, for urgency, a current offer);
// nothing fits the channel; the brand name or sign-off makes a framing sentence state a fact
// (e.g. digits in the name), which validate_draft reports. Cost: about 40 us of CPU a draft,
// validation included (tools/bench/compose_bench.cc).
#pragma once

#include <string_view>

#include "core/generate/draft.h"

namespace tailor::generate {

class Composer : public Backend {
 public:
  Result<Draft> generate(const Request& request) override;
  std::string_view name() const override { return "composer"; }
};

}  // namespace tailor::generate
