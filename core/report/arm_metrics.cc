#include "core/report/arm_metrics.h"

#include <cmath>
#include <limits>

#include "core/stats/stratified.h"

namespace tailor::report {

using json::Value;

std::string_view metric_key(Metric m) {
  switch (m) {
    case Metric::kOpen:
      return "open";
    case Metric::kClick:
      return "click";
    case Metric::kPurchase:
      return "purchase";
    case Metric::kRpm:
      return "rpm";
    case Metric::kUnsubscribe:
      return "unsubscribe";
  }
  return "open";
}

std::string_view metric_label(Metric m) {
  switch (m) {
    case Metric::kOpen:
      return "Open rate";
    case Metric::kClick:
      return "Click rate";
    case Metric::kPurchase:
      return "Purchase rate";
    case Metric::kRpm:
      return "Revenue per message";
    case Metric::kUnsubscribe:
      return "Unsubscribe rate";
  }
  return "Open rate";
}

void ArmTotals::add(const UnitOutcome& u) {
  sends += 1;
  opens += u.opened ? 1 : 0;
  clicks += u.clicked ? 1 : 0;
  purchases += u.purchased ? 1 : 0;
  unsubscribes += u.unsubscribed ? 1 : 0;
  revenue += u.revenue;
  revenue_squares += u.revenue * u.revenue;
}

void ArmTotals::add(const ArmTotals& o) {
  sends += o.sends;
  opens += o.opens;
  clicks += o.clicks;
  purchases += o.purchases;
  unsubscribes += o.unsubscribes;
  revenue += o.revenue;
  revenue_squares += o.revenue_squares;
}

namespace {

double successes(const ArmTotals& t, Metric m) {
  switch (m) {
    case Metric::kOpen:
      return t.opens;
    case Metric::kClick:
      return t.clicks;
    case Metric::kPurchase:
      return t.purchases;
    case Metric::kUnsubscribe:
      return t.unsubscribes;
    case Metric::kRpm:
      return t.revenue;
  }
  return 0;
}

double min_units(Metric m) { return m == Metric::kRpm ? 2 : 1; }

}  // namespace

double metric_value(const ArmTotals& t, Metric m) {
  if (!(t.sends > 0)) return std::numeric_limits<double>::quiet_NaN();
  return successes(t, m) / t.sends;
}

Result<stats::ArmSummary> summarize(const ArmTotals& t, Metric m) {
  if (m == Metric::kRpm)
    return stats::summarize(stats::MeanStats{t.sends, t.revenue, t.revenue_squares});
  return stats::summarize(stats::ProportionStats{t.sends, successes(t, m)});
}

namespace {

Comparison from_result(const Result<stats::TestResult>& r) {
  Comparison c;
  if (r) {
    c.testable = true;
    c.test = *r;
  } else {
    c.reason = r.error();
  }
  return c;
}

}  // namespace

Comparison compare(const ArmTotals& control, const ArmTotals& treatment, Metric m,
                   const stats::TestOptions& options) {
  auto c = summarize(control, m);
  if (!c) return from_result(Result<stats::TestResult>::failure("control: " + c.error()));
  auto t = summarize(treatment, m);
  if (!t) return from_result(Result<stats::TestResult>::failure("treatment: " + t.error()));
  return from_result(stats::welch_t_test(*c, *t, options));
}

Comparison compare_stratified(const std::vector<Stratum>& strata, Metric m,
                              const stats::TestOptions& options, int* dropped) {
  std::vector<stats::PeriodArms> periods;
  int left_out = 0;
  for (const Stratum& s : strata) {
    if (s.control.sends < min_units(m) || s.treatment.sends < min_units(m)) {
      ++left_out;
      continue;
    }
    auto c = summarize(s.control, m);
    auto t = summarize(s.treatment, m);
    if (!c || !t) {
      ++left_out;
      continue;
    }
    periods.push_back({*c, *t});
  }
  if (dropped != nullptr) *dropped = left_out;
  if (periods.empty()) {
    Comparison c;
    c.reason = "no stratum has enough units in both groups";
    return c;
  }
  return from_result(stats::stratified_test(periods, options));
}

Value json_number(double x) { return std::isfinite(x) ? Value(x) : Value(); }

Value comparison_json(const Comparison& c, std::string_view effect_key) {
  if (!c.testable) return Value::object({{"testable", Value(false)}, {"reason", Value(c.reason)}});
  return Value::object({{"testable", Value(true)},
                        {std::string(effect_key), json_number(c.test.effect)},
                        {"ciLower", json_number(c.test.ci_lower)},
                        {"ciUpper", json_number(c.test.ci_upper)},
                        {"pValue", json_number(c.test.p_value)}});
}

}  // namespace tailor::report
