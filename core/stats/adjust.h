// Multiple-comparison adjustment of p-values across variants x metrics x segments.
// Compare each adjusted p-value with the unadjusted alpha.
#pragma once

#include <vector>

#include "core/result.h"

namespace tailor::stats {

// Holm–Bonferroni (controls the family-wise error rate under any dependence). With p sorted
// ascending p_(1) <= ... <= p_(m): adj_(i) = max_{j <= i} min(1, (m - j + 1) p_(j)).
Result<std::vector<double>> holm_adjust(const std::vector<double>& p_values);

// Benjamini–Hochberg (controls the false discovery rate under independence or positive
// dependence): adj_(i) = min_{j >= i} min(1, m p_(j) / j).
Result<std::vector<double>> bh_adjust(const std::vector<double>& p_values);

// Both return adjusted values in the input order; ties keep their input order. Failure: a
// p-value outside [0, 1] (or NaN). An empty input gives an empty output.

}  // namespace tailor::stats
