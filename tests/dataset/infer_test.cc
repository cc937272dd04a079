// core/dataset: type inference (read.h's rule) and consent (Table::may_contact).
#include "core/dataset/infer.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/dataset/duplicates.h"
#include "core/dataset/read.h"

using tailor::StatusCode;
using namespace tailor::dataset;

namespace {

// As read_csv does: the inference, and the repeats of a would-be id.
ColumnType inferred(std::string_view name, std::vector<std::string_view> values) {
  Inference inference(name, 20);
  DuplicateFinder finder;
  for (size_t row = 0; row < values.size(); ++row) {
    inference.add(values[row]);
    finder.add(values[row], row, row + 2);
  }
  return inference.type(finder.repeats().empty());
}

}  // namespace

TEST_CASE("inference picks the narrowest type every value fits", "[dataset]") {
  CHECK(inferred("x", {"true", "no", "1", ""}) == ColumnType::kBoolean);
  CHECK(inferred("x", {"0", "1", "1"}) == ColumnType::kInteger);  // no word: an integer
  CHECK(inferred("x", {"12", "-3", ""}) == ColumnType::kInteger);
  CHECK(inferred("x", {"12", "-3.5"}) == ColumnType::kNumber);
  CHECK(inferred("x", {"2024-02-29", "2025-01-01"}) == ColumnType::kDate);
  CHECK(inferred("x", {"2024-02-29", "2025-02-29"}) == ColumnType::kString);  // not a date
  CHECK(inferred("zip", {"02134", "10001"}) == ColumnType::kString);          // leading zero
  CHECK(inferred("x", {"a@example.com", "b@example.org"}) == ColumnType::kEmail);
  CHECK(inferred("x", {"", ""}) == ColumnType::kString);
  CHECK(inferred("tier", {"gold", "silver", "gold", "bronze", "gold", "silver"}) ==
        ColumnType::kCategory);
  CHECK(inferred("name", {"Ann", "Bob", "Cy"}) == ColumnType::kString);  // all distinct
  Inference many("city", 3);
  for (auto v : {"a", "b", "c", "d", "a", "b", "c", "d", "a", "b"}) many.add(v);
  CHECK(many.type(true) == ColumnType::kString);  // more distinct values than the cap
}

TEST_CASE("ids are recognised by name and distinct non-empty values", "[dataset]") {
  for (auto name : {"id", "ID", "customer_id", "customer-id", "customerId", "customerID"}) {
    INFO(name);
    CHECK(is_id_name(name));
    CHECK(inferred(name, {"1", "2", "3"}) == ColumnType::kId);
  }
  for (auto name : {"valid", "paid", "kid", "_id", "Id_x"}) {
    INFO(name);
    CHECK_FALSE(is_id_name(name));
  }
  CHECK(inferred("store_id", {"1", "2", "1"}) == ColumnType::kInteger);     // repeated: not a key
  CHECK(inferred("customer_id", {"c1", "", "c3"}) == ColumnType::kString);  // empty: not a key
  CHECK(inferred("code", {"x1", "x2", "x3"}) == ColumnType::kString);       // content alone: no
}

TEST_CASE("repeats: every appearance after the first, with the first's line", "[dataset]") {
  const std::string owned = "b";  // outside the stable range: copied
  const std::string_view text = "a,b,a,c,a";
  DuplicateFinder finder(text);
  finder.add(text.substr(0, 1), 0, 10);
  finder.add(owned, 1, 11);
  finder.add(text.substr(4, 1), 2, 12);
  finder.add("c", 4, 14);
  finder.add(text.substr(8, 1), 5, 15);
  finder.add(text.substr(2, 1), 6, 16);  // "b" again
  const auto repeats = finder.repeats();
  REQUIRE(repeats.size() == 3);
  CHECK(repeats[0].row == 2);
  CHECK(repeats[0].first_line == 10);
  CHECK(repeats[1].row == 5);
  CHECK(repeats[1].first_line == 10);
  CHECK(repeats[2].row == 6);
  CHECK(repeats[2].first_line == 11);
  CHECK(DuplicateFinder().repeats().empty());
}

TEST_CASE("emails are recognised by name (always) and by content", "[dataset]") {
  CHECK(is_email_name("Email"));
  CHECK(is_email_name("email_address"));
  CHECK_FALSE(is_email_name("consent_email"));
  // Named email: the column is an email column and a bad address is reported.
  auto r = read_csv("id,email\n1,a@example.com\n2,not-an-address\n", "customers.csv");
  CHECK(r.error() ==
        "customers.csv:3: column \"email\" is \"not-an-address\", expected an email address "
        "(name@example.com)");
  auto content = read_csv("id,contact\n1,a@example.com\n2,b@example.com\n", "customers.csv");
  REQUIRE(content.ok());
  CHECK(content->table.column_type(1) == ColumnType::kEmail);
}

TEST_CASE("inference over a file: quoted ids checked, declared columns win", "[dataset]") {
  // "c""1" is unescaped into the reader's buffer; its copy still proves the ids distinct.
  const std::string text =
      "customer_id,plan,spend,vip,signup\n"
      "\"c\"\"1\",basic,10.5,yes,2024-01-01\n"
      "c2,pro,7,no,2024-02-29\n"
      "c3,basic,,,\n"
      "c4,basic,3,NO,2023-12-31\n";
  auto r = read_csv(text, "customers.csv");
  REQUIRE(r.ok());
  const Table& t = r->table;
  CHECK(t.column_type(0) == ColumnType::kId);
  CHECK(t.column_type(1) == ColumnType::kCategory);
  CHECK(t.column_type(2) == ColumnType::kNumber);
  CHECK(t.column_type(3) == ColumnType::kBoolean);
  CHECK(t.column_type(4) == ColumnType::kDate);
  CHECK(t.text(0, 0) == "c\"1");
  CHECK(t.text(3, 1) == "basic");
  CHECK(t.column(1).dictionary == std::vector<std::string>{"basic", "pro"});
  CHECK(t.number(1, 2) == 7.0);
  CHECK(t.missing(2, 2));
  CHECK(t.boolean(0, 3));
  CHECK_FALSE(t.boolean(3, 3));
  CHECK(t.missing(2, 4));

  ReadOptions o;
  o.columns = {{"spend", ColumnType::kString}, {"customer_id", ColumnType::kString}};
  auto as_text = read_csv(text, "customers.csv", o);
  REQUIRE(as_text.ok());
  CHECK(as_text->table.column_type(2) == ColumnType::kString);
  CHECK(as_text->table.text(0, 2) == "10.5");
  CHECK_FALSE(as_text->table.id_column().has_value());
}

TEST_CASE("consent: explicit values only; missing or no column means do not contact", "[dataset]") {
  const std::string text =
      "id,consent_email,opted_out\n"
      "a,true,0\n"
      "b,false,1\n"
      "c,,\n"
      "d,1,0\n";
  ReadOptions o;
  o.consent = ConsentRule{"consent_email", ConsentMeaning::kTrueMeansConsent};
  auto r = read_csv(text, "customers.csv", o);
  REQUIRE(r.ok());
  const Table& t = r->table;
  REQUIRE(t.consent().has_value());
  CHECK(t.consent()->column == 1);
  CHECK(t.column_type(1) == ColumnType::kBoolean);
  CHECK(t.may_contact(0));
  CHECK_FALSE(t.may_contact(1));
  CHECK_FALSE(t.may_contact(2));  // missing consent: not contactable
  CHECK(t.may_contact(3));

  o.consent = ConsentRule{"opted_out", ConsentMeaning::kTrueMeansOptOut};
  auto out = read_csv(text, "customers.csv", o);
  REQUIRE(out.ok());
  CHECK(out->table.column_type(2) == ColumnType::kBoolean);  // 0/1 alone would be an integer
  CHECK(out->table.may_contact(0));
  CHECK_FALSE(out->table.may_contact(1));
  CHECK_FALSE(out->table.may_contact(2));
  CHECK(out->table.may_contact(3));

  auto none = read_csv(text, "customers.csv");
  REQUIRE(none.ok());
  CHECK_FALSE(none->table.consent().has_value());
  CHECK(none->table.column_type(2) == ColumnType::kInteger);
  for (size_t row = 0; row < 4; ++row) CHECK_FALSE(none->table.may_contact(row));

  o.consent = ConsentRule{"consent_sms", ConsentMeaning::kTrueMeansConsent};
  CHECK(read_csv(text, "customers.csv", o).error() ==
        "customers.csv:1: consent column \"consent_sms\" is not in the header (id, "
        "consent_email, opted_out)");
  o.consent = ConsentRule{"opted_out", ConsentMeaning::kTrueMeansOptOut};
  o.columns = {{"opted_out", ColumnType::kString}};
  CHECK(read_csv(text, "customers.csv", o).error() ==
        "customers.csv:1: consent column \"opted_out\" is declared as string, expected boolean");
  // A consent value that is not a boolean is a bad cell like any other.
  o.columns = {};
  auto bad = read_csv("id,opted_out\na,maybe\n", "customers.csv", o);
  CHECK(bad.status().code() == StatusCode::kInvalidArgument);
  CHECK(bad.error() ==
        "customers.csv:2: column \"opted_out\" is \"maybe\", expected a boolean "
        "(true/false, yes/no, 1/0)");
}
