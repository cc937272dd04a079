#include "core/safety/score.h"

#include <algorithm>
#include <array>

#include "core/safety/normalize.h"

namespace tailor::safety {
namespace {

bool additive(Category c) {
  return c == Category::kHate || c == Category::kHarassment || c == Category::kSexual ||
         c == Category::kViolence || c == Category::kSelfHarm || c == Category::kProfanity;
}

}  // namespace

ScoredFindings score_findings(const Policy& policy, std::string_view text,
                              std::vector<Finding> evidence) {
  // Strongest first, so the first finding of a category is its explanation.
  std::stable_sort(evidence.begin(), evidence.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
  std::array<int, kCategoryCount> top{}, rest{};
  std::array<long, kCategoryCount> top_index;
  top_index.fill(-1);
  std::vector<Finding> kept;
  std::vector<std::string> seen;
  for (auto& f : evidence) {
    const auto c = static_cast<size_t>(f.category);
    if (!policy.categories[c].enabled || f.severity <= 0) continue;
    if (!policy.allow_terms.empty()) {
      const std::string n = normalised(text.substr(f.begin, f.end - f.begin));
      if (std::find(policy.allow_terms.begin(), policy.allow_terms.end(), n) !=
          policy.allow_terms.end())
        continue;
    }
    const std::string key = std::string(category_name(f.category)) + "\n" + f.detail;
    const bool repeated = std::find(seen.begin(), seen.end(), key) != seen.end();
    if (!repeated) seen.push_back(key);
    if (top_index[c] < 0) {
      top[c] = f.severity;
      top_index[c] = static_cast<long>(kept.size());
    } else if (!repeated) {
      rest[c] += f.severity;
    }
    kept.push_back(std::move(f));
  }

  ScoredFindings out;
  std::array<int, kCategoryCount> severity{};
  for (size_t c = 0; c < severity.size(); ++c) {
    if (top_index[c] < 0) continue;
    const auto cat = static_cast<Category>(c);
    int s = top[c];
    if (additive(cat) && s < 6) s = std::min(6, s + rest[c] / 2);
    const CategoryPolicy& cp = policy.categories[c];
    severity[c] = std::clamp(s, cp.floor, cp.cap);
    kept[static_cast<size_t>(top_index[c])].severity = severity[c];
    out.severity = std::max(out.severity, severity[c]);
    out.decision = std::max(out.decision, policy.decide(cat, severity[c]));
    if (severity[c] >= policy.review_threshold(cat)) out.categories.push_back(cat);
  }
  for (size_t i = 0; i < kept.size(); ++i) {
    auto& f = kept[i];
    const auto c = static_cast<size_t>(f.category);
    if (static_cast<long>(i) != top_index[c]) {
      f.severity =
          std::min(std::clamp(f.severity, policy.categories[c].floor, policy.categories[c].cap),
                   severity[c]);
    }
    if (f.severity > 0) out.findings.push_back(std::move(f));
  }
  std::sort(out.categories.begin(), out.categories.end(),
            [](Category a, Category b) { return category_name(a) < category_name(b); });
  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return a.begin != b.begin ? a.begin < b.begin : a.category < b.category;
                   });
  return out;
}

}  // namespace tailor::safety
