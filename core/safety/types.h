// The vocabulary of safety screening: categories, findings, messages.
//
// Severity is an integer 0-7 (0 nothing, 1 informational, 2-3 needs a human, 4+ must not be
// sent under the default policy; policy.h maps it to a decision). A finding's span is
// [begin, end) in UTF-16 code units of the screened text, which is subject + "\n" + body (or
// body alone when there is no subject), so JavaScript's text.slice(begin, end) is the match.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::safety {

enum class Category : unsigned char {
  kHate,
  kHarassment,
  kSexual,
  kViolence,
  kSelfHarm,
  kProfanity,
  kPiiLeak,
  kUnsubstantiatedClaim,
  kProhibitedHealthClaim,
  kFinancialGuarantee,
  kDeceptiveUrgency,
  kSpamSignals,
  kMissingUnsubscribe,
  kUnfilledPlaceholder,
  kDiscriminatoryTargeting,
  kMinorTargeting,
  kCompetitorDisparagement,
  kPromptInjectionArtifact,
};
inline constexpr int kCategoryCount = 18;

// "hate", "pii_leak", ... (the exact names of issue 7).
std::string_view category_name(Category c);
// nullopt for an unknown name.
std::optional<Category> parse_category(std::string_view name);

struct Finding {
  Category category;
  int severity = 0;
  size_t begin = 0;  // UTF-16 code units of the screened text (see above)
  size_t end = 0;
  std::string detail;  // human-readable reason: "threat of violence: \"kill you\""
};

enum class Channel : unsigned char { kEmail, kSms, kWeb };

struct Message {
  std::string id;
  Channel channel = Channel::kEmail;
  std::string subject;
  std::string body;
  std::vector<std::string> approved_claims;  // claims the campaign may make (free text)
  bool has_unsubscribe_required = false;
  bool has_postal_address_required = false;  // CAN-SPAM: a physical postal address
  // Required elements by vertical and channel (context.h): the dietary-supplement disclaimer,
  // an investment risk warning, SMS HELP wording.
  bool has_supplement_disclaimer_required = false;
  bool has_risk_disclaimer_required = false;
  bool has_sms_help_required = false;
  // The organisation's own contact and payment details (emails, phones, IBANs): not a leak.
  std::vector<std::string> own_details;
  // The message is a help article about merge tags: "{{first_name}}" is its subject.
  bool explains_merge_tags = false;
};

// The text that is screened and that spans index: subject + "\n" + body, or body alone.
std::string screened_text(const Message& m);

}  // namespace tailor::safety
