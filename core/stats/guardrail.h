// Monitoring flags: anomalies against a metric's own pre-period, and guardrail metrics that
// must not degrade under treatment (seed 002: "drop in metrics > 2 std dev").
#pragma once

#include "core/result.h"
#include "core/stats/frequentist.h"
#include "core/stats/sufficient.h"

namespace tailor::stats {

enum class Direction { kBoth, kDrop, kRise };

struct AnomalyResult {
  double z = 0;  // (current - pre-period mean) / pre-period standard deviation
  bool anomalous = false;
};

// `pre_period` summarizes the metric's values over past intervals (n intervals, sum, sum of
// squares of the per-interval values, e.g. hourly conversion rates); `current` is this
// interval's value. Flags |z| > k (kBoth), z < -k (kDrop) or z > k (kRise).
// Failure: fewer than 2 pre-period intervals, a constant pre-period (no spread to set a
// threshold), k not > 0, current not finite.
Result<AnomalyResult> anomaly_check(const MeanStats& pre_period, double current, double k,
                                    Direction direction);

struct GuardrailResult {
  TestResult harm;  // one-sided test in the harmful direction (relative lift)
  // The treatment is significantly worse: harm.p_value < alpha.
  bool degraded = false;
  // The one-sided 1 - alpha bound on the harmful side is inside the margin: the treatment is
  // shown to be no worse than `margin` (relative, e.g. 0.01 = 1%).
  bool non_inferior = false;
};

// A guardrail metric (e.g. unsubscribe rate, with higher_is_better = false) compared between
// control and treatment on relative lift. Failure: as welch_t_test, or margin < 0.
Result<GuardrailResult> guardrail_check(const ArmSummary& control, const ArmSummary& treatment,
                                        bool higher_is_better, double margin, double alpha);

}  // namespace tailor::stats
