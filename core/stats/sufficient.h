// Sufficient statistics per experiment arm, their merge, and their reduction to the three
// numbers every test uses (n, mean, per-unit variance).
//
// All sums are over *units* (users), one value per unit. Statistics are additive: edges and
// shards aggregate independently and `merge` them exactly (up to floating-point rounding of
// the sums), in any order. Counts are doubles so that sums of billions of units stay exact
// up to 2^53 and so the wasm boundary (JavaScript numbers) loses nothing.
#pragma once

#include "core/result.h"

namespace tailor::stats {

// A mean metric (revenue per user, ...). Proportions are means of 0/1 values.
struct MeanStats {
  double n = 0;
  double sum = 0;
  double sum_squares = 0;
};

// A binary metric: `successes` of `n` units converted.
struct ProportionStats {
  double n = 0;
  double successes = 0;
};

// A ratio metric sum(m) / sum(d) over units (e.g. revenue per session): per-unit numerator m
// and denominator d with their squares and cross-product.
struct RatioStats {
  double n = 0;
  double m_sum = 0;
  double m_sum_squares = 0;
  double d_sum = 0;
  double d_sum_squares = 0;
  double md_sum_product = 0;
};

// A mean metric with a pre-period covariate x for CUPED: sum/sum_squares of the metric y,
// pre_sum/pre_sum_squares of x and sum_product = sum(x*y).
struct CupedStats {
  double n = 0;
  double sum = 0;
  double sum_squares = 0;
  double pre_sum = 0;
  double pre_sum_squares = 0;
  double sum_product = 0;
};

MeanStats merge(const MeanStats& a, const MeanStats& b);
ProportionStats merge(const ProportionStats& a, const ProportionStats& b);
RatioStats merge(const RatioStats& a, const RatioStats& b);
CupedStats merge(const CupedStats& a, const CupedStats& b);

// What the tests consume: the estimate of the arm's mean and the per-unit variance of that
// estimator (so Var(mean) = variance / n).
struct ArmSummary {
  double n = 0;
  double mean = 0;
  double variance = 0;
};

// Reductions. Failure (a clear message, never NaN) when n is not a finite integer >= 2
// (>= 1 for proportions), when a sum is not finite, or when sums are inconsistent
// (sum_squares < sum^2/n beyond rounding, successes outside [0, n]).
// Mean: sample variance with Bessel's correction, (sum_squares - sum^2/n) / (n - 1).
// Proportion: p(1 - p), the Bernoulli variance (as gbstats does).
// Ratio: delta method, Var(m/d) per unit =
//   var_m/mu_d^2 - 2 cov_md mu_m/mu_d^3 + var_d mu_m^2/mu_d^4; fails when mean(d) == 0.
Result<ArmSummary> summarize(const MeanStats& s);
Result<ArmSummary> summarize(const ProportionStats& s);
Result<ArmSummary> summarize(const RatioStats& s);

// Sample covariance of two per-unit quantities from their sums (Bessel-corrected). The
// variance of one quantity is covariance(n, s, s, ss).
double sample_covariance(double n, double sum_x, double sum_y, double sum_xy);

}  // namespace tailor::stats
