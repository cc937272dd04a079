// core/simulate: outcomes as core/events events and back.
#include "core/simulate/events.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/dataset/read.h"
#include "core/json/parse.h"
#include "tests/parse_json.h"

using namespace tailor::simulate;
namespace events = tailor::events;

namespace {

Unit unit(std::string customer, std::string segment, std::string experiment, std::string variant) {
  Unit u;
  u.customer = std::move(customer);
  u.segment_name = std::move(segment);
  u.experiment = std::move(experiment);
  u.variant = std::move(variant);
  return u;
}

// Two sends: C1 opened, clicked, bought for 54.25 and unsubscribed; C2 did nothing.
std::vector<Unit> two_units() {
  return {unit("C1", "At Risk", "winter-2026-at-risk", "urgency"),
          unit("C2", "Champions", "winter-2026-champions", "control")};
}
std::vector<Outcome> two_outcomes() {
  Outcome a;
  a.send_ms = 1796115600000;
  a.opened = a.clicked = a.purchased = a.unsubscribed = true;
  a.open_ms = 1796115660000;
  a.click_ms = 1796115670000;
  a.purchase_ms = 1796119200000;
  a.unsubscribe_ms = 1796115700000;
  a.revenue = 54.25;
  Outcome b;
  b.send_ms = 1796115600000;
  return {a, b};
}

std::string error_of(const std::vector<Unit>& units, const std::vector<events::Event>& e) {
  auto r = outcomes_from_events(units, e);
  return r.ok() ? "ok" : r.error();
}

}  // namespace

TEST_CASE("to_events: an exposure per send and a conversion per step", "[simulate]") {
  auto r = to_events(two_units(), two_outcomes());
  REQUIRE(r.ok());
  std::vector<std::string> lines;
  for (const auto& e : *r) lines.push_back(events::to_json(e));
  // Written by hand from events.h and core/events' member order.
  CHECK(lines == std::vector<std::string>{
                     R"({"id":"winter-2026-at-risk:C1:exposure","type":"exposure",)"
                     R"("ts":1796115600000,"user":"C1","experiment":"winter-2026-at-risk",)"
                     R"("variant":"urgency","attributes":{"segment":"At Risk"}})",
                     R"({"id":"winter-2026-at-risk:C1:open","type":"conversion",)"
                     R"("ts":1796115660000,"user":"C1","name":"open"})",
                     R"({"id":"winter-2026-at-risk:C1:click","type":"conversion",)"
                     R"("ts":1796115670000,"user":"C1","name":"click"})",
                     R"({"id":"winter-2026-at-risk:C1:purchase","type":"conversion",)"
                     R"("ts":1796119200000,"user":"C1","name":"purchase","value":54.25})",
                     R"({"id":"winter-2026-at-risk:C1:unsubscribe","type":"conversion",)"
                     R"("ts":1796115700000,"user":"C1","name":"unsubscribe"})",
                     R"({"id":"winter-2026-champions:C2:exposure","type":"exposure",)"
                     R"("ts":1796115600000,"user":"C2","experiment":"winter-2026-champions",)"
                     R"("variant":"control","attributes":{"segment":"Champions"}})"});
  auto back = outcomes_from_events(two_units(), *r);
  REQUIRE(back.ok());
  CHECK(*back == two_outcomes());

  CHECK(to_events(two_units(), {}).error() == "to_events: 2 units but 0 outcomes");
}

TEST_CASE("to_events: ids stay within 128 bytes and unique", "[simulate]") {
  const std::string long_id(120, 'x');
  std::vector<Unit> units{unit(long_id + "1", "S", "exp", "benefit"),
                          unit(long_id + "2", "S", "exp", "benefit")};
  std::vector<Outcome> outcomes(2);
  outcomes[0].opened = outcomes[1].opened = true;
  auto r = to_events(units, outcomes);
  REQUIRE(r.ok());
  REQUIRE(r->size() == 4);
  std::set<std::string> ids;
  for (const auto& e : *r) {
    CHECK(e.id.size() <= events::kMaxIdBytes);
    CHECK(e.id.starts_with("sim:"));
    ids.insert(e.id);
  }
  CHECK(ids.size() == 4);
  // python3: n = ("exp:" + "x" * 120 + "1").encode(); FNV-1a 64 (offset 0xcbf29ce484222325,
  // prime 0x100000001b3, mod 2^64) of n and of n[::-1], 16 hex digits each.
  CHECK((*r)[1].id == "sim:a4968f9b5595ae25f6b4c22fee6a1aad:open");
}

TEST_CASE("simulated events pass the event schema and give the outcomes back", "[simulate]") {
  std::string csv = "customer_id,email_opt_in,email_engagement\n";
  for (int i = 1; i <= 3000; ++i) {
    csv += "C" + std::to_string(i) + ",true," + std::to_string((i * 37 % 100) / 100.0) + "\n";
  }
  tailor::dataset::ReadOptions options;
  options.consent = tailor::dataset::ConsentRule{"email_opt_in", {}};
  auto table = tailor::dataset::read_csv(csv, "customers.csv", options);
  REQUIRE(table.ok());
  auto truth = parse_truth(tailor::testing::parse(R"({
      "seed": 5, "start": "2026-12-01T09:00:00Z",
      "base": {"open": 0.6, "click": 0.5, "purchase": 0.5, "unsubscribe": 0.05, "revenue": 80},
      "attributes": {"email_engagement": {"center": 0.5, "scale": 0.3, "open": 1, "uplift": 0.5}}
    })"),
                           "simulation");
  REQUIRE(truth.ok());
  std::vector<Unit> units;
  const char* arms[] = {"control", "benefit", "social_proof", "loyalty", "urgency"};
  for (size_t row = 0; row < 3000; ++row) {
    units.push_back(unit("C" + std::to_string(row + 1), row % 2 ? "Loyal" : "At Risk",
                         row % 2 ? "w-loyal" : "w-at-risk", arms[row % 5]));
    units.back().row = row;
  }
  auto outcomes = simulate(table->table, units, *truth);
  REQUIRE(outcomes.ok());
  auto built = to_events(units, *outcomes);
  REQUIRE(built.ok());

  size_t expected = units.size();
  for (const auto& o : *outcomes) expected += o.opened + o.clicked + o.purchased + o.unsubscribed;
  CHECK(built->size() == expected);
  std::set<std::string> ids;
  size_t purchases = 0;
  for (const auto& e : *built) {
    // Every event survives the schema the edge ingests with, unchanged.
    auto parsed = events::parse_event(tailor::testing::parse(events::to_json(e)));
    INFO(events::to_json(e));
    REQUIRE(parsed.ok());
    CHECK(events::to_json(*parsed) == events::to_json(e));
    ids.insert(e.id);
    if (e.name == "purchase") {
      ++purchases;
      CHECK(e.value.has_value());
    }
  }
  CHECK(ids.size() == built->size());
  CHECK(purchases > 100);

  auto back = outcomes_from_events(units, *built);
  REQUIRE(back.ok());
  CHECK(*back == *outcomes);
  // Order does not matter, and a repeated event (same id) counts once.
  std::vector<events::Event> shuffled(built->rbegin(), built->rend());
  shuffled.insert(shuffled.end(), built->begin(), built->begin() + 50);
  auto again = outcomes_from_events(units, shuffled);
  REQUIRE(again.ok());
  CHECK(*again == *outcomes);
}

TEST_CASE("outcomes_from_events: messages name the event", "[simulate]") {
  const auto units = two_units();
  auto built = *to_events(units, two_outcomes());
  CHECK(error_of(units, built) == "ok");

  auto stranger = built;
  stranger[1].user = "C9";
  CHECK(error_of(units, stranger) ==
        "events[1] (id \"winter-2026-at-risk:C1:open\") is about "
        "user \"C9\", who is not a simulated customer");
  auto wrong_arm = built;
  wrong_arm[0].variant = "benefit";
  CHECK(error_of(units, wrong_arm) ==
        "events[0] (id \"winter-2026-at-risk:C1:exposure\") exposes \"C1\" to "
        "\"winter-2026-at-risk\"/\"benefit\", but the unit is \"winter-2026-at-risk\"/"
        "\"urgency\"");
  auto no_value = built;
  no_value[3].value.reset();
  CHECK(error_of(units, no_value) ==
        "events[3] (id \"winter-2026-at-risk:C1:purchase\") is a "
        "purchase without a value (the revenue)");
  auto renamed = built;
  renamed[2].name = "signup";
  CHECK(error_of(units, renamed) ==
        "events[2] (id \"winter-2026-at-risk:C1:click\") is a "
        "conversion named \"signup\"; expected open, click, "
        "purchase or unsubscribe");
  auto custom = built;
  custom[2].type = "custom";
  CHECK(error_of(units, custom) ==
        "events[2] (id \"winter-2026-at-risk:C1:click\") is a "
        "\"custom\" event; expected exposure or conversion");
  auto unexposed = built;
  unexposed.pop_back();  // C2's exposure
  CHECK(error_of(units, unexposed) ==
        "customer \"C2\" has no exposure event (every simulated send has one)");
  auto twice = units;
  twice[1].customer = "C1";
  CHECK(error_of(twice, built) == "units[1] repeats customer \"C1\"");
}
