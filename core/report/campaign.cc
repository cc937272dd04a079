#include "core/report/campaign.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "core/report/arm_metrics.h"
#include "core/report/attribution.h"
#include "core/report/format.h"
#include "core/report/kpi.h"
#include "core/stats/adjust.h"
#include "core/stats/distributions.h"
#include "core/stats/power.h"
#include "core/stats/srm.h"

namespace tailor::report {

using json::Value;

namespace {

Value num(double x) { return json_number(x); }
Value count(size_t x) { return Value(static_cast<double>(x)); }

// mean ± z sqrt(variance / n), or null when the arm does not summarize.
Value interval(const ArmTotals& t, Metric m, double z) {
  auto s = summarize(t, m);
  if (!s) return Value();
  const double half = z * std::sqrt(s->variance / s->n);
  return Value(json::Array{num(s->mean - half), num(s->mean + half)});
}

Value arm_json(const ArmInfo& info, const ArmTotals& t, double z) {
  return Value::object({
      {"variant", Value(info.variant)},
      {"variantId", Value(info.variant_id)},
      {"control", Value(info.variant == "control")},
      {"weight", num(info.weight)},
      {"sends", num(t.sends)},
      {"opens", num(t.opens)},
      {"clicks", num(t.clicks)},
      {"purchases", num(t.purchases)},
      {"unsubscribes", num(t.unsubscribes)},
      {"revenue", num(t.revenue)},
      {"openRate", num(metric_value(t, Metric::kOpen))},
      {"clickRate", num(metric_value(t, Metric::kClick))},
      {"purchaseRate", num(metric_value(t, Metric::kPurchase))},
      {"purchaseRateCi", interval(t, Metric::kPurchase, z)},
      {"rpm", num(metric_value(t, Metric::kRpm))},
      {"rpmCi", interval(t, Metric::kRpm, z)},
      {"unsubscribeRate", num(metric_value(t, Metric::kUnsubscribe))},
      {"aov", t.purchases > 0 ? num(t.revenue / t.purchases) : Value()},
  });
}

// One tested comparison in a Holm family.
struct Lift {
  size_t segment = 0, arm = 0;  // pooled: arm = strategy index
  Metric metric = Metric::kOpen;
  Comparison c;
  double adjusted = 1;
};

void holm(std::vector<Lift>& lifts) {
  std::vector<double> p;
  for (const Lift& l : lifts) p.push_back(l.c.testable ? l.c.test.p_value : 1.0);
  auto adj = stats::holm_adjust(p);
  if (!adj) return;  // p-values from core/stats are in [0, 1]; keep 1 otherwise
  for (size_t i = 0; i < lifts.size(); ++i) lifts[i].adjusted = (*adj)[i];
}

Value lift_json(const Lift& l, const ArmTotals& control, const ArmTotals& treatment,
                std::string variant, double alpha) {
  Value v = comparison_json(l.c, "lift");
  v.set("variant", Value(std::move(variant)));
  v.set("metric", Value(metric_key(l.metric)));
  v.set("control", num(metric_value(control, l.metric)));
  v.set("treatment", num(metric_value(treatment, l.metric)));
  v.set("pAdjusted", num(l.adjusted));
  v.set("significant", Value(l.c.testable && l.adjusted < alpha));
  return v;
}

Value srm_json(const SegmentInfo& s, const std::vector<ArmTotals>& arms, bool* mismatch) {
  std::vector<double> observed, weights;
  double total = 0, wsum = 0;
  for (size_t a = 0; a < arms.size(); ++a) {
    observed.push_back(arms[a].sends);
    weights.push_back(s.arms[a].weight);
    total += arms[a].sends;
    wsum += s.arms[a].weight;
  }
  json::Array expected;
  for (double w : weights) expected.push_back(num(total * w / wsum));
  auto r = stats::srm_check(observed, weights);
  *mismatch = r && r->mismatch;
  if (!r) return Value::object({{"error", Value(r.error())}});
  json::Array obs;
  for (double o : observed) obs.push_back(num(o));
  return Value::object({{"observed", Value(std::move(obs))},
                        {"expected", Value(std::move(expected))},
                        {"chi2", num(r->chi2)},
                        {"dof", num(r->dof)},
                        {"pValue", num(r->p_value)},
                        {"threshold", num(stats::kSrmThreshold)},
                        {"mismatch", Value(r->mismatch)}});
}

struct WinnerInputs {
  const SegmentInfo* segment;
  const std::vector<ArmTotals>* arms;
  const std::vector<const Lift*>* rpm;  // per treatment arm (index a - 1)
  size_t family_size;
  const ReportOptions* options;
};

// The recommendation of campaign.h: the significant, guardrail-clean RpM winner, or why not.
Value winner_json(const WinnerInputs& in) {
  const ReportOptions& o = *in.options;
  const std::vector<ArmTotals>& arms = *in.arms;
  const std::string& name = in.segment->name;
  stats::TestOptions one_sided{o.alpha, stats::Alternative::kGreater, false};
  const Lift* best = nullptr;
  const Lift* best_observed = nullptr;
  std::string held_back;
  for (const Lift* l : *in.rpm) {
    if (!l->c.testable) continue;
    if (best_observed == nullptr || l->c.test.effect > best_observed->c.test.effect) {
      best_observed = l;
    }
    if (!(l->adjusted < o.alpha) || !(l->c.test.effect > 0)) continue;
    Comparison unsub = compare(arms[0], arms[l->arm], Metric::kUnsubscribe, one_sided);
    if (unsub.testable && unsub.test.p_value < o.alpha) {
      held_back = in.segment->arms[l->arm].variant;
      continue;
    }
    if (best == nullptr || l->c.test.effect > best->c.test.effect) best = l;
  }
  Value w = Value::object({{"metric", Value("rpm")}});
  if (best != nullptr) {
    const std::string& v = in.segment->arms[best->arm].variant;
    w.set("variant", Value(v));
    w.set("lift", num(best->c.test.effect));
    w.set("pAdjusted", num(best->adjusted));
    w.set("recommendation",
          Value("Roll out \"" + v + "\" to " + name + ": revenue per message " +
                format_fixed(metric_value(arms[best->arm], Metric::kRpm), 2) + " vs " +
                format_fixed(metric_value(arms[0], Metric::kRpm), 2) + " for control (" +
                format_signed_percent(best->c.test.effect) + ", " + format_percent(1 - o.alpha, 0) +
                " CI " + format_signed_percent(best->c.test.ci_lower) + " to " +
                format_signed_percent(best->c.test.ci_upper) + ", Holm-adjusted p " +
                format_p(best->adjusted) + ")."));
    return w;
  }
  w.set("variant", Value());
  std::string text = "No significant winner in " + name + "; keep control or extend the test.";
  if (!held_back.empty()) {
    text += " \"" + held_back + "\" raised revenue per message but also the unsubscribe rate.";
  }
  if (best_observed == nullptr) {
    text += " No treatment's revenue per message could be tested (too few sends or no revenue).";
  } else if (!(best_observed->c.test.effect > 0)) {
    text += " No treatment raised revenue per message (best observed " +
            format_signed_percent(best_observed->c.test.effect) + ").";
  } else {
    const ArmTotals& c = arms[0];
    const ArmTotals& t = arms[best_observed->arm];
    auto sc = summarize(c, Metric::kRpm);
    auto st = summarize(t, Metric::kRpm);
    const double per_test_alpha = o.alpha / static_cast<double>(in.family_size);
    Result<double> n = Result<double>::failure("no summary");
    if (sc && st) {
      n = stats::sample_size_means(std::sqrt((sc->variance + st->variance) / 2),
                                   st->mean - sc->mean, per_test_alpha, o.power);
    }
    const std::string& v = in.segment->arms[best_observed->arm].variant;
    text += " The best observed lift in revenue per message (\"" + v + "\", " +
            format_signed_percent(best_observed->c.test.effect) + ")";
    if (n) {
      text += " would need about " + format_count(*n) + " sends per arm to detect with " +
              format_percent(o.power, 0) + " power at alpha " + format_general(o.alpha, 3) + " / " +
              std::to_string(in.family_size) + " (the family); this test has " +
              format_count(std::min(c.sends, t.sends)) + ".";
      w.set("requiredPerArm", num(*n));
      w.set("currentPerArm", num(std::min(c.sends, t.sends)));
      w.set("powerAlpha", num(per_test_alpha));
    } else {
      text += " has no sample size estimate (" + n.error() + ").";
    }
  }
  w.set("recommendation", Value(text));
  return w;
}

Value method_json(const ReportOptions& o) {
  return Value::object({
      {"lift",
       Value("relative lift (treatment / control - 1) of each treatment against its segment's "
             "control; Welch t-test with the delta-method variance, two-sided, CI at 1 - alpha")},
      {"pooled",
       Value("per strategy, post-stratified by segment: segment k weighs (n_c,k + n_t,k) / N; "
             "relative lift of the weighted means (delta method, normal reference); its own Holm "
             "family")},
      {"srm", Value("chi-square goodness of fit of sends per arm against the design weights; "
                    "mismatch when p < 0.001")},
      {"winner", Value("largest positive revenue-per-message lift with Holm-adjusted p < alpha "
                       "and an unsubscribe rate not significantly higher than control "
                       "(one-sided Welch, unadjusted)")},
      {"sampleSize", Value("n per arm = 2 (z_{1-a/2} + z_power)^2 sd^2 / effect^2 with "
                           "a = alpha / family size, sd the arms' pooled RpM standard deviation")},
      {"power", num(o.power)},
  });
}

}  // namespace

Result<Value> campaign_report(const CampaignData& data, const ReportOptions& options) {
  if (Status s = validate_campaign_data(data, options); !s.ok()) return s;
  const double z = stats::normal_quantile(1 - options.alpha / 2);
  const size_t nseg = data.segments.size();
  std::vector<std::vector<ArmTotals>> totals(nseg);
  for (size_t s = 0; s < nseg; ++s) totals[s].resize(data.segments[s].arms.size());
  for (const UnitOutcome& u : data.units) totals[u.segment][u.arm].add(u);

  stats::TestOptions two_sided{options.alpha, stats::Alternative::kTwoSided, true};
  std::vector<Lift> lifts;
  for (size_t s = 0; s < nseg; ++s) {
    for (size_t a = 1; a < totals[s].size(); ++a) {
      for (Metric m : kLiftMetrics) {
        lifts.push_back({s, a, m, compare(totals[s][0], totals[s][a], m, two_sided), 1});
      }
    }
  }
  holm(lifts);

  std::vector<std::string> mismatched;
  json::Array segments;
  size_t next = 0;
  for (size_t s = 0; s < nseg; ++s) {
    const SegmentInfo& info = data.segments[s];
    json::Array arms, seg_lifts;
    ArmTotals all;
    for (size_t a = 0; a < totals[s].size(); ++a) {
      arms.push_back(arm_json(info.arms[a], totals[s][a], z));
      all.add(totals[s][a]);
    }
    std::vector<const Lift*> rpm;
    for (; next < lifts.size() && lifts[next].segment == s; ++next) {
      const Lift& l = lifts[next];
      seg_lifts.push_back(
          lift_json(l, totals[s][0], totals[s][l.arm], info.arms[l.arm].variant, options.alpha));
      if (l.metric == Metric::kRpm) rpm.push_back(&l);
    }
    bool mismatch = false;
    Value srm = srm_json(info, totals[s], &mismatch);
    if (mismatch) mismatched.push_back(info.name);
    WinnerInputs win{&info, &totals[s], &rpm, lifts.size(), &options};
    segments.push_back(Value::object({{"name", Value(info.name)},
                                      {"experiment", Value(info.experiment)},
                                      {"sends", num(all.sends)},
                                      {"arms", Value(std::move(arms))},
                                      {"lifts", Value(std::move(seg_lifts))},
                                      {"srm", std::move(srm)},
                                      {"winner", winner_json(win)}}));
  }

  // Pooled by strategy, in order of first appearance.
  std::vector<std::string> strategies;
  std::map<std::string, std::vector<Stratum>> strata;
  std::map<std::string, json::Array> strata_names;
  for (size_t s = 0; s < nseg; ++s) {
    for (size_t a = 1; a < totals[s].size(); ++a) {
      const std::string& v = data.segments[s].arms[a].variant;
      if (!strata.count(v)) strategies.push_back(v);
      strata[v].push_back({totals[s][0], totals[s][a]});
      strata_names[v].push_back(Value(data.segments[s].name));
    }
  }
  std::vector<Lift> pooled;
  for (size_t k = 0; k < strategies.size(); ++k) {
    for (Metric m : kLiftMetrics) {
      pooled.push_back({0, k, m, compare_stratified(strata[strategies[k]], m, two_sided), 1});
    }
  }
  holm(pooled);
  json::Array pooled_json;
  for (const Lift& l : pooled) {
    ArmTotals c, t;
    for (const Stratum& st : strata[strategies[l.arm]]) {
      c.add(st.control);
      t.add(st.treatment);
    }
    Value v = lift_json(l, c, t, strategies[l.arm], options.alpha);
    v.set("segments", Value(strata_names[strategies[l.arm]]));
    pooled_json.push_back(std::move(v));
  }

  json::Array metric_names;
  for (Metric m : kLiftMetrics) metric_names.push_back(Value(metric_key(m)));
  return Value::object({
      {"campaign", Value(data.campaign)},
      {"alpha", num(options.alpha)},
      {"units", count(data.units.size())},
      {"northStar", Value("rpm")},
      {"method", method_json(options)},
      {"family", Value::object({{"adjustment", Value("holm")},
                                {"members", Value("segments x treatments x metrics")},
                                {"metrics", Value(metric_names)},
                                {"size", count(lifts.size())}})},
      {"segments", Value(std::move(segments))},
      {"pooledFamily", Value::object({{"adjustment", Value("holm")},
                                      {"members", Value("strategies x metrics")},
                                      {"metrics", Value(metric_names)},
                                      {"size", count(pooled.size())}})},
      {"pooled", Value(std::move(pooled_json))},
      {"attribution", attribution_report(data, options)},
      {"kpi", kpi_tree(data, totals, mismatched, options)},
  });
}

}  // namespace tailor::report
