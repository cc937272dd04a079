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

}  // namespace

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
  double sxx = mc.var_x * (mc.n - 1) + mt.var_x * (mt.n - 1);
  double sxy = mc.cov_xy * (mc.n - 1) + mt.cov_xy * (mt.n - 1);
  double theta = sxx > 0 ? sxy / sxx : 0;

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
    double yc = mc.mean_y;
    if (yc == 0) {
      return R::failure(
          "control mean is 0, so relative lift is undefined; expected \"relative\":false");
    }
    double d = abs_est->effect;
    double cov_d_yc = -(mc.var_y - theta * mc.cov_xy) / mc.n;
    est.effect = d / yc;
    est.variance = abs_est->variance / (yc * yc) + d * d * (mc.var_y / mc.n) / (yc * yc * yc * yc) -
                   2 * d * cov_d_yc / (yc * yc * yc);
  }
  auto test = t_test_from_estimate(est, o);
  if (!test) return R::failure(test.error());
  CupedResult r{*test, theta, 0};
  if (plain && plain->variance > 0) r.variance_reduction = 1 - est.variance / plain->variance;
  return r;
}

}  // namespace tailor::stats
