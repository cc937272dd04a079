#include "core/safety/types.h"

namespace tailor::safety {
namespace {

constexpr std::array<std::string_view, kCategoryCount> kNames = {
    "hate",
    "harassment",
    "sexual",
    "violence",
    "self_harm",
    "profanity",
    "pii_leak",
    "unsubstantiated_claim",
    "prohibited_health_claim",
    "financial_guarantee",
    "deceptive_urgency",
    "spam_signals",
    "missing_unsubscribe",
    "unfilled_placeholder",
    "discriminatory_targeting",
    "minor_targeting",
    "competitor_disparagement",
    "prompt_injection_artifact",
};

}  // namespace

std::string_view category_name(Category c) { return kNames[static_cast<size_t>(c)]; }

std::optional<Category> parse_category(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}

std::string screened_text(const Message& m) {
  if (m.subject.empty()) return m.body;
  return m.subject + "\n" + m.body;
}

}  // namespace tailor::safety
