// The campaign report's metrics over a group of sent units, and their comparison between two
// groups through core/stats (the report's modules share these so that "purchase rate" means
// one thing everywhere: segments, pooled strategies, attribute bins and the KPI tree).
//
// A unit is one send. Rates are per send (0/1 per unit: stats::ProportionStats, Bernoulli
// variance); RpM is revenue per send (stats::MeanStats, sample variance).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/report/campaign.h"
#include "core/stats/frequentist.h"
#include "core/stats/sufficient.h"

namespace tailor::report {

enum class Metric { kOpen, kClick, kPurchase, kRpm, kUnsubscribe };

// The metrics lifts are reported for (the Holm family's metrics), in report order.
inline constexpr Metric kLiftMetrics[] = {Metric::kOpen, Metric::kClick, Metric::kPurchase,
                                          Metric::kRpm};

// "open", "click", "purchase", "rpm", "unsubscribe" (the JSON's metric names).
std::string_view metric_key(Metric m);
// "Open rate", "Click rate", "Purchase rate", "Revenue per message", "Unsubscribe rate".
std::string_view metric_label(Metric m);

// Additive counts of a group of units.
struct ArmTotals {
  double sends = 0;
  double opens = 0;
  double clicks = 0;
  double purchases = 0;
  double unsubscribes = 0;
  double revenue = 0;
  double revenue_squares = 0;

  void add(const UnitOutcome& u);
  void add(const ArmTotals& o);
};

// The metric's value for the group: a rate or RpM; NaN without sends.
double metric_value(const ArmTotals& t, Metric m);

// n, mean and per-unit variance of the metric (stats::summarize). Failure: too few sends
// (1 for a rate, 2 for RpM).
Result<stats::ArmSummary> summarize(const ArmTotals& t, Metric m);

// A comparison that may not be testable (then `reason` says why and `test` is unset).
struct Comparison {
  bool testable = false;
  std::string reason;
  stats::TestResult test;
};

// Treatment against control with stats::welch_t_test.
Comparison compare(const ArmTotals& control, const ArmTotals& treatment, Metric m,
                   const stats::TestOptions& options);

// Post-stratified (stats::stratified_test) over strata of {control, treatment}; strata where
// either side has too few units for the metric are left out (their count in `dropped`).
struct Stratum {
  ArmTotals control;
  ArmTotals treatment;
};
Comparison compare_stratified(const std::vector<Stratum>& strata, Metric m,
                              const stats::TestOptions& options, int* dropped = nullptr);

// A JSON number, or null when x is not finite (0/0 rates, one-sided interval ends): the
// document holds what JSON.stringify would write, so in-process readers see the same.
json::Value json_number(double x);

// {"testable": true, "lift"|"difference": effect, "ciLower", "ciUpper", "pValue"} or
// {"testable": false, "reason"}; `effect_key` names the effect member.
json::Value comparison_json(const Comparison& c, std::string_view effect_key);

}  // namespace tailor::report
