// THE contract of an experiment's automation declarations (docs/experiments.md): a bandit that
// reallocates traffic, or a rollout plan whose stages advance while guardrails hold. Both sit
// on an experiment — a top-level `experiments[i]` or a feature's experiment rule — and
// config::validate (validate.h) checks them with the rest of the document through parse_bandit
// and parse_rollout below, so the edge's controller and every publish read one definition.
//
//   "bandit": {"metric": "purchase", "metricType"?: "binomial"|"mean",
//              "intervalMinutes": 60, "burnInExposures": 1000, "minWeight": 0.05,
//              "controlFloor"?: 0.3, "sequentialTuning"?: 5000,
//              "stopAt"?: {"chanceToWin": 0.95}}
//   "rollout": {"intervalMinutes": 5, "alpha"?: 0.05, "sequentialTuning"?: 5000,
//               "stages": [{"coverage": 0.05, "minExposures": 1000, "minMinutes": 60},
//                          {"weights": [0.5, 0.5], "minExposures": 0, "minMinutes": 0}, ...],
//               "guardrails"?: [{"metric": "unsubscribe", "metricType"?: "binomial"|"mean",
//                                "direction": "lowerIsBetter"|"higherIsBetter",
//                                "bound": 0.1}]}
//
// Units: minutes may be fractions (0.05 = 3 s) from 1/60 (one second) to 43,200 (30 days);
// `bound` is a relative change (0.1 = 10 % worse than control tolerated); weights are traffic
// shares per variation summing to 1 (within 1e-6). An experiment declares at most one of the
// two, and either needs at least two variations.
// Errors name the member: `experiments[0].bandit.minWeight: must be a number from 0 to 1/3
// (3 variations)`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"
#include "core/status.h"

namespace tailor::config {

// How a unit's metric value is formed from its events: binomial = converted at least once
// (0/1), mean = the sum of its event values (revenue).
enum class MetricType { kBinomial, kMean };

inline constexpr double kMinIntervalMinutes = 1.0 / 60;
inline constexpr double kMaxIntervalMinutes = 43200;
inline constexpr size_t kMaxRolloutStages = 20;
inline constexpr size_t kMaxGuardrails = 10;

struct BanditSpec {
  std::string metric;
  MetricType metric_type = MetricType::kBinomial;
  double interval_minutes = 60;
  double burn_in_exposures = 0;
  double min_weight = 0;
  double control_floor = 0;
  double sequential_tuning = 5000;  // N* of the always-valid test that guards promotion
  double chance_to_win = 0;         // 0 = never promote (no stopAt)
};

struct RolloutStage {
  bool has_coverage = false;  // else weights
  double coverage = 1;
  std::vector<double> weights;
  double min_exposures = 0;
  double min_minutes = 0;
};

struct Guardrail {
  std::string metric;
  MetricType metric_type = MetricType::kBinomial;
  bool higher_is_better = false;
  double bound = 0;
};

struct RolloutPlan {
  double interval_minutes = 5;
  double alpha = 0.05;
  double sequential_tuning = 5000;
  std::vector<RolloutStage> stages;
  std::vector<Guardrail> guardrails;
};

// `value` is the member's JSON, `path` names it in errors ("experiments[0].bandit"),
// `variations` the experiment's variation count.
Result<BanditSpec> parse_bandit(const json::Value& value, const std::string& path,
                                size_t variations);
Result<RolloutPlan> parse_rollout(const json::Value& value, const std::string& path,
                                  size_t variations);

// An experiment of a config that declares a bandit or a rollout plan.
struct AutomatedExperiment {
  std::string key;      // the experiment's key (a rule without one: its feature's key)
  std::string feature;  // "" for a top-level experiment
  size_t rule = 0;      // the rule's index in its feature, or the index in `experiments`
  std::string path;     // "experiments[0]" or features["hero"].rules[1]
  size_t variations = 0;
  bool is_bandit = false;
  BanditSpec bandit;
  RolloutPlan rollout;
  std::string declaration;  // canonical JSON of the declaration: a new one restarts the plan
  double coverage = 1;      // as served now
  std::vector<double> weights;  // as served now (equal weights when not declared)
};

// Every automated experiment of a valid config (validate() first: this reads, it does not
// re-check). Two with the same key are an error (validate() reports it with both paths).
Result<std::vector<AutomatedExperiment>> automated_experiments(const json::Value& config);

// validate()'s part: every automated experiment's key is distinct (the declarations themselves
// are checked where validate() walks each experiment).
Status check_automated_keys(const json::Value& config);

// A copy of `config` with the experiment at `where` serving `coverage` and `weights` (an
// empty vector leaves the weights as they are). Fails when `where` no longer names an
// experiment with that many variations.
Result<json::Value> with_allocation(const json::Value& config, const AutomatedExperiment& where,
                                    double coverage, const std::vector<double>& weights);

}  // namespace tailor::config
