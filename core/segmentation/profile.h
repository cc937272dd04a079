// Segment profiles: who is in each fitted segment, for the campaign's retrieval query, the
// segments report and design.json.
//
// For segment s (rows with row_segment[row] == s):
//   size, share       its rows, and size / all rows (0 when the table is empty)
//   means             every number and integer column: the mean of the segment's present
//                     values and how many there were (mean 0 when none)
//   top               every category and boolean column ("true"/"false"): the most frequent
//                     present values, most frequent first, ties in byte order, at most top_n
// Columns appear in table order; id, email, string and date columns are not profiled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset/profile.h"
#include "core/dataset/table.h"

namespace tailor::segmentation {

struct ColumnMean {
  std::string column;
  double mean = 0;
  size_t count = 0;
};

struct ColumnTop {
  std::string column;
  std::vector<dataset::ValueCount> top;
};

struct SegmentProfile {
  std::string name;
  size_t size = 0;
  double share = 0;
  std::vector<ColumnMean> means;
  std::vector<ColumnTop> top;
};

// `row_segment` has one entry per table row, each < names.size().
std::vector<SegmentProfile> profile_segments(const dataset::Table& table,
                                             const std::vector<uint32_t>& row_segment,
                                             const std::vector<std::string>& names,
                                             size_t top_n = 3);

}  // namespace tailor::segmentation
