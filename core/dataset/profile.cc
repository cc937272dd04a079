#include "core/dataset/profile.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "core/dataset/string_index.h"

namespace tailor::dataset {
namespace {

template <class Get>
void summarise_numbers(const Table& table, size_t column, ColumnProfile& p, Get get) {
  std::vector<double> values;
  values.reserve(table.row_count());
  double sum = 0, lo = 0, hi = 0;
  for (size_t r = 0; r < table.row_count(); ++r) {
    if (table.missing(r, column)) continue;
    const double x = get(r);
    if (p.count == 0 || x < lo) lo = x;
    if (p.count == 0 || x > hi) hi = x;
    sum += x;
    ++p.count;
    values.push_back(x);
  }
  std::sort(values.begin(), values.end());
  p.distinct = static_cast<size_t>(std::unique(values.begin(), values.end()) - values.begin());
  if (p.count > 0) {
    p.min = lo;
    p.max = hi;
    p.mean = sum / static_cast<double>(p.count);
  }
}

using Counted = std::pair<std::string_view, size_t>;

void take_top(std::vector<Counted> all, size_t top_n, ColumnProfile& p) {
  auto before = [](const Counted& a, const Counted& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const size_t n = std::min(top_n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), before);
  for (size_t i = 0; i < n; ++i) p.top.push_back({std::string(all[i].first), all[i].second});
}

}  // namespace

ColumnProfile profile_column(const Table& table, size_t column, size_t top_n) {
  ColumnProfile p;
  p.name = table.column_name(column);
  p.type = table.column_type(column);
  const size_t rows = table.row_count();
  const Column& col = table.column(column);
  switch (p.type) {
    case ColumnType::kNumber:
    case ColumnType::kInteger:
      summarise_numbers(table, column, p, [&](size_t r) { return table.number(r, column); });
      break;
    case ColumnType::kDate:
      summarise_numbers(table, column, p,
                        [&](size_t r) { return static_cast<double>(table.date(r, column)); });
      break;
    case ColumnType::kBoolean: {
      size_t trues = 0;
      for (size_t r = 0; r < rows; ++r) {
        p.count += col.present[r];
        trues += col.present[r] && col.flags[r] ? 1 : 0;
      }
      const size_t falses = p.count - trues;
      p.distinct = (trues > 0 ? 1 : 0) + (falses > 0 ? 1 : 0);
      if (p.count > 0) {
        p.min = falses > 0 ? 0.0 : 1.0;
        p.max = trues > 0 ? 1.0 : 0.0;
        p.mean = static_cast<double>(trues) / static_cast<double>(p.count);
      }
      std::vector<Counted> all;
      if (trues > 0) all.push_back({"true", trues});
      if (falses > 0) all.push_back({"false", falses});
      take_top(std::move(all), top_n, p);
      break;
    }
    case ColumnType::kCategory: {
      std::vector<size_t> counts(col.dictionary.size(), 0);
      for (size_t r = 0; r < rows; ++r) {
        if (col.present[r]) {
          ++counts[col.codes[r]];
          ++p.count;
        }
      }
      std::vector<Counted> all;
      for (size_t k = 0; k < counts.size(); ++k) {
        if (counts[k] > 0) all.push_back({col.dictionary[k], counts[k]});
      }
      p.distinct = all.size();
      take_top(std::move(all), top_n, p);
      break;
    }
    case ColumnType::kId:
      for (size_t r = 0; r < rows; ++r) p.count += col.present[r];
      p.distinct = p.count;  // read_csv made them unique
      break;
    case ColumnType::kEmail:
    case ColumnType::kString: {
      StringIndex counts;
      for (size_t r = 0; r < rows; ++r) {
        if (col.present[r]) {
          bool inserted;
          ++counts.emplace(table.text(r, column), 0, inserted);
          ++p.count;
        }
      }
      p.distinct = counts.size();
      std::vector<Counted> all;
      all.reserve(counts.size());
      counts.for_each([&](std::string_view value, size_t count) { all.push_back({value, count}); });
      take_top(std::move(all), top_n, p);
      break;
    }
  }
  p.missing = rows - p.count;
  return p;
}

std::vector<ColumnProfile> profile_table(const Table& table, size_t top_n) {
  std::vector<ColumnProfile> out;
  out.reserve(table.column_count());
  for (size_t c = 0; c < table.column_count(); ++c) out.push_back(profile_column(table, c, top_n));
  return out;
}

}  // namespace tailor::dataset
