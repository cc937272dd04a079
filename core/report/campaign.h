// The campaign report (issue 11, stage 9): what a campaign's sends did, arm by arm and segment
// by segment, and what to do next. Plain data in (the pipeline builds it from its simulation,
// the edge from stored events), one JSON document out (render it with report/html.h).
//
// Inputs: one UnitOutcome per sent customer (the unit of randomisation and of analysis), the
// segments with their arms (arms[0] is control, the others are treatments named by strategy),
// optional customer attributes for the attribution, and the pipeline's screening and
// eligibility counts for the guardrails.
//
// Metrics per unit: opened, clicked, purchased, unsubscribed (0/1) and revenue (>= 0, in the
// campaign's currency). Arm rates are per send: open rate = opens / sends, click rate = clicks /
// sends, purchase (conversion) rate = purchases / sends, RpM (revenue per message) = revenue /
// sends, unsubscribe rate = unsubscribes / sends. RpM is the campaign's RpMT (seed 002's north
// star, revenue per marketing touch) since one send is one touch.
//
// Statistics (all from core/stats; this module computes no test itself):
// - Lift of each treatment against its segment's control for open, click, purchase and RpM:
//   relative lift (t/c - 1), Welch CI and two-sided p (stats::welch_t_test, delta method).
//   The Holm family is every segment x treatment x {open, click, purchase, rpm}; a comparison
//   that cannot be tested (a control rate of 0, no variance in either arm) stays in the family
//   with p = 1, so the family is the one the design registered whatever the data.
// - Pooled by strategy: every segment that has the strategy contributes its treatment and
//   control arms; the estimate is post-stratified by segment (stats::stratified_test: segment
//   k weighs (n_c,k + n_t,k) / N, relative lift of the weighted means, normal reference). Its
//   Holm family is pooled strategies x the four metrics, separate from the segments' family.
// - SRM per segment: stats::srm_check of sends per arm against the arms' design weights.
// - Winner per segment, on RpM (the north star): among treatments whose RpM lift is positive
//   with Holm-adjusted p < alpha and whose unsubscribe rate is not significantly higher than
//   control's (one-sided Welch on the difference, unadjusted: a guardrail errs towards
//   caution), the one with the largest RpM lift. Otherwise "no significant winner", with the n
//   per arm that the best observed RpM effect would need (stats::sample_size_means at
//   alpha / family size, the Bonferroni bound of Holm's first step, and options.power).
// - Attribution and the KPI tree: report/attribution.h, report/kpi.h.
//
// Failure (a message naming the field and what would be valid): options out of range, no
// segments, a segment without a control and a treatment, arm weights not > 0, a unit naming an
// unknown segment or arm, revenue negative or not finite, an attribute column whose length is
// not the number of units, screening counts that do not add up.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::report {

struct ArmInfo {
  std::string variant;     // "control" | strategy name ("benefit", "social_proof", ...)
  std::string variant_id;  // the generated variant's id ("" for control)
  double weight = 0;       // design traffic weight (> 0; any scale)
};

struct SegmentInfo {
  std::string name;           // display name ("At Risk")
  std::string experiment;     // "<campaign>-<segment-slug>"
  std::vector<ArmInfo> arms;  // arms[0] is control; at least one treatment
};

struct UnitOutcome {
  uint32_t segment = 0;  // index into CampaignData::segments
  uint32_t arm = 0;      // index into that segment's arms
  bool opened = false;
  bool clicked = false;
  bool purchased = false;
  bool unsubscribed = false;
  double revenue = 0;
};

// One customer attribute per unit (in the units' order). Numeric: `numbers` (NaN = missing);
// categorical (booleans too, as "true"/"false"): `labels` ("" = missing). Exactly one of the
// two has one entry per unit.
struct AttributeColumn {
  enum class Kind { kNumeric, kCategorical };
  std::string name;
  Kind kind = Kind::kNumeric;
  std::vector<double> numbers;
  std::vector<std::string> labels;
};

// What the pipeline knows before anything is sent (seed 003's guardrails).
struct ScreeningSummary {
  uint64_t variants_screened = 0;   // generated variants put through the safety engine
  uint64_t variants_allowed = 0;    // passed
  uint64_t variants_review = 0;     // held for a human decision
  uint64_t variants_blocked = 0;    // blocked (allowed + review + blocked = screened)
  uint64_t opted_out_excluded = 0;  // customers without consent, never assigned
  uint64_t opted_out_sent = 0;      // sends to customers without consent (must be 0)
  uint64_t capped_excluded = 0;     // customers left out by the frequency cap
};

struct CampaignData {
  std::string campaign;
  std::vector<SegmentInfo> segments;
  std::vector<UnitOutcome> units;
  std::vector<AttributeColumn> attributes;
  ScreeningSummary screening;
};

struct ReportOptions {
  double alpha = 0.05;              // (0, 0.5]
  double power = 0.8;               // for the sample size of an undecided test, (0, 1)
  double screening_pass_min = 0.9;  // seed 003: > 90% safety pass rate, in [0, 1]
  int bins = 5;                     // numeric attribute bins (quantiles), 2..10
  int max_categories = 8;           // categories per attribute before "other", 2..20
};

// Checks the options and the data's shape (see the failures above); the report calls it.
Status validate_campaign_data(const CampaignData& data, const ReportOptions& options);

// The report document (numbers are JSON numbers; a value that cannot be formed is null):
//   campaign, alpha, units (sends), northStar: "rpm", method: {estimator descriptions},
//   family: {adjustment: "holm", members, metrics: [open, click, purchase, rpm], size},
//   segments: [{name, experiment, sends,
//     arms: [{variant, variantId, control, weight, sends, opens, clicks, purchases,
//             unsubscribes, revenue, openRate, clickRate, purchaseRate, purchaseRateCi: [lo, hi],
//             rpm, rpmCi: [lo, hi], unsubscribeRate, aov}],
//     lifts: [{variant, metric, control, treatment, testable, lift, ciLower, ciUpper, pValue,
//              pAdjusted, significant} | {variant, metric, testable: false, reason, pAdjusted}],
//     srm: {observed, expected, chi2, dof, pValue, threshold, mismatch},
//     winner: {metric: "rpm", variant | null, lift?, pAdjusted?, recommendation,
//              requiredPerArm?, currentPerArm?, powerAlpha?}}],
//   pooledFamily: {adjustment, members, metrics, size},
//   pooled: [{variant, metric, segments: [names], ...the lift members}],
//   attribution: report/attribution.h, kpi: report/kpi.h.
// Arm CIs are mean +- z_{1-alpha/2} sqrt(variance / n). Failure: see above (the message
// starts with the offending field, e.g. "units[12].arm").
Result<json::Value> campaign_report(const CampaignData& data, const ReportOptions& options);

}  // namespace tailor::report
