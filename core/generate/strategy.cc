// Strategy names and which strategies the retrieved content supports.
#include "core/generate/strategy.h"

#include <algorithm>
#include <string>

#include "core/content/corpus.h"
#include "core/generate/draft.h"

namespace tailor::generate {

std::string_view strategy_name(Strategy s) {
  switch (s) {
    case Strategy::kBenefit:
      return "benefit";
    case Strategy::kSocialProof:
      return "social_proof";
    case Strategy::kLoyalty:
      return "loyalty";
    case Strategy::kUrgency:
      return "urgency";
  }
  return "benefit";
}

std::optional<Strategy> parse_strategy(std::string_view name) {
  for (Strategy s :
       {Strategy::kBenefit, Strategy::kSocialProof, Strategy::kLoyalty, Strategy::kUrgency}) {
    if (strategy_name(s) == name) return s;
  }
  return std::nullopt;
}

std::vector<Strategy> strategies_for(const std::vector<content::Passage>& passages,
                                     int32_t as_of_day) {
  std::vector<Strategy> out = {Strategy::kBenefit, Strategy::kSocialProof, Strategy::kLoyalty};
  for (const content::Passage& p : passages) {
    if (p.offer && p.offer->deadline_day >= as_of_day) {
      out.push_back(Strategy::kUrgency);
      break;
    }
  }
  return out;
}

std::vector<std::string> approved_statements(const std::vector<content::Passage>& passages) {
  std::vector<std::string> out;
  auto add = [&](const std::string& s) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  for (const content::Passage& p : passages) {
    for (const std::string& c : p.claims) add(c);
  }
  for (const content::Passage& p : passages) {
    if (p.offer) add(p.offer->description);
  }
  return out;
}

}  // namespace tailor::generate
