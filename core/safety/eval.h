// Evaluation of screening against a labeled set (tests/data/safety_labeled.jsonl): the
// numbers `tailor screen --eval` prints and the threshold tests assert.
//
// A labeled item is a screening input plus "label" (allow|review|block), "categories" (the
// expected decisive categories) and optionally "split" (e.g. "dev", "holdout").
//   block recall      = items labeled block that were blocked / items labeled block
//   right-reason block recall = items labeled block that were blocked with one of their
//                       labeled categories decisive / items labeled block (a block for another
//                       reason, e.g. a required element the message has, is right by chance)
//   false-block rate  = items labeled allow that were blocked / items labeled allow
//   clean pass rate   = items labeled allow that were allowed / items labeled allow
//   flag recall       = items labeled review or block that were not allowed / those items
//   review rate       = items decided review / all items
// Per category: a prediction is a category in Screening::categories; precision and recall
// compare them with the item's expected categories. Per category also, with 95% Wilson score
// intervals (what a small labeled set can and cannot say):
//   block recall      = items labeled block listing the category that were blocked / those
//   false blocks      = items labeled allow that were blocked with the category decisive /
//                       items labeled allow
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"
#include "core/safety/screen.h"

namespace tailor::safety {

struct LabeledItem {
  Message message;
  Decision label = Decision::kAllow;
  std::vector<Category> categories;
  std::string split;
};

// Error names the member: `label is "maybe", expected allow, review or block`.
Result<LabeledItem> labeled_item_from_json(const json::Value& value);

struct CategoryCounts {
  int true_positive = 0, false_positive = 0, false_negative = 0;
  int block_labeled = 0, block_hit = 0;  // items labeled block listing the category
  int clean_blocked = 0;                 // items labeled allow, blocked with it decisive
};

// The 95% Wilson score interval of k successes in n trials ({0, 1} when n is 0).
struct Interval {
  double low = 0, high = 1;
};
Interval wilson(int k, int n);

struct EvalReport {
  int items = 0;
  std::array<int, 3> labeled{};                   // by label (allow, review, block)
  std::array<std::array<int, 3>, 3> confusion{};  // [label][decision]
  int blocked_for_label = 0;  // labeled block, blocked with a labeled category decisive
  std::array<CategoryCounts, kCategoryCount> categories{};
  std::vector<std::string> misses;  // "s012 labeled block, decided allow: ..."

  double block_recall() const;
  double false_block_rate() const;
  double clean_pass_rate() const;
  double flag_recall() const;
  double review_rate() const;
};

// Screens every item whose split matches `split` (empty: all items).
EvalReport evaluate(const Screener& screener, const std::vector<LabeledItem>& items,
                    const std::string& split = "");
// A plain-text table of the report.
std::string format_report(const EvalReport& report, const std::string& title);

}  // namespace tailor::safety
