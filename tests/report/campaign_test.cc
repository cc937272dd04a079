// core/report campaign report: lifts, CIs, p-values, Holm family, SRM, pooled strategies,
// winners, KPI guardrails and validation. Golden numbers come from
// tools/gen/campaign_report_reference.py (independent formulas; see its docstring), the rest
// is worked out by hand in the comments.
#include "core/report/campaign.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "tests/report/campaign_fixture.h"

using tailor::json::Value;
using tailor::report::ArmInfo;
using tailor::report::campaign_report;
using tailor::report::CampaignData;
using tailor::report::ReportOptions;
using tailor::report::SegmentInfo;
using namespace tailor::report::testing;

namespace {

const Value* find_lift(const Value& lifts_owner, const char* member, const std::string& variant,
                       const std::string& metric) {
  for (const Value& l : arr(lifts_owner, member)) {
    if (str(l, "variant") == variant && str(l, "metric") == metric) return &l;
  }
  return nullptr;
}

const Value* guardrail(const Value& report, const std::string& name) {
  for (const Value& g : arr(obj(report, "kpi"), "guardrails")) {
    if (str(g, "name") == name) return &g;
  }
  return nullptr;
}

std::vector<double> fifty(int k) { return std::vector<double>(static_cast<size_t>(k), 50.0); }

}  // namespace

TEST_CASE("campaign report: every lift, CI, p and Holm p equals the independent reference",
          "[campaign-report]") {
  auto r = campaign_report(golden_campaign(), ReportOptions{});
  REQUIRE(r.ok());
  const Value& c = *campaign_cases().find("campaign");
  const auto& expected = arr(c, "lifts");
  REQUIRE(expected.size() == 12);
  // The family: 2 treatments in Loyal + 1 in At Risk, times open, click, purchase, rpm.
  CHECK(num(obj(*r, "family"), "size") == 12);
  CHECK(str(obj(*r, "family"), "adjustment") == "holm");
  size_t significant = 0;
  for (const Value& e : expected) {
    const Value& seg = arr(*r, "segments")[static_cast<size_t>(num(e, "segment"))];
    const Value* got = find_lift(seg, "lifts", str(e, "variant"), str(e, "metric"));
    INFO(str(seg, "name") << " " << str(e, "variant") << " " << str(e, "metric"));
    REQUIRE(got != nullptr);
    CHECK(num(*got, "lift") == Approx(num(e, "lift")).epsilon(1e-9));
    CHECK(num(*got, "ciLower") == Approx(num(e, "ciLower")).epsilon(1e-6));
    CHECK(num(*got, "ciUpper") == Approx(num(e, "ciUpper")).epsilon(1e-6));
    CHECK(num(*got, "pValue") == Approx(num(e, "pValue")).epsilon(1e-6).margin(1e-12));
    CHECK(num(*got, "pAdjusted") == Approx(num(e, "pAdjusted")).epsilon(1e-6).margin(1e-12));
    const bool sig = num(e, "pAdjusted") < 0.05;
    significant += sig ? 1 : 0;
    CHECK(obj(*got, "significant").as_bool() == sig);
  }
  // Two open-rate lifts survive Holm (p 0.0005 and 0.002, times 12 and 11); nothing else does.
  CHECK(significant == 2);
}

TEST_CASE("campaign report: hand-computed lift and arm metrics", "[campaign-report]") {
  // Loyal control: 200 sends, 50 opens, 12 clicks, 8 purchases; benefit: 210, 95, 30, 20.
  auto r = campaign_report(golden_campaign(), ReportOptions{});
  REQUIRE(r.ok());
  const Value& loyal = arr(*r, "segments")[0];
  const Value& control = arr(loyal, "arms")[0];
  CHECK(num(control, "sends") == 200);
  CHECK(num(control, "openRate") == Approx(0.25));
  CHECK(num(control, "clickRate") == Approx(0.06));
  CHECK(num(control, "purchaseRate") == Approx(0.04));
  CHECK(num(control, "unsubscribeRate") == Approx(0.01));
  const Value* open = find_lift(loyal, "lifts", "benefit", "open");
  REQUIRE(open != nullptr);
  // (95/210) / (50/200) - 1 = 0.452381 / 0.25 - 1 = 0.809524.
  CHECK(num(*open, "lift") == Approx(0.8095238095));
  CHECK(num(*open, "control") == Approx(0.25));
  // RpM = revenue / sends and AOV = revenue / purchases, from the arm's own totals.
  double revenue = 0;
  const Value& cases = *campaign_cases().find("campaign");
  for (const Value& v : arr(arr(arr(cases, "segments")[0], "arms")[0], "revenues")) {
    revenue += v.as_number();
  }
  CHECK(num(control, "revenue") == Approx(revenue));
  CHECK(num(control, "rpm") == Approx(revenue / 200));
  CHECK(num(control, "aov") == Approx(revenue / 8));
}

TEST_CASE("campaign report: SRM per segment and pooled strategies match the reference",
          "[campaign-report]") {
  auto r = campaign_report(golden_campaign(), ReportOptions{});
  REQUIRE(r.ok());
  const Value& c = *campaign_cases().find("campaign");
  for (size_t s = 0; s < 2; ++s) {
    const Value& srm = obj(arr(*r, "segments")[s], "srm");
    CHECK(num(srm, "chi2") == Approx(num(arr(c, "srm")[s], "chi2")));
    CHECK(num(srm, "pValue") == Approx(num(arr(c, "srm")[s], "pValue")).epsilon(1e-6));
    CHECK_FALSE(obj(srm, "mismatch").as_bool());
  }
  // At Risk: weights 2:1, 300 + 160 sends -> expected 306.67 and 153.33.
  const Value& at_risk_srm = obj(arr(*r, "segments")[1], "srm");
  CHECK(arr(at_risk_srm, "expected")[0].as_number() == Approx(460.0 * 2 / 3));
  CHECK(num(obj(*r, "pooledFamily"), "size") == 8);  // {benefit, urgency} x 4 metrics
  for (const Value& e : arr(c, "pooled")) {
    const Value* got = find_lift(*r, "pooled", str(e, "variant"), str(e, "metric"));
    INFO(str(e, "variant") << " " << str(e, "metric"));
    REQUIRE(got != nullptr);
    CHECK(num(*got, "lift") == Approx(num(e, "lift")).epsilon(1e-9));
    CHECK(num(*got, "ciLower") == Approx(num(e, "ciLower")).epsilon(1e-6));
    CHECK(num(*got, "ciUpper") == Approx(num(e, "ciUpper")).epsilon(1e-6));
    CHECK(num(*got, "pValue") == Approx(num(e, "pValue")).margin(1e-9));
    CHECK(num(*got, "pAdjusted") == Approx(num(e, "pAdjusted")).margin(1e-8));
  }
  const Value* benefit = find_lift(*r, "pooled", "benefit", "rpm");
  REQUIRE(benefit != nullptr);
  CHECK(arr(*benefit, "segments").size() == 2);
}

TEST_CASE("campaign report: SRM is flagged when counts are off the design weights",
          "[campaign-report]") {
  CampaignData d;
  d.campaign = "srm";
  d.segments = {SegmentInfo{"Even", "srm-even", {{"control", "", 1}, {"benefit", "b1", 1}}},
                SegmentInfo{"Off", "srm-off", {{"control", "", 1}, {"benefit", "b2", 1}}}};
  add_arm(d, 0, 0, {1000, 200, 50, 30, 2, fifty(30)});
  add_arm(d, 0, 1, {990, 200, 50, 30, 2, fifty(30)});
  // chi2 = 2 * 100^2 / 900 = 22.2 on 1 dof: p = 2.4e-6 < 0.001.
  add_arm(d, 1, 0, {1000, 200, 50, 30, 2, fifty(30)});
  add_arm(d, 1, 1, {800, 160, 40, 24, 2, fifty(24)});
  d.screening = {4, 4, 0, 0, 0, 0, 0};
  auto r = campaign_report(d, ReportOptions{});
  REQUIRE(r.ok());
  const Value& even = obj(arr(*r, "segments")[0], "srm");
  const Value& off = obj(arr(*r, "segments")[1], "srm");
  CHECK_FALSE(obj(even, "mismatch").as_bool());
  CHECK(obj(off, "mismatch").as_bool());
  CHECK(num(off, "chi2") == Approx(200.0 / 9));
  CHECK(num(off, "pValue") < 0.001);
  const Value* g = guardrail(*r, "Sample ratio");
  REQUIRE(g != nullptr);
  CHECK(str(*g, "status") == "fail");
  CHECK(str(*g, "detail").find("Off") != std::string::npos);
}

TEST_CASE("campaign report: winner on RpM, no winner with the power context, guardrail hold",
          "[campaign-report]") {
  CampaignData d;
  d.campaign = "winners";
  d.segments = {
      SegmentInfo{"Big", "w-big", {{"control", "", 1}, {"benefit", "b", 1}, {"urgency", "u", 1}}},
      SegmentInfo{"Flat", "w-flat", {{"control", "", 1}, {"benefit", "b", 1}}},
      SegmentInfo{"Noisy", "w-noisy", {{"control", "", 1}, {"urgency", "u", 1}}}};
  add_arm(d, 0, 0, {3000, 600, 200, 150, 10, fifty(150)});
  add_arm(d, 0, 1, {3000, 600, 200, 300, 10, fifty(300)});  // RpM 5.00 vs 2.50
  add_arm(d, 0, 2, {3000, 600, 200, 160, 10, fifty(160)});
  add_arm(d, 1, 0, {400, 80, 20, 20, 1, fifty(20)});
  add_arm(d, 1, 1, {400, 80, 20, 23, 1, fifty(23)});  // RpM 2.875 vs 2.50: +15%, not significant
  add_arm(d, 2, 0, {2000, 400, 100, 100, 10, fifty(100)});
  add_arm(d, 2, 1, {2000, 400, 100, 200, 60, fifty(200)});  // RpM doubles, unsubscribes x6
  d.screening = {16, 15, 1, 0, 0, 0, 0};
  auto r = campaign_report(d, ReportOptions{});
  REQUIRE(r.ok());
  CHECK(num(obj(*r, "family"), "size") == 16);

  const Value& big = obj(arr(*r, "segments")[0], "winner");
  CHECK(str(big, "variant") == "benefit");
  CHECK(num(big, "lift") == Approx(1.0));  // 5.00 / 2.50 - 1
  CHECK(str(big, "recommendation").find("Roll out \"benefit\" to Big") == 0);
  CHECK(str(big, "recommendation").find("5.00 vs 2.50") != std::string::npos);

  const Value& flat = obj(arr(*r, "segments")[1], "winner");
  CHECK(obj(flat, "variant").is_null());
  CHECK(str(flat, "recommendation")
            .find("No significant winner in Flat; keep control or extend "
                  "the test.") == 0);
  // n = 2 (z_{1 - a/2} + z_0.8)^2 sd^2 / d^2 with a = 0.05 / 16, sd^2 = (119.048 + 135.824) / 2
  // (the RpM variances of 20 and 23 purchases of 50 in 400), d = 2.875 - 2.5:
  // python3 -c "from statistics import NormalDist as N; import math; a=0.05/16;
  //   print(math.ceil(2*(N().inv_cdf(1-a/2)+N().inv_cdf(.8))**2*(119.04761904761905+
  //   135.82393483709274)/2/0.375**2))"  -> 26128
  CHECK(num(flat, "requiredPerArm") == 26128);
  CHECK(num(flat, "currentPerArm") == 400);
  CHECK(str(flat, "recommendation").find("26,128 sends per arm") != std::string::npos);

  const Value& noisy = obj(arr(*r, "segments")[2], "winner");
  CHECK(obj(noisy, "variant").is_null());
  CHECK(str(noisy, "recommendation")
            .find("\"urgency\" raised revenue per message but also the "
                  "unsubscribe rate") != std::string::npos);

  // Unsubscribes over all treatments (80 / 9400) against control (30 / 5400) are higher
  // with post-stratified one-sided p < 0.05: the guardrail fails.
  const Value* unsub = guardrail(*r, "Unsubscribe rate");
  REQUIRE(unsub != nullptr);
  CHECK(str(*unsub, "status") == "fail");
  const Value* screening = guardrail(*r, "Safety screening pass rate");
  REQUIRE(screening != nullptr);
  CHECK(num(*screening, "value") == Approx(15.0 / 16));  // 93.75% > 90%
  CHECK(str(*screening, "status") == "pass");
}

TEST_CASE("campaign report: KPI tree formulas, values and guardrails", "[campaign-report]") {
  CampaignData d = golden_campaign();
  d.screening = {20, 17, 2, 1, 5, 1, 0};  // 85% allowed; one opted-out customer was sent
  auto r = campaign_report(d, ReportOptions{});
  REQUIRE(r.ok());
  const Value& kpi = obj(*r, "kpi");
  const Value& north = obj(kpi, "northStar");
  CHECK(str(north, "formula") == "revenue / touches");
  CHECK(str(north, "source").find("exposure events") != std::string::npos);
  // Control: Loyal's and At Risk's control arms together (500 sends).
  double control_revenue = 0;
  for (const Value& arm : arr(*r, "segments")[0].find("arms")->as_array()) {
    if (obj(arm, "control").as_bool()) control_revenue += num(arm, "revenue");
  }
  for (const Value& arm : arr(*r, "segments")[1].find("arms")->as_array()) {
    if (obj(arm, "control").as_bool()) control_revenue += num(arm, "revenue");
  }
  CHECK(num(north, "control") == Approx(control_revenue / 500));
  bool aov = false;
  for (const Value& m : arr(kpi, "supporting")) {
    if (str(m, "key") != "aov") continue;
    aov = true;
    CHECK(str(m, "formula") == "revenue / purchases");
    CHECK(num(m, "control") == Approx(control_revenue / 13));  // 8 + 5 purchases
  }
  CHECK(aov);
  // Seed 002's plan recomputed: +15% relative on the control's 13 / 500 = 2.6% conversion.
  // python3 -c "from statistics import NormalDist as N; import math;
  //   z=N().inv_cdf(.975)+N().inv_cdf(.8); pc=13/500; pt=pc*1.15;
  //   print(math.ceil(z*z*(pc*(1-pc)+pt*(1-pt))/(pt-pc)**2))"  -> 28037
  CHECK(num(obj(kpi, "testPlan"), "perArm") == 28037);
  CHECK(str(*guardrail(*r, "Safety screening pass rate"), "status") == "fail");
  CHECK(str(*guardrail(*r, "Opted-out customers sent"), "status") == "fail");
  CHECK(str(*guardrail(*r, "Sample ratio"), "status") == "pass");
  d.screening = {20, 19, 1, 0, 5, 0, 0};
  auto ok = campaign_report(d, ReportOptions{});
  REQUIRE(ok.ok());
  CHECK(str(*guardrail(*ok, "Safety screening pass rate"), "status") == "pass");
  CHECK(str(*guardrail(*ok, "Opted-out customers sent"), "status") == "pass");
}

TEST_CASE("campaign report: bad input is named", "[campaign-report]") {
  CampaignData d = golden_campaign();
  ReportOptions o;
  o.alpha = 0;
  CHECK(campaign_report(d, o).error() == "options.alpha must be in (0, 0.5], got 0");
  o = ReportOptions{};
  o.bins = 1;
  CHECK(campaign_report(d, o).error() == "options.bins must be a whole number from 2 to 10, got 1");

  CampaignData bad_arm = d;
  bad_arm.units[5].arm = 3;
  CHECK(campaign_report(bad_arm, {}).error() ==
        "units[5].arm is 3, expected 0 to 2 (segment \"Loyal\" has 3 arms)");
  CampaignData no_control = d;
  no_control.segments[1].arms[0].variant = "benefit";
  CHECK(
      campaign_report(no_control, {}).error().find("segments[1].arms[0].variant is \"benefit\"") ==
      0);
  CampaignData weight = d;
  weight.segments[0].arms[2].weight = 0;
  CHECK(campaign_report(weight, {}).error() ==
        "segments[0].arms[2].weight must be a number > 0, got 0");
  CampaignData revenue = d;
  revenue.units[0].revenue = -1;
  CHECK(campaign_report(revenue, {}).error() ==
        "units[0].revenue must be a finite number >= 0, got -1");
  CampaignData attr = d;
  attr.attributes.push_back({"age", tailor::report::AttributeColumn::Kind::kNumeric, {1, 2}, {}});
  CHECK(campaign_report(attr, {}).error() ==
        "attributes[0].numbers has 2 values, expected one per unit (1060)");
  CampaignData screening = d;
  screening.screening.variants_blocked = 5;
  CHECK(campaign_report(screening, {}).error() ==
        "screening.variants_screened is 12, expected allowed + review + blocked = 17");
  CampaignData empty = d;
  empty.segments.clear();
  CHECK(campaign_report(empty, {}).error() == "segments is empty, expected at least one segment");
}

TEST_CASE("campaign report: an untestable comparison stays in the family with p = 1",
          "[campaign-report]") {
  CampaignData d;
  d.campaign = "zero";
  d.segments = {SegmentInfo{"Cold", "z-cold", {{"control", "", 1}, {"benefit", "b", 1}}}};
  // No control purchases: relative purchase and RpM lifts are undefined.
  add_arm(d, 0, 0, {100, 20, 5, 0, 0, {}});
  add_arm(d, 0, 1, {100, 30, 8, 4, 0, fifty(4)});
  auto r = campaign_report(d, ReportOptions{});
  REQUIRE(r.ok());
  CHECK(num(obj(*r, "family"), "size") == 4);
  const Value* purchase = find_lift(arr(*r, "segments")[0], "lifts", "benefit", "purchase");
  REQUIRE(purchase != nullptr);
  CHECK_FALSE(obj(*purchase, "testable").as_bool());
  CHECK(str(*purchase, "reason").find("control mean is 0") != std::string::npos);
  CHECK(num(*purchase, "pAdjusted") == 1);
  CHECK(obj(obj(arr(*r, "segments")[0], "winner"), "variant").is_null());
}

TEST_CASE("campaign report: an arm without sends is reported, not a failure", "[campaign-report]") {
  CampaignData d;
  d.campaign = "empty-arm";
  d.segments = {SegmentInfo{"Few", "e-few", {{"control", "", 1}, {"benefit", "b", 1}}},
                SegmentInfo{"Many", "e-many", {{"control", "", 1}, {"benefit", "b", 1}}}};
  add_arm(d, 0, 0, {50, 10, 2, 2, 0, fifty(2)});  // "Few" has no benefit sends at all
  add_arm(d, 1, 0, {300, 60, 10, 9, 1, fifty(9)});
  add_arm(d, 1, 1, {300, 75, 14, 15, 1, fifty(15)});
  auto r = campaign_report(d, ReportOptions{});
  REQUIRE(r.ok());
  const Value& few = arr(*r, "segments")[0];
  CHECK(obj(arr(few, "arms")[1], "rpm").is_null());  // 0 / 0
  for (const Value& l : arr(few, "lifts")) CHECK_FALSE(obj(l, "testable").as_bool());
  // 50 vs 0 sends against 1:1 is a sample-ratio mismatch (chi2 = 50, p ~ 1.5e-12).
  CHECK(obj(obj(few, "srm"), "mismatch").as_bool());
  CHECK(num(obj(few, "srm"), "chi2") == Approx(50));
  // The pooled benefit lift uses the one segment where both arms have sends.
  const Value* pooled = find_lift(*r, "pooled", "benefit", "purchase");
  REQUIRE(pooled != nullptr);
  CHECK(obj(*pooled, "testable").as_bool());
  CHECK(num(*pooled, "lift") == Approx(15.0 / 9 - 1));
}
