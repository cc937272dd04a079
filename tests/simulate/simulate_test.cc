// core/simulate: per-customer outcomes are deterministic, independent of the other customers,
// and their rates converge to the planted model's probabilities.
#include "core/simulate/simulate.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "core/dataset/read.h"
#include "tests/parse_json.h"

using namespace tailor::simulate;
namespace dataset = tailor::dataset;

namespace {

constexpr const char* kTruth = R"({
  "seed": 2026, "start": "2026-12-01T09:00:00Z", "days": 7,
  "base": {"open": 0.3, "click": 0.25, "purchase": 0.3, "unsubscribe": 0.02, "revenue": 90,
           "revenue_sigma": 0.5},
  "segments": {"A": {"open": 0.4, "click": 0.1, "revenue": 140,
                     "strategies": {"benefit": 0.5, "urgency": -0.2}},
               "B": {"open": -0.3, "unsubscribe": 0.5, "strategies": {"urgency": 0.7}}},
  "strategies": {"urgency": {"open": 0.1, "unsubscribe": 0.4}, "benefit": {"click": 0.1}},
  "attributes": {"engagement": {"center": 0.5, "scale": 0.25, "open": 0.6, "click": 0.2,
                                "uplift": 0.4},
                 "member": {"purchase": 0.5, "unsubscribe": -0.5, "uplift": -0.3}}
})";

Truth truth() { return *parse_truth(tailor::testing::parse(kTruth), "simulation"); }

const char* const kArms[] = {"control", "benefit", "urgency"};

// n customers c1..cn: engagement spread over [0, 1), every third a member, every 20th opted
// out, every 50th with no engagement value.
std::string customers_csv(size_t n, size_t first = 1, bool reverse = false) {
  std::string csv = "customer_id,ok,engagement,member,note\n";
  for (size_t k = 0; k < n; ++k) {
    const size_t i = reverse ? first + n - 1 - k : first + k;
    const std::string engagement =
        i % 50 == 0 ? "" : std::to_string(static_cast<double>((i * 7919) % 1000) / 1000);
    csv += "c" + std::to_string(i) + "," + (i % 20 == 0 ? "no" : "yes") + "," + engagement + "," +
           (i % 3 == 0 ? "true" : "false") + ",note" + std::to_string(i) + "\n";
  }
  return csv;
}

dataset::Table table_of(const std::string& csv) {
  dataset::ReadOptions options;
  options.consent = dataset::ConsentRule{"ok", dataset::ConsentMeaning::kTrueMeansConsent};
  auto r = dataset::read_csv(csv, "customers.csv", options);
  REQUIRE(r.ok());
  return std::move(r->table);
}

// One unit per contactable row; segment and arm from the customer's number.
std::vector<Unit> units_of(const dataset::Table& table) {
  std::vector<Unit> units;
  const size_t id = *table.id_column();
  for (size_t row = 0; row < table.row_count(); ++row) {
    if (!table.may_contact(row)) continue;
    const std::string customer(table.text(row, id));
    const size_t n = std::stoul(customer.substr(1));
    Unit u;
    u.row = row;
    u.customer = customer;
    u.segment = static_cast<uint32_t>(n % 2);
    u.segment_name = n % 2 ? "B" : "A";
    u.experiment = std::string("camp-") + (n % 2 ? "b" : "a");
    u.variant = kArms[(n / 2) % 3];
    units.push_back(u);
  }
  return units;
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
double logit(double p) { return std::log(p / (1 - p)); }

// The model's probabilities written out independently of probabilities() (truth.h formula,
// the numbers of kTruth).
struct Expected {
  double open, click, purchase, unsubscribe;
};
Expected expected(const Unit& u, const dataset::Table& t) {
  const size_t e_col = *t.find_column("engagement"), m_col = *t.find_column("member");
  const double ze = t.missing(u.row, e_col) ? 0 : (t.number(u.row, e_col) - 0.5) / 0.25;
  const double zm = t.boolean(u.row, m_col) ? 1 : 0;
  const bool a = u.segment_name == "A";
  const bool treated = u.variant != "control";
  double shared = 0, open = logit(0.3), click = logit(0.25), purchase = logit(0.3),
         unsubscribe = logit(0.02);
  open += a ? 0.4 : -0.3;
  click += a ? 0.1 : 0;
  unsubscribe += a ? 0 : 0.5;
  if (u.variant == "benefit") {
    click += 0.1;
    shared += a ? 0.5 : 0;
  } else if (u.variant == "urgency") {
    open += 0.1;
    unsubscribe += 0.4;
    shared += a ? -0.2 : 0.7;
  }
  open += 0.6 * ze;
  click += 0.2 * ze;
  purchase += 0.5 * zm;
  unsubscribe += -0.5 * zm;
  if (treated) shared += 0.4 * ze - 0.3 * zm;
  return {sigmoid(open + shared), sigmoid(click + shared), sigmoid(purchase + shared),
          sigmoid(unsubscribe)};
}

}  // namespace

TEST_CASE("simulate: outcomes are deterministic and consistent in time", "[simulate]") {
  const dataset::Table table = table_of(customers_csv(3000));
  const std::vector<Unit> units = units_of(table);
  const Truth t = truth();
  auto first = simulate(table, units, t);
  auto second = simulate(table, units, t);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(*first == *second);

  const double send = 1796115600000.0, end = send + 7 * 86400000.0;
  size_t opened = 0;
  for (const Outcome& o : *first) {
    CHECK(o.send_ms == send);
    if (!o.opened) {
      CHECK((!o.clicked && !o.purchased && !o.unsubscribed && o.open_ms == 0));
      continue;
    }
    ++opened;
    CHECK((o.open_ms >= send && o.open_ms < end && o.open_ms == std::floor(o.open_ms)));
    if (o.clicked) CHECK((o.click_ms >= o.open_ms && o.click_ms < end));
    if (o.purchased) {
      CHECK(o.clicked);
      CHECK((o.purchase_ms >= o.click_ms && o.purchase_ms < end));
      CHECK(o.revenue >= 0.01);
      CHECK(std::round(o.revenue * 100) / 100 == o.revenue);
    } else {
      CHECK((o.revenue == 0 && o.purchase_ms == 0));
    }
    if (o.unsubscribed) CHECK((o.unsubscribe_ms >= o.open_ms && o.unsubscribe_ms < end));
  }
  CHECK(opened > 0);

  // Another seed gives other outcomes.
  Truth other = t;
  other.seed = 2027;
  auto third = simulate(table, units, other);
  REQUIRE(third.ok());
  CHECK(*third != *first);
}

TEST_CASE("simulate: a customer's outcome does not depend on the other customers", "[simulate]") {
  const Truth t = truth();
  const dataset::Table all = table_of(customers_csv(400));
  const std::vector<Unit> all_units = units_of(all);
  const auto all_outcomes = simulate(all, all_units, t);
  REQUIRE(all_outcomes.ok());
  // Customers c301..c340 alone, in reverse row order.
  const dataset::Table few = table_of(customers_csv(40, 301, true));
  std::vector<Unit> few_units = units_of(few);
  const auto few_outcomes = simulate(few, few_units, t);
  REQUIRE(few_outcomes.ok());
  REQUIRE_FALSE(few_units.empty());
  size_t compared = 0;
  for (size_t i = 0; i < few_units.size(); ++i) {
    for (size_t j = 0; j < all_units.size(); ++j) {
      if (all_units[j].customer != few_units[i].customer) continue;
      CHECK((*few_outcomes)[i] == (*all_outcomes)[j]);
      ++compared;
    }
  }
  CHECK(compared == few_units.size());
}

TEST_CASE("simulate: rates converge to the model's probabilities", "[simulate]") {
  const dataset::Table table = table_of(customers_csv(120000));
  const std::vector<Unit> units = units_of(table);
  const auto outcomes = simulate(table, units, truth());
  REQUIRE(outcomes.ok());
  // Per segment x arm: observed counts against the sum of the per-customer probabilities,
  // within 4.5 binomial standard errors (sqrt of the sum of p(1 - p)).
  struct Sums {
    double n = 0, open = 0, open_var = 0, click = 0, click_var = 0, buy = 0, buy_var = 0, unsub = 0,
           unsub_var = 0;
    double opens = 0, clicks = 0, buys = 0, unsubs = 0;
  };
  Sums groups[2][3];
  double revenue[2] = {0, 0}, buyers[2] = {0, 0};
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    const Outcome& o = (*outcomes)[i];
    const Expected p = expected(u, table);
    const int arm = u.variant == "control" ? 0 : u.variant == "benefit" ? 1 : 2;
    Sums& s = groups[u.segment][arm];
    const double po = p.open, pc = p.open * p.click, pb = pc * p.purchase,
                 pu = p.open * p.unsubscribe;
    s.n += 1;
    s.open += po;
    s.open_var += po * (1 - po);
    s.click += pc;
    s.click_var += pc * (1 - pc);
    s.buy += pb;
    s.buy_var += pb * (1 - pb);
    s.unsub += pu;
    s.unsub_var += pu * (1 - pu);
    s.opens += o.opened;
    s.clicks += o.clicked;
    s.buys += o.purchased;
    s.unsubs += o.unsubscribed;
    if (o.purchased) {
      revenue[u.segment] += o.revenue;
      buyers[u.segment] += 1;
    }
  }
  for (int seg = 0; seg < 2; ++seg) {
    for (int arm = 0; arm < 3; ++arm) {
      const Sums& s = groups[seg][arm];
      INFO("segment " << seg << " arm " << kArms[arm] << " n " << s.n);
      CHECK(s.n > 15000);
      CHECK(std::fabs(s.opens - s.open) < 4.5 * std::sqrt(s.open_var));
      CHECK(std::fabs(s.clicks - s.click) < 4.5 * std::sqrt(s.click_var));
      CHECK(std::fabs(s.buys - s.buy) < 4.5 * std::sqrt(s.buy_var));
      CHECK(std::fabs(s.unsubs - s.unsub) < 4.5 * std::sqrt(s.unsub_var));
    }
  }
  // Revenue per purchase: lognormal with mean m and sd m * sqrt(exp(0.25) - 1) (sigma 0.5).
  const double means[2] = {140, 90};
  for (int seg = 0; seg < 2; ++seg) {
    INFO("segment " << seg << " buyers " << buyers[seg]);
    REQUIRE(buyers[seg] > 1000);
    const double se = means[seg] * std::sqrt(std::exp(0.25) - 1) / std::sqrt(buyers[seg]);
    CHECK(std::fabs(revenue[seg] / buyers[seg] - means[seg]) < 4.5 * se);
  }
}

TEST_CASE("simulate: refuses what it cannot send", "[simulate]") {
  const dataset::Table table = table_of(customers_csv(40));
  const Truth t = truth();
  std::vector<Unit> units = units_of(table);
  auto error = [&](const std::vector<Unit>& u, const Truth& truth_used = truth()) {
    auto r = simulate(table, u, truth_used);
    return r.ok() ? std::string("ok") : r.error();
  };
  REQUIRE(error(units) == "ok");

  auto opted_out = units;
  opted_out[0].row = 19;  // c20: every 20th customer opted out
  opted_out[0].customer = "c20";
  CHECK(error(opted_out) ==
        "units[0] sends to customer \"c20\", who may not be contacted (no consent)");
  auto repeated = units;
  repeated[1].customer = repeated[0].customer;
  CHECK(error(repeated) == "units[1] repeats customer \"c1\" (one send per customer)");
  auto bad_arm = units;
  bad_arm[2].variant = "discount";
  CHECK(error(bad_arm) ==
        "units[2] has variant \"discount\", expected control, benefit, "
        "social_proof, loyalty or urgency");
  auto bad_row = units;
  bad_row[0].row = 40;
  CHECK(error(bad_row) == "units[0] has row 40, but the table has 40 rows");
  auto no_id = units;
  no_id[0].customer.clear();
  CHECK(error(no_id) == "units[0] has a customer id of 0 bytes, expected 1 to 256");
  auto no_experiment = units;
  no_experiment[0].experiment.clear();
  CHECK(error(no_experiment) == "units[0] has an experiment name of 0 bytes, expected 1 to 256");

  Truth missing = t;
  missing.attributes[0].column = "engagment";
  CHECK(error(units, missing) ==
        "simulation.attributes[\"engagment\"]: the customer table has no column \"engagment\"");
  Truth text = t;
  text.attributes[0].column = "note";
  CHECK(error(units, text) ==
        "simulation.attributes[\"note\"]: column \"note\" is string, "
        "expected a number, integer or boolean column");
}

TEST_CASE("customer_seed: FNV-1a 64 of the id xor SplitMix64 of the seed", "[simulate]") {
  // python3: fnv = 64-bit FNV-1a of the UTF-8 id; sm = SplitMix64 output for state seed
  //   (z = seed + 0x9e3779b97f4a7c15; z = (z ^ z >> 30) * 0xbf58476d1ce4e5b9;
  //    z = (z ^ z >> 27) * 0x94d049bb133111eb; z ^ z >> 31, all mod 2^64); print(fnv ^ sm)
  CHECK(customer_seed(2026, "C1") == 0xd2932a9f2433b71aULL);
  CHECK(customer_seed(0, "") == 0x29d234ddff3fee8aULL);
  CHECK(customer_seed(7, "C0000042") == 0x9a4581f24bb799bbULL);
}

TEST_CASE("simulate: outcomes match an independent implementation of the documentation",
          "[simulate]") {
  // tools/gen/simulate-golden.py re-implements the seeding, the draws and the model in Python
  // from the headers alone; its output is pasted below.
  const Truth t = *parse_truth(tailor::testing::parse(R"({
      "seed": 99, "start": "2026-12-01T09:00:00Z", "days": 7,
      "base": {"open": 0.7, "click": 0.6, "purchase": 0.5, "unsubscribe": 0.2, "revenue": 90},
      "segments": {"A": {"open": 0.4, "revenue": 140, "strategies": {"benefit": 0.5}}},
      "strategies": {"urgency": {"open": 0.1, "unsubscribe": 0.4}},
      "attributes": {"engagement": {"center": 0.5, "scale": 0.25, "open": 0.6, "click": 0.2,
                                    "uplift": 0.4},
                     "member": {"purchase": 0.5, "uplift": -0.3}}
    })"),
                               "simulation");
  const dataset::Table table = table_of(customers_csv(12));
  const std::vector<Unit> units = units_of(table);
  const auto outcomes = simulate(table, units, t);
  REQUIRE(outcomes.ok());
  std::vector<std::string> got;
  for (size_t i = 0; i < units.size(); ++i) {
    const Outcome& o = (*outcomes)[i];
    auto ms = [](double v) { return std::to_string(static_cast<int64_t>(v)); };
    std::string line = units[i].customer;
    if (o.opened) line += " open@" + ms(o.open_ms);
    if (o.clicked) line += " click@" + ms(o.click_ms);
    if (o.purchased) {
      line +=
          " purchase@" + ms(o.purchase_ms) + "=" + std::to_string(std::llround(o.revenue * 100));
    }
    if (o.unsubscribed) line += " unsubscribe@" + ms(o.unsubscribe_ms);
    got.push_back(line);
  }
  CHECK(got == std::vector<std::string>{
                   "c1 open@1796463722313 click@1796464886663",
                   "c2 open@1796116408601 click@1796125555244 purchase@1796129017308=15046",
                   "c3 open@1796246999502",
                   "c4 open@1796182662731 click@1796188053321 purchase@1796316494802=14576",
                   "c5 open@1796135968669 click@1796140055156",
                   "c6 open@1796134549369 unsubscribe@1796158586750",
                   "c7 open@1796221043863",
                   "c8",
                   "c9 open@1796229335792 click@1796230615971 purchase@1796333582263=9839",
                   "c10 open@1796323327904 click@1796324424702 purchase@1796332423018=5863",
                   "c11",
                   "c12 open@1796251742925 click@1796263547257",
               });
}
