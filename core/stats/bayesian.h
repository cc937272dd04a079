// Bayesian comparison on the effect (gbstats' "effect" Bayesian engine): the data give a
// Gaussian likelihood for the effect (absolute or relative, with the variance of
// frequentist.h); combined with a Gaussian prior N(mean, variance) when `proper`, or a flat
// prior otherwise, the posterior is Gaussian:
//   precision = 1/V + 1/prior_variance
//   post_mean = (effect/V + prior_mean/prior_variance) / precision,  post_var = 1/precision
// (flat: post_mean = effect, post_var = V). Reported:
//   chance_to_win = P(effect > 0) = Phi(post_mean / post_sd)
//   credible interval: the central 1 - alpha posterior interval
//   risk[0] (control) = E[max(effect, 0)]  — expected loss if control is kept
//   risk[1] (treatment) = E[max(-effect, 0)] — expected loss if treatment is shipped
//   (mu Phi(mu/s) + s phi(mu/s) and -mu Phi(-mu/s) + s phi(mu/s)), in effect units.
// Failure: as frequentist.h, plus a proper prior whose variance is not > 0.
#pragma once

#include "core/result.h"
#include "core/stats/frequentist.h"

namespace tailor::stats {

struct GaussianPrior {
  double mean = 0;
  double variance = 1;
  bool proper = false;
};

struct BayesianResult {
  double effect = 0;  // posterior mean
  double sd = 0;      // posterior standard deviation
  double ci_lower = 0;
  double ci_upper = 0;
  double chance_to_win = 0.5;
  double risk_control = 0;
  double risk_treatment = 0;
};

// `inverse`: the metric is better when lower (bounce rate, latency). Then chance_to_win =
// P(effect < 0) and the risks swap: control's is E[max(-effect, 0)], treatment's E[max(effect, 0)].
Result<BayesianResult> bayesian_test(const ArmSummary& control, const ArmSummary& treatment,
                                     bool relative, double alpha, const GaussianPrior& prior,
                                     bool inverse = false);

// The same from an estimate made elsewhere (e.g. post-stratified, stratified.h): its effect
// and variance are the Gaussian likelihood.
Result<BayesianResult> bayesian_test_from_estimate(const EffectEstimate& estimate, double alpha,
                                                   const GaussianPrior& prior,
                                                   bool inverse = false);

// The posterior summaries for a given Gaussian posterior (exposed for tests and callers).
Result<BayesianResult> summarize_posterior(double mean, double sd, double alpha);

}  // namespace tailor::stats
