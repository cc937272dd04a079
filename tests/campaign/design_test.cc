#include "core/campaign/design.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/assign/decide.h"
#include "core/campaign/publish.h"
#include "core/config/automation.h"
#include "core/config/validate.h"
#include "core/dataset/read.h"
#include "core/json/parse.h"

using namespace tailor;
using campaign::SendStatus;

namespace {

// 4,000 customers: tier gold for every 5th, consent false for every 7th, missing for every
// 50th; emails_last_30d = i % 12 (capped at 10: i % 12 in {10, 11}).
dataset::Table customers() {
  std::string csv = "customer_id,tier,email_opt_in,emails_last_30d\n";
  for (int i = 0; i < 4000; ++i) {
    const std::string consent = i % 50 == 0 ? "" : (i % 7 == 0 ? "false" : "true");
    csv += "cust-" + std::to_string(i) + "," + (i % 5 == 0 ? "gold" : "basic") + "," + consent +
           "," + std::to_string(i % 12) + "\n";
  }
  dataset::ReadOptions options;
  options.consent = dataset::ConsentRule{"email_opt_in", dataset::ConsentMeaning::kTrueMeansConsent};
  auto read = dataset::read_csv(csv, "customers.csv", options);
  REQUIRE(read.ok());
  return read->table;
}

std::vector<campaign::SegmentPlan> plans() {
  std::vector<campaign::SegmentPlan> out;
  for (auto [name, slug] : {std::pair{"Gold", "gold"}, std::pair{"Everyone else", "everyone-else"}}) {
    campaign::SegmentPlan p{name, slug, {{"control", "", ""}}};
    for (const char* s : {"benefit", "social_proof", "loyalty"}) {
      p.arms.push_back({s, std::string(slug) + "/" + s, std::string(64, 'a')});
    }
    out.push_back(p);
  }
  return out;
}

campaign::DesignSpec spec(const char* json_text) {
  auto doc = json::parse(json_text);
  REQUIRE(doc.ok());
  auto parsed = campaign::parse_design_spec(*doc, "design");
  REQUIRE(parsed.ok());
  return *parsed;
}

}  // namespace

TEST_CASE("design: consent, frequency cap, and arms as the browser assigns them", "[campaign]") {
  const dataset::Table table = customers();
  std::vector<uint32_t> row_segment(table.row_count());
  for (size_t r = 0; r < table.row_count(); ++r) row_segment[r] = r % 5 == 0 ? 0 : 1;
  auto design = campaign::make_design(
      "winter", table, row_segment, plans(),
      spec(R"({"frequency_cap": {"column": "emails_last_30d", "max": 10}, "seed": "s1"})"));
  REQUIRE(design.ok());
  CHECK(design->hash_attribute == "customer_id");
  size_t assigned = 0;
  for (size_t r = 0; r < table.row_count(); ++r) {
    const campaign::Assignment& a = design->rows[r];
    CHECK(a.segment == row_segment[r]);
    if (r % 50 == 0 || r % 7 == 0) {
      CHECK(a.status == SendStatus::kNoConsent);  // opted out, or consent unknown
    } else if (r % 12 >= 10) {
      CHECK(a.status == SendStatus::kCapped);
    } else {
      CHECK(a.status == SendStatus::kAssigned);
      ++assigned;
    }
  }
  // The published config gives every assigned customer the same arm through decide().
  std::vector<json::Value> conditions = {
      json::Value::object({{"tier", "gold"}}), json::Value::empty_object()};
  std::vector<std::vector<json::Value>> values;
  for (const auto& s : design->segments) {
    values.emplace_back();
    for (const auto& arm : s.plan.arms) {
      values.back().push_back(json::Value::object({{"segment", s.plan.name}, {"variant", arm.variant}}));
    }
  }
  auto config = campaign::build_config(*design, json::Value(), conditions, values);
  REQUIRE(config.ok());
  CHECK(config::validate(*config).ok());
  size_t checked = 0;
  for (size_t r = 0; r < table.row_count(); ++r) {
    const campaign::Assignment& a = design->rows[r];
    if (a.status != SendStatus::kAssigned) continue;
    json::Value attributes = json::Value::object(
        {{"customer_id", std::string(table.text(r, 0))}, {"tier", std::string(table.text(r, 1))}});
    json::Value answer = assign::decide(*config, attributes, json::Value());
    const json::Value* value = answer.find("features")->find("winter-web")->find("value");
    REQUIRE(value != nullptr);
    REQUIRE(value->is_object());
    const auto& s = design->segments[a.segment];
    CHECK(value->find("segment")->as_string() == s.plan.name);
    CHECK(value->find("variant")->as_string() == s.plan.arms[static_cast<size_t>(a.arm)].variant);
    ++checked;
  }
  CHECK(checked == assigned);
  // Equal weights: each arm's share within 4 binomial standard errors of 1/4.
  for (const auto& s : design->segments) {
    double total = 0;
    for (size_t c : s.arm_counts) total += static_cast<double>(c);
    for (size_t c : s.arm_counts) {
      CHECK(std::fabs(static_cast<double>(c) / total - 0.25) < 4 * std::sqrt(0.25 * 0.75 / total));
    }
  }
}

TEST_CASE("design: the power check's numbers", "[campaign]") {
  const dataset::Table table = customers();
  std::vector<uint32_t> row_segment(table.row_count(), 1);
  row_segment[0] = 0;
  auto design = campaign::make_design("winter", table, row_segment, plans(), spec("{}"));
  REQUIRE(design.ok());
  // python3 statistics.NormalDist: 2 segments x 3 treatments, alpha 0.05 / 6, power 0.8,
  // 0.03 -> 0.033: n = ceil((z(1-a/2) + z(0.8))^2 (0.03*0.97 + 0.033*0.967) / 0.003^2) = 82091.
  CHECK(design->segments[1].power.required_per_arm == 82091);
  CHECK(design->segments[1].power.underpowered);
  CHECK(design->warnings.size() == 2);
  CHECK(design->warnings[1].rfind("segment \"Everyone else\" is underpowered: about ", 0) == 0);
}

TEST_CASE("design spec errors", "[campaign]") {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {R"({"treatments": 0})", "design.treatments must be a whole number from 1 to 8, got 0"},
      {R"({"weights": [0.5, 0.5]})",
       "design.weights must be an array of 4 numbers (control first, then each treatment), got "
       "[0.5,0.5]"},
      {R"({"weights": [0.25, 0.25, 0.25, 0.2]})", "design.weights must sum to 1, got 0.95"},
      {R"({"allocation": "greedy"})",
       "design.allocation is \"greedy\", expected \"fixed\" or \"thompson\""},
      {R"({"thompson": {"min_weight": 0.3}})",
       "design.thompson.min_weight must be a number from 0 to 0.2, got 0.3"},
      {R"({"baseline": {"metric": "revenue"}})",
       "design.baseline.metric is \"revenue\", expected \"purchase\", \"click\" or \"open\""},
      {R"({"frequency_cap": {"column": "x"}})", "design.frequency_cap.max is required"},
      {R"({"alpha": 2})", "design.alpha must be a number from 0.000001 to 0.999, got 2"},
      // The web arm's live bandit is config's "bandit" declaration, checked by its parser
      // with 1 + treatments variations.
      {R"({"web_bandit": {"metric": "purchase", "intervalMinutes": 60, "burnInExposures": 100,
                          "minWeight": 0.3}})",
       "design.web_bandit.minWeight: must be a number from 0 to 1/4 (4 variations)"},
      {R"({"web_bandit": {"intervalMinutes": 5}})",
       "design.web_bandit.metric: must be a non-empty string (an event name)"},
  };
  for (const Case& c : cases) {
    auto doc = json::parse(c.json);
    REQUIRE(doc.ok());
    auto parsed = campaign::parse_design_spec(*doc, "design");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error() == c.message);
  }
}

TEST_CASE("approval entries validate in the audit chain", "[campaign]") {
  auto approver = campaign::check_approver("Dana Lee");
  REQUIRE(approver.ok());
  CHECK_FALSE(campaign::check_approver("").ok());
  CHECK_FALSE(campaign::check_approver("x;rm").ok());
  audit::Chain chain;
  auto record = chain.append(
      campaign::approval_entry("winter", std::string(64, 'b'), *approver, "2026-12-07T10:00:00Z"));
  REQUIRE(record.ok());
  CHECK(record->entry.actor == "approver:Dana Lee");
}

TEST_CASE("design: thompson allocation from an earlier wave", "[campaign]") {
  const dataset::Table table = customers();
  std::vector<uint32_t> row_segment(table.row_count());
  for (size_t r = 0; r < table.row_count(); ++r) row_segment[r] = r % 5 == 0 ? 0 : 1;
  // Gold: loyalty converted 60 of 400, the others 10 of 400; "Everyone else" has no prior.
  campaign::Prior prior;
  prior["Gold"]["control"] = {400, 10};
  prior["Gold"]["benefit"] = {400, 10};
  prior["Gold"]["social_proof"] = {400, 10};
  prior["Gold"]["loyalty"] = {400, 60};
  auto design = campaign::make_design(
      "winter", table, row_segment, plans(),
      spec(R"({"allocation": "thompson", "thompson": {"control_floor": 0.3, "min_weight": 0.05}})"),
      prior);
  REQUIRE(design.ok());
  const auto& gold = design->segments[0];
  REQUIRE(gold.weights.size() == 4);
  // Loyalty wins essentially every draw (60/400 against 10/400 is z > 6). bandit/thompson.h's
  // rules, by hand: control max(0.3, ~0) = 0.3, loyalty the other 0.7; then benefit and
  // social_proof are raised to 0.05 each, the 0.1 taken from control and loyalty in proportion
  // to what they hold above 0.05 (0.25 and 0.65 of 0.9): 0.3 - 0.1 * 0.25 / 0.9 = 0.27222,
  // 0.05, 0.05, 0.7 - 0.1 * 0.65 / 0.9 = 0.62778.
  CHECK(gold.win_probability[3] > 0.999);
  CHECK(gold.weights[0] == Approx(0.27222).margin(1e-3));
  CHECK(gold.weights[1] == Approx(0.05).margin(1e-3));
  CHECK(gold.weights[2] == Approx(0.05).margin(1e-3));
  CHECK(gold.weights[3] == Approx(0.62778).margin(1e-3));
  // No prior: the challengers are equally likely, so control 0.3 and 0.7 / 3 each.
  const auto& rest = design->segments[1];
  CHECK(rest.weights[0] == Approx(0.3));
  for (size_t a = 1; a < 4; ++a) CHECK(rest.weights[a] == Approx(0.7 / 3).margin(0.02));
  // Assignment follows the weights, and the published config assigns the same arms.
  double total = 0;
  for (size_t c : gold.arm_counts) total += static_cast<double>(c);
  for (size_t a = 0; a < 4; ++a) {
    const double share = static_cast<double>(gold.arm_counts[a]) / total;
    CHECK(std::fabs(share - gold.weights[a]) <
          4 * std::sqrt(gold.weights[a] * (1 - gold.weights[a]) / total));
  }
  std::vector<std::vector<json::Value>> values;
  for (const auto& s : design->segments) {
    values.emplace_back();
    for (const auto& arm : s.plan.arms) values.back().push_back(json::Value(arm.variant));
  }
  auto config = campaign::build_config(
      *design, json::Value(),
      {json::Value::object({{"tier", "gold"}}), json::Value::empty_object()}, values);
  REQUIRE(config.ok());
  for (size_t r = 0; r < table.row_count(); ++r) {
    const auto& a = design->rows[r];
    if (a.status != SendStatus::kAssigned) continue;
    json::Value attributes = json::Value::object(
        {{"customer_id", std::string(table.text(r, 0))}, {"tier", std::string(table.text(r, 1))}});
    const json::Value answer = assign::decide(*config, attributes, json::Value());
    CHECK(answer.find("features")->find("winter-web")->find("value")->as_string() ==
          design->segments[a.segment].plan.arms[static_cast<size_t>(a.arm)].variant);
  }
}

TEST_CASE("design: a web bandit goes on every segment's rule, for the edge's controller",
          "[campaign]") {
  const dataset::Table table = customers();
  std::vector<uint32_t> row_segment(table.row_count());
  for (size_t r = 0; r < table.row_count(); ++r) row_segment[r] = r % 5 == 0 ? 0 : 1;
  auto design = campaign::make_design(
      "winter", table, row_segment, plans(),
      spec(R"({"web_bandit": {"metric": "purchase", "intervalMinutes": 60,
                              "burnInExposures": 500, "minWeight": 0.05,
                              "stopAt": {"chanceToWin": 0.95}}})"));
  REQUIRE(design.ok());
  std::vector<std::vector<json::Value>> values;
  for (const auto& s : design->segments) {
    values.emplace_back();
    for (const auto& arm : s.plan.arms) values.back().push_back(json::Value(arm.variant));
  }
  auto config = campaign::build_config(
      *design, json::Value(),
      {json::Value::object({{"tier", "gold"}}), json::Value::empty_object()}, values);
  REQUIRE(config.ok());
  REQUIRE(config::validate(*config).ok());
  // One automated experiment per segment, each the segment's experiment with its arms.
  auto automated = config::automated_experiments(*config);
  REQUIRE(automated.ok());
  REQUIRE(automated->size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    const auto& e = (*automated)[i];
    CHECK(e.key == design->segments[i].experiment);
    CHECK(e.is_bandit);
    CHECK(e.variations == 4);
    CHECK(e.bandit.metric == "purchase");
    CHECK(e.bandit.burn_in_exposures == 500);
    CHECK(e.bandit.chance_to_win == 0.95);
    CHECK(e.weights == design->segments[i].weights);
  }
  // The approver sees it: it is in the hashed design document; without it the document is
  // as before.
  const json::Value doc = campaign::design_to_json(*design);
  REQUIRE(doc.find("webBandit") != nullptr);
  CHECK(doc.find("webBandit")->find("burnInExposures")->as_number() == 500);
  auto plain = campaign::make_design("winter", table, row_segment, plans(), spec("{}"));
  REQUIRE(plain.ok());
  CHECK(campaign::design_to_json(*plain).find("webBandit") == nullptr);
}

TEST_CASE("design: the prior read from a report", "[campaign]") {
  auto report = json::parse(R"({"segments": [{"name": "Gold", "arms": [
      {"variant": "control", "sends": 100, "purchases": 3},
      {"variant": "loyalty", "sends": 90, "purchases": 9}]}]})");
  REQUIRE(report.ok());
  auto prior = campaign::prior_from_report(*report);
  REQUIRE(prior.ok());
  CHECK(prior->at("Gold").at("loyalty").purchases == 9);
  auto bad = json::parse(R"({"segments": [{"name": "Gold", "arms": [
      {"variant": "control", "sends": 10, "purchases": 30}]}]})");
  REQUIRE(bad.ok());
  auto refused = campaign::prior_from_report(*bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error() ==
        "report.json: segments[0].arms[0] needs \"variant\" and whole \"sends\" >= \"purchases\" "
        ">= 0");
}
