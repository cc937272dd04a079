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

double sequential_halfwidth_one_sided(double s2, double n, double alpha, double rho2) {
  double nr = n * rho2 + 1;
  return std::sqrt(s2 * 2 * nr / (n * n * rho2) * std::log1p(std::sqrt(nr) / (2 * alpha)));
}

double sequential_one_sided_p_value(double directed, double s2, double n, double rho2) {
  if (!(directed > 0)) return kSequentialMaxP;  // the bound never reaches 0 on the tested side
  double nr = n * rho2 + 1;
  double l = directed * directed * n * n * rho2 / (2 * s2 * nr);
  // Solve halfwidth_one_sided(alpha') = directed for alpha'; expm1 keeps small L exact, and
  // an overflowing e^L (a huge effect) gives 0, clamped to the minimum.
  double p = std::sqrt(nr) / (2 * std::expm1(l));
  return std::fmin(kSequentialMaxP, std::fmax(kSequentialMinP, p));
}

namespace {

// "" when the options make a sequence; else why not.
std::string options_error(const TestOptions& o, double n_star) {
  if (!(o.alpha > 0 && o.alpha < 1)) {
    return "alpha is " + json::number_to_string(o.alpha) + ", expected a number between 0 and 1";
  }
  if (o.alternative != Alternative::kTwoSided && !(o.alpha < 0.5)) {
    return "alpha is " + json::number_to_string(o.alpha) +
           ", expected a number below 0.5 for a one-sided sequential test (its sequence is "
           "built at level 2 alpha)";
  }
  if (!(n_star > 0) || !std::isfinite(n_star)) {
    return "n_star must be a number > 0 (the expected total sample size)";
  }
  return {};
}

}  // namespace

Result<TestResult> sequential_test(const ArmSummary& c, const ArmSummary& t, const TestOptions& o,
                                   double n_star) {
  using R = Result<TestResult>;
  if (auto error = options_error(o, n_star); !error.empty()) return R::failure(error);
  auto e = estimate_effect(c, t, o.relative);
  if (!e) return R::failure(e.error());
  return sequential_test_from_estimate(*e, c.n + t.n, o, n_star);
}

Result<TestResult> sequential_test_from_estimate(const EffectEstimate& estimate, double n,
                                                 const TestOptions& o, double n_star) {
  using R = Result<TestResult>;
  if (auto error = options_error(o, n_star); !error.empty()) return R::failure(error);
  if (!(n > 0) || !std::isfinite(n)) return R::failure("n must be a number > 0 (units in all)");
  const bool two_sided = o.alternative == Alternative::kTwoSided;
  const EffectEstimate* e = &estimate;
  double s2 = e->variance * n;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  TestResult r;
  r.effect = e->effect;
  r.se = std::sqrt(e->variance);
  r.dof = kInf;
  if (two_sided) {
    double rho2 = sequential_rho_squared(o.alpha, n_star);
    double hw = sequential_halfwidth(s2, n, o.alpha, rho2);
    double nr = n * rho2 + 1;
    r.ci_lower = e->effect - hw;
    r.ci_upper = e->effect + hw;
    r.p_value = std::fmin(
        1.0, std::sqrt(nr) * std::exp(-e->effect * e->effect * n * n * rho2 / (2 * s2 * nr)));
    return r;
  }
  double rho2 = sequential_rho_squared(2 * o.alpha, n_star);
  double hw = sequential_halfwidth_one_sided(s2, n, o.alpha, rho2);
  if (o.alternative == Alternative::kGreater) {
    r.ci_lower = e->effect - hw;
    r.ci_upper = kInf;
    r.p_value = sequential_one_sided_p_value(e->effect, s2, n, rho2);
  } else {
    r.ci_lower = -kInf;
    r.ci_upper = e->effect + hw;
    r.p_value = sequential_one_sided_p_value(-e->effect, s2, n, rho2);
  }
  return r;
}

}  // namespace tailor::stats
