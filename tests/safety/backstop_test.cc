// The learned backstop: its features (checked against an independent Python computation of
// FNV-1a over the same n-grams), the checked-in table's integrity, and its place in screening
// (evidence in per-category scores, explained by spans).
#include "core/safety/backstop.h"

#include <catch2/catch.hpp>

#include "core/safety/backstop_model.h"
#include "helpers.h"

using namespace safety_test;

TEST_CASE("backstop features: hashed word 1-2-grams and char 3-5-grams", "[safety][backstop]") {
  // Golden from Python: FNV-1a 32 with seeds 2166136261 (word), 0x9e3779b9 (bigram "w1 w2"),
  // 0x85ebca6b (char n-grams of "<word>", finished as ((h ^ n) * 16777619)), masked to 18
  // bits, distinct, ascending.
  const std::vector<uint32_t> golden = {42430,  51059,  65387,  66679,  71114,  106344,
                                        122905, 123129, 127688, 131958, 187243, 191546,
                                        194202, 196314, 203969, 215739, 230953, 248365};
  // Normalisation comes first: case, a zero-width space and full-width letters fold away.
  const auto features = backstop_features(tokenize("HI \xE2\x80\x8B\xEF\xBD\x89" "diot"));
  std::vector<uint32_t> buckets;
  for (const auto& f : features) {
    buckets.push_back(f.bucket);
    CHECK(f.bucket < kBackstopBuckets);
    CHECK(f.first_token <= f.last_token);
    CHECK(f.last_token <= 1);
  }
  CHECK(buckets == golden);
  CHECK(backstop_features(tokenize("")).empty());
}

TEST_CASE("backstop table: ordered keys, valid rows, thresholds", "[safety][backstop]") {
  const BackstopTable& t = backstop_table();
  REQUIRE(t.categories >= 10);
  for (int c = 0; c < t.categories; ++c) {
    CHECK(t.review_at[c] > 0.0f);
    CHECK(t.review_at[c] <= t.block_at[c]);
    CHECK(t.block_at[c] < 1.0f);
    for (int d = 0; d < c; ++d) CHECK(t.category[c] != t.category[d]);
  }
  REQUIRE(t.key_count > 1000);
  for (size_t k = 0; k < t.key_count; ++k) {
    CHECK(t.keys[k] < kBackstopBuckets);
    if (k > 0) CHECK(t.keys[k - 1] < t.keys[k]);
    CHECK(t.row_start[k] < t.row_start[k + 1]);
  }
  const size_t entries = t.row_start[t.key_count];
  for (size_t e = 0; e < entries; ++e) {
    CHECK(static_cast<int>(t.entry_category[e]) < t.categories);
    CHECK(t.entry_weight[e] != 0.0f);
  }
  CHECK(std::string(t.content_hash).size() == 64);
  // Categories decided by context or structure have no model.
  for (int c = 0; c < t.categories; ++c) {
    CHECK(t.category[c] != Category::kPiiLeak);
    CHECK(t.category[c] != Category::kMissingUnsubscribe);
    CHECK(t.category[c] != Category::kUnfilledPlaceholder);
  }
}

TEST_CASE("backstop evidence decides a paraphrase the rules miss, explained by a span",
          "[safety][backstop]") {
  // (Round 3's rules catch "Hot singles ... tonight", the earlier example; this cure claim
  // has no cure verb the rules know.)
  const std::string body = "Our tonic melts away arthritis naturally.";
  const Screening s = screen_body(body);
  CHECK(s.decision == Decision::kBlock);
  CHECK(s.categories == std::vector<Category>{Category::kProhibitedHealthClaim});
  REQUIRE(s.findings.size() == 1);
  const Finding& f = s.findings[0];
  CHECK(f.category == Category::kProhibitedHealthClaim);
  CHECK(f.severity == 5);
  CHECK(f.detail.rfind("learned backstop (", 0) == 0);
  REQUIRE(f.begin < f.end);
  REQUIRE(f.end <= body.size());  // ASCII: UTF-16 units are bytes
  // Every word the detail names lies inside the span.
  const std::string span = body.substr(f.begin, f.end - f.begin);
  for (size_t q = f.detail.find('"'); q != std::string::npos; q = f.detail.find('"', q + 1)) {
    const size_t close = f.detail.find('"', q + 1);
    REQUIRE(close != std::string::npos);
    CHECK(span.find(f.detail.substr(q + 1, close - q - 1)) != std::string::npos);
    q = close;
  }
  // The probabilities it reports come from the same table.
  const BackstopTable& t = backstop_table();
  const auto scores = backstop_scores(tokenize(body));
  REQUIRE(static_cast<int>(scores.size()) == t.categories);
  bool seen = false;
  for (int c = 0; c < t.categories; ++c) {
    CHECK(scores[c].category == t.category[c]);
    CHECK(scores[c].probability > 0.0);
    CHECK(scores[c].probability < 1.0);
    if (t.category[c] == Category::kProhibitedHealthClaim)
      seen = scores[c].probability >= t.block_at[c];
  }
  CHECK(seen);
}

TEST_CASE("a rule that rates the same words lower overrules the backstop", "[safety][backstop]") {
  // The model rates "Damn good coffee" above its profanity block threshold; the curated rule
  // knows "damn" is mild, so the message goes to review, and the finding says why.
  const Screening s = screen_body("Damn good coffee.");
  CHECK(s.decision == Decision::kReview);
  bool noted = false;
  for (const Finding& f : s.findings) {
    noted = noted || f.detail.find("(a rule rates these words lower)") != std::string::npos;
  }
  CHECK(noted);
}

TEST_CASE("backstop findings obey negation like the rules' findings", "[safety][backstop]") {
  CHECK(screen_body("Guaranteed returns of 20% a month.").decision == Decision::kBlock);
  CHECK(screen_body("Returns are not guaranteed.").decision == Decision::kAllow);
  CHECK(screen_body("We will never hurt you or your data.").decision == Decision::kAllow);
}
