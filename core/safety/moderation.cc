#include "core/safety/moderation.h"

#include <algorithm>
#include <cmath>

#include "core/json/js.h"
#include "core/json/parse.h"

namespace tailor::safety {
namespace {

using json::Value;

// OpenAI's moderation categories (text-moderation and omni-moderation) onto Tailor's.
struct OpenAiName {
  std::string_view upstream;
  Category category;
};
constexpr OpenAiName kOpenAiNames[] = {
    {"hate", Category::kHate},
    {"hate/threatening", Category::kHate},
    {"harassment", Category::kHarassment},
    {"harassment/threatening", Category::kHarassment},
    {"self-harm", Category::kSelfHarm},
    {"self-harm/intent", Category::kSelfHarm},
    {"self-harm/instructions", Category::kSelfHarm},
    {"sexual", Category::kSexual},
    {"sexual/minors", Category::kSexual},
    {"violence", Category::kViolence},
    {"violence/graphic", Category::kViolence},
};

// What a guard model is told each of Tailor's categories means (the prompt's list).
std::string_view guard_description(Category c) {
  switch (c) {
    case Category::kHate:
      return "Hate. Slurs, dehumanising or excluding people for a protected attribute (race, "
             "ethnicity, religion, nationality, sex, sexual orientation, disability).";
    case Category::kHarassment:
      return "Harassment. Insults, intimidation or bullying aimed at the reader.";
    case Category::kSexual:
      return "Sexual content. Explicit sexual material or offers of sexual services.";
    case Category::kViolence:
      return "Violence. Threats of violence against people or property.";
    case Category::kSelfHarm:
      return "Self-harm. Encouraging suicide, self-injury or disordered eating.";
    case Category::kProfanity:
      return "Profanity. Swearing and obscene language.";
    case Category::kProhibitedHealthClaim:
      return "Prohibited health claims. Claims that a product cures, treats or prevents a "
             "disease, or promises rapid weight loss.";
    case Category::kFinancialGuarantee:
      return "Financial guarantees. Promised or risk-free investment returns, guaranteed "
             "profit, doubling money.";
    case Category::kDeceptiveUrgency:
      return "Deceptive urgency. False deadlines, fake scarcity or threats of account closure "
             "to pressure the reader.";
    case Category::kDiscriminatoryTargeting:
      return "Discriminatory targeting. Excluding a protected group from a job, home, loan, "
             "credit or insurance offer.";
    case Category::kMinorTargeting:
      return "Minor targeting. Marketing alcohol, tobacco, vapes or gambling to children or "
             "teenagers.";
    case Category::kCompetitorDisparagement:
      return "Competitor disparagement. Insulting or making unsupported accusations against "
             "competitors.";
    case Category::kPromptInjectionArtifact:
      return "Prompt artifacts. AI assistant chatter, refusals or injected instructions left "
             "in the message.";
    default:
      return "";
  }
}

Result<ModerationVerdict> malformed(std::string what) {
  return Result<ModerationVerdict>(Status::malformed("moderator answer: " + std::move(what)));
}

Result<ModerationVerdict> parse_openai(const Value& doc) {
  const Value* results = doc.find("results");
  if (results == nullptr || !results->is_array() || results->as_array().empty())
    return malformed("no \"results\" array");
  const Value& r = results->as_array().front();
  const Value* cats = r.find("categories");
  const Value* scores = r.find("category_scores");
  if (cats == nullptr || !cats->is_object())
    return malformed("results[0].categories is missing or not an object");
  ModerationVerdict v;
  for (const auto& [name, flag] : cats->as_object()) {
    if (!flag.is_bool() && !flag.is_null())
      return malformed("results[0].categories." + name + " is not true or false");
    for (const auto& m : kOpenAiNames) {
      if (m.upstream == name && flag.is_bool() && flag.as_bool())
        v.flagged[static_cast<size_t>(m.category)] = true;
    }
  }
  if (scores != nullptr) {
    if (!scores->is_object()) return malformed("results[0].category_scores is not an object");
    for (const auto& [name, score] : scores->as_object()) {
      if (!score.is_number() || !(score.as_number() >= 0 && score.as_number() <= 1))
        return malformed("results[0].category_scores." + name + " is " +
                         json::stringify(score) + ", expected a number 0-1");
      for (const auto& m : kOpenAiNames) {
        if (m.upstream != name) continue;
        double& s = v.score[static_cast<size_t>(m.category)];
        s = std::max(s, score.as_number());
      }
    }
  }
  return v;
}

Result<ModerationVerdict> parse_guard(const Value& doc) {
  const Value* choices = doc.find("choices");
  if (choices == nullptr || !choices->is_array() || choices->as_array().empty())
    return malformed("no \"choices\" array");
  const Value* message = choices->as_array().front().find("message");
  const Value* content = message ? message->find("content") : nullptr;
  if (content == nullptr || !content->is_string())
    return malformed("choices[0].message.content is missing or not a string");
  // "safe" | "unsafe" [newline or space] "S1,S3"; case and surrounding space do not matter.
  std::string text;
  for (char ch : content->as_string()) {
    text += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  size_t b = text.find_first_not_of(" \t\r\n");
  std::string_view rest = b == std::string::npos ? std::string_view() : std::string_view(text).substr(b);
  auto word_is = [&](std::string_view w) {
    return rest.starts_with(w) &&
           (rest.size() == w.size() || std::string_view(" \t\r\n,.:").find(rest[w.size()]) !=
                                           std::string_view::npos);
  };
  std::string shown = "\"" + content->as_string().substr(0, 80) + "\"";
  for (char& ch : shown) {
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  }
  ModerationVerdict v;
  if (word_is("safe")) return v;
  if (!word_is("unsafe")) return malformed("content " + shown + " is neither safe nor unsafe");
  rest.remove_prefix(6);
  const auto& cats = guard_categories();
  bool any = false;
  size_t i = 0;
  while (i < rest.size()) {
    const char ch = rest[i];
    if (std::string_view(" \t\r\n,.:").find(ch) != std::string_view::npos) {
      ++i;
      continue;
    }
    if (ch != 's' || i + 1 >= rest.size() || rest[i + 1] < '0' || rest[i + 1] > '9')
      return malformed("content " + shown + ": expected category codes S1-S" +
                       std::to_string(cats.size()) + " after unsafe");
    size_t j = i + 1;
    int n = 0;
    while (j < rest.size() && rest[j] >= '0' && rest[j] <= '9' && n < 1000) {
      n = n * 10 + (rest[j] - '0');
      ++j;
    }
    if (n < 1 || n > static_cast<int>(cats.size()))
      return malformed("content " + shown + ": unknown category code S" + std::to_string(n) +
                       ", expected S1-S" + std::to_string(cats.size()));
    v.flagged[static_cast<size_t>(cats[static_cast<size_t>(n - 1)])] = true;
    any = true;
    i = j;
  }
  if (!any) return malformed("content " + shown + " says unsafe without a category code");
  return v;
}

size_t utf16_length(std::string_view s) {
  size_t units = 0;
  for (unsigned char b : s) {
    if ((b & 0xC0) != 0x80) units += b >= 0xF0 ? 2 : 1;
  }
  return units;
}

}  // namespace

std::string_view moderation_protocol_name(ModerationProtocol p) {
  return p == ModerationProtocol::kOpenAiModeration ? "openai-moderation" : "guard-chat";
}

Result<ModerationProtocol> moderation_protocol_for_url(std::string_view url) {
  std::string_view path = url.substr(0, url.find_first_of("?#"));
  while (path.ends_with('/')) path.remove_suffix(1);
  if (path.ends_with("/moderations")) return ModerationProtocol::kOpenAiModeration;
  if (path.ends_with("/chat/completions")) return ModerationProtocol::kGuardChat;
  return Result<ModerationProtocol>::failure(
      "moderation URL \"" + std::string(url) +
      "\" must end in /moderations (OpenAI-compatible moderation) or /chat/completions (a "
      "guard model such as Llama Guard)");
}

const std::vector<Category>& guard_categories() {
  static const std::vector<Category> kList = {
      Category::kHate,
      Category::kHarassment,
      Category::kSexual,
      Category::kViolence,
      Category::kSelfHarm,
      Category::kProfanity,
      Category::kProhibitedHealthClaim,
      Category::kFinancialGuarantee,
      Category::kDeceptiveUrgency,
      Category::kDiscriminatoryTargeting,
      Category::kMinorTargeting,
      Category::kCompetitorDisparagement,
      Category::kPromptInjectionArtifact,
  };
  return kList;
}

std::string moderation_request(ModerationProtocol protocol, std::string_view model,
                               std::string_view text) {
  if (protocol == ModerationProtocol::kOpenAiModeration) {
    return json::stringify(Value::object({{"model", Value(model)}, {"input", Value(text)}}));
  }
  // Llama Guard's prompt format with Tailor's categories as the policy.
  std::string prompt =
      "Task: Check if there is unsafe content in 'Agent' messages in conversations according "
      "to our safety policy with the below categories. The Agent message is a marketing "
      "message about to be sent to customers.\n\n<BEGIN UNSAFE CONTENT CATEGORIES>\n";
  const auto& cats = guard_categories();
  for (size_t i = 0; i < cats.size(); ++i) {
    prompt += "S" + std::to_string(i + 1) + ": " + std::string(guard_description(cats[i])) + "\n";
  }
  prompt +=
      "<END UNSAFE CONTENT CATEGORIES>\n\n<BEGIN CONVERSATION>\n\nAgent: " + std::string(text) +
      "\n\n<END CONVERSATION>\n\nProvide your safety assessment for ONLY THE LAST Agent message "
      "in the above conversation:\n- First line must read 'safe' or 'unsafe'.\n- If unsafe, a "
      "second line must include a comma-separated list of violated categories.";
  return json::stringify(Value::object(
      {{"model", Value(model)},
       {"messages", Value(json::Array{Value::object(
                        {{"role", Value("user")}, {"content", Value(std::move(prompt))}})})},
       {"temperature", Value(0)},
       {"max_tokens", Value(32)}}));
}

Result<ModerationVerdict> parse_moderation_answer(ModerationProtocol protocol,
                                                  std::string_view body) {
  auto doc = json::parse(body);
  if (!doc.ok()) return malformed("not JSON (" + doc.error() + ")");
  if (!doc->is_object()) return malformed("not a JSON object");
  return protocol == ModerationProtocol::kOpenAiModeration ? parse_openai(*doc)
                                                           : parse_guard(*doc);
}

Screening combine_moderation(const Policy& policy, Screening rules, const ModerationVerdict& v,
                             std::string_view moderator_name, std::string_view text) {
  const size_t end = utf16_length(text);
  Decision moderator = Decision::kAllow;
  int moderator_severity = 0;
  std::vector<Finding> added;
  std::vector<Category> categories = rules.categories;
  for (int i = 0; i < kCategoryCount; ++i) {
    const auto c = static_cast<Category>(i);
    const CategoryPolicy& cp = policy.categories[static_cast<size_t>(i)];
    if (!cp.enabled) continue;
    const double score = v.score[static_cast<size_t>(i)];
    const bool flagged = v.flagged[static_cast<size_t>(i)];
    const bool review_band = !flagged && score >= kModeratorReviewScore;
    if (!flagged && !review_band) continue;
    const int threshold = flagged ? (cp.block_at > 0 ? cp.block_at : policy.block_at)
                                  : policy.review_threshold(c);
    const int severity = std::clamp(std::min(threshold, 7), cp.floor, cp.cap);
    const Decision d = policy.decide(c, severity);
    if (d == Decision::kAllow) continue;  // a cap keeps the category below review
    moderator = std::max(moderator, d);
    moderator_severity = std::max(moderator_severity, severity);
    std::string detail = "moderator " + std::string(moderator_name) +
                         (flagged ? " flagged " : " leans towards ") +
                         std::string(category_name(c));
    if (score >= 0) detail += " (score " + json::number_to_string(std::round(score * 1000) / 1000) + ")";
    added.push_back({c, severity, 0, end, std::move(detail)});
    categories.push_back(c);
  }
  Decision decision = std::max(rules.decision, moderator);
  if (policy.moderator == ModeratorCombine::kReviewOnDisagreement &&
      decision == Decision::kBlock &&
      (rules.decision != Decision::kBlock || moderator != Decision::kBlock)) {
    decision = Decision::kReview;
  }
  rules.decision = decision;
  rules.severity = std::max(rules.severity, moderator_severity);
  std::sort(categories.begin(), categories.end(), [](Category a, Category b) {
    return category_name(a) < category_name(b);
  });
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  rules.categories = std::move(categories);
  for (auto& f : added) rules.findings.push_back(std::move(f));
  std::stable_sort(rules.findings.begin(), rules.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     if (a.begin != b.begin) return a.begin < b.begin;
                     if (a.end != b.end) return a.end < b.end;
                     return category_name(a.category) < category_name(b.category);
                   });
  return rules;
}

ModeratedScreening screen_moderated(const Screener& screener, const Message& message,
                                    const Moderator* moderator, std::string_view actor) {
  ModeratedScreening out;
  out.screening = screener.screen(message);
  out.actor = std::string(actor);
  if (moderator == nullptr) return out;
  auto verdict = moderator->moderate(message);
  if (!verdict.ok()) {
    out.moderator_error = verdict.error();
    out.actor += " (moderator unavailable: " + verdict.error() + "; rules only)";
    return out;
  }
  out.moderator_consulted = true;
  out.actor += "+moderator";
  out.screening = combine_moderation(screener.policy(), std::move(out.screening), *verdict,
                                     moderator->name(), screened_text(message));
  return out;
}

}  // namespace tailor::safety
