#include "core/stats/stratified.h"

#include <cmath>
#include <limits>
#include <string>

namespace tailor::stats {

Result<EffectEstimate> stratified_effect(const std::vector<PeriodArms>& periods, bool relative) {
  using R = Result<EffectEstimate>;
  if (periods.empty()) return R::failure("periods is empty, expected at least 1 period");
  double total = 0;
  for (size_t k = 0; k < periods.size(); ++k) {
    const auto& p = periods[k];
    if (!(p.control.n >= 1) || !(p.treatment.n >= 1)) {
      return R::failure("periods[" + std::to_string(k) +
                        "] needs units in both arms (give every arm a minimum weight)");
    }
    total += p.control.n + p.treatment.n;
  }
  double mc = 0, mt = 0, vc = 0, vt = 0;
  for (const auto& p : periods) {
    double w = (p.control.n + p.treatment.n) / total;
    mc += w * p.control.mean;
    mt += w * p.treatment.mean;
    vc += w * w * p.control.variance / p.control.n;
    vt += w * w * p.treatment.variance / p.treatment.n;
  }
  if (!(vc + vt > 0)) {
    return R::failure("both arms have zero variance, expected variation in at least one arm");
  }
  const double inf = std::numeric_limits<double>::infinity();
  if (!relative) return EffectEstimate{mt - mc, vc + vt, inf};
  if (mc == 0) {
    return R::failure(
        "control mean is 0, so relative lift is undefined; expected \"relative\":false");
  }
  return EffectEstimate{(mt - mc) / std::fabs(mc),
                        vt / (mc * mc) + mt * mt * vc / (mc * mc * mc * mc), inf};
}

Result<TestResult> stratified_test(const std::vector<PeriodArms>& periods,
                                   const TestOptions& options) {
  auto e = stratified_effect(periods, options.relative);
  if (!e) return Result<TestResult>::failure(e.error());
  return t_test_from_estimate(*e, options);
}

}  // namespace tailor::stats
