// core/segmentation/fit.h: each method on small hand-computed tables, THE property (the SDK's
// evaluation of the published config segments and conditions gives every row's segment), the
// config validator's acceptance of the written segments, profiles and failures.
#include "core/segmentation/fit.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/config/validate.h"
#include "core/dataset/read.h"
#include "core/json/js.h"
#include "core/segment/segments.h"
#include "core/segmentation/attributes.h"
#include "core/targeting/condition.h"
#include "tests/parse_json.h"

using namespace tailor;
using namespace tailor::segmentation;
using tailor::testing::parse;

namespace {

// recency = days since the last order; c11 has none (unscored by RFM).
const char* kCustomers =
    "id,recency,orders,spend,country,vip,joined\n"
    "c01,5,1,10,US,yes,2024-01-05\n"
    "c02,40,2,20,DE,no,2024-02-01\n"
    "c03,12,3,30,US,no,\n"
    "c04,90,4,40,FR,yes,2023-11-30\n"
    "c05,200,5,50,US,no,2023-01-01\n"
    "c06,3,6,60,DE,yes,2024-03-03\n"
    "c07,60,7,70,US,no,2024-04-04\n"
    "c08,150,8,80,FR,no,2022-05-05\n"
    "c09,30,9,90,US,yes,2021-06-06\n"
    "c10,8,10,100,DE,no,2020-07-07\n"
    "c11,,3,25,US,no,2020-08-08\n";

dataset::Table table_of(const std::string& csv) {
  auto r = dataset::read_csv(csv, "customers.csv");
  REQUIRE(r.ok());
  return r->table;
}

Fitted fitted(const dataset::Table& table, const std::string& spec_text,
              size_t silhouette_sample = 2000, size_t selection_sample = 20000) {
  auto spec = parse_spec(parse(spec_text), "segmentation");
  REQUIRE(spec.ok());
  spec->silhouette_sample = silhouette_sample;
  spec->selection_sample = selection_sample;
  auto f = fit(table, *spec);
  INFO(f.error());
  REQUIRE(f.ok());
  return f.value();
}

// THE property, evaluated independently of fit(): the full attribute document of each row, the
// config segments applied as the SDK applies them, the named conditions in order.
void check_sdk_agrees(const dataset::Table& table, const Fitted& f) {
  const json::Value config = json::Value::object({{"segments", f.config_segments}});
  const json::Value no_groups = json::Value::empty_object();
  REQUIRE(f.row_segment.size() == table.row_count());
  for (size_t row = 0; row < table.row_count(); ++row) {
    const json::Value a = segment::with_segments(config, customer_attributes(table, row));
    size_t first = f.segments.size();
    for (size_t i = 0; i < f.segments.size() && first == f.segments.size(); ++i) {
      if (targeting::eval_condition(a, f.segments[i].condition, no_groups)) first = i;
    }
    INFO("row " << row);
    CHECK(f.row_segment[row] == first);
  }
  CHECK(json::stringify(f.segments.back().condition) == "{}");
  // A config carrying the segments is publishable.
  const json::Value publishable = json::Value::object(
      {{"features", json::Value::empty_object()}, {"segments", f.config_segments}});
  const Status s = config::validate(publishable);
  INFO(s.message());
  CHECK(s.ok());
  // Every named condition is a valid condition too.
  for (const NamedSegment& n : f.segments) CHECK(config::validate_condition(n.condition, "c").ok());
}

std::vector<std::string> names(const Fitted& f) {
  std::vector<std::string> out;
  for (const auto& s : f.segments) out.push_back(s.name);
  return out;
}

}  // namespace

TEST_CASE("slug and customer attributes", "[segmentation]") {
  CHECK(slug("At Risk") == "at-risk");
  CHECK(slug("  VIP++ 2026 ") == "vip-2026");
  CHECK(slug("Potential Loyalists") == "potential-loyalists");
  CHECK(slug("Café") == "caf");
  CHECK(slug("!!!").empty());
  const dataset::Table t = table_of(kCustomers);
  CHECK(json::stringify(customer_attributes(t, 0)) ==
        R"({"id":"c01","recency":5,"orders":1,"spend":10,"country":"US","vip":true,)"
        R"("joined":"2024-01-05"})");
  // Missing cells are absent.
  CHECK(json::stringify(customer_attributes(t, 2)) ==
        R"({"id":"c03","recency":12,"orders":3,"spend":30,"country":"US","vip":false})");
  CHECK(json::stringify(customer_attributes(t, 10, {3, 1})) == R"({"spend":25})");
}

TEST_CASE("fit rfm: bins, default segments, unscored customers", "[segmentation]") {
  const dataset::Table t = table_of(kCustomers);
  const Fitted f = fitted(t, R"({"method": "rfm", "recency": "recency", "frequency": "orders",
                                 "monetary": "spend"})");
  // Bins over the ten scored rows (c11 has no recency): recency sorted 3 5 8 12 30 40 60 90 150
  // 200 -> v[2], v[4], v[6], v[8]; orders 1..10 and spend 10..100 -> v[3], v[5], v[7], v[9].
  CHECK(json::stringify(f.config_segments) ==
        R"([{"key":"rfm","type":"rfm","recency":"recency","frequency":"orders",)"
        R"("monetary":"spend","recencyBins":[5,12,40,90],"frequencyBins":[3,5,7,9],)"
        R"("monetaryBins":[30,50,70,90]}])");
  CHECK(names(f) == std::vector<std::string>{"Unscored", "Champions", "Loyal",
                                             "Potential Loyalists", "At Risk", "Hibernating"});
  CHECK(f.segments[0].slug == "unscored");
  CHECK(f.segments[3].slug == "potential-loyalists");
  // By hand (r: 5 at or below 5, 4 to 12, 3 to 40, 2 to 90, else 1; f: 1 + bins reached):
  // c01 r5 f1 -> Potential Loyalists; c02 r3 f1 -> Hibernating; c03 r4 f2 -> PL;
  // c04 r2 f2 -> Hibernating; c05 r1 f3 -> At Risk; c06 r5 f3 -> Loyal; c07 r2 f4 -> At Risk;
  // c08 r1 f4 -> At Risk; c09 r3 f5 -> Loyal; c10 r4 f5 -> Champions; c11 -> Unscored.
  CHECK(f.row_segment == std::vector<uint32_t>{3, 5, 3, 5, 4, 2, 4, 4, 2, 1, 0});
  check_sdk_agrees(t, f);
  // c05: recency 200 -> 1, orders 5 -> 3, spend 50 -> 3.
  const json::Value config = json::Value::object({{"segments", f.config_segments}});
  for (size_t row = 0; row < t.row_count(); ++row) {
    CHECK(segment_of(config, f.segments, customer_attributes(t, row)) == f.row_segment[row]);
  }
  // A visitor without any attribute is unscored.
  CHECK(segment_of(config, f.segments, json::Value::empty_object()) == 0);
  CHECK(json::stringify(segment::evaluate(config, customer_attributes(t, 4))) ==
        R"({"rfm":{"r":1,"f":3,"m":3,"score":7}})");
  CHECK(json::stringify(f.diagnostics) ==
        R"({"recencyBins":[5,12,40,90],"frequencyBins":[3,5,7,9],"monetaryBins":[30,50,70,90],)"
        R"("scored":10,"unscored":1})");
}

TEST_CASE("fit rfm: profiles", "[segmentation]") {
  const dataset::Table t = table_of(kCustomers);
  const Fitted f = fitted(t, R"({"method": "rfm", "recency": "recency", "frequency": "orders",
                                 "monetary": "spend"})");
  REQUIRE(f.profiles.size() == 6);
  // Potential Loyalists: c01 (spend 10, orders 1, US, vip) and c03 (30, 3, US, not vip).
  const SegmentProfile& pl = f.profiles[3];
  CHECK(pl.name == "Potential Loyalists");
  CHECK(pl.size == 2);
  CHECK(pl.share == Approx(2.0 / 11));
  REQUIRE(pl.means.size() == 3);  // recency, orders, spend
  CHECK(pl.means[0].column == "recency");
  CHECK(pl.means[0].mean == 8.5);  // (5 + 12) / 2
  CHECK(pl.means[2].column == "spend");
  CHECK(pl.means[2].mean == 20);
  REQUIRE(pl.top.size() == 2);  // country, vip
  CHECK(pl.top[0].column == "country");
  REQUIRE(pl.top[0].top.size() == 1);
  CHECK(pl.top[0].top[0].value == "US");
  CHECK(pl.top[0].top[0].count == 2);
  REQUIRE(pl.top[1].top.size() == 2);
  CHECK(pl.top[1].top[0].value == "false");  // 1 each: byte order
  CHECK(pl.top[1].top[1].value == "true");
  // Unscored: c11 only, no recency present.
  CHECK(f.profiles[0].size == 1);
  CHECK(f.profiles[0].means[0].count == 0);
  size_t total = 0;
  for (const auto& p : f.profiles) total += p.size;
  CHECK(total == 11);
  const json::Value j = to_json(f);
  CHECK(j.find("method")->as_string() == "rfm");
  const json::Value& seg = j.find("segments")->as_array()[3];
  CHECK(json::stringify(seg) ==
        R"({"name":"Potential Loyalists","slug":"potential-loyalists",)"
        R"("condition":{"segments.rfm.r":{"$gte":4}},"size":2,"share":0.18181818181818182,)"
        R"("means":{"recency":8.5,"orders":2,"spend":20},)"
        R"("top":{"country":[{"value":"US","count":2}],)"
        R"("vip":[{"value":"false","count":1},{"value":"true","count":1}]}})");
}

TEST_CASE("fit rfm: custom segments over scores and attributes", "[segmentation]") {
  const dataset::Table t = table_of(kCustomers);
  const Fitted f = fitted(t, R"({"method": "rfm", "recency": "recency", "frequency": "orders",
      "monetary": "spend", "segments": [
        {"name": "Big DE", "condition": {"segments.rfm.score": {"$gte": 10}, "country": "DE"}},
        {"name": "Rest"}]})");
  // Scores: c06 r5 f3 m3 = 11 (DE), c10 r4 f5 m5 = 14 (DE), c02 r3 f1 m1 = 5 (DE).
  CHECK(names(f) == std::vector<std::string>{"Unscored", "Big DE", "Rest"});
  CHECK(f.row_segment == std::vector<uint32_t>{2, 2, 2, 2, 2, 1, 2, 2, 2, 1, 0});
  check_sdk_agrees(t, f);
}

TEST_CASE("fit rules: first match wins, dates as strings, a default", "[segmentation]") {
  const dataset::Table t = table_of(kCustomers);
  const Fitted f = fitted(t, R"({"method": "rules", "rules": [
      {"name": "VIP", "condition": {"vip": true, "spend": {"$gte": 50}}},
      {"name": "US", "condition": {"country": "US"}},
      {"name": "New", "condition": {"joined": {"$gte": "2024-01-01"}}}],
      "default": "Others"})");
  CHECK(names(f) == std::vector<std::string>{"VIP", "US", "New", "Others"});
  // VIP: c06, c09; US: c01 c03 c05 c07 c11; New (joined 2024 or later): c02; others.
  CHECK(f.row_segment == std::vector<uint32_t>{1, 2, 1, 3, 1, 0, 1, 3, 0, 3, 1});
  CHECK(json::stringify(f.config_segments.as_array()[1]) ==
        R"({"key":"us","type":"rule","condition":{"country":"US"}})");
  CHECK(json::stringify(f.segments[1].condition) == R"({"segments.us":true})");
  CHECK(json::stringify(f.diagnostics) == R"({"rules":3})");
  check_sdk_agrees(t, f);
}

TEST_CASE("fit kmeans: the numpy golden on separated data", "[segmentation]") {
  // tools/gen/segmentation_kmeans_golden.py's twelve customers, plus one without orders.
  std::string csv = "id,spend,orders\n";
  const int data[12][2] = {{100, 1},  {110, 2}, {90, 1},   {105, 3}, {500, 10}, {520, 12},
                           {480, 11}, {510, 9}, {1000, 2}, {980, 3}, {1020, 1}, {1010, 2}};
  for (int i = 0; i < 12; ++i) {
    csv += "k" + std::to_string(i) + "," + std::to_string(data[i][0]) + "," +
           std::to_string(data[i][1]) + "\n";
  }
  csv += "k12,700,\n";
  const dataset::Table t = table_of(csv);
  const Fitted f = fitted(t, R"({"method": "kmeans", "features": ["spend", "orders"], "k": 3,
                                 "seed": 7})");
  const json::Value& s = f.config_segments.as_array()[0];
  CHECK(s.find("key")->as_string() == "cluster");
  // Golden output of the script (numpy 1.24.2):
  //   mean ['535.4166666666666', '4.75']  scale ['368.89168652720934', '4.165833249983329']
  //   centers [1.2661801563773691, -0.6601320396132047], [-0.08923125098466729,
  //   1.3802760828276095], [-1.1769489053927016, -0.7201440432144051]
  //   inertia 0.5762922080472132  silhouette 0.8656668381805431
  const auto& mean = s.find("mean")->as_array();
  CHECK(mean[0].as_number() == Approx(535.4166666666666).epsilon(1e-14));
  CHECK(mean[1].as_number() == Approx(4.75).epsilon(1e-14));
  const auto& scale = s.find("scale")->as_array();
  CHECK(scale[0].as_number() == Approx(368.89168652720934).epsilon(1e-13));
  CHECK(scale[1].as_number() == Approx(4.165833249983329).epsilon(1e-13));
  const double golden[3][2] = {{1.2661801563773691, -0.6601320396132047},
                               {-0.08923125098466729, 1.3802760828276095},
                               {-1.1769489053927016, -0.7201440432144051}};
  const auto& centroids = s.find("centroids")->as_array();
  REQUIRE(centroids.size() == 3);
  for (size_t c = 0; c < 3; ++c) {
    CHECK(centroids[c].find("name")->as_string() == "Cluster " + std::to_string(c + 1));
    for (size_t j = 0; j < 2; ++j) {
      CHECK(centroids[c].find("center")->as_array()[j].as_number() ==
            Approx(golden[c][j]).epsilon(1e-12));
    }
  }
  CHECK(names(f) == std::vector<std::string>{"Unscored", "Cluster 1", "Cluster 2", "Cluster 3"});
  CHECK(json::stringify(f.segments[1].condition) == R"({"segments.cluster":"Cluster 1"})");
  CHECK(f.row_segment == std::vector<uint32_t>{3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 0});
  CHECK(f.diagnostics.find("silhouette")->as_number() == Approx(0.8656668381805431).epsilon(1e-12));
  CHECK(f.diagnostics.find("inertia")->as_number() == Approx(0.5762922080472132).epsilon(1e-12));
  CHECK(f.diagnostics.find("silhouette_sample")->as_number() == 12);
  CHECK(f.diagnostics.find("unscored")->as_number() == 1);
  CHECK(f.diagnostics.find("converged")->as_bool());
  CHECK_FALSE(f.diagnostics.contains("silhouette_by_k"));
  check_sdk_agrees(t, f);

  // "auto" picks k = 3, the largest silhouette (the script: k = 2 0.558, 3 0.866, 4 0.732,
  // 5 0.641 at the best Lloyd optimum of each k).
  const Fitted a = fitted(t, R"({"method": "kmeans", "features": ["spend", "orders"],
                                 "k": "auto", "seed": 7})");
  CHECK(a.diagnostics.find("k")->as_number() == 3);
  CHECK(a.row_segment == f.row_segment);
  const auto& by_k = a.diagnostics.find("silhouette_by_k")->as_array();
  REQUIRE(by_k.size() == 7);  // k = 2..8
  for (const json::Value& e : by_k) {
    CHECK(e.find("silhouette")->as_number() <= a.diagnostics.find("silhouette")->as_number());
  }
  check_sdk_agrees(t, a);
}

TEST_CASE("fit kmeans: large tables sample the silhouette; every row agrees with the SDK",
          "[segmentation]") {
  std::string csv = "id,spend,orders,recency\n";
  for (int i = 0; i < 1200; ++i) {
    csv += "u" + std::to_string(i) + "," + std::to_string((i * 7919) % 1000 + (i % 3) * 2000) +
           "," + std::to_string(i % 13) + "," + (i % 97 == 0 ? "" : std::to_string(i % 365)) + "\n";
  }
  const dataset::Table t = table_of(csv);
  // The silhouette over 500 of the scored customers (the default is 2000 of them).
  const Fitted f = fitted(t,
                          R"({"method": "kmeans", "features": ["spend", "orders", "recency"],
                              "k": 3, "seed": 3})",
                          500);
  CHECK(f.diagnostics.find("silhouette_sample")->as_number() == 500);
  CHECK(f.diagnostics.find("silhouette")->is_number());
  CHECK(f.diagnostics.find("unscored")->as_number() == 13);  // i % 97 == 0 for i < 1200
  CHECK(f.segments[0].name == "Unscored");
  check_sdk_agrees(t, f);
  const Fitted r = fitted(t, R"({"method": "rfm", "recency": "recency", "frequency": "orders",
                                 "monetary": "spend"})");
  check_sdk_agrees(t, r);
}

TEST_CASE("fit kmeans auto: k is chosen on a sample, the model fitted to all", "[segmentation]") {
  // Four groups of 600 customers around (spend, orders) = (100, 2), (400, 12), (900, 3) and
  // (1500, 20), spread by a deterministic wobble: "auto" must choose k = 4 from fits on 1000 of
  // the 2400 (the default is 20,000), and the final model must still put every row where the
  // SDK does.
  std::string csv = "id,spend,orders\n";
  const int centers[4][2] = {{100, 2}, {400, 12}, {900, 3}, {1500, 20}};
  for (int i = 0; i < 2400; ++i) {
    const int g = i % 4;
    csv += "u" + std::to_string(i) + "," + std::to_string(centers[g][0] + (i * 7) % 41 - 20) + "," +
           std::to_string(centers[g][1] + (i * 3) % 5 - 2) + "\n";
  }
  const dataset::Table t = table_of(csv);
  const Fitted f =
      fitted(t, R"({"method": "kmeans", "features": ["spend", "orders"], "seed": 5})", 300, 1000);
  CHECK(f.diagnostics.find("selection_sample")->as_number() == 1000);
  CHECK(f.diagnostics.find("silhouette_sample")->as_number() == 300);
  CHECK(f.diagnostics.find("k")->as_number() == 4);
  REQUIRE(f.profiles.size() == 4);
  // Ordered by descending spend center: the 1500 group is Cluster 1, the 100 group Cluster 4.
  CHECK(f.profiles[0].means[0].mean == Approx(1500).margin(1));
  CHECK(f.profiles[3].means[0].mean == Approx(100).margin(1));
  for (const auto& p : f.profiles) CHECK(p.size == 600);
  check_sdk_agrees(t, f);
}

TEST_CASE("fit: failures name the spec member and the column", "[segmentation]") {
  const dataset::Table t = table_of(kCustomers);
  auto error = [&](const std::string& spec_text) {
    auto spec = parse_spec(parse(spec_text), "segmentation");
    REQUIRE(spec.ok());
    auto f = fit(t, *spec);
    REQUIRE_FALSE(f.ok());
    return f.error();
  };
  CHECK(error(R"({"method": "rfm", "recency": "days", "frequency": "orders",
                  "monetary": "spend"})") ==
        "segmentation.recency: the customer table has no column \"days\" (its columns: id, "
        "recency, orders, spend, country, vip, joined)");
  CHECK(error(R"({"method": "kmeans", "features": ["spend", "country"]})") ==
        "segmentation.features[1]: column \"country\" is a category column; it must be a "
        "number or integer column");
  CHECK(error(R"({"method": "kmeans", "features": ["spend"], "k": 20})") ==
        "segmentation.k is 20, but k-means needs at least 20 distinct customers, the data has "
        "fewer");
  const dataset::Table empty = table_of("id,spend\n");
  auto spec = parse_spec(parse(R"({"method": "kmeans", "features": ["spend"]})"), "segmentation");
  REQUIRE(spec.ok());
  CHECK(fit(empty, *spec).error() == "segmentation: the customer table has no rows to segment");
}
