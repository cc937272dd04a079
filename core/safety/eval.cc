#include "core/safety/eval.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tailor::safety {
namespace {

double ratio(int n, int d) { return d == 0 ? 0.0 : static_cast<double>(n) / d; }

std::string percent(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", r * 100);
  return buf;
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string rate(int k, int n) {
  const Interval w = wilson(k, n);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%4d/%-4d %5.1f%% [%5.1f, %5.1f]", k, n,
                n == 0 ? 0.0 : 100.0 * k / n, 100 * w.low, 100 * w.high);
  return buf;
}

}  // namespace

Interval wilson(int k, int n) {
  if (n <= 0) return {};
  const double z = 1.959963984540054, p = static_cast<double>(k) / n, z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Result<LabeledItem> labeled_item_from_json(const json::Value& v) {
  using R = Result<LabeledItem>;
  auto message = message_from_json(v);
  if (!message) return R::failure(message.error());
  LabeledItem item;
  item.message = std::move(message).value();
  const json::Value* label = v.find("label");
  const std::string l = label && label->is_string() ? label->as_string() : "";
  if (l == "allow")
    item.label = Decision::kAllow;
  else if (l == "review")
    item.label = Decision::kReview;
  else if (l == "block")
    item.label = Decision::kBlock;
  else
    return R::failure("label is \"" + l + "\", expected allow, review or block");
  if (const json::Value* cats = v.find("categories")) {
    if (!cats->is_array()) return R::failure("categories is not an array");
    for (const auto& c : cats->as_array()) {
      auto cat = c.is_string() ? parse_category(c.as_string()) : std::nullopt;
      if (!cat) return R::failure("categories holds an unknown category");
      item.categories.push_back(*cat);
    }
  }
  if (const json::Value* split = v.find("split"); split && split->is_string())
    item.split = split->as_string();
  return item;
}

double EvalReport::block_recall() const { return ratio(confusion[2][2], labeled[2]); }
double EvalReport::false_block_rate() const { return ratio(confusion[0][2], labeled[0]); }
double EvalReport::clean_pass_rate() const { return ratio(confusion[0][0], labeled[0]); }
double EvalReport::flag_recall() const {
  return ratio(confusion[1][1] + confusion[1][2] + confusion[2][1] + confusion[2][2],
               labeled[1] + labeled[2]);
}
double EvalReport::review_rate() const {
  return ratio(confusion[0][1] + confusion[1][1] + confusion[2][1], items);
}

EvalReport evaluate(const Screener& screener, const std::vector<LabeledItem>& items,
                    const std::string& split) {
  EvalReport r;
  for (const auto& item : items) {
    if (!split.empty() && item.split != split) continue;
    const Screening s = screener.screen(item.message);
    const auto label = static_cast<size_t>(item.label), decided = static_cast<size_t>(s.decision);
    ++r.items;
    ++r.labeled[label];
    ++r.confusion[label][decided];
    if (label == 2 && decided == 2 &&
        std::any_of(item.categories.begin(), item.categories.end(), [&](Category c) {
          return std::find(s.categories.begin(), s.categories.end(), c) != s.categories.end();
        }))
      ++r.blocked_for_label;
    for (int c = 0; c < kCategoryCount; ++c) {
      const auto cat = static_cast<Category>(c);
      const bool expected =
          std::find(item.categories.begin(), item.categories.end(), cat) != item.categories.end();
      const bool predicted =
          std::find(s.categories.begin(), s.categories.end(), cat) != s.categories.end();
      auto& counts = r.categories[static_cast<size_t>(c)];
      if (expected && predicted) ++counts.true_positive;
      if (!expected && predicted) ++counts.false_positive;
      if (expected && !predicted) ++counts.false_negative;
      if (expected && label == 2) {
        ++counts.block_labeled;
        counts.block_hit += decided == 2;
      }
      if (label == 0 && decided == 2 && predicted) ++counts.clean_blocked;
    }
    if (label != decided) {
      std::string line = item.message.id + " labeled " + std::string(decision_name(item.label)) +
                         ", decided " + std::string(decision_name(s.decision)) + ":";
      for (const auto& f : s.findings)
        line += " [" + std::string(category_name(f.category)) + " " + std::to_string(f.severity) +
                " " + f.detail + "]";
      r.misses.push_back(line);
    }
  }
  return r;
}

std::string format_report(const EvalReport& r, const std::string& title) {
  std::string out = title + " (" + std::to_string(r.items) +
                    " items: " + std::to_string(r.labeled[0]) + " allow, " +
                    std::to_string(r.labeled[1]) + " review, " + std::to_string(r.labeled[2]) +
                    " block)\n";
  out += "  block recall       " + percent(r.block_recall()) + "  (target >= 95%)\n";
  out += "  false-block rate   " + percent(r.false_block_rate()) +
         "  (clean items blocked; target <= 1%)\n";
  out += "  clean pass rate    " + percent(r.clean_pass_rate()) + "\n";
  out +=
      "  flag recall        " + percent(r.flag_recall()) + "  (review+block items not allowed)\n";
  out += "  review rate        " + percent(r.review_rate()) + "\n";
  out += "  label\\decision     allow  review   block\n";
  static const char* kNames[] = {"allow", "review", "block"};
  for (size_t l = 0; l < 3; ++l) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "  %-17s %6d  %6d  %6d\n", kNames[l], r.confusion[l][0],
                  r.confusion[l][1], r.confusion[l][2]);
    out += buf;
  }
  out += "  " + pad("category", 27) + "precision  recall   tp  fp  fn\n";
  for (int c = 0; c < kCategoryCount; ++c) {
    const auto& k = r.categories[static_cast<size_t>(c)];
    if (k.true_positive + k.false_positive + k.false_negative == 0) continue;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%9s  %6s  %3d %3d %3d\n",
                  percent(ratio(k.true_positive, k.true_positive + k.false_positive)).c_str(),
                  percent(ratio(k.true_positive, k.true_positive + k.false_negative)).c_str(),
                  k.true_positive, k.false_positive, k.false_negative);
    out += "  " + pad(std::string(category_name(static_cast<Category>(c))), 27) + buf;
  }
  out += "  overall block recall      " + rate(r.confusion[2][2], r.labeled[2]) + "\n";
  out += "  right-reason block recall " + rate(r.blocked_for_label, r.labeled[2]) + "\n";
  out += "  overall false blocks      " + rate(r.confusion[0][2], r.labeled[0]) + "\n";
  out +=
      "  " + pad("category (95% Wilson)", 27) + pad("block recall", 32) + "false blocks on clean\n";
  for (int c = 0; c < kCategoryCount; ++c) {
    const auto& k = r.categories[static_cast<size_t>(c)];
    if (k.block_labeled + k.clean_blocked == 0) continue;
    out += "  " + pad(std::string(category_name(static_cast<Category>(c))), 27) +
           pad(rate(k.block_hit, k.block_labeled), 32) + rate(k.clean_blocked, r.labeled[0]) + "\n";
  }
  return out;
}

}  // namespace tailor::safety
