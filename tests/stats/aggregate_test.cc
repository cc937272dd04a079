// Events -> per-unit values -> sufficient statistics, by hand.
#include "core/stats/aggregate.h"

#include <catch2/catch.hpp>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/bandit/random.h"

namespace tailor::stats {
namespace {

TEST_CASE("aggregation sums events per unit before squaring", "[stats]") {
  UnitAggregator agg(2);
  CHECK(agg.expose("u1", 0, "vip"));
  CHECK(agg.expose("u2", 0));
  CHECK(agg.expose("u3", 1, "vip"));
  CHECK(agg.expose("u4", 1, "new"));
  CHECK(agg.expose("u1", 0, "new"));  // repeat exposure: same variant, first segment kept
  CHECK_FALSE(agg.expose("u9", 2));   // no such variant
  agg.add_value("u1", 10);
  agg.add_value("u1", 5);  // u1 = 15: squares of the unit sum, 225, not 100 + 25
  agg.add_value("u3", 4);
  agg.add_value("ghost", 7);  // never exposed
  agg.expose("u5", 0);
  agg.expose("u5", 1);  // conflicted: excluded everywhere
  agg.add_value("u5", 100);
  CHECK_FALSE(agg.add_value("u2", std::numeric_limits<double>::infinity()));

  auto arms = agg.arms();
  // 2 variants x (all + vip + new) = 6 entries.
  REQUIRE(arms.size() == 6);
  // Control, all units: u1 = 15, u2 = 0 -> n 2, sum 15, sum_squares 225, 1 converted.
  CHECK(arms[0].variant == 0);
  CHECK(arms[0].segment.empty());
  CHECK(arms[0].value.n == 2);
  CHECK(arms[0].value.sum == 15);
  CHECK(arms[0].value.sum_squares == 225);
  CHECK(arms[0].converted.successes == 1);
  // Treatment, all: u3 = 4, u4 = 0.
  CHECK(arms[1].value.n == 2);
  CHECK(arms[1].value.sum == 4);
  CHECK(arms[1].value.sum_squares == 16);
  // Segments in first-seen order: vip, new. Control/vip = u1; control/new empty;
  // treatment/vip = u3; treatment/new = u4.
  CHECK(arms[2].segment == "vip");
  CHECK(arms[2].value.n == 1);
  CHECK(arms[3].segment == "new");
  CHECK(arms[3].value.n == 0);
  CHECK(arms[4].variant == 1);
  CHECK(arms[4].value.sum == 4);
  CHECK(arms[5].value.n == 1);
  CHECK(agg.exposed_counts() == std::vector<double>{2, 2});
  CHECK(agg.conflicted_units() == 1);
  CHECK(agg.values_without_exposure() == 1);
}

TEST_CASE("aggregation matches a brute-force per-unit map (table growth)", "[stats]") {
  // 5,000 units (the open-addressing table grows several times), 30,000 events.
  bandit::Rng rng(5);
  UnitAggregator agg(3);
  std::map<std::string, int> variant;
  std::map<std::string, double> value;
  for (int u = 0; u < 5000; ++u) {
    std::string id = "user-" + std::to_string(u * 7919);
    int v = static_cast<int>(rng.next() % 3);
    agg.expose(id, v);
    variant[id] = v;
  }
  for (int e = 0; e < 30000; ++e) {
    std::string id = "user-" + std::to_string((rng.next() % 5000) * 7919);
    double x = static_cast<double>(rng.next() % 100);
    agg.add_value(id, x);
    value[id] += x;
  }
  MeanStats expect[3];
  for (const auto& [id, v] : variant) {
    double x = value.count(id) ? value[id] : 0;
    expect[v] = merge(expect[v], MeanStats{1, x, x * x});
  }
  auto arms = agg.arms();
  REQUIRE(arms.size() == 3);
  for (int v = 0; v < 3; ++v) {
    CHECK(arms[v].value.n == expect[v].n);
    CHECK(arms[v].value.sum == expect[v].sum);  // integer-valued sums: exact in any order
    CHECK(arms[v].value.sum_squares == expect[v].sum_squares);
  }
}

TEST_CASE("values count only at or after the unit's earliest exposure", "[stats]") {
  using Status = UnitAggregator::ValueStatus;
  UnitAggregator agg(2);
  CHECK_FALSE(agg.exposed("a"));
  agg.expose("a", 1, "x", 50);
  agg.expose("a", 1, "y", 20);  // earlier exposure fed later: time 20 counts, segment stays x
  CHECK(agg.exposed("a"));
  CHECK(agg.add_value_after_exposure("a", 3, 19.5) == Status::kBeforeExposure);
  CHECK(agg.add_value_after_exposure("a", 4, 20) == Status::kCounted);  // the same instant
  CHECK(agg.add_value_after_exposure("a", 5, 60) == Status::kCounted);
  CHECK(agg.add_value_after_exposure("a", std::numeric_limits<double>::quiet_NaN(), 60) ==
        Status::kNonFinite);
  CHECK(agg.add_value_after_exposure("ghost", 1, 60) == Status::kNotExposed);
  CHECK_FALSE(agg.expose("b", 7, "", 1));  // no variant 7: not a unit
  CHECK(agg.add_value_after_exposure("b", 1, 60) == Status::kNotExposed);
  CHECK(agg.values_without_exposure() == 0);  // the unexposed were never created
  auto arms = agg.arms();
  REQUIRE(arms.size() == 4);  // 2 variants x (all + x)
  CHECK(arms[1].value.n == 1);
  CHECK(arms[1].value.sum == 9);  // 4 + 5
  CHECK(arms[3].segment == "x");
  CHECK(arms[3].value.sum == 9);
  CHECK(arms[0].value.n == 0);
}

}  // namespace
}  // namespace tailor::stats
