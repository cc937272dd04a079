// CUPED (Deng, Xu, Kohavi, Walker 2013): regression adjustment of a mean metric y on a
// pre-period covariate x measured before assignment, which removes the part of y's variance
// that x explains without biasing the effect (x is independent of assignment).
//
//   theta = sum_arms cov(x, y) (n - 1) / sum_arms var(x) (n - 1)   (pooled within-arm slope)
//   adjusted effect D = (ybar_t - theta xbar_t) - (ybar_c - theta xbar_c)
//   per-unit adjusted variance per arm: var(y) + theta^2 var(x) - 2 theta cov(x, y)
//   relative lift D / ybar_c with the delta method, including Cov(D, ybar_c) =
//   -(var_c(y) - theta cov_c(x, y)) / n_c.
// theta is treated as known (its estimation error is O(1/n)). The test is Welch's t on the
// adjusted variances. A covariate with zero variance in both arms gives theta = 0 (plain test).
// Failure: n < 2 in an arm, inconsistent sums, and as frequentist.h.
#pragma once

#include "core/result.h"
#include "core/stats/frequentist.h"
#include "core/stats/sufficient.h"

namespace tailor::stats {

struct CupedResult {
  TestResult test;
  double theta = 0;
  // 1 - Var(adjusted effect) / Var(unadjusted effect): the share of variance removed.
  double variance_reduction = 0;
};

Result<CupedResult> cuped_test(const CupedStats& control, const CupedStats& treatment,
                               const TestOptions& options);

}  // namespace tailor::stats
