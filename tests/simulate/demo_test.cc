// core/simulate: the demo data of `tailor gen-data` reads back as intended.
#include "core/simulate/demo.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "core/dataset/read.h"
#include "core/simulate/truth.h"
#include "tests/parse_json.h"

using namespace tailor::simulate;
namespace dataset = tailor::dataset;
using tailor::json::Value;

namespace {

dataset::ReadOptions consent_only() {
  dataset::ReadOptions o;
  o.consent = dataset::ConsentRule{"email_opt_in", dataset::ConsentMeaning::kTrueMeansConsent};
  return o;
}

// The options the spec's "customers" section declares.
dataset::ReadOptions declared(const std::string& spec_json, dataset::BadRows policy) {
  const Value spec = tailor::testing::parse(spec_json);
  const Value& customers = *spec.find("customers");
  dataset::ReadOptions o = consent_only();
  o.bad_rows = policy;
  for (const auto& [name, type] : customers.find("columns")->as_object()) {
    const auto t = dataset::parse_column_type(type.as_string());
    REQUIRE(t.has_value());
    o.columns.push_back({name, *t});
  }
  CHECK(customers.find("consent")->find("column")->as_string() == "email_opt_in");
  return o;
}

Demo demo(size_t customers, uint64_t seed, size_t bad_rows = 0) {
  auto r = generate_demo({customers, seed, bad_rows});
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

TEST_CASE("demo customers: the intended column types, consistent values", "[simulate]") {
  const Demo d = demo(2000, 7);
  auto read = dataset::read_csv(d.customers_csv, "customers.csv", consent_only());
  REQUIRE(read.ok());
  const dataset::Table& t = read->table;
  REQUIRE(t.row_count() == 2000);
  using T = dataset::ColumnType;
  const std::vector<std::pair<std::string, T>> intended = {{"customer_id", T::kId},
                                                           {"email", T::kEmail},
                                                           {"first_name", T::kString},
                                                           {"last_name", T::kString},
                                                           {"country", T::kCategory},
                                                           {"age", T::kInteger},
                                                           {"signup_date", T::kDate},
                                                           {"last_order_date", T::kDate},
                                                           {"days_since_last_order", T::kInteger},
                                                           {"orders_12m", T::kInteger},
                                                           {"spend_12m", T::kNumber},
                                                           {"avg_order_value", T::kNumber},
                                                           {"favourite_category", T::kCategory},
                                                           {"email_opt_in", T::kBoolean},
                                                           {"loyalty_member", T::kBoolean},
                                                           {"email_engagement", T::kNumber},
                                                           {"emails_last_30d", T::kInteger}};
  REQUIRE(t.column_count() == intended.size());
  for (size_t c = 0; c < intended.size(); ++c) {
    INFO(intended[c].first);
    CHECK(t.column_name(c) == intended[c].first);
    CHECK(t.column_type(c) == intended[c].second);
  }
  auto col = [&](const char* name) { return *t.find_column(name); };
  const int32_t as_of = *dataset::parse_date(kDemoAsOf);
  size_t opted_out = 0, lapsed = 0;
  double sum_days = 0, sum_orders = 0, sum_dd = 0, sum_oo = 0, sum_do = 0;
  std::set<std::string> categories;
  for (size_t r = 0; r < t.row_count(); ++r) {
    const int64_t days = t.integer(r, col("days_since_last_order"));
    const int64_t orders = t.integer(r, col("orders_12m"));
    const double spend = t.number(r, col("spend_12m"));
    CHECK(t.date(r, col("last_order_date")) == as_of - days);
    CHECK(t.date(r, col("signup_date")) < t.date(r, col("last_order_date")));
    CHECK((orders == 0) == (days > 365));
    if (orders == 0) {
      ++lapsed;
      CHECK(spend == 0);
      CHECK(t.missing(r, col("avg_order_value")));
    } else {
      CHECK(spend > 0);
      CHECK(std::fabs(t.number(r, col("avg_order_value")) - spend / orders) <= 0.005 + 1e-9);
    }
    const double engagement = t.number(r, col("email_engagement"));
    CHECK((engagement >= 0 && engagement <= 1));
    const int64_t age = t.integer(r, col("age"));
    CHECK((age >= 18 && age <= 85));
    if (!t.may_contact(r)) {
      ++opted_out;
      CHECK(t.integer(r, col("emails_last_30d")) == 0);
    }
    const std::string email(t.text(r, col("email")));
    CHECK(email.ends_with("@example.com"));
    categories.emplace(t.text(r, col("favourite_category")));
    sum_days += static_cast<double>(days);
    sum_orders += static_cast<double>(orders);
    sum_dd += static_cast<double>(days * days);
    sum_oo += static_cast<double>(orders * orders);
    sum_do += static_cast<double>(days * orders);
  }
  // About 5% opted out: within 4 binomial standard errors (sqrt(0.05 * 0.95 / 2000) = 0.0049).
  CHECK(std::fabs(static_cast<double>(opted_out) / 2000 - 0.05) < 4 * 0.0049);
  CHECK(lapsed > 0);
  CHECK(categories.count("Tents, Camp & Cook") == 1);  // a quoted cell read back whole
  // Recency and frequency move against each other, as in real customer files.
  const double n = 2000;
  const double cov = sum_do / n - (sum_days / n) * (sum_orders / n);
  const double r = cov / std::sqrt((sum_dd / n - std::pow(sum_days / n, 2)) *
                                   (sum_oo / n - std::pow(sum_orders / n, 2)));
  CHECK(r < -0.2);
}

TEST_CASE("demo customers: deterministic, and a smaller file is a prefix", "[simulate]") {
  const Demo a = demo(300, 11), b = demo(300, 11), c = demo(600, 11), other = demo(300, 12);
  CHECK(a.customers_csv == b.customers_csv);
  CHECK(c.customers_csv.starts_with(a.customers_csv));
  CHECK(other.customers_csv != a.customers_csv);
}

TEST_CASE("demo customers: bad rows are reported by the declared schema", "[simulate]") {
  const Demo d = demo(500, 3, 12);
  auto skipped = dataset::read_csv(d.customers_csv, "customers.csv",
                                   declared(d.spec_json, dataset::BadRows::kSkip));
  REQUIRE(skipped.ok());
  CHECK(skipped->report.rows_read == 512);
  CHECK(skipped->report.rows_skipped == 12);
  CHECK(skipped->report.problem_count == 12);
  CHECK(skipped->table.row_count() == 500);
  // One problem of each kind, in the documented cycle.
  const std::vector<std::string> kinds = {
      "column \"last_order_date\" is \"2026-02-30\", expected a date",
      "the row has 16 fields, expected 17",
      "column \"spend_12m\" is \"n/a\", expected a number",
      "column \"email\" is \"no-at-sign.example.com\", expected an email address",
      "column \"email_opt_in\" is \"maybe\", expected a boolean",
      "column \"customer_id\" is \"C0000001\", expected a unique id (it is also on line 2)"};
  REQUIRE(skipped->report.problems.size() == 12);
  for (size_t i = 0; i < 12; ++i) {
    INFO(skipped->report.problems[i].message);
    CHECK(skipped->report.problems[i].message.find(kinds[i % 6]) != std::string::npos);
  }
  auto failed = dataset::read_csv(d.customers_csv, "customers.csv",
                                  declared(d.spec_json, dataset::BadRows::kFail));
  CHECK_FALSE(failed.ok());
  // Without bad rows the declared schema accepts every row.
  const Demo clean = demo(500, 3);
  auto all = dataset::read_csv(clean.customers_csv, "customers.csv",
                               declared(clean.spec_json, dataset::BadRows::kFail));
  REQUIRE(all.ok());
  CHECK(all->table.row_count() == 500);
}

TEST_CASE("demo content: approved items with expired, off-channel and offer items", "[simulate]") {
  const Demo d = demo(10, 1);
  REQUIRE(d.content_files.size() >= 20);
  REQUIRE(d.content_files.size() <= 30);
  const int32_t as_of = *dataset::parse_date(kDemoAsOf);
  std::set<std::string> ids;
  size_t expired = 0, not_yet = 0, without_email = 0, live_deadlines = 0;
  for (size_t i = 0; i < d.content_files.size(); ++i) {
    const auto& [name, text] = d.content_files[i];
    INFO(name);
    CHECK(name == "c" + std::to_string(i + 1) + ".json");
    const Value item = tailor::testing::parse(text);
    for (const auto& [member, _] : item.as_object()) {
      CHECK(std::set<std::string>{"id", "title", "body", "claims", "valid_from", "valid_until",
                                  "channels", "locale", "offer", "tags"}
                .count(member) == 1);
    }
    CHECK(item.find("id")->as_string() + ".json" == name);
    ids.insert(item.find("id")->as_string());
    CHECK(!item.find("title")->as_string().empty());
    CHECK(!item.find("body")->as_string().empty());
    REQUIRE(item.find("claims")->is_array());
    CHECK(!item.find("claims")->as_array().empty());
    // The corpus rules (core/content): claims are one line without the placeholder and
    // citation marks { } [ ]; tags are [a-z0-9-]{1,32}.
    for (const auto& claim : item.find("claims")->as_array()) {
      REQUIRE(claim.is_string());
      CHECK(claim.as_string().find_first_of("{}[]\n") == std::string::npos);
    }
    for (const auto& tag : item.find("tags")->as_array()) {
      const std::string& t = tag.as_string();
      CHECK((!t.empty() && t.size() <= 32));
      CHECK(t.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos);
    }
    const auto from = dataset::parse_date(item.find("valid_from")->as_string());
    const auto until = dataset::parse_date(item.find("valid_until")->as_string());
    REQUIRE(from.has_value());
    REQUIRE(until.has_value());
    CHECK(*from <= *until);
    expired += *until < as_of;
    not_yet += *from > as_of;
    bool email = false;
    for (const auto& ch : item.find("channels")->as_array()) {
      const std::string& c = ch.as_string();
      CHECK((c == "email" || c == "sms" || c == "web"));
      email = email || c == "email";
    }
    without_email += !email;
    CHECK(item.find("locale")->as_string() == "en");
    if (const Value* offer = item.find("offer")) {
      CHECK(!offer->find("description")->as_string().empty());
      const auto deadline = dataset::parse_date(offer->find("deadline")->as_string());
      REQUIRE(deadline.has_value());
      CHECK(*deadline <= *until);
      live_deadlines += *deadline >= as_of && *from <= as_of;
    }
  }
  CHECK(ids.size() == d.content_files.size());
  CHECK(expired >= 2);
  CHECK(not_yet >= 1);
  CHECK(without_email >= 2);
  CHECK(live_deadlines >= 1);
}

TEST_CASE("demo spec: a complete campaign.json whose truth parses", "[simulate]") {
  const Demo d = demo(10, 424242);
  const Value spec = tailor::testing::parse(d.spec_json);
  for (const char* member : {"campaign", "goal", "as_of", "brand", "channels", "customers",
                             "segmentation", "content", "generation", "design", "simulation"}) {
    INFO(member);
    CHECK(spec.contains(member));
  }
  CHECK(spec.find("as_of")->as_string() == kDemoAsOf);
  auto truth = parse_truth(*spec.find("simulation"), "simulation");
  REQUIRE(truth.ok());
  CHECK(truth->seed == 424242);
  CHECK(planted_attribute_ranking(*truth).front() == "email_engagement");
}

TEST_CASE("generate_demo: bad options", "[simulate]") {
  CHECK(generate_demo({0, 1, 0}).error() ==
        "customers must be a whole number from 1 to 1000000, got 0");
  CHECK(generate_demo({10, 1, 11}).error() ==
        "bad_rows must be at most the number of customers (10), got 11");
  CHECK(generate_demo({10, uint64_t{1} << 53, 0}).error() ==
        "seed must be a whole number from 0 to 9007199254740991 (the largest a JSON number "
        "holds exactly), got 9007199254740992");
}
