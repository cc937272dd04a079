#include "core/safety/policy.h"

#include <catch2/catch.hpp>

#include "core/json/parse.h"
#include "helpers.h"

using namespace safety_test;
using tailor::json::parse;

static tailor::Result<Policy> P(const char* text) { return parse_policy(parse(text).value()); }

TEST_CASE("default policy: allow <= 1, review 2-3, block >= 4", "[safety][policy]") {
  const Policy p = default_policy();
  CHECK(p.decide(0) == Decision::kAllow);
  CHECK(p.decide(1) == Decision::kAllow);
  CHECK(p.decide(2) == Decision::kReview);
  CHECK(p.decide(3) == Decision::kReview);
  CHECK(p.decide(4) == Decision::kBlock);
  CHECK(p.decide(7) == Decision::kBlock);
  CHECK(p.version == "default-1");
}

TEST_CASE("policy JSON is parsed strictly, errors name the member", "[safety][policy]") {
  auto ok = P(R"({"version":"spring-1","review_at":3,"block_at":5,
                  "categories":{"spam_signals":{"cap":2},"profanity":{"enabled":false}},
                  "allow_terms":["Dick's Sporting Goods"]})");
  REQUIRE(ok.ok());
  CHECK(ok->version == "spring-1");
  CHECK(ok->decide(4) == Decision::kReview);
  CHECK(ok->allow_terms == std::vector<std::string>{"dicks sporting goods"});
  CHECK(P(R"({"version":"x","categories":{"spam_signals":{"cap":9}}})").error() ==
        "policy.categories.spam_signals.cap is 9, expected an integer 0-7");
  CHECK(P(R"({"version":"x","categories":{"spam":{}}})").error() ==
        "policy.categories.spam is not a category name");
  CHECK(P(R"({"version":"x","block_at":2,"review_at":3})").error() ==
        "policy.review_at is above policy.block_at");
  CHECK(P(R"({"version":"x","blockat":2})").error() ==
        "policy.blockat is not a member, expected version, review_at, block_at, categories, "
        "allow_terms or moderator");
  CHECK(P(R"({"version":"x","moderator":"both"})").error() ==
        "policy.moderator is \"both\", expected either_blocks or review_on_disagreement");
  CHECK(P(R"({"version":"x","moderator":"review_on_disagreement"})")->moderator ==
        ModeratorCombine::kReviewOnDisagreement);
  CHECK(P(R"({"version":"x"})")->moderator == ModeratorCombine::kEitherBlocks);
  CHECK(P(R"({"review_at":2})").error() == "policy.version is missing");
}

TEST_CASE("policy changes decisions: thresholds, caps, floors, disabling, allow terms",
          "[safety][policy]") {
  Message m;
  m.body = "Damn good coffee. Holy shit, new stock!";
  CHECK(default_screener().screen(m).decision == Decision::kBlock);
  auto strict =
      Screener::create(P(R"({"version":"v","categories":{"profanity":{"cap":3}}})").value());
  CHECK(strict->screen(m).decision == Decision::kReview);
  auto off = Screener::create(
      P(R"({"version":"v","categories":{"profanity":{"enabled":false}}})").value());
  CHECK(off->screen(m).decision == Decision::kAllow);
  CHECK(off->screen(m).findings.empty());
  Message spam;
  spam.body = "Click here!";
  auto floor =
      Screener::create(P(R"({"version":"v","categories":{"spam_signals":{"floor":4}}})").value());
  CHECK(floor->screen(spam).decision == Decision::kBlock);
  Message brand;
  brand.body = "Shop the new range at Scheiss Brothers Outfitters.";
  CHECK(default_screener().screen(brand).decision == Decision::kBlock);
  auto allow = Screener::create(P(R"({"version":"v","allow_terms":["Scheiss"]})").value());
  CHECK(allow->screen(brand).decision == Decision::kAllow);
}
