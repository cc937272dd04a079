#include "core/report/kpi.h"

#include <cmath>
#include <string>

#include "core/report/format.h"
#include "core/stats/power.h"

namespace tailor::report {

using json::Value;

namespace {

Value num(double x) { return json_number(x); }

struct Pooled {
  ArmTotals treatment, control;
  std::vector<Stratum> strata;  // per segment: its control against all its treatments
};

Pooled pool(const std::vector<std::vector<ArmTotals>>& totals) {
  Pooled p;
  for (const auto& seg : totals) {
    Stratum s;
    s.control = seg[0];
    for (size_t a = 1; a < seg.size(); ++a) s.treatment.add(seg[a]);
    p.control.add(s.control);
    p.treatment.add(s.treatment);
    p.strata.push_back(s);
  }
  return p;
}

Value node(std::string name, std::string formula, std::string source, double treatment,
           double control) {
  return Value::object({{"name", Value(std::move(name))},
                        {"formula", Value(std::move(formula))},
                        {"source", Value(std::move(source))},
                        {"treatment", num(treatment)},
                        {"control", num(control)}});
}

Value metric_node(const Pooled& p, Metric m, std::string formula, std::string source,
                  double baseline, double target, const stats::TestOptions& relative) {
  Value v = node(std::string(metric_label(m)), std::move(formula), std::move(source),
                 metric_value(p.treatment, m), metric_value(p.control, m));
  v.set("key", Value(metric_key(m)));
  v.set("lift", comparison_json(compare_stratified(p.strata, m, relative), "lift"));
  if (baseline > 0) {
    v.set("seed002", Value::object({{"baseline", num(baseline)}, {"target", num(target)}}));
  }
  return v;
}

Value guardrail(std::string name, std::string rule, Value value, bool pass, std::string detail) {
  return Value::object({{"name", Value(std::move(name))},
                        {"rule", Value(std::move(rule))},
                        {"value", std::move(value)},
                        {"status", Value(pass ? "pass" : "fail")},
                        {"detail", Value(std::move(detail))}});
}

}  // namespace

Value kpi_tree(const CampaignData& data, const std::vector<std::vector<ArmTotals>>& totals,
               const std::vector<std::string>& srm_mismatched, const ReportOptions& o) {
  const Pooled p = pool(totals);
  const stats::TestOptions relative{o.alpha, stats::Alternative::kTwoSided, true};
  const std::string sends = "exposure events (one per send)";

  Value north = metric_node(p, Metric::kRpm, "revenue / touches",
                            "purchase events' value summed / " + sends +
                                "; an email send is one touch, so RpMT = revenue per message",
                            0.45, 0.61, relative);
  north.set("name", Value("RpMT (revenue per marketing touch)"));

  json::Array supporting;
  supporting.push_back(metric_node(p, Metric::kPurchase, "purchases / sends",
                                   "units with a purchase event / " + sends, 0.025, 0.031,
                                   relative));
  supporting.push_back(
      node("Average order value", "revenue / purchases",
           "purchase events' value summed / units with a purchase event",
           p.treatment.purchases > 0 ? p.treatment.revenue / p.treatment.purchases : std::nan(""),
           p.control.purchases > 0 ? p.control.revenue / p.control.purchases : std::nan("")));
  supporting.back().set("key", Value("aov"));
  supporting.back().set("seed002", Value::object({{"baseline", num(85)}, {"target", num(95)}}));
  supporting.push_back(metric_node(p, Metric::kOpen, "opens / sends",
                                   "units with an open event / " + sends, 0.22, 0.286, relative));
  supporting.push_back(metric_node(p, Metric::kClick, "clicks / sends",
                                   "units with a click event / " + sends, 0.03, 0.0405, relative));
  Value rpe = metric_node(p, Metric::kRpm, "revenue / emails sent",
                          "purchase events' value summed / " + sends, 0.35, 0.50, relative);
  rpe.set("name", Value("Revenue per email"));
  rpe.set("key", Value("revenuePerEmail"));
  supporting.push_back(std::move(rpe));

  json::Array guardrails;
  {
    stats::TestOptions worse{o.alpha, stats::Alternative::kGreater, false};
    Comparison c = compare_stratified(p.strata, Metric::kUnsubscribe, worse);
    const bool pass = !c.testable || !(c.test.p_value < o.alpha);
    std::string detail =
        "treatment " + format_percent(metric_value(p.treatment, Metric::kUnsubscribe), 2) +
        " vs control " + format_percent(metric_value(p.control, Metric::kUnsubscribe), 2);
    detail += c.testable ? "; one-sided p " + format_p(c.test.p_value) + " (post-stratified)"
                         : "; not testable: " + c.reason;
    Value g = guardrail("Unsubscribe rate", "not significantly higher in treatment than control",
                        num(metric_value(p.treatment, Metric::kUnsubscribe)), pass, detail);
    g.set("control", num(metric_value(p.control, Metric::kUnsubscribe)));
    g.set("test", comparison_json(c, "difference"));
    guardrails.push_back(std::move(g));
  }
  {
    const ScreeningSummary& s = data.screening;
    const double rate = s.variants_screened > 0 ? static_cast<double>(s.variants_allowed) /
                                                      static_cast<double>(s.variants_screened)
                                                : std::nan("");
    const bool pass = s.variants_screened > 0 && rate > o.screening_pass_min;
    guardrails.push_back(guardrail(
        "Safety screening pass rate",
        "allowed / screened > " + format_percent(o.screening_pass_min), num(rate), pass,
        std::to_string(s.variants_allowed) + " of " + std::to_string(s.variants_screened) +
            " variants allowed, " + std::to_string(s.variants_review) + " in review, " +
            std::to_string(s.variants_blocked) + " blocked"));
  }
  {
    std::string detail = std::to_string(totals.size() - srm_mismatched.size()) + " of " +
                         std::to_string(totals.size()) + " segments match their design weights";
    for (size_t i = 0; i < srm_mismatched.size(); ++i) {
      detail += (i == 0 ? "; mismatch: " : ", ") + srm_mismatched[i];
    }
    guardrails.push_back(guardrail("Sample ratio", "no segment with an SRM (p < 0.001)",
                                   num(static_cast<double>(srm_mismatched.size())),
                                   srm_mismatched.empty(), detail));
  }
  {
    const ScreeningSummary& s = data.screening;
    guardrails.push_back(guardrail(
        "Opted-out customers sent", "= 0", num(static_cast<double>(s.opted_out_sent)),
        s.opted_out_sent == 0,
        std::to_string(s.opted_out_excluded) + " opted-out customers excluded before assignment, " +
            std::to_string(s.capped_excluded) + " left out by the frequency cap"));
  }
  // Seed 002's test plan (detect a 15% relative lift in conversion at 95% confidence, 80%
  // power) on this campaign's control conversion rate. Its printed example is wrong: the
  // formula as printed evaluates to ~51,500 (not ~1,500) and doubles the summed variances; the
  // unpooled formula gives ~25,800 per arm for 2.5% -> 2.9% and ~29,200 for a true +15%.
  Value plan = Value::object({{"metric", Value("purchase")},
                              {"relativeLift", num(0.15)},
                              {"alpha", num(o.alpha)},
                              {"power", num(o.power)}});
  const double base = metric_value(p.control, Metric::kPurchase);
  plan.set("baseline", num(base));
  auto n = stats::sample_size_proportions(base, base * 1.15, o.alpha, o.power);
  plan.set("perArm", n ? num(*n) : Value());
  if (!n) plan.set("error", Value(n.error()));
  plan.set("source", Value("seed 002 (detect 15%+ lift, 95% confidence, 80% power), recomputed "
                           "with the unpooled normal approximation (core/stats/power.h)"));
  return Value::object({{"northStar", std::move(north)},
                        {"testPlan", std::move(plan)},
                        {"supporting", Value(std::move(supporting))},
                        {"guardrails", Value(std::move(guardrails))},
                        {"treatment", Value("all treatment arms")},
                        {"sends", Value::object({{"treatment", num(p.treatment.sends)},
                                                 {"control", num(p.control.sends)}})}});
}

}  // namespace tailor::report
