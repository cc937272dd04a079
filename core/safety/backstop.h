// The learned backstop: a per-category linear model over hashed features of the normalised
// tokens (normalize.h), trained offline by tools/train-safety (liblinear, L1-regularised
// logistic regression, fixed seeds) on the corpus tools/gen/safety-corpus.py writes, and
// compiled into a checked-in table (backstop_model.cc, its header records the command).
//
// Features of a message (each counted once, value 1/sqrt(number of distinct features)):
//   - word unigrams and bigrams of the normalised tokens;
//   - character 3-, 4- and 5-grams of each token framed as "<token>" (tokens longer than
//     24 bytes contribute their first 24);
// each hashed (FNV-1a, 32 bits, one seed per kind; a character n-gram's hash is finished by
// mixing in n, so the n-grams at one position share their prefix) into 2^18 buckets. A category's
// probability is the logistic of bias + sum of the bucket weights / sqrt(n).
//
// It is evidence like any other (score.h): at or above the category's block threshold the
// finding weighs the category's block severity; in the band below (the review threshold) it
// weighs 1, informational: shown in the findings, adding to the lexical categories' sums;
// below, nothing. Context (context.h) treats its findings like the rules' (negation).
// The finding's span covers the tokens whose features pushed hardest towards the category
// and its detail names them with the probability, so the decision is explained by spans.
// Categories decided by context or structure (pii_leak, missing_unsubscribe,
// unfilled_placeholder, unsubstantiated_claim, spam_signals) have no model.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/safety/normalize.h"
#include "core/safety/types.h"

namespace tailor::safety {

inline constexpr uint32_t kBackstopBuckets = 1u << 18;

struct BackstopFeature {
  uint32_t bucket;
  uint32_t first_token;  // the tokens the feature was read from
  uint32_t last_token;
};

// The distinct features of `tokens`, sorted by bucket (the first occurrence of each).
std::vector<BackstopFeature> backstop_features(const std::vector<Token>& tokens);

struct BackstopScore {
  Category category;
  double probability;
};

// The model's probability for every modelled category (tests, the trainer's checks).
std::vector<BackstopScore> backstop_scores(const std::vector<Token>& tokens);

// Appends a finding per category whose probability reaches its review threshold.
void detect_backstop(std::string_view text, const std::vector<Token>& tokens,
                     std::vector<Finding>& out);

// What the checked-in table holds (the trainer's header and docs/safety.md cite them).
struct BackstopModelInfo {
  int categories;
  size_t buckets_with_weights;
  size_t weights;
  const char* content_hash;  // SHA-256 of the table's data lines, written by the trainer
};
BackstopModelInfo backstop_model_info();

}  // namespace tailor::safety
