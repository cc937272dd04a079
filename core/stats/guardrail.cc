#include "core/stats/guardrail.h"

#include <cmath>

namespace tailor::stats {

Result<AnomalyResult> anomaly_check(const MeanStats& pre, double current, double k,
                                    Direction direction) {
  using R = Result<AnomalyResult>;
  auto s = summarize(pre);
  if (!s) return R::failure("pre_period: " + s.error());
  if (!(s->variance > 0)) {
    return R::failure("pre_period values are all equal, expected variation to set a threshold");
  }
  if (!(k > 0) || !std::isfinite(k)) return R::failure("k must be a number > 0");
  if (!std::isfinite(current)) return R::failure("current must be a finite number");
  AnomalyResult r;
  r.z = (current - s->mean) / std::sqrt(s->variance);
  switch (direction) {
    case Direction::kBoth:
      r.anomalous = std::fabs(r.z) > k;
      break;
    case Direction::kDrop:
      r.anomalous = r.z < -k;
      break;
    case Direction::kRise:
      r.anomalous = r.z > k;
      break;
  }
  return r;
}

Result<GuardrailResult> guardrail_check(const ArmSummary& c, const ArmSummary& t,
                                        bool higher_is_better, double margin, double alpha) {
  using R = Result<GuardrailResult>;
  if (!(margin >= 0) || !std::isfinite(margin)) return R::failure("margin must be a number >= 0");
  TestOptions o{alpha, higher_is_better ? Alternative::kLess : Alternative::kGreater, true};
  auto harm = welch_t_test(c, t, o);
  if (!harm) return R::failure(harm.error());
  GuardrailResult r;
  r.harm = *harm;
  r.degraded = harm->p_value < alpha;
  // kLess gives (-inf, upper]: the harmful side for higher-is-better is the lower bound, which
  // the opposite one-sided interval provides.
  TestOptions other{alpha, higher_is_better ? Alternative::kGreater : Alternative::kLess, true};
  auto bound = welch_t_test(c, t, other);
  if (!bound) return R::failure(bound.error());
  r.non_inferior = higher_is_better ? bound->ci_lower > -margin : bound->ci_upper < margin;
  return r;
}

}  // namespace tailor::stats
