// Fixed-horizon frequentist comparison of a treatment arm against control: Welch's t-test on
// the absolute difference of means or on the relative lift, with the delta-method variance for
// the lift (as GrowthBook's gbstats does).
//
// Inputs are ArmSummary values (sufficient.h): n, mean and per-unit variance. Effects are
// treatment minus control: absolute mean_t - mean_c, or relative (mean_t - mean_c) / |mean_c|
// (0.05 = +5%; gbstats' definition: dividing by the magnitude keeps the sign of the absolute
// effect, so with a negative control mean a less negative treatment is a positive lift).
// Alternatives name the direction of the treatment effect.
// Failure (a value, never NaN): alpha outside (0, 1), both arms with zero variance (no
// standard error), relative lift with a control mean of 0.
#pragma once

#include <string_view>

#include "core/result.h"
#include "core/stats/sufficient.h"

namespace tailor::stats {

enum class Alternative { kTwoSided, kGreater, kLess };

// "two-sided" | "greater" | "less"; false on anything else.
bool parse_alternative(std::string_view text, Alternative& out);

// An effect with its estimated sampling variance and the Welch–Satterthwaite degrees of
// freedom (infinite when it cannot be formed, e.g. n = 1 in an arm with zero variance).
struct EffectEstimate {
  double effect = 0;
  double variance = 0;
  double dof = 0;
};

// Absolute:  Var = v_t/n_t + v_c/n_c.
// Relative:  effect (m_t - m_c)/|m_c|, Var = v_t/(m_c^2 n_t) + v_c m_t^2/(m_c^4 n_c)
//            (delta method; the same for either sign of m_c).
// dof = (v_t/n_t + v_c/n_c)^2 / ((v_t/n_t)^2/(n_t-1) + (v_c/n_c)^2/(n_c-1)).
Result<EffectEstimate> estimate_effect(const ArmSummary& control, const ArmSummary& treatment,
                                       bool relative);

struct TestOptions {
  double alpha = 0.05;
  Alternative alternative = Alternative::kTwoSided;
  bool relative = true;
};

// ci_lower / ci_upper are -inf / +inf on the open side of a one-sided interval.
struct TestResult {
  double effect = 0;
  double se = 0;
  double ci_lower = 0;
  double ci_upper = 0;
  double p_value = 1;
  double dof = 0;
};

// Welch's t-test. Two-sided: p = 2 P(T > |t|), CI = effect ± t_{1-α/2} se. Greater:
// p = P(T > t), CI = [effect - t_{1-α} se, +inf). Less: p = P(T < t),
// CI = (-inf, effect + t_{1-α} se]. t = effect / se, T ~ Student t with Welch dof.
Result<TestResult> welch_t_test(const ArmSummary& control, const ArmSummary& treatment,
                                const TestOptions& options);

// The same test from an effect estimate (used by CUPED, whose estimate is formed differently).
Result<TestResult> t_test_from_estimate(const EffectEstimate& estimate, const TestOptions& options);

}  // namespace tailor::stats
