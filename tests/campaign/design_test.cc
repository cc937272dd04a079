#include "core/campaign/design.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/assign/decide.h"
#include "core/campaign/publish.h"
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
      {R"({"allocation": "greedy"})", "design.allocation is \"greedy\", expected \"fixed\""},
      {R"({"baseline": {"metric": "revenue"}})",
       "design.baseline.metric is \"revenue\", expected \"purchase\", \"click\" or \"open\""},
      {R"({"frequency_cap": {"column": "x"}})", "design.frequency_cap.max is required"},
      {R"({"alpha": 2})", "design.alpha must be a number from 0.000001 to 0.999, got 2"},
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
