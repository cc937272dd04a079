// Per-category scores, severities, per-category thresholds, and Wilson intervals.
#include "core/safety/score.h"

#include <catch2/catch.hpp>

#include "core/json/parse.h"
#include "core/safety/eval.h"
#include "helpers.h"

using namespace safety_test;

namespace {

Finding evidence(Category c, int weight, size_t begin, const char* detail) {
  return {c, weight, begin, begin + 1, detail};
}

}  // namespace

TEST_CASE("lexical harms add up: top + rest/2, capped at 6", "[safety][score]") {
  const std::string text(40, 'x');
  const Policy p = default_policy();
  // One ambiguous word: informational.
  auto one = score_findings(p, text, {evidence(Category::kProfanity, 1, 0, "a")});
  CHECK(one.severity == 1);
  CHECK(one.decision == Decision::kAllow);
  // Three different ambiguous words: 1 + (1 + 1) / 2 = 2, review.
  auto three = score_findings(
      p, text,
      {evidence(Category::kProfanity, 1, 0, "a"), evidence(Category::kProfanity, 1, 2, "b"),
       evidence(Category::kProfanity, 1, 4, "c")});
  CHECK(three.severity == 2);
  CHECK(three.decision == Decision::kReview);
  REQUIRE(three.categories.size() == 1);
  // The same word three times is one signal.
  auto same = score_findings(
      p, text,
      {evidence(Category::kProfanity, 1, 0, "a"), evidence(Category::kProfanity, 1, 2, "a"),
       evidence(Category::kProfanity, 1, 4, "a")});
  CHECK(same.severity == 1);
  // Strong evidence plus more: 5 + 5/2 = 7, capped at 6 (7 is for policy floors).
  auto strong = score_findings(
      p, text, {evidence(Category::kHate, 5, 0, "a"), evidence(Category::kHate, 5, 2, "b")});
  CHECK(strong.severity == 6);
  // The strongest finding carries the category's severity; the other keeps its own.
  REQUIRE(strong.findings.size() == 2);
  CHECK(strong.findings[0].severity + strong.findings[1].severity == 11);
}

TEST_CASE("structural categories take their strongest evidence", "[safety][score]") {
  const std::string text(40, 'x');
  auto s = score_findings(default_policy(), text,
                          {evidence(Category::kUnsubstantiatedClaim, 3, 0, "a"),
                           evidence(Category::kUnsubstantiatedClaim, 3, 2, "b"),
                           evidence(Category::kUnsubstantiatedClaim, 3, 4, "c")});
  CHECK(s.severity == 3);
  CHECK(s.decision == Decision::kReview);
}

TEST_CASE("per-category thresholds: block >= tau_c, review in the band below",
          "[safety][score][policy]") {
  auto policy = parse_policy(tailor::json::parse(
                                 R"({"version":"t","categories":{
                                   "unsubstantiated_claim":{"block_at":3},
                                   "profanity":{"review_at":3,"block_at":5}}})")
                                 .value());
  REQUIRE(policy.ok());
  const std::string text(40, 'x');
  auto claim =
      score_findings(*policy, text, {evidence(Category::kUnsubstantiatedClaim, 3, 0, "a")});
  CHECK(claim.decision == Decision::kBlock);
  auto mild = score_findings(*policy, text, {evidence(Category::kProfanity, 2, 0, "a")});
  CHECK(mild.decision == Decision::kAllow);
  CHECK(mild.categories.empty());
  auto strong = score_findings(*policy, text, {evidence(Category::kProfanity, 4, 0, "a")});
  CHECK(strong.decision == Decision::kReview);
  // Bad thresholds are named.
  auto bad = parse_policy(
      tailor::json::parse(R"({"version":"t","categories":{"hate":{"block_at":9}}})").value());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error() == "policy.categories.hate.block_at is 9, expected an integer 1-8");
  auto inverted = parse_policy(
      tailor::json::parse(R"({"version":"t","categories":{"hate":{"review_at":5,"block_at":4}}})")
          .value());
  REQUIRE_FALSE(inverted.ok());
  CHECK(inverted.error() == "policy.categories.hate.review_at is above its block_at");
}

TEST_CASE("Wilson score intervals", "[safety][eval]") {
  // Reference values: 3/3 -> [0.4385, 1]; 0/54 -> [0, 0.0664]; 97/100 -> [0.9155, 0.9897].
  CHECK(wilson(3, 3).low == Approx(0.4385).margin(1e-4));
  CHECK(wilson(3, 3).high == Approx(1.0));
  CHECK(wilson(0, 54).low == Approx(0.0));
  CHECK(wilson(0, 54).high == Approx(0.0664).margin(1e-4));
  CHECK(wilson(97, 100).low == Approx(0.9155).margin(1e-4));
  CHECK(wilson(97, 100).high == Approx(0.9897).margin(1e-4));
  CHECK(wilson(0, 0).low == 0.0);
  CHECK(wilson(0, 0).high == 1.0);
}
