#include "core/stats/cuped.h"

#include <cmath>

namespace tailor::stats {
namespace {

struct Moments {
  double n, mean_y, mean_x, var_y, var_x, cov_xy;
};

Moments moments(const CupedStats& s) {
  return {s.n,
          s.sum / s.n,
          s.pre_sum / s.n,
          sample_covariance(s.n, s.sum, s.sum, s.sum_squares),
          sample_covariance(s.n, s.pre_sum, s.pre_sum, s.pre_sum_squares),
          sample_covariance(s.n, s.pre_sum, s.sum, s.sum_product)};
}

// A centered sum of squares is "no variance" when it is zero up to the rounding of its terms:
// a constant x = 3.1 leaves ~1e-13 of noise, which would otherwise become a huge theta.
bool has_variance(double n, double sum, double sum_squares) {
  double centered = sum_squares - sum * sum / n;
  return centered > 1e-12 * std::fabs(sum_squares);
}

}  // namespace

double cuped_theta(const CupedStats& c, const CupedStats& t) {
  CupedStats joint = merge(c, t);
  if (!has_variance(joint.n, joint.pre_sum, joint.pre_sum_squares) ||
      !has_variance(joint.n, joint.sum, joint.sum_squares)) {
    return 0;
  }
  return sample_covariance(joint.n, joint.pre_sum, joint.sum, joint.sum_product) /
         sample_covariance(joint.n, joint.pre_sum, joint.pre_sum, joint.pre_sum_squares);
}

Result<CupedResult> cuped_test(const CupedStats& c, const CupedStats& t, const TestOptions& o) {
  using R = Result<CupedResult>;
  // Validates n and the y sums; the x sums are validated just below.
  for (const CupedStats* s : {&c, &t}) {
    auto y = summarize(MeanStats{s->n, s->sum, s->sum_squares});
    if (!y) return R::failure(y.error());
    auto x = summarize(MeanStats{s->n, s->pre_sum, s->pre_sum_squares});
    if (!x) return R::failure("pre-period: " + x.error());
    if (!std::isfinite(s->sum_product)) return R::failure("sum_product must be a finite number");
  }
  Moments mc = moments(c), mt = moments(t);
  double theta = cuped_theta(c, t);

  auto adjusted_var = [theta](const Moments& m) {
    double v = m.var_y + theta * theta * m.var_x - 2 * theta * m.cov_xy;
    return v > 0 ? v : 0;  // a variance; negative only by rounding
  };
  ArmSummary ac{mc.n, mc.mean_y - theta * mc.mean_x, adjusted_var(mc)};
  ArmSummary at{mt.n, mt.mean_y - theta * mt.mean_x, adjusted_var(mt)};
  auto abs_est = estimate_effect(ac, at, /*relative=*/false);
  if (!abs_est) return R::failure(abs_est.error());
  auto plain = estimate_effect(ArmSummary{mc.n, mc.mean_y, mc.var_y},
                               ArmSummary{mt.n, mt.mean_y, mt.var_y}, o.relative);

  EffectEstimate est = *abs_est;
  if (o.relative) {
    double yc = mc.mean_y, yt = mt.mean_y;
    if (yc == 0) {
      return R::failure(
          "control mean is 0, so relative lift is undefined; expected \"relative\":false");
    }
    double yc2 = yc * yc;
    double ratio = yt / yc;
    double control_part =
        mc.var_y * ratio * ratio - 2 * theta * mc.cov_xy * ratio + theta * theta * mc.var_x;
    est.effect = abs_est->effect / std::fabs(yc);
    est.variance = at.variance / (mt.n * yc2) + control_part / (mc.n * yc2);
  }
  auto test = t_test_from_estimate(est, o);
  if (!test) return R::failure(test.error());
  CupedResult r{*test, theta, 0};
  if (plain && plain->variance > 0) r.variance_reduction = 1 - est.variance / plain->variance;
  return r;
}

}  // namespace tailor::stats
