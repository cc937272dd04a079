#include "core/stats/sufficient.h"

#include <cmath>
#include <string>

#include "core/json/js.h"

namespace tailor::stats {
namespace {

bool finite_all(std::initializer_list<double> xs) {
  for (double x : xs) {
    if (!std::isfinite(x)) return false;
  }
  return true;
}

// n must be a whole number >= min_n.
std::string check_count(double n, double min_n) {
  if (!std::isfinite(n) || n != std::floor(n) || n < 0) {
    return "n is " + json::number_to_string(n) + ", expected a whole number >= 0";
  }
  if (n < min_n) {
    return "n is " + json::number_to_string(n) + ", expected at least " +
           json::number_to_string(min_n) + " units";
  }
  return {};
}

// Variance from sums; tiny negative results from rounding are clamped to zero, clearly
// negative ones mean the sums are inconsistent (caller reports).
double variance_from_sums(double n, double sum, double sum_squares) {
  double centered = sum_squares - sum * sum / n;
  double scale = std::fabs(sum_squares) + sum * sum / n;
  if (centered < 0 && centered > -1e-9 * scale) centered = 0;
  return centered / (n - 1);
}

}  // namespace

MeanStats merge(const MeanStats& a, const MeanStats& b) {
  return {a.n + b.n, a.sum + b.sum, a.sum_squares + b.sum_squares};
}

ProportionStats merge(const ProportionStats& a, const ProportionStats& b) {
  return {a.n + b.n, a.successes + b.successes};
}

RatioStats merge(const RatioStats& a, const RatioStats& b) {
  return {a.n + b.n,
          a.m_sum + b.m_sum,
          a.m_sum_squares + b.m_sum_squares,
          a.d_sum + b.d_sum,
          a.d_sum_squares + b.d_sum_squares,
          a.md_sum_product + b.md_sum_product};
}

CupedStats merge(const CupedStats& a, const CupedStats& b) {
  return {a.n + b.n,
          a.sum + b.sum,
          a.sum_squares + b.sum_squares,
          a.pre_sum + b.pre_sum,
          a.pre_sum_squares + b.pre_sum_squares,
          a.sum_product + b.sum_product};
}

double sample_covariance(double n, double sum_x, double sum_y, double sum_xy) {
  return (sum_xy - sum_x * sum_y / n) / (n - 1);
}

Result<ArmSummary> summarize(const MeanStats& s) {
  if (auto e = check_count(s.n, 2); !e.empty()) return Result<ArmSummary>::failure(e);
  if (!finite_all({s.sum, s.sum_squares})) {
    return Result<ArmSummary>::failure("sum and sum_squares must be finite numbers");
  }
  double var = variance_from_sums(s.n, s.sum, s.sum_squares);
  if (var < 0) {
    return Result<ArmSummary>::failure(
        "sum_squares is smaller than sum^2/n, expected sums of the same per-unit values");
  }
  return ArmSummary{s.n, s.sum / s.n, var};
}

Result<ArmSummary> summarize(const ProportionStats& s) {
  if (auto e = check_count(s.n, 1); !e.empty()) return Result<ArmSummary>::failure(e);
  if (!std::isfinite(s.successes) || s.successes < 0 || s.successes > s.n) {
    return Result<ArmSummary>::failure("successes is " + json::number_to_string(s.successes) +
                                       ", expected a number from 0 to n");
  }
  double p = s.successes / s.n;
  return ArmSummary{s.n, p, p * (1 - p)};
}

Result<ArmSummary> summarize(const RatioStats& s) {
  if (auto e = check_count(s.n, 2); !e.empty()) return Result<ArmSummary>::failure(e);
  if (!finite_all({s.m_sum, s.m_sum_squares, s.d_sum, s.d_sum_squares, s.md_sum_product})) {
    return Result<ArmSummary>::failure("ratio sums must be finite numbers");
  }
  double mu_m = s.m_sum / s.n;
  double mu_d = s.d_sum / s.n;
  if (mu_d == 0) {
    return Result<ArmSummary>::failure("denominator sum is 0, expected a non-zero denominator");
  }
  double var_m = variance_from_sums(s.n, s.m_sum, s.m_sum_squares);
  double var_d = variance_from_sums(s.n, s.d_sum, s.d_sum_squares);
  if (var_m < 0 || var_d < 0) {
    return Result<ArmSummary>::failure(
        "a sum of squares is smaller than sum^2/n, expected sums of the same per-unit values");
  }
  double cov = sample_covariance(s.n, s.m_sum, s.d_sum, s.md_sum_product);
  double var = var_m / (mu_d * mu_d) - 2 * cov * mu_m / (mu_d * mu_d * mu_d) +
               var_d * mu_m * mu_m / (mu_d * mu_d * mu_d * mu_d);
  if (var < 0) var = 0;  // only by rounding: the delta-method form is a variance
  return ArmSummary{s.n, mu_m / mu_d, var};
}

}  // namespace tailor::stats
