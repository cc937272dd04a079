// Results under changing allocation (bandits, ramp-ups): post-stratification by period.
//
// When traffic weights change over time and the metric drifts over time (weekday effects,
// promotions), pooling all units compares arms observed at different times: an arm that got
// more traffic in a high period looks better (Simpson's paradox). Splitting units into periods
// of constant weights and comparing arms *within* each period removes that bias. Period k has
// weight w_k = N_k / N (its share of all units), so the estimate targets the effect over the
// whole experiment's traffic:
//   absolute: effect = sum_k w_k (mean_t,k - mean_c,k),
//             Var = sum_k w_k^2 (v_t,k/n_t,k + v_c,k/n_c,k)
//   relative: M_a = sum_k w_k mean_a,k; effect = (M_t - M_c)/|M_c| (gbstats: the sign of the
//             absolute effect whatever the sign of M_c), with the delta method
//             Var = Var(M_t)/M_c^2 + M_t^2 Var(M_c)/M_c^4, Var(M_a) = sum_k w_k^2 v_a,k/n_a,k
// The reference distribution is normal (dof = infinity): periods are large in practice.
// Failure: no periods, a period arm that does not summarize (see sufficient.h), zero variance,
// relative lift with M_c = 0.
#pragma once

#include <vector>

#include "core/result.h"
#include "core/stats/frequentist.h"

namespace tailor::stats {

struct PeriodArms {
  ArmSummary control;
  ArmSummary treatment;
};

Result<EffectEstimate> stratified_effect(const std::vector<PeriodArms>& periods, bool relative);

// stratified_effect followed by the t-test of frequentist.h.
Result<TestResult> stratified_test(const std::vector<PeriodArms>& periods,
                                   const TestOptions& options);

}  // namespace tailor::stats
