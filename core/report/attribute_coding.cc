#include "core/report/attribute_coding.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/report/format.h"

namespace tailor::report {

namespace {

void code_numeric(const AttributeColumn& c, int bins, AttributeCoding& out) {
  std::vector<double> present;
  for (double v : c.numbers) {
    if (!std::isnan(v)) present.push_back(v);
  }
  out.missing = c.numbers.size() - present.size();
  std::sort(present.begin(), present.end());
  out.group.assign(c.numbers.size(), AttributeCoding::kMissing);
  if (present.empty()) return;
  double sum = 0;
  for (double v : present) sum += v;
  out.mean = sum / static_cast<double>(present.size());
  double ss = 0;
  for (double v : present) ss += (v - out.mean) * (v - out.mean);
  out.sd = present.size() > 1 ? std::sqrt(ss / static_cast<double>(present.size() - 1)) : 0;

  std::vector<double> distinct = present;
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  // Lower edges: a value belongs to the last bin whose lower edge is <= it.
  std::vector<double> lower;
  if (distinct.size() <= static_cast<size_t>(bins)) {
    lower = distinct;
  } else {
    lower.push_back(present.front());
    for (int k = 1; k < bins; ++k) {
      const double q = present[present.size() * static_cast<size_t>(k) / static_cast<size_t>(bins)];
      if (q > lower.back()) lower.push_back(q);
    }
  }
  std::vector<double> lo(lower.size(), INFINITY), hi(lower.size(), -INFINITY);
  for (size_t i = 0; i < c.numbers.size(); ++i) {
    const double v = c.numbers[i];
    if (std::isnan(v)) continue;
    const int b =
        static_cast<int>(std::upper_bound(lower.begin(), lower.end(), v) - lower.begin()) - 1;
    out.group[i] = b;
    lo[b] = std::min(lo[b], v);
    hi[b] = std::max(hi[b], v);
  }
  // Labels read like the data: 1,193 (thousands), 12.5, 0.205.
  auto label = [](double x) {
    return std::fabs(x) >= 1000 ? format_count(x) : format_general(x, std::fabs(x) >= 1 ? 4 : 3);
  };
  for (size_t b = 0; b < lower.size(); ++b) {
    out.labels.push_back(lo[b] == hi[b] ? label(lo[b]) : label(lo[b]) + "\u2013" + label(hi[b]));
  }
}

void code_categorical(const AttributeColumn& c, int max_categories, AttributeCoding& out) {
  std::map<std::string, size_t> counts;
  for (const std::string& l : c.labels) {
    if (!l.empty()) ++counts[l];
  }
  std::vector<std::pair<std::string, size_t>> order(counts.begin(), counts.end());
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  const size_t keep = order.size() <= static_cast<size_t>(max_categories)
                          ? order.size()
                          : static_cast<size_t>(max_categories - 1);
  std::map<std::string, int> level;
  for (size_t k = 0; k < keep; ++k) {
    level[order[k].first] = static_cast<int>(k);
    out.labels.push_back(order[k].first);
  }
  const bool other = keep < order.size();
  if (other) out.labels.push_back("other");
  out.group.assign(c.labels.size(), AttributeCoding::kMissing);
  for (size_t i = 0; i < c.labels.size(); ++i) {
    if (c.labels[i].empty()) {
      ++out.missing;
      continue;
    }
    auto it = level.find(c.labels[i]);
    out.group[i] = it != level.end() ? it->second : static_cast<int>(keep);
  }
  out.reference = 0;  // the most frequent label
}

}  // namespace

AttributeCoding code_attribute(const AttributeColumn& column, int bins, int max_categories) {
  AttributeCoding out;
  out.name = column.name;
  out.numeric = column.kind == AttributeColumn::Kind::kNumeric;
  if (out.numeric) {
    code_numeric(column, bins, out);
  } else {
    code_categorical(column, max_categories, out);
  }
  return out;
}

}  // namespace tailor::report
