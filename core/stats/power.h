// Sample size, power and minimum detectable effect for a two-arm, equal-allocation,
// two-sided test at level alpha, using the normal approximation with unpooled variances
// (the same variance the Welch test uses, so the plan matches the analysis).
//
// Proportions: baseline p_c, treatment p_t (rates in (0, 1)), per-arm n units:
//   n = (z_{1-α/2} + z_{power})^2 (p_c(1-p_c) + p_t(1-p_t)) / (p_t - p_c)^2, rounded up.
// Means: standard deviation sd per unit (both arms), absolute effect mde:
//   n = 2 (z_{1-α/2} + z_{power})^2 sd^2 / mde^2, rounded up.
// Power is P(reject) under the alternative, counting both rejection tails.
// Failure (a message naming the argument): alpha or power outside (0, 1), rates outside
// (0, 1), p_t == p_c, sd <= 0, mde == 0, n < 1.
#pragma once

#include "core/result.h"

namespace tailor::stats {

Result<double> sample_size_proportions(double p_control, double p_treatment, double alpha,
                                       double power);
Result<double> sample_size_means(double sd, double mde, double alpha, double power);

Result<double> power_proportions(double p_control, double p_treatment, double n_per_arm,
                                 double alpha);
Result<double> power_means(double sd, double mde, double n_per_arm, double alpha);

// The smallest absolute increase over p_control (p_t = p_control + mde) detectable with the
// given power at n per arm; solved by bisection since p_t enters the variance. Fails when even
// p_t -> 1 is not detectable.
Result<double> mde_proportions(double p_control, double n_per_arm, double alpha, double power);
// mde = (z_{1-α/2} + z_{power}) sd sqrt(2 / n).
Result<double> mde_means(double sd, double n_per_arm, double alpha, double power);

}  // namespace tailor::stats
