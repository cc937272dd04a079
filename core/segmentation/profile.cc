#include "core/segmentation/profile.h"

#include <algorithm>

namespace tailor::segmentation {

namespace {

using dataset::ColumnType;

bool averaged(ColumnType t) { return t == ColumnType::kNumber || t == ColumnType::kInteger; }
bool counted(ColumnType t) { return t == ColumnType::kCategory || t == ColumnType::kBoolean; }

std::vector<dataset::ValueCount> top_values(std::vector<dataset::ValueCount> all, size_t top_n) {
  std::erase_if(all, [](const dataset::ValueCount& v) { return v.count == 0; });
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (all.size() > top_n) all.resize(top_n);
  return all;
}

}  // namespace

std::vector<SegmentProfile> profile_segments(const dataset::Table& table,
                                             const std::vector<uint32_t>& row_segment,
                                             const std::vector<std::string>& names, size_t top_n) {
  const size_t k = names.size();
  const size_t rows = table.row_count();
  std::vector<SegmentProfile> out(k);
  for (size_t s = 0; s < k; ++s) out[s].name = names[s];
  for (uint32_t s : row_segment) ++out[s].size;
  for (auto& p : out) {
    p.share = rows ? static_cast<double>(p.size) / static_cast<double>(rows) : 0;
  }
  for (size_t col = 0; col < table.column_count(); ++col) {
    const ColumnType type = table.column_type(col);
    if (averaged(type)) {
      std::vector<double> sums(k, 0);
      std::vector<size_t> counts(k, 0);
      for (size_t r = 0; r < rows; ++r) {
        if (table.missing(r, col)) continue;
        sums[row_segment[r]] += table.number(r, col);
        ++counts[row_segment[r]];
      }
      for (size_t s = 0; s < k; ++s) {
        const double mean = counts[s] ? sums[s] / static_cast<double>(counts[s]) : 0;
        out[s].means.push_back({table.column_name(col), mean, counts[s]});
      }
    } else if (counted(type)) {
      const bool boolean = type == ColumnType::kBoolean;
      const dataset::Column& c = table.column(col);
      const size_t values = boolean ? 2 : c.dictionary.size();
      std::vector<size_t> counts(k * values, 0);
      for (size_t r = 0; r < rows; ++r) {
        if (table.missing(r, col)) continue;
        const size_t v = boolean ? (table.boolean(r, col) ? 1 : 0) : c.codes[r];
        ++counts[row_segment[r] * values + v];
      }
      for (size_t s = 0; s < k; ++s) {
        std::vector<dataset::ValueCount> all(values);
        for (size_t v = 0; v < values; ++v) {
          all[v].value = boolean ? (v ? "true" : "false") : c.dictionary[v];
          all[v].count = counts[s * values + v];
        }
        out[s].top.push_back({table.column_name(col), top_values(std::move(all), top_n)});
      }
    }
  }
  return out;
}

}  // namespace tailor::segmentation
