// Messaging strategies of generated variants. Everyone (spec, variants.json, events, the
// report) uses these exact names; the control arm is "control" and is not a Strategy.
//   benefit       leads with what the product does for the customer
//   social_proof  leads with what others say or choose (ratings, reviews)
//   loyalty       recognises the customer's relationship with the brand (members, points)
//   urgency       an approved offer's real deadline: only when one exists (strategies_for)
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace tailor::content {
struct Passage;
}

namespace tailor::generate {

enum class Strategy : unsigned char { kBenefit, kSocialProof, kLoyalty, kUrgency };

// "benefit", "social_proof", "loyalty", "urgency".
std::string_view strategy_name(Strategy s);
// nullopt for any other text.
std::optional<Strategy> parse_strategy(std::string_view name);

// The strategies the passages support on as_of_day, in the order above: benefit,
// social_proof and loyalty always; urgency only when some passage carries an offer whose
// deadline is on or after as_of_day.
std::vector<Strategy> strategies_for(const std::vector<content::Passage>& passages,
                                     int32_t as_of_day);

}  // namespace tailor::generate
