#include "core/campaign/spec.h"

#include <catch2/catch.hpp>
#include <string>

using tailor::campaign::read_spec;

namespace {

const char* kValid = R"({
  "campaign": "winter-2026",
  "goal": "bring lapsed customers back",
  "as_of": "2026-12-01",
  "brand": {"name": "Northwind", "voice": "warm"},
  "channels": ["email", "web"],
  "customers": {"consent": {"column": "email_opt_in", "meaning": "consent"},
                "columns": {"spend_12m": "number"}, "bad_rows": "skip"},
  "segmentation": {"method": "rfm"},
  "design": {}
})";

std::string with(const std::string& from, const std::string& to) {
  std::string s = kValid;
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  s.replace(at, from.size(), to);
  return s;
}

}  // namespace

TEST_CASE("a complete spec parses", "[campaign]") {
  auto spec = read_spec(kValid);
  REQUIRE(spec.ok());
  CHECK(spec->campaign == "winter-2026");
  // python3: (date(2026, 12, 1) - date(1970, 1, 1)).days == 20788
  CHECK(spec->as_of_day == 20788);
  CHECK(spec->brand.voice == "warm");
  CHECK(spec->has_channel("web"));
  CHECK_FALSE(spec->has_channel("sms"));
  REQUIRE(spec->customers.consent.has_value());
  CHECK(spec->customers.consent->column == "email_opt_in");
  CHECK(spec->customers.bad_rows == tailor::dataset::BadRows::kSkip);
  REQUIRE(spec->customers.columns.size() == 1);
  CHECK(spec->customers.columns[0].type == tailor::dataset::ColumnType::kNumber);
  CHECK(spec->segmentation.is_object());
  CHECK(spec->simulation.is_null());
}

TEST_CASE("spec errors name the member and what is valid", "[campaign]") {
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"[1]", "the spec must be an object, got [1]"},
      {with("\"goal\"", "\"gaol\""),
       "the spec has an unknown member \"gaol\"; valid members: campaign, goal, as_of, brand, "
       "channels, customers, segmentation, content, generation, design, simulation"},
      {with("winter-2026", "Winter 2026"),
       "campaign is \"Winter 2026\", expected 1 to 64 of a-z, 0-9 and \"-\", not starting with "
       "\"-\""},
      {with("2026-12-01", "2026-02-30"), "as_of is \"2026-02-30\", expected a date (YYYY-MM-DD)"},
      {with("[\"email\", \"web\"]", "[\"web\"]"),
       "channels must include \"email\": the experiment measures email sends"},
      {with("[\"email\", \"web\"]", "[\"email\", \"fax\"]"),
       "channels[1] is \"fax\", expected \"email\", \"sms\" or \"web\""},
      {with("\"meaning\": \"consent\"", "\"meaning\": \"yes\""),
       "customers.consent.meaning is \"yes\", expected \"consent\" or \"opt_out\""},
      {with("\"number\"", "\"money\""),
       "customers.columns[\"spend_12m\"] is \"money\", expected one of id, email, string, "
       "category, number, integer, boolean, date"},
      {with("\"skip\"", "\"ignore\""),
       "customers.bad_rows is \"ignore\", expected \"fail\" or \"skip\""},
      {with("\"segmentation\": {\"method\": \"rfm\"},", ""), "segmentation is required"},
      {with("\"design\": {}", "\"design\": 3"), "design must be an object, got 3"},
      {with("\"name\": \"Northwind\", ", ""), "brand.name is required"},
  };
  for (const Case& c : cases) {
    auto spec = read_spec(c.text);
    REQUIRE_FALSE(spec.ok());
    CHECK(spec.error() == c.message);
  }
  auto not_json = read_spec("{");
  REQUIRE_FALSE(not_json.ok());
  CHECK(not_json.status().code() == tailor::StatusCode::kMalformed);
}
