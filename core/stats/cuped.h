// CUPED (Deng, Xu, Kohavi, Walker 2013): regression adjustment of a mean metric y on a
// pre-period covariate x measured before assignment, which removes the part of y's variance
// that x explains without biasing the effect (x is independent of assignment). Definitions are
// gbstats' (RegressionAdjustedStatistic, frequentist_variance_relative_cuped):
//
//   theta = cov(x, y) / var(x) over both arms' units together (the sums of the two arms added,
//           n = n_c + n_t); 0 when x or y has no variance (then the plain test)
//   adjusted mean per arm ybar - theta xbar; adjusted per-unit variance per arm
//           a = var(y) + theta^2 var(x) - 2 theta cov(x, y)
//   absolute: D = adjusted_t - adjusted_c, Var = a_t/n_t + a_c/n_c
//   relative: D / |ybar_c| (the *unadjusted* control mean, by magnitude), delta method
//           Var = a_t / (n_t ybar_c^2)
//               + (var_c(y) ybar_t^2/ybar_c^2 - 2 theta cov_c(x, y) ybar_t/ybar_c
//                  + theta^2 var_c(x)) / (n_c ybar_c^2)
//           (the delta method on D/ybar_c, taking gbstats' gradient -ybar_t/ybar_c^2 in ybar_c,
//           i.e. xbar_t = xbar_c; the same value for either sign of ybar_c)
// theta is treated as known (its estimation error is O(1/n)). The test is Welch's t with the
// adjusted per-arm variances for the degrees of freedom.
// Failure: n < 2 in an arm, inconsistent sums, relative with ybar_c = 0, and as frequentist.h.
#pragma once

#include "core/result.h"
#include "core/stats/frequentist.h"
#include "core/stats/sufficient.h"

namespace tailor::stats {

struct CupedResult {
  TestResult test;  // test.se = sqrt(Var) above
  double theta = 0;
  // 1 - Var(adjusted effect) / Var(unadjusted effect): the share of variance removed.
  double variance_reduction = 0;
};

Result<CupedResult> cuped_test(const CupedStats& control, const CupedStats& treatment,
                               const TestOptions& options);

// gbstats' theta from both arms' sums (above); exposed for tests.
double cuped_theta(const CupedStats& control, const CupedStats& treatment);

}  // namespace tailor::stats
