// core/report: which rows count, and the results and summary documents as one aggregation.
// Expected numbers are worked out by hand from the rows below.
#include "core/report/experiment.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/report/design.h"
#include "tests/parse_json.h"

using Catch::Detail::Approx;
using tailor::json::Value;
using tailor::report::Design;
using tailor::report::ExperimentAggregator;
using tailor::report::Options;
using tailor::report::Row;
using tailor::testing::parse;

namespace {

Row exposure(const char* user, double ts, const char* variant) {
  Row r;
  r.user = user;
  r.ts = ts;
  r.variant = variant;
  return r;
}

Row metric(const char* name, const char* user, double ts, double value) {
  Row r;
  r.name = name;
  r.user = user;
  r.ts = ts;
  r.value = value;
  return r;
}

// The store's order: exposures by ts, then metric events in any order.
void feed(ExperimentAggregator& agg, bool only_revenue) {
  agg.exposure(exposure("a", 100, "control"));
  agg.exposure(exposure("b", 100, "control"));
  agg.exposure(exposure("c", 100, "treatment"));
  agg.exposure(exposure("d", 110, "treatment"));
  agg.exposure(exposure("c", 200, "control"));  // c saw both: in no arm
  agg.metric_event(metric("revenue", "a", 150, 10));
  agg.metric_event(metric("revenue", "a", 160, 5));
  agg.metric_event(metric("revenue", "c", 150, 7));
  agg.metric_event(metric("revenue", "b", 50, 99));  // before b's exposure
  agg.metric_event(metric("revenue", "d", 120, 4));
  agg.metric_event(metric("revenue", "e", 10, 3));  // e was never exposed
  if (!only_revenue) agg.metric_event(metric("signup", "d", 300, 1));
}

double number(const Value& v, const char* member) { return v.find(member)->as_number(); }

}  // namespace

TEST_CASE("results: a user in two variants is in no arm; earlier events do not count", "[report]") {
  ExperimentAggregator agg(std::nullopt, "", "revenue");
  feed(agg, true);
  REQUIRE(agg.status().ok());
  Options q;
  q.metric = "revenue";
  Value doc = parse(agg.results_json("exp", q));
  CHECK(doc.find("control")->as_string() == "control");
  const Value& quality = *doc.find("dataQuality");
  CHECK(number(quality, "exposureRows") == 5);
  CHECK(number(quality, "conflictedUsers") == 1);
  CHECK(number(quality, "metricEvents") == 4);  // a 10, a 5, c 7, d 4
  CHECK(number(quality, "eventsBeforeExposure") == 1);
  CHECK(number(quality, "eventsWithoutExposure") == 1);
  const Value& variants = *doc.find("results")->as_array()[0].find("variants");
  // control: a (15) and b (0); treatment: d (4).
  CHECK(number(variants.as_array()[0], "users") == 2);
  CHECK(number(variants.as_array()[0], "converted") == 1);
  CHECK(number(variants.as_array()[0], "sum") == 15);
  CHECK(number(variants.as_array()[0], "sumSquares") == 225);
  CHECK(number(variants.as_array()[1], "users") == 1);
  CHECK(number(variants.as_array()[1], "sum") == 4);
  CHECK(number(variants.as_array()[1], "sumSquares") == 16);
}

TEST_CASE("summary: every metric, with the results' counts for each", "[report]") {
  ExperimentAggregator summary(std::nullopt, "", "");
  feed(summary, false);
  REQUIRE(summary.status().ok());
  Value doc = parse(summary.summary_json("exp"));
  CHECK(number(doc, "conflictedUsers") == 1);
  const auto& variants = doc.find("variants")->as_array();
  REQUIRE(variants.size() == 2);
  CHECK(variants[0].find("variant")->as_string() == "control");
  CHECK(number(variants[0], "users") == 2);
  CHECK(number(variants[1], "users") == 1);
  const Value& c_revenue = *variants[0].find("metrics")->find("revenue");
  CHECK(number(c_revenue, "converted") == 1);
  CHECK(number(c_revenue, "events") == 2);
  CHECK(number(c_revenue, "sum") == 15);
  CHECK(number(c_revenue, "sumSquares") == 225);
  const Value& t_signup = *variants[1].find("metrics")->find("signup");
  CHECK(number(t_signup, "converted") == 1);
  CHECK(number(t_signup, "events") == 1);
  CHECK(number(*variants[0].find("metrics")->find("signup"), "events") == 0);

  // The same rows through the results path give the same counts for each variant.
  ExperimentAggregator results(std::nullopt, "", "revenue");
  feed(results, false);
  Options q;
  q.metric = "revenue";
  Value r = parse(results.results_json("exp", q));
  const auto& arms = r.find("results")->as_array()[0].find("variants")->as_array();
  for (size_t i = 0; i < 2; ++i) {
    const Value& s = *variants[i].find("metrics")->find("revenue");
    CHECK(number(arms[i], "users") == number(variants[i], "users"));
    CHECK(number(arms[i], "converted") == number(s, "converted"));
    CHECK(number(arms[i], "sum") == number(s, "sum"));
    CHECK(number(arms[i], "sumSquares") == number(s, "sumSquares"));
  }
}

TEST_CASE("a design names variations, matches ids and keys, and gives the SRM weights",
          "[report]") {
  Value config = parse(R"({"features":{"hero":{"rules":[{"force":1},
      {"key":"hero-test","variations":["a","b","c"],"weights":[0.5,0.25,0.25],
       "meta":[{"key":"control"},{"key":"blue"}]}]}}})");
  auto design = tailor::report::find_design(config, "hero-test");
  REQUIRE(design);
  CHECK(design->keys == std::vector<std::string>{"control", "blue", "2"});
  CHECK(design->weights == std::vector<double>{0.5, 0.25, 0.25});
  CHECK_FALSE(tailor::report::find_design(config, "other"));
  // A rule without a key is named by its feature.
  CHECK(tailor::report::find_design(parse(R"({"features":{"f":{"rules":[{"variations":[1,2]}]}}})"),
                                    "f"));

  ExperimentAggregator agg(design, "", "m");
  agg.exposure(exposure("u1", 1, "control"));
  agg.exposure(exposure("u2", 1, "1"));      // by id
  agg.exposure(exposure("u3", 1, "blue"));   // by key
  agg.exposure(exposure("u4", 1, "green"));  // neither
  Options q;
  q.metric = "m";
  Value doc = parse(agg.results_json("hero-test", q));
  CHECK(number(doc, "alpha") == 0.05);
  CHECK(doc.find("variationsFrom")->as_string() == "config");
  const Value& srm = *doc.find("srm");
  CHECK(srm.find("observed")->as_array()[0].as_number() == 1);
  CHECK(srm.find("observed")->as_array()[1].as_number() == 2);
  CHECK(srm.find("observed")->as_array()[2].as_number() == 0);
  CHECK(srm.find("weights")->as_array()[1].as_number() == 0.25);
  CHECK(number(*doc.find("dataQuality"), "unknownVariantExposures") == 1);
}

TEST_CASE("limits are errors with a slug", "[report]") {
  ExperimentAggregator agg(std::nullopt, "", "");
  for (int i = 0; i < 65; ++i) {
    std::string v = "v" + std::to_string(i), u = "u" + std::to_string(i);
    agg.exposure(exposure(u.c_str(), 1, v.c_str()));
  }
  CHECK(agg.error_slug() == "too-many-variants");
  CHECK(agg.status().code() == tailor::StatusCode::kInvalidArgument);
}

// Issue 14: a variation of weight 0 leaves the SRM test (GrowthBook's checkSrm), and every
// comparison carries `se` (the posterior's standard deviation for Bayesian).
TEST_CASE("results: SRM without weight-0 variations, se for every method", "[report]") {
  Value config = parse(R"({"experiments":[{"key":"x","variations":[0,1,2],
      "weights":[0.5,0.5,0],"meta":[{"key":"a"},{"key":"b"},{"key":"c"}]}]})");
  ExperimentAggregator agg(tailor::report::find_design(config, "x"), "", "m");
  std::vector<std::string> users;
  for (int i = 0; i < 13; ++i) users.push_back("u" + std::to_string(i));
  // a: u0..u3 (values 1..4), b: u4..u9 (values 2..7), c: u10..u12 (weight 0).
  for (int i = 0; i < 13; ++i) {
    agg.exposure(exposure(users[i].c_str(), 1, i < 4 ? "a" : i < 10 ? "b" : "c"));
  }
  for (int i = 0; i < 10; ++i) {
    agg.metric_event(metric("m", users[i].c_str(), 2, i < 4 ? i + 1 : i - 2));
  }
  Options q;
  q.metric = "m";
  q.method = tailor::report::Method::kBayesian;
  Value doc = parse(agg.results_json("x", q));
  // a 4, b 6 at 50/50: e = 5, chi2 = (1 + 1) / 5 = 0.4, 1 dof, p = erfc(sqrt(0.2)).
  const Value& srm = *doc.find("srm");
  REQUIRE(srm.find("error") == nullptr);
  CHECK(number(srm, "chi2") == Approx(0.4));
  CHECK(number(srm, "dof") == 1);
  CHECK(number(srm, "pValue") == Approx(std::erfc(std::sqrt(0.2))));
  CHECK(srm.find("observed")->as_array()[2].as_number() == 3);
  // b against a: lift (4.5 - 2.5) / 2.5 = 0.8, se^2 = 3.5/(2.5^2 6) + (5/3) 4.5^2/(2.5^4 4)
  // = 0.0933333 + 0.216.
  const Value& b = doc.find("results")->as_array()[0].find("variants")->as_array()[1];
  CHECK(number(b, "effect") == Approx(0.8));
  CHECK(number(b, "se") == Approx(std::sqrt(0.0933333333 + 0.216)));
  CHECK(b.find("sd") == nullptr);
}

TEST_CASE("results: a design with periods checks SRM per period of first exposure", "[report]") {
  Value config = parse(R"({"experiments":[{"key":"x","variations":[0,1,2],
      "weights":[0.2,0.2,0.6]}]})");
  auto design = tailor::report::find_design(config, "x");
  REQUIRE(design);
  // The bandit served 1/3 each from t = 1000, then 0.2/0.2/0.6 from t = 5000.
  design->periods = {{1000, {1.0 / 3, 1.0 / 3, 1.0 / 3}}, {5000, {0.2, 0.2, 0.6}}};
  ExperimentAggregator agg(design, "", "m");
  // Period 1: 100/110/90 users (20 of variation 0 exposed before t = 1000 count in period 1;
  // 10 of variation 2 exposed again in period 2 stay in period 1). Period 2: 50/45/160.
  std::vector<std::string> users;
  const int first[3] = {100, 110, 90}, second[3] = {50, 45, 160};
  for (int v = 0; v < 3; ++v) {
    for (int i = 0; i < first[v] + second[v]; ++i) {
      users.push_back("v" + std::to_string(v) + "-" + std::to_string(i));
    }
  }
  std::vector<Row> rows;
  size_t u = 0;
  for (int v = 0; v < 3; ++v) {
    static const char* names[3] = {"0", "1", "2"};
    for (int i = 0; i < first[v] + second[v]; ++i, ++u) {
      double ts = i < first[v] ? (v == 0 && i < 20 ? 500 : 2000) : 6000;
      rows.push_back(exposure(users[u].c_str(), ts, names[v]));
      if (v == 2 && i < 10) rows.push_back(exposure(users[u].c_str(), 7000, names[v]));
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.ts < b.ts; });
  for (const Row& r : rows) agg.exposure(r);
  Options q;
  q.metric = "m";
  Value doc = parse(agg.results_json("x", q));
  // The values of tests/automation/declarations_test.cc (Python): E = [151, 151, 253],
  // O = [150, 155, 250], chi2 = 0.14815590398659792, dof 2, p = 0.9285993048531016.
  const Value& srm = *doc.find("srm");
  REQUIRE(srm.find("error") == nullptr);
  CHECK(srm.find("weightsFrom")->as_string() == "periods");
  CHECK(number(srm, "chi2") == Approx(0.14815590398659792).epsilon(1e-12));
  CHECK(number(srm, "dof") == 2);
  CHECK(number(srm, "pValue") == Approx(0.9285993048531016).epsilon(1e-9));
  CHECK(srm.find("mismatch")->as_bool() == false);
  CHECK(srm.find("observed")->as_array()[2].as_number() == 250);
  CHECK(srm.find("weights")->as_array()[2].as_number() == Approx(253.0 / 555));
  const auto& periods = srm.find("periods")->as_array();
  REQUIRE(periods.size() == 2);
  CHECK(periods[0].find("observed")->as_array()[1].as_number() == 110);
  CHECK(periods[1].find("observed")->as_array()[2].as_number() == 160);
  CHECK(number(periods[1], "startMs") == 5000);

  // Without the periods the same users, pooled against the served weights, are a mismatch.
  ExperimentAggregator pooled(tailor::report::find_design(config, "x"), "", "m");
  for (const Row& r : rows) pooled.exposure(r);
  Value p = parse(pooled.results_json("x", q));
  CHECK(p.find("srm")->find("weightsFrom")->as_string() == "config");
  CHECK(p.find("srm")->find("mismatch")->as_bool() == true);
}

TEST_CASE("results: a design with periods compares arms within each period", "[report]") {
  // A bandit moved traffic from 50/50 to 10/90 while the conversion rate rose from about 10%
  // to 30% for everyone (a seasonal rise, not the treatment). Period 1 (t >= 1000): control
  // 10 of 100 users convert, treatment 12 of 100; period 2 (t >= 5000): control 6 of 20,
  // treatment 54 of 180. Pooled, treatment gathered its users in the better period and looks
  // far better (64/280 against 16/120); within each period it is 0 to 2 points better.
  Value config = parse(R"({"experiments":[{"key":"x","variations":[0,1],"weights":[0.1,0.9]}]})");
  auto design = tailor::report::find_design(config, "x");
  REQUIRE(design);
  design->periods = {{1000, {0.5, 0.5}}, {5000, {0.1, 0.9}}};
  struct Cell {
    int users, converted;
    double ts;
    const char* variant;
  };
  const Cell cells[] = {{100, 10, 2000, "0"}, {100, 12, 2000, "1"},
                        {20, 6, 6000, "0"},   {180, 54, 6000, "1"}};
  std::vector<std::string> users;
  for (const Cell& c : cells) {
    for (int i = 0; i < c.users; ++i) users.push_back(std::string(c.variant) + "-" +
                                                      std::to_string(c.ts) + "-" + std::to_string(i));
  }
  auto run = [&](std::optional<Design> d, const Options& q) {
    ExperimentAggregator agg(std::move(d), "", "m");
    std::vector<Row> rows;
    size_t u = 0;
    for (const Cell& c : cells) {
      for (int i = 0; i < c.users; ++i, ++u) rows.push_back(exposure(users[u].c_str(), c.ts, c.variant));
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row& a, const Row& b) { return a.ts < b.ts; });
    for (const Row& r : rows) agg.exposure(r);
    u = 0;
    for (const Cell& c : cells) {
      for (int i = 0; i < c.users; ++i, ++u) {
        if (i < c.converted) agg.metric_event(metric("m", users[u].c_str(), c.ts + 10, 1));
      }
    }
    return parse(agg.results_json("x", q));
  };
  auto treatment = [](const Value& doc) {
    return doc.find("results")->as_array()[0].find("variants")->as_array()[1];
  };
  // Expected values: the post-stratified formulas of docs/statistics.md worked in Python from
  // the counts above (sample variances with n - 1; period weights 200/400 each).
  Options q;
  q.metric = "m";
  q.relative = false;
  Value doc = run(design, q);
  CHECK(doc.find("effectsFrom")->as_string() == "periods");
  Value t = treatment(doc);
  CHECK(number(t, "periodsUsed") == 2);
  CHECK(number(t, "effect") == Approx(0.01).epsilon(1e-9));
  CHECK(number(t, "se") == Approx(0.059585177502980646).epsilon(1e-9));
  CHECK(number(t, "pValue") == Approx(0.8667194017536327).epsilon(1e-9));
  CHECK(t.find("ci")->as_array()[0].as_number() == Approx(-0.10678480191826834).epsilon(1e-9));
  CHECK(t.find("ci")->as_array()[1].as_number() == Approx(0.1267848019182683).epsilon(1e-9));
  // The descriptive columns stay pooled.
  CHECK(number(t, "users") == 280);
  CHECK(number(t, "converted") == 66);

  q.relative = true;
  t = treatment(run(design, q));
  CHECK(number(t, "effect") == Approx(0.05).epsilon(1e-9));
  CHECK(number(t, "se") == Approx(0.3105202294866508).epsilon(1e-9));
  CHECK(number(t, "pValue") == Approx(0.8720775656511947).epsilon(1e-9));

  q.method = tailor::report::Method::kSequential;  // n* 5000, n = 400 units
  t = treatment(run(design, q));
  CHECK(t.find("ci")->as_array()[0].as_number() == Approx(-1.2187434988431045).epsilon(1e-9));
  CHECK(t.find("ci")->as_array()[1].as_number() == Approx(1.3187434988431042).epsilon(1e-9));
  CHECK(number(t, "pValue") == 1);

  q.method = tailor::report::Method::kBayesian;  // flat prior: the posterior is the estimate
  t = treatment(run(design, q));
  CHECK(number(t, "effect") == Approx(0.05).epsilon(1e-9));
  CHECK(number(t, "chanceToWin") == Approx(0.5639612171744026).epsilon(1e-9));

  // Pooled (no periods), the same users make a large, significant lift: Simpson's paradox.
  q.method = tailor::report::Method::kFrequentist;
  q.relative = false;
  Value pooled = run(tailor::report::find_design(config, "x"), q);
  CHECK(pooled.find("effectsFrom")->as_string() == "pooled");
  Value tp = treatment(pooled);
  CHECK(tp.find("periodsUsed") == nullptr);
  CHECK(number(tp, "effect") == Approx(66.0 / 280 - 16.0 / 120).epsilon(1e-9));
  CHECK(number(tp, "pValue") < 0.05);

  // A period with fewer than 2 users in an arm (here the third, with none) is left out.
  design->periods = {{1000, {0.5, 0.5}}, {5000, {0.1, 0.9}}, {9000, {0.5, 0.5}}};
  t = treatment(run(design, q));
  CHECK(number(t, "periodsUsed") == 2);
  CHECK(number(t, "effect") == Approx(0.01).epsilon(1e-9));
  design->periods = {{100000, {0.5, 0.5}}, {200000, {0.1, 0.9}}};
  t = treatment(run(design, q));
  // Every user was first exposed before the first period began: all in period 1.
  CHECK(number(t, "periodsUsed") == 1);
}

TEST_CASE("Mode::kUnits: the experiment controller's view, by the results' rules", "[report]") {
  Value config = parse(R"({"experiments":[{"key":"x","variations":[0,1]}]})");
  const auto design = tailor::report::find_design(config, "x");
  REQUIRE(design);
  using Mode = ExperimentAggregator::Mode;
  ExperimentAggregator results(design, "", "m");
  CHECK(results.unit_groups() != nullptr);  // a store may sum users itself
  ExperimentAggregator units(design, "", "m", Mode::kUnits);
  CHECK(units.unit_groups() == nullptr);  // rows only: periods need first-exposure times
  units.exposure(exposure("a", 100, "0"));
  units.exposure(exposure("b", 100, "1"));
  units.exposure(exposure("c", 100, "1"));
  units.exposure(exposure("c", 110, "0"));  // c saw both: in no arm
  units.metric_event(metric("m", "a", 150, 2));
  units.metric_event(metric("m", "b", 50, 5));  // before b's exposure
  units.metric_event(metric("m", "b", 150, 3));
  units.metric_event(metric("m", "c", 150, 7));
  const auto arms = units.units().arms();
  CHECK(arms[0].value.n == 1);
  CHECK(arms[0].value.sum == 2);
  CHECK(arms[1].value.n == 1);
  CHECK(arms[1].value.sum == 3);
  CHECK(units.units().exposed_counts_by_period({0, 105}) ==
        std::vector<std::vector<double>>{{1, 1}, {0, 0}});

  // Without a metric, the exposures alone: metric events of any number of names are skipped
  // (the summary would refuse more than kMaxMetrics names).
  ExperimentAggregator exposures(design, "", "", Mode::kUnits);
  exposures.exposure(exposure("a", 100, "0"));
  std::vector<std::string> names;
  for (int i = 0; i < 60; ++i) names.push_back("metric-" + std::to_string(i));
  for (const std::string& name : names) exposures.metric_event(metric(name.c_str(), "a", 150, 1));
  CHECK(exposures.status().ok());
  CHECK(exposures.units().arms()[0].value.n == 1);
  CHECK(exposures.units().arms()[0].value.sum == 0);
}

TEST_CASE("rows summed per user (Row::rows) answer as the rows they stand for", "[report]") {
  // Plain rows, as SQLite and PostgreSQL send them.
  ExperimentAggregator plain(std::nullopt, "", "revenue");
  plain.exposure(exposure("a", 100, "control"));
  plain.exposure(exposure("b", 100, "treatment"));
  plain.exposure(exposure("a", 130, "control"));
  plain.metric_event(metric("revenue", "a", 150, 10));
  plain.metric_event(metric("revenue", "a", 160, 5));
  plain.metric_event(metric("revenue", "a", 50, 2));  // before a's exposure
  plain.metric_event(metric("revenue", "a", 60, 3));  // before a's exposure
  plain.metric_event(metric("revenue", "b", 170, 4));
  plain.metric_event(metric("revenue", "e", 10, 3));  // never exposed
  plain.metric_event(metric("revenue", "e", 20, 3));
  // The same, summed per user and variant (exposures) and per user and place (metric events),
  // as the ClickHouse store sends them.
  ExperimentAggregator summed(std::nullopt, "", "revenue");
  Row a = exposure("a", 100, "control");
  a.rows = 2;
  summed.exposure(a);
  summed.exposure(exposure("b", 100, "treatment"));
  Row after = metric("revenue", "a", 150, 15);
  after.rows = 2;
  Row before = metric("revenue", "a", 60, 5);
  before.rows = 2;
  Row never = metric("revenue", "e", 10, 6);
  never.rows = 2;
  summed.metric_event(after);
  summed.metric_event(before);
  summed.metric_event(metric("revenue", "b", 170, 4));
  summed.metric_event(never);
  Options q;
  q.metric = "revenue";
  const std::string doc = plain.results_json("exp", q);
  CHECK(summed.results_json("exp", q) == doc);
  const Value parsed = parse(doc);
  const Value& quality = *parsed.find("dataQuality");
  CHECK(number(quality, "exposureRows") == 3);
  CHECK(number(quality, "metricEvents") == 3);
  CHECK(number(quality, "eventsBeforeExposure") == 2);
  CHECK(number(quality, "eventsWithoutExposure") == 2);
}

TEST_CASE("users summed by the store (UnitGroup) answer as their rows", "[report]") {
  auto with_country = [](const char* user, double ts, const char* variant, const char* attrs) {
    Row r = exposure(user, ts, variant);
    r.attributes = attrs;
    return r;
  };
  auto feed_rows = [&](ExperimentAggregator& agg) {
    agg.exposure(with_country("c", 90, "treatment", R"({"country":"DE"})"));
    agg.exposure(with_country("a", 100, "control", R"({"country":"DE"})"));
    agg.exposure(with_country("b", 100, "treatment", R"({"country":"FR"})"));
    agg.exposure(with_country("f", 105, "control", R"({"country":"FR"})"));
    agg.exposure(exposure("a", 130, "control"));
    agg.exposure(exposure("c", 200, "control"));  // c saw both: in no arm
  };
  auto feed_rows_of_c = [&](ExperimentAggregator& agg) {
    agg.exposure(with_country("c", 90, "treatment", R"({"country":"DE"})"));
    agg.exposure(exposure("c", 200, "control"));
  };
  auto feed_metrics = [&](ExperimentAggregator& agg) {
    agg.metric_event(metric("revenue", "c", 150, 7));
  };
  // Plain rows, as SQLite and PostgreSQL send them.
  auto plain = [&](const char* metric_name, bool with_signup) {
    auto agg = std::make_unique<ExperimentAggregator>(std::nullopt, "country", metric_name);
    feed_rows(*agg);
    agg->metric_event(metric("revenue", "a", 150, 10));
    agg->metric_event(metric("revenue", "a", 160, 5));
    agg->metric_event(metric("revenue", "a", 50, 2));  // before a's exposure
    agg->metric_event(metric("revenue", "b", 170, 4));
    agg->metric_event(metric("revenue", "e", 10, 3));  // e was never exposed
    agg->metric_event(metric("revenue", "e", 20, 3));
    if (with_signup) agg->metric_event(metric("signup", "b", 180, 1));
    feed_metrics(*agg);
    return agg;
  };
  // The same users summed as the ClickHouse store sends them: groups of single-variant users,
  // then the rows of c, who saw two variants.
  auto grouped = [&](const char* metric_name, bool with_signup) {
    auto agg = std::make_unique<ExperimentAggregator>(std::nullopt, "country", metric_name);
    tailor::report::UnitGroupSink* groups = agg->unit_groups();
    REQUIRE(groups != nullptr);
    auto group = [&](const char* variant, const char* attrs, const char* name) {
      tailor::report::UnitGroup g;
      g.variant = variant;
      g.attributes = attrs;
      g.name = name;
      return g;
    };
    auto g = group("control", R"({"country":"DE"})", "");
    g.users = 1, g.exposure_rows = 2;
    groups->unit_group(g);
    g = group("control", R"({"country":"FR"})", "");
    g.users = 1, g.exposure_rows = 1;
    groups->unit_group(g);
    g = group("treatment", R"({"country":"FR"})", "");
    g.users = 1, g.exposure_rows = 1;
    groups->unit_group(g);
    feed_rows_of_c(*agg);
    g = group("control", R"({"country":"DE"})", "revenue");
    g.sum = 15, g.sum_squares = 225, g.positive = 1, g.counted = 2, g.before = 1;
    groups->unit_group(g);
    g = group("treatment", R"({"country":"FR"})", "revenue");
    g.sum = 4, g.sum_squares = 16, g.positive = 1, g.counted = 1;
    groups->unit_group(g);
    if (with_signup) {
      g = group("treatment", R"({"country":"FR"})", "signup");
      g.sum = 1, g.sum_squares = 1, g.positive = 1, g.counted = 1;
      groups->unit_group(g);
    }
    g = group("", "", "revenue");
    g.exposed = false, g.counted = 2;
    groups->unit_group(g);
    feed_metrics(*agg);
    return agg;
  };
  Options q;
  q.metric = "revenue";
  q.segment = "country";
  auto rows = plain("revenue", false);
  auto groups = grouped("revenue", false);
  REQUIRE(rows->status().ok());
  REQUIRE(groups->status().ok());
  const std::string doc = rows->results_json("exp", q);
  CHECK(groups->results_json("exp", q) == doc);
  // Worked out by hand: control a (15, DE) and f (0, FR); treatment b (4, FR); c in no arm.
  const Value parsed = parse(doc);
  const Value& quality = *parsed.find("dataQuality");
  CHECK(number(quality, "exposureRows") == 6);
  CHECK(number(quality, "conflictedUsers") == 1);
  CHECK(number(quality, "metricEvents") == 4);
  CHECK(number(quality, "eventsBeforeExposure") == 1);
  CHECK(number(quality, "eventsWithoutExposure") == 2);
  const auto& results = parsed.find("results")->as_array();
  REQUIRE(results.size() == 3);  // overall, DE, FR
  CHECK(number(results[0].find("variants")->as_array()[0], "users") == 2);
  CHECK(number(results[0].find("variants")->as_array()[0], "sum") == 15);
  CHECK(results[2].find("segment")->as_string() == "FR");
  CHECK(number(results[2].find("variants")->as_array()[0], "users") == 1);
  CHECK(number(results[2].find("variants")->as_array()[1], "sum") == 4);

  auto rows_summary = plain("", true);
  auto groups_summary = grouped("", true);
  CHECK(groups_summary->summary_json("exp") == rows_summary->summary_json("exp"));
  const Value summary = parse(rows_summary->summary_json("exp"));
  const Value& treatment = summary.find("variants")->as_array()[1];
  CHECK(number(treatment, "users") == 1);
  CHECK(number(*treatment.find("metrics")->find("signup"), "events") == 1);
}

TEST_CASE("groups under a design: stored ids and keys name variations, unknown ones count apart",
          "[report]") {
  Design design{"", {"control", "blue"}, {0.5, 0.5}, {}};
  // u1 control (value 4), u2 "1" = blue (value 0), u3 "green" (no variation; 2 events).
  ExperimentAggregator plain(design, "", "m");
  plain.exposure(exposure("u1", 1, "control"));
  plain.exposure(exposure("u2", 1, "1"));
  plain.exposure(exposure("u3", 1, "green"));
  plain.exposure(exposure("u3", 2, "green"));
  plain.metric_event(metric("m", "u1", 5, 4));
  plain.metric_event(metric("m", "u3", 5, 1));
  plain.metric_event(metric("m", "u3", 0, 1));

  ExperimentAggregator grouped(design, "", "m");
  tailor::report::UnitGroup g;
  g.variant = "control", g.users = 1, g.exposure_rows = 1;
  grouped.unit_group(g);
  g.variant = "1";
  grouped.unit_group(g);
  g.variant = "green", g.exposure_rows = 2;
  grouped.unit_group(g);
  g = tailor::report::UnitGroup{};
  g.variant = "control", g.name = "m", g.sum = 4, g.sum_squares = 16, g.positive = 1;
  g.counted = 1;
  grouped.unit_group(g);
  g.variant = "green", g.sum = 1, g.sum_squares = 1, g.counted = 1, g.before = 1;
  grouped.unit_group(g);

  Options q;
  q.metric = "m";
  const std::string doc = plain.results_json("x", q);
  CHECK(grouped.results_json("x", q) == doc);
  const Value parsed = parse(doc);
  const Value& quality = *parsed.find("dataQuality");
  CHECK(number(quality, "unknownVariantExposures") == 2);
  CHECK(number(quality, "eventsWithoutExposure") == 2);
  CHECK(number(quality, "metricEvents") == 1);
  const auto& arms = parsed.find("results")->as_array()[0].find("variants")->as_array();
  CHECK(number(arms[0], "sum") == 4);
  CHECK(number(arms[1], "users") == 1);
}
