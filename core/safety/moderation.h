// The optional model moderator (docs/safety.md, "Model moderator"): a second opinion from a
// moderation model, mapped onto Tailor's categories and combined with the rules by policy.
//
// Two wire protocols, chosen by the endpoint URL's path:
//   .../moderations        OpenAI-compatible moderation: {"model","input"} in,
//                          {"results":[{"flagged","categories":{...},"category_scores":{...}}]}
//                          out; hate*, harassment*, self-harm*, sexual*, violence* map onto
//                          Tailor's hate, harassment, self_harm, sexual, violence (a score is
//                          the highest of its subcategories); "illicit*" has no twin and is
//                          not used
//   .../chat/completions   a guard model behind a chat-completions endpoint (Llama Guard
//                          style): Tailor's own categories are listed in the prompt as codes
//                          T1..T13; the answer's content is "safe", or "unsafe" and a line of
//                          codes ("unsafe\nT3,T7")
// The core builds the request body and reads the answer; the I/O is a Moderator outside the
// core (tools/net/moderation_client.h). Pure: no I/O, no clock.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/safety/policy.h"
#include "core/safety/screen.h"
#include "core/safety/types.h"

namespace tailor::safety {

enum class ModerationProtocol : unsigned char { kOpenAiModeration, kGuardChat };
std::string_view moderation_protocol_name(ModerationProtocol p);  // "openai-moderation", "guard-chat"

// From the endpoint URL's path (query ignored): ending in "/moderations" or
// "/chat/completions". Failure names the URL and what is valid.
Result<ModerationProtocol> moderation_protocol_for_url(std::string_view url);

// The categories a guard model is asked about, in prompt order (code "T" + index + 1): the
// 13 that text decides (the learned backstop's categories).
const std::vector<Category>& guard_categories();

// The request body for `text` (the screened text, screened_text()).
std::string moderation_request(ModerationProtocol protocol, std::string_view model,
                               std::string_view text);

// What the moderator said, per Tailor category. `flagged`: the model says the category applies;
// `score`: its probability when the protocol gives one (OpenAI), else -1.
struct ModerationVerdict {
  std::array<bool, kCategoryCount> flagged{};
  std::array<double, kCategoryCount> score{};
  ModerationVerdict() { score.fill(-1); }
};

// Reads a 200 answer's body. kMalformed failure, naming what is wrong, for anything else:
// not JSON, no results / choices, a content that is neither "safe" nor "unsafe", an unknown
// code, a score outside 0-1.
Result<ModerationVerdict> parse_moderation_answer(ModerationProtocol protocol,
                                                  std::string_view body);

// The port: one message in, the moderator's verdict out, or a failure (no connection, a
// timeout, an HTTP error, a malformed answer) whose message says which. Implementations may
// block (call from a worker thread); screen_moderated calls it once per message.
class Moderator {
 public:
  virtual ~Moderator() = default;
  virtual Result<ModerationVerdict> moderate(const Message& message) const = 0;
  // For the audit actor and findings: "openai-moderation omni-moderation-latest".
  virtual std::string name() const = 0;
};

// How the moderator's verdict and the rules' decision combine (policy member "moderator"):
//   kEitherBlocks          (default) block if either blocks; otherwise review if either asks
//                          for review
//   kReviewOnDisagreement  block only if both block; when one blocks and the other does not,
//                          review (a human settles the disagreement)
// A flagged category counts as the moderator blocking; an OpenAI score at or above
// kModeratorReviewScore that is not flagged as the moderator asking for review.
inline constexpr double kModeratorReviewScore = 0.5;

struct ModeratedScreening {
  Screening screening;
  // For the audit record's actor, from `actor` ("tailor-screen"): unchanged (no moderator),
  // "tailor-screen+moderator" (consulted), or "tailor-screen (moderator unavailable: <why>;
  // rules only)".
  std::string actor;
  bool moderator_consulted = false;
  std::string moderator_error;  // why the fallback happened ("" when consulted or none)
};

// Screens `message` with the rules, asks `moderator` (may be null: rules only), and combines
// by `screener.policy().moderator`. The moderator's findings carry the category's block
// severity (flagged) or review severity (score in the review band) and span the whole text;
// their detail names the moderator and its score. A moderator failure leaves the rules'
// screening unchanged and says so in `actor` and `moderator_error`.
ModeratedScreening screen_moderated(const Screener& screener, const Message& message,
                                    const Moderator* moderator,
                                    std::string_view actor = "tailor-screen");

// The combination alone (for tests): `rules` is the rules' screening of `text`.
Screening combine_moderation(const Policy& policy, Screening rules, const ModerationVerdict& v,
                             std::string_view moderator_name, std::string_view text);

}  // namespace tailor::safety
