// core/dataset/profile.h: per-column summaries.
#include "core/dataset/profile.h"

#include <catch2/catch.hpp>

#include "core/dataset/read.h"

using namespace tailor::dataset;

TEST_CASE("profiles: counts, ranges, distinct values and top values", "[dataset]") {
  const std::string text =
      "id,plan,spend,orders,vip,joined,name\n"
      "a,pro,10,1,yes,2024-01-01,Ann\n"
      "b,basic,,2,no,2024-01-03,Bob\n"
      "c,basic,2.5,3,,2024-01-02,Ann\n"
      "d,pro,7.5,2,yes,,\n"
      "e,basic,,4,yes,2024-01-01,Cy\n";
  ReadOptions o;
  o.columns = {{"plan", ColumnType::kCategory}, {"name", ColumnType::kString}};
  auto r = read_csv(text, "customers.csv", o);
  REQUIRE(r.ok());
  const auto profiles = profile_table(r->table, 2);
  REQUIRE(profiles.size() == 7);

  const ColumnProfile& id = profiles[0];
  CHECK(id.type == ColumnType::kId);
  CHECK(id.count == 5);
  CHECK(id.distinct == 5);

  const ColumnProfile& plan = profiles[1];
  CHECK(plan.count == 5);
  CHECK(plan.missing == 0);
  CHECK(plan.distinct == 2);
  REQUIRE(plan.top.size() == 2);
  CHECK(plan.top[0].value == "basic");
  CHECK(plan.top[0].count == 3);
  CHECK(plan.top[1].value == "pro");

  const ColumnProfile& spend = profiles[2];
  CHECK(spend.type == ColumnType::kNumber);
  CHECK(spend.count == 3);
  CHECK(spend.missing == 2);
  CHECK(spend.min == 2.5);
  CHECK(spend.max == 10.0);
  CHECK(spend.mean == Approx(20.0 / 3));
  CHECK(spend.top.empty());

  const ColumnProfile& orders = profiles[3];
  CHECK(orders.type == ColumnType::kInteger);
  CHECK(orders.distinct == 4);
  CHECK(orders.mean == 2.4);

  const ColumnProfile& vip = profiles[4];
  CHECK(vip.type == ColumnType::kBoolean);
  CHECK(vip.count == 4);
  CHECK(vip.mean == 0.75);
  REQUIRE(vip.top.size() == 2);
  CHECK(vip.top[0].value == "true");
  CHECK(vip.top[0].count == 3);
  CHECK(vip.top[1].value == "false");

  const ColumnProfile& joined = profiles[5];
  CHECK(joined.type == ColumnType::kDate);
  CHECK(joined.missing == 1);
  CHECK(format_date(static_cast<int32_t>(*joined.min)) == "2024-01-01");
  CHECK(format_date(static_cast<int32_t>(*joined.max)) == "2024-01-03");
  CHECK(joined.distinct == 3);

  const ColumnProfile& name = profiles[6];
  CHECK(name.count == 4);
  CHECK(name.distinct == 3);
  REQUIRE(name.top.size() == 2);
  CHECK(name.top[0].value == "Ann");
  CHECK(name.top[0].count == 2);
  CHECK(name.top[1].value == "Bob");  // ties in byte order: Bob before Cy
}

TEST_CASE("profiles of an empty column have no range", "[dataset]") {
  ReadOptions o;
  o.columns = {{"score", ColumnType::kNumber}};
  auto r = read_csv("id,score\na,\nb,\n", "customers.csv", o);
  REQUIRE(r.ok());
  const ColumnProfile p = profile_column(r->table, 1);
  CHECK(p.count == 0);
  CHECK(p.missing == 2);
  CHECK_FALSE(p.min.has_value());
  CHECK_FALSE(p.mean.has_value());
}
