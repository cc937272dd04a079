// How the attribution (report/attribution.h) reads an attribute column: numeric values cut
// into quantile bins and standardised, categorical labels grouped into levels. Shared by the
// uplift bins and the interaction regression so both describe the same groups.
#pragma once

#include <string>
#include <vector>

#include "core/report/campaign.h"

namespace tailor::report {

struct AttributeCoding {
  std::string name;
  bool numeric = true;
  // Per unit: its bin (numeric) or level (categorical); kMissing for a missing value.
  static constexpr int kMissing = -1;
  std::vector<int> group;
  // Display label per bin / level (a numeric bin: "min–max" of its values, or the one value).
  std::vector<std::string> labels;
  size_t missing = 0;  // units with a missing value
  // Numeric: mean and standard deviation of the present values (sd 0 = constant).
  double mean = 0;
  double sd = 0;
  // Categorical: the reference level (the most frequent) for the regression's indicators.
  int reference = 0;
};

// Numeric: at most `bins` quantile bins (one per distinct value when there are no more than
// `bins` of them). Categorical: the max_categories - 1 most frequent labels (ties by label),
// then "other"; "" counts as missing.
AttributeCoding code_attribute(const AttributeColumn& column, int bins, int max_categories);

}  // namespace tailor::report
