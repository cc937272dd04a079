// Always-valid inference: asymptotic confidence sequences (Waudby-Smith, Arnold, Wu, Wang,
// Ramdas, 2023), tuned by an expected sample size N* as GrowthBook's gbstats does. The interval
// may be looked at after every unit without inflating the error rate: with probability
// >= 1 - alpha it covers the true effect at *all* sample sizes simultaneously.
//
// With n = n_c + n_t units, the effect's variance V (frequentist.h: absolute or delta-method
// relative), se = sqrt(V) and per-unit variance s2 = V n:
//
// Two-sided (eq. 9 and 161):
//   rho^2     = (-2 ln(alpha) + ln(-2 ln(alpha) + 1)) / N*
//   halfwidth = sqrt(s2) sqrt(2 (n rho^2 + 1) / (n^2 rho^2) ln(sqrt(n rho^2 + 1) / alpha))
//   p = min(1, sqrt(n rho^2 + 1) exp(-effect^2 n^2 rho^2 / (2 s2 (n rho^2 + 1)))): the smallest
//   alpha' whose sequence (rho held at the configured alpha) excludes 0, so p <= alpha exactly
//   when the interval excludes 0.
// One-sided, `greater` / `less` (eq. 134, gbstats' one-sided tests; requires alpha < 0.5):
//   rho^2     = (-2 ln(2 alpha) + ln(-2 ln(2 alpha) + 1)) / N*
//   halfwidth = sqrt(s2 2 (n rho^2 + 1) / (n rho)^2 ln(1 + sqrt(n rho^2 + 1) / (2 alpha)))
//   interval [effect - halfwidth, +inf) (greater) or (-inf, effect + halfwidth] (less)
//   p = the alpha' at which the finite bound reaches 0, rho held (gbstats finds it by bisection;
//   here in closed form): with d = effect (greater) or -effect (less) and
//   L = d^2 n^2 rho^2 / (2 s2 (n rho^2 + 1)),  alpha' = sqrt(n rho^2 + 1) / (2 (e^L - 1)),
//   clamped to [kSequentialMinP, kSequentialMaxP]; d <= 0 gives kSequentialMaxP.
// Failure: as frequentist.h, plus N* not > 0, and alpha >= 0.5 for a one-sided test.
#pragma once

#include "core/result.h"
#include "core/stats/frequentist.h"

namespace tailor::stats {

// gbstats' bounds on a one-sided sequential p-value (its bisection searches this range).
inline constexpr double kSequentialMinP = 1e-5;
inline constexpr double kSequentialMaxP = 0.4999;

// `se` of the result is sqrt(V), the standard error the sequence is built from.
Result<TestResult> sequential_test(const ArmSummary& control, const ArmSummary& treatment,
                                   const TestOptions& options, double n_star);
// The same from an estimate made elsewhere (e.g. post-stratified, stratified.h) over `n` units
// in all: s2 = estimate.variance * n.
Result<TestResult> sequential_test_from_estimate(const EffectEstimate& estimate, double n,
                                                 const TestOptions& options, double n_star);

// The raw pieces (exposed for tests and for callers with their own estimate). `alpha` is the
// level the sequence is built at: alpha for two-sided, 2 alpha for one-sided rho.
double sequential_rho_squared(double alpha, double n_star);
double sequential_halfwidth(double per_unit_variance, double n, double alpha, double rho2);
double sequential_halfwidth_one_sided(double per_unit_variance, double n, double alpha,
                                      double rho2);
// The one-sided p-value above for an effect `directed` toward the alternative (effect for
// greater, -effect for less).
double sequential_one_sided_p_value(double directed, double per_unit_variance, double n,
                                    double rho2);

}  // namespace tailor::stats
