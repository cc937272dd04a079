// What a customer looks like to segment scoring, and segment names as keys.
//
// customer_attributes(): the attribute document of one customer of a table, as a website would
// pass it to the SDK (setAttributes): {column name: value} with
//   number, integer          a JSON number (an integer beyond 2^53 rounds, as in JavaScript)
//   boolean                  true / false
//   date                     "YYYY-MM-DD"
//   id, email, string,       the text as written
//   category
// and a missing cell absent. Segment scores (core/segment/segments.h) and segment conditions
// are evaluated on this document, here and in the browser alike.
//
// slug(): the lower-case key of a display name: ASCII letters and digits kept (lower-cased),
// every run of other bytes (spaces, punctuation, non-ASCII) one "-", none at either end:
// "At Risk" -> "at-risk", "  VIP++ 2026 " -> "vip-2026", "!!!" -> "".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/table.h"
#include "core/json/value.h"

namespace tailor::segmentation {

json::Value customer_attributes(const dataset::Table& table, size_t row);

// The same document restricted to `columns` (indexes into the table, in any order): what fit()
// evaluates when segments read only those attributes.
json::Value customer_attributes(const dataset::Table& table, size_t row,
                                const std::vector<size_t>& columns);

std::string slug(std::string_view name);

}  // namespace tailor::segmentation
