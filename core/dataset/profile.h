// Per-column summaries of a customer table, for the later stages (segments read ranges and
// categories, the campaign report shows the data it ran on) and for the CLI to show.
//
//   count, missing  present and missing values; count + missing == rows
//   distinct        distinct present values (for id columns, == count)
//   min, max, mean  number and integer columns; date columns in days since 1970-01-01;
//                   boolean columns as 0/1 (mean = the share of true); nullopt when count == 0
//   top             category, boolean, string and email columns: the most frequent values,
//                   most frequent first, ties in byte order; at most top_n
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset/table.h"

namespace tailor::dataset {

struct ValueCount {
  std::string value;
  size_t count = 0;
};

struct ColumnProfile {
  std::string name;
  ColumnType type = ColumnType::kString;
  size_t count = 0;
  size_t missing = 0;
  size_t distinct = 0;
  std::optional<double> min, max, mean;
  std::vector<ValueCount> top;
};

ColumnProfile profile_column(const Table& table, size_t column, size_t top_n = 5);
std::vector<ColumnProfile> profile_table(const Table& table, size_t top_n = 5);

}  // namespace tailor::dataset
