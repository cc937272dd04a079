// The model moderator's pure part: protocol by URL, request bodies, answers read and refused,
// the combination with the rules by policy, and the fallback when the port fails.
#include "core/safety/moderation.h"

#include <catch2/catch.hpp>

#include "core/json/js.h"
#include "core/json/parse.h"
#include "helpers.h"

using namespace safety_test;
using tailor::Result;
using tailor::StatusCode;
using tailor::json::parse;

namespace {

ModerationVerdict openai(const std::string& body) {
  auto v = parse_moderation_answer(ModerationProtocol::kOpenAiModeration, body);
  REQUIRE(v.ok());
  return *v;
}

std::string guard_answer(const std::string& content) {
  return tailor::json::stringify(tailor::json::Value::object(
      {{"choices", tailor::json::Value(tailor::json::Array{tailor::json::Value::object(
                       {{"message", tailor::json::Value::object(
                                        {{"role", "assistant"}, {"content", content}})}})})}}));
}

size_t idx(Category c) { return static_cast<size_t>(c); }

// A port that answers what it was given, for screen_moderated.
class FixedModerator : public Moderator {
 public:
  explicit FixedModerator(Result<ModerationVerdict> answer) : answer_(std::move(answer)) {}
  Result<ModerationVerdict> moderate(const Message&) const override { return answer_; }
  std::string name() const override { return "fixed m"; }

 private:
  Result<ModerationVerdict> answer_;
};

}  // namespace

TEST_CASE("the moderation protocol follows the URL's path", "[safety][moderation]") {
  CHECK(*moderation_protocol_for_url("https://api.openai.com/v1/moderations") ==
        ModerationProtocol::kOpenAiModeration);
  CHECK(*moderation_protocol_for_url("http://127.0.0.1:8080/v1/chat/completions/?x=1") ==
        ModerationProtocol::kGuardChat);
  CHECK(moderation_protocol_for_url("http://h/v1/classify").error() ==
        "moderation URL \"http://h/v1/classify\" must end in /moderations (OpenAI-compatible "
        "moderation) or /chat/completions (a guard model such as Llama Guard)");
}

TEST_CASE("requests: OpenAI input; a guard prompt listing Tailor's categories as codes",
          "[safety][moderation]") {
  auto o = parse(moderation_request(ModerationProtocol::kOpenAiModeration, "omni", "Hi \"you\""));
  REQUIRE(o.ok());
  CHECK(o->find("model")->as_string() == "omni");
  CHECK(o->find("input")->as_string() == "Hi \"you\"");
  auto g = parse(moderation_request(ModerationProtocol::kGuardChat, "guard", "Buy now"));
  REQUIRE(g.ok());
  const std::string prompt =
      g->find("messages")->as_array().front().find("content")->as_string();
  CHECK(guard_categories().size() == 13);
  CHECK(prompt.find("S1: Hate.") != std::string::npos);
  CHECK(prompt.find("S13: Prompt artifacts.") != std::string::npos);
  CHECK(prompt.find("S14") == std::string::npos);
  CHECK(prompt.find("Agent: Buy now\n") != std::string::npos);
  CHECK(g->find("temperature")->as_number() == 0);
}

TEST_CASE("OpenAI answers map onto Tailor's categories", "[safety][moderation]") {
  const auto v = openai(R"({"id":"m","results":[{"flagged":true,
      "categories":{"hate":false,"hate/threatening":true,"harassment":false,"illicit":true,
                    "self-harm/intent":null},
      "category_scores":{"hate":0.2,"hate/threatening":0.91,"violence":0.55,
                         "violence/graphic":0.1,"illicit":0.99}}]})");
  CHECK(v.flagged[idx(Category::kHate)]);
  CHECK(v.score[idx(Category::kHate)] == Approx(0.91));  // the highest subcategory
  CHECK_FALSE(v.flagged[idx(Category::kViolence)]);
  CHECK(v.score[idx(Category::kViolence)] == Approx(0.55));
  CHECK(v.score[idx(Category::kProfanity)] == -1);  // OpenAI says nothing about it
  int flagged = 0;
  for (bool f : v.flagged) flagged += f;
  CHECK(flagged == 1);  // "illicit" has no twin
}

TEST_CASE("malformed answers are refused with the reason", "[safety][moderation]") {
  auto bad = [](ModerationProtocol p, const std::string& body) {
    auto v = parse_moderation_answer(p, body);
    REQUIRE_FALSE(v.ok());
    CHECK(v.status().code() == StatusCode::kMalformed);
    return v.error();
  };
  const auto O = ModerationProtocol::kOpenAiModeration;
  const auto G = ModerationProtocol::kGuardChat;
  CHECK(bad(O, "<html>").starts_with("moderator answer: not JSON"));
  CHECK(bad(O, R"({"results":[]})") == "moderator answer: no \"results\" array");
  CHECK(bad(O, R"({"results":[{"categories":{"hate":"yes"}}]})") ==
        "moderator answer: results[0].categories.hate is not true or false");
  CHECK(bad(O, R"({"results":[{"categories":{},"category_scores":{"hate":1.5}}]})") ==
        "moderator answer: results[0].category_scores.hate is 1.5, expected a number 0-1");
  CHECK(bad(G, R"({"choices":[]})") == "moderator answer: no \"choices\" array");
  CHECK(bad(G, guard_answer("I think it is fine")) ==
        "moderator answer: content \"I think it is fine\" is neither safe nor unsafe");
  CHECK(bad(G, guard_answer("unsafe\nS14")) ==
        "moderator answer: content \"unsafe S14\": unknown category code S14, expected S1-S13");
  CHECK(bad(G, guard_answer("unsafe")) ==
        "moderator answer: content \"unsafe\" says unsafe without a category code");
  CHECK(bad(G, guard_answer("unsafe\nhate")).find("expected category codes S1-S13") !=
        std::string::npos);
  CHECK(bad(G, guard_answer("safety first")).find("neither safe nor unsafe") !=
        std::string::npos);
}

TEST_CASE("guard answers: safe, unsafe with codes", "[safety][moderation]") {
  const auto G = ModerationProtocol::kGuardChat;
  auto safe = parse_moderation_answer(G, guard_answer("  Safe\n"));
  REQUIRE(safe.ok());
  for (bool f : safe->flagged) CHECK_FALSE(f);
  auto unsafe = parse_moderation_answer(G, guard_answer("unsafe\nS4, s11"));
  REQUIRE(unsafe.ok());
  CHECK(unsafe->flagged[idx(Category::kViolence)]);
  CHECK(unsafe->flagged[idx(Category::kMinorTargeting)]);
  int flagged = 0;
  for (bool f : unsafe->flagged) flagged += f;
  CHECK(flagged == 2);
}

TEST_CASE("combination: either blocks, review on disagreement, caps and disabled categories",
          "[safety][moderation]") {
  const std::string clean = "Our spring edit is in. Shop the new colours.";
  const std::string rude = "This is the best fucking sale of the year.";
  Message m;
  m.id = "x";
  ModerationVerdict hate;
  hate.flagged[idx(Category::kHate)] = true;
  hate.score[idx(Category::kHate)] = 0.9;
  ModerationVerdict lean;
  lean.score[idx(Category::kViolence)] = 0.6;
  ModerationVerdict nothing;

  Policy either = default_policy();
  Policy disagree = default_policy();
  disagree.moderator = ModeratorCombine::kReviewOnDisagreement;
  auto combined = [&](const Policy& p, const std::string& body, const ModerationVerdict& v) {
    m.body = body;
    return combine_moderation(p, default_screener().screen(m), v, "fixed m", body);
  };
  Screening s = combined(either, clean, hate);
  CHECK(s.decision == Decision::kBlock);
  CHECK(s.severity == 4);
  REQUIRE(s.findings.size() == 1);
  CHECK(s.findings[0].begin == 0);
  CHECK(s.findings[0].end == clean.size());
  CHECK(s.findings[0].detail == "moderator fixed m flagged hate (score 0.9)");
  CHECK(combined(either, clean, lean).decision == Decision::kReview);
  CHECK(combined(either, clean, nothing).decision == Decision::kAllow);
  CHECK(combined(either, rude, nothing).decision == Decision::kBlock);
  CHECK(combined(disagree, rude, nothing).decision == Decision::kReview);
  CHECK(combined(disagree, clean, hate).decision == Decision::kReview);
  Screening both = combined(disagree, rude, hate);
  CHECK(both.decision == Decision::kBlock);
  CHECK(both.categories == std::vector<Category>{Category::kHate, Category::kProfanity});

  Policy capped = default_policy();
  capped.categories[idx(Category::kHate)].cap = 3;
  CHECK(combined(capped, clean, hate).decision == Decision::kReview);
  capped.categories[idx(Category::kHate)].enabled = false;
  CHECK(combined(capped, clean, hate).findings.empty());
  Policy strict = default_policy();
  strict.categories[idx(Category::kHate)].block_at = 6;
  CHECK(combined(strict, clean, hate).severity == 6);
}

TEST_CASE("screen_moderated: the actor says whether the moderator was used",
          "[safety][moderation]") {
  Message m;
  m.body = "Our spring edit is in.";
  auto none = screen_moderated(default_screener(), m, nullptr);
  CHECK(none.actor == "tailor-screen");
  CHECK_FALSE(none.moderator_consulted);
  ModerationVerdict sexual;
  sexual.flagged[idx(Category::kSexual)] = true;
  FixedModerator yes(sexual);
  auto used = screen_moderated(default_screener(), m, &yes, "cli");
  CHECK(used.actor == "cli+moderator");
  CHECK(used.moderator_consulted);
  CHECK(used.screening.decision == Decision::kBlock);
  FixedModerator down(Result<ModerationVerdict>::failure(StatusCode::kUnavailable,
                                                         "h: timed out after 5000 ms"));
  auto fallback = screen_moderated(default_screener(), m, &down);
  CHECK(fallback.actor ==
        "tailor-screen (moderator unavailable: h: timed out after 5000 ms; rules only)");
  CHECK(fallback.moderator_error == "h: timed out after 5000 ms");
  CHECK(fallback.screening.decision == Decision::kAllow);
  CHECK(fallback.screening.findings.empty());
}
