#include "core/stats/bayesian.h"

#include <cmath>
#include <string>
#include <utility>

#include "core/json/js.h"
#include "core/stats/distributions.h"

namespace tailor::stats {

Result<BayesianResult> summarize_posterior(double mean, double sd, double alpha) {
  using R = Result<BayesianResult>;
  if (!(alpha > 0 && alpha < 1)) {
    return R::failure("alpha is " + json::number_to_string(alpha) +
                      ", expected a number between 0 and 1");
  }
  if (!std::isfinite(mean) || !(sd > 0) || !std::isfinite(sd)) {
    return R::failure("posterior needs a finite mean and a standard deviation > 0");
  }
  BayesianResult r;
  r.effect = mean;
  r.sd = sd;
  double z = mean / sd;
  r.chance_to_win = normal_cdf(z);
  double half = sd * normal_quantile(1 - alpha / 2);
  r.ci_lower = mean - half;
  r.ci_upper = mean + half;
  double dens = sd * normal_pdf(z);
  r.risk_control = mean * normal_cdf(z) + dens;
  r.risk_treatment = -mean * normal_sf(z) + dens;
  // Each is an expectation of a non-negative quantity; rounding may dip a hair below zero.
  if (r.risk_control < 0) r.risk_control = 0;
  if (r.risk_treatment < 0) r.risk_treatment = 0;
  return r;
}

Result<BayesianResult> bayesian_test(const ArmSummary& c, const ArmSummary& t, bool relative,
                                     double alpha, const GaussianPrior& prior, bool inverse) {
  using R = Result<BayesianResult>;
  auto e = estimate_effect(c, t, relative);
  if (!e) return R::failure(e.error());
  return bayesian_test_from_estimate(*e, alpha, prior, inverse);
}

Result<BayesianResult> bayesian_test_from_estimate(const EffectEstimate& e, double alpha,
                                                   const GaussianPrior& prior, bool inverse) {
  using R = Result<BayesianResult>;
  double mean = e.effect, var = e.variance;
  if (prior.proper) {
    if (!(prior.variance > 0) || !std::isfinite(prior.variance) || !std::isfinite(prior.mean)) {
      return R::failure("prior.variance must be a number > 0 for a proper prior");
    }
    double precision = 1 / var + 1 / prior.variance;
    mean = (e.effect / var + prior.mean / prior.variance) / precision;
    var = 1 / precision;
  }
  auto r = summarize_posterior(mean, std::sqrt(var), alpha);
  if (r && inverse) {
    BayesianResult& b = r.value();
    b.chance_to_win = 1 - b.chance_to_win;
    std::swap(b.risk_control, b.risk_treatment);
  }
  return r;
}

}  // namespace tailor::stats
