#include "core/stats/frequentist.h"

#include <cmath>
#include <limits>
#include <string>

#include "core/json/js.h"
#include "core/stats/distributions.h"

namespace tailor::stats {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One arm's contribution to the Welch–Satterthwaite denominator; zero-variance arms add none.
double dof_term(double variance_of_mean, double n) {
  if (variance_of_mean == 0) return 0;
  return variance_of_mean * variance_of_mean / (n - 1);
}

}  // namespace

bool parse_alternative(std::string_view text, Alternative& out) {
  if (text == "two-sided") {
    out = Alternative::kTwoSided;
  } else if (text == "greater") {
    out = Alternative::kGreater;
  } else if (text == "less") {
    out = Alternative::kLess;
  } else {
    return false;
  }
  return true;
}

Result<EffectEstimate> estimate_effect(const ArmSummary& c, const ArmSummary& t, bool relative) {
  if (!(c.n >= 1) || !(t.n >= 1)) {
    return Result<EffectEstimate>::failure("each arm needs at least 1 unit");
  }
  double vc = c.variance / c.n;  // Var(mean_c)
  double vt = t.variance / t.n;
  if (vc + vt <= 0) {
    return Result<EffectEstimate>::failure(
        "both arms have zero variance, expected variation in at least one arm");
  }
  double denom = dof_term(vt, t.n) + dof_term(vc, c.n);
  double dof = denom > 0 ? (vt + vc) * (vt + vc) / denom : kInf;
  if (!relative) return EffectEstimate{t.mean - c.mean, vt + vc, dof};
  if (c.mean == 0) {
    return Result<EffectEstimate>::failure(
        "control mean is 0, so relative lift is undefined; expected \"relative\":false");
  }
  double mc2 = c.mean * c.mean;
  double var = vt / mc2 + vc * t.mean * t.mean / (mc2 * mc2);
  if (!(var > 0)) {
    return Result<EffectEstimate>::failure(
        "relative lift has zero variance, expected variation in at least one arm");
  }
  // gbstats divides by |m_c|: the lift keeps the sign of the absolute effect.
  return EffectEstimate{(t.mean - c.mean) / std::fabs(c.mean), var, dof};
}

Result<TestResult> t_test_from_estimate(const EffectEstimate& e, const TestOptions& o) {
  if (!(o.alpha > 0 && o.alpha < 1)) {
    return Result<TestResult>::failure("alpha is " + json::number_to_string(o.alpha) +
                                       ", expected a number between 0 and 1");
  }
  if (!std::isfinite(e.effect) || !(e.variance > 0) || !std::isfinite(e.variance)) {
    return Result<TestResult>::failure("effect or variance is not finite and positive");
  }
  TestResult r;
  r.effect = e.effect;
  r.se = std::sqrt(e.variance);
  r.dof = e.dof;
  double stat = e.effect / r.se;
  switch (o.alternative) {
    case Alternative::kTwoSided: {
      r.p_value = std::fmin(1.0, 2 * t_sf(std::fabs(stat), e.dof));
      double w = t_quantile(1 - o.alpha / 2, e.dof) * r.se;
      r.ci_lower = e.effect - w;
      r.ci_upper = e.effect + w;
      break;
    }
    case Alternative::kGreater: {
      r.p_value = t_sf(stat, e.dof);
      r.ci_lower = e.effect - t_quantile(1 - o.alpha, e.dof) * r.se;
      r.ci_upper = kInf;
      break;
    }
    case Alternative::kLess: {
      r.p_value = t_cdf(stat, e.dof);
      r.ci_lower = -kInf;
      r.ci_upper = e.effect + t_quantile(1 - o.alpha, e.dof) * r.se;
      break;
    }
  }
  return r;
}

Result<TestResult> welch_t_test(const ArmSummary& c, const ArmSummary& t, const TestOptions& o) {
  auto e = estimate_effect(c, t, o.relative);
  if (!e) return Result<TestResult>::failure(e.error());
  return t_test_from_estimate(*e, o);
}

}  // namespace tailor::stats
