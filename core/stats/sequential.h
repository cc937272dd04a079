// Always-valid inference: asymptotic confidence sequences (Waudby-Smith, Arnold, Wu, Wang,
// Ramdas, 2023), tuned by an expected sample size N* as GrowthBook's gbstats does. The interval
// may be looked at after every unit without inflating the error rate: with probability
// >= 1 - alpha it covers the true effect at *all* sample sizes simultaneously.
//
// With n = n_c + n_t units, the effect's variance V (frequentist.h: absolute or delta-method
// relative) and per-unit variance s2 = V n:
//   rho^2     = (-2 ln(alpha) + ln(-2 ln(alpha) + 1)) / N*            (eq. 161)
//   halfwidth = sqrt(s2) sqrt(2 (n rho^2 + 1) / (n^2 rho^2) ln(sqrt(n rho^2 + 1) / alpha))  (eq. 9)
// The sequence is tightest near n = N*. p-value: the smallest alpha' whose sequence (rho held
// at the configured alpha) excludes 0:
//   p = min(1, sqrt(n rho^2 + 1) exp(-effect^2 n^2 rho^2 / (2 s2 (n rho^2 + 1)))),
// so p <= alpha exactly when the interval excludes 0, and p is itself always valid.
// One-sided alternatives use the two-sided sequence at level 2 alpha and report its one side.
// Failure: as frequentist.h, plus N* not > 0.
#pragma once

#include "core/result.h"
#include "core/stats/frequentist.h"

namespace tailor::stats {

Result<TestResult> sequential_test(const ArmSummary& control, const ArmSummary& treatment,
                                   const TestOptions& options, double n_star);

// The raw pieces (exposed for tests and for callers with their own estimate).
double sequential_rho_squared(double alpha, double n_star);
double sequential_halfwidth(double per_unit_variance, double n, double alpha, double rho2);

}  // namespace tailor::stats
