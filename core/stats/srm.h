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

// SRM for weights that changed over time (a bandit, a ramp), as GrowthBook's bandit SRM
// computes it: period p ran with weights w_p (normalised to sum 1) and saw T_p units in all;
// arm i's expected units are E_i = sum_p T_p w_p,i over the periods with T_p > 0, its observed
// O_i = sum_p o_p,i, chi2 = sum_i (O_i - E_i)^2 / E_i over the arms with E_i > 0, dof = those
// arms - 1, p = P(X2_dof >= chi2). Pooling the counts against the final weights instead would
// flag every bandit that moved. Fewer than 2 arms with E_i > 0 gives chi2 = 0, p = 1.
// Failure: no periods, periods of different widths (fewer than 2 arms), counts or weights as
// srm_check refuses them, a period whose weights are all 0.
Result<SrmResult> srm_check_by_period(const std::vector<std::vector<double>>& observed,
                                      const std::vector<std::vector<double>>& weights);

}  // namespace tailor::stats
