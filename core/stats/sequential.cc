#include "core/stats/sequential.h"

#include <cmath>
#include <limits>
#include <string>

#include "core/json/js.h"

namespace tailor::stats {

double sequential_rho_squared(double alpha, double n_star) {
  double la = std::log(alpha);
  return (-2 * la + std::log(-2 * la + 1)) / n_star;
}

double sequential_halfwidth(double s2, double n, double alpha, double rho2) {
  double nr = n * rho2 + 1;
  return std::sqrt(s2) * std::sqrt(2 * nr / (n * n * rho2) * std::log(std::sqrt(nr) / alpha));
}

Result<TestResult> sequential_test(const ArmSummary& c, const ArmSummary& t, const TestOptions& o,
                                   double n_star) {
  using R = Result<TestResult>;
  if (!(o.alpha > 0 && o.alpha < 1)) {
    return R::failure("alpha is " + json::number_to_string(o.alpha) +
                      ", expected a number between 0 and 1");
  }
  if (!(n_star > 0) || !std::isfinite(n_star)) {
    return R::failure("n_star must be a number > 0 (the expected total sample size)");
  }
  auto e = estimate_effect(c, t, o.relative);
  if (!e) return R::failure(e.error());
  // A one-sided bound at level alpha is one side of the two-sided sequence at level 2 alpha.
  double level = o.alternative == Alternative::kTwoSided ? o.alpha : std::fmin(2 * o.alpha, 0.999);
  double n = c.n + t.n;
  double s2 = e->variance * n;
  double rho2 = sequential_rho_squared(o.alpha, n_star);
  double hw = sequential_halfwidth(s2, n, level, rho2);
  double nr = n * rho2 + 1;
  double p_two = std::fmin(
      1.0, std::sqrt(nr) * std::exp(-e->effect * e->effect * n * n * rho2 / (2 * s2 * nr)));
  TestResult r;
  r.effect = e->effect;
  r.se = std::sqrt(e->variance);
  r.dof = std::numeric_limits<double>::infinity();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  switch (o.alternative) {
    case Alternative::kTwoSided:
      r.ci_lower = e->effect - hw;
      r.ci_upper = e->effect + hw;
      r.p_value = p_two;
      break;
    case Alternative::kGreater:
      r.ci_lower = e->effect - hw;
      r.ci_upper = kInf;
      r.p_value = e->effect > 0 ? p_two / 2 : 1.0;
      break;
    case Alternative::kLess:
      r.ci_lower = -kInf;
      r.ci_upper = e->effect + hw;
      r.p_value = e->effect < 0 ? p_two / 2 : 1.0;
      break;
  }
  return r;
}

}  // namespace tailor::stats
