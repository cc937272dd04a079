// Sample-ratio mismatch: Pearson's chi-square goodness of fit of the observed unit count per
// arm against the intended traffic weights. A mismatch means assignment or logging is broken
// and the experiment's results are not trustworthy, whatever they say.
#pragma once

#include <vector>

#include "core/result.h"

namespace tailor::stats {

// The conventional alarm threshold (GrowthBook, Kohavi et al.): p < 0.001.
inline constexpr double kSrmThreshold = 0.001;

struct SrmResult {
  double chi2 = 0;
  double dof = 0;  // kept arms - 1; 0 when fewer than 2 arms have weight > 0
  double p_value = 1;
  bool mismatch = false;  // p_value < kSrmThreshold
};

// GrowthBook's checkSrm: arms whose weight is 0 are left out (their units leave the total too);
// over the k kept arms, chi2 = sum_i (o_i - e_i)^2 / e_i with e_i = N w_i / sum(w),
// N = sum of the kept o_i, dof = k - 1, p = P(X2_{k-1} >= chi2). Fewer than 2 kept arms, or no
// units in them, gives chi2 = 0, p = 1 (nothing to test). Failure: fewer than 2 arms given,
// sizes that differ, a count that is not a whole number >= 0, a weight that is not a finite
// number >= 0.
Result<SrmResult> srm_check(const std::vector<double>& observed,
                            const std::vector<double>& weights);

}  // namespace tailor::stats
