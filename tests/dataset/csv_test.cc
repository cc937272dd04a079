// core/dataset: CSV syntax, line numbers, bad-row policies and limits (read_csv, CsvReader).
#include "core/dataset/csv.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/dataset/read.h"

using tailor::StatusCode;
using namespace tailor::dataset;

namespace {

// All records of `text` with their lines, as "line|field|field...".
std::vector<std::string> records(std::string_view text, size_t max_columns = 256,
                                 size_t max_field_bytes = 1000) {
  CsvReader reader(text, "t.csv", max_columns, max_field_bytes);
  std::vector<std::string> out;
  while (true) {
    const auto next = reader.next();
    if (next == CsvReader::Next::kEnd) break;
    if (next == CsvReader::Next::kError) {
      out.push_back("error: " + reader.status().message());
      break;
    }
    std::string r = std::to_string(reader.line());
    for (auto f : reader.fields()) r += "|" + std::string(f);
    if (!reader.problem().empty()) r += " problem: " + reader.problem();
    out.push_back(r);
  }
  return out;
}

ReadOptions declared(std::vector<ColumnSpec> columns, BadRows policy = BadRows::kFail) {
  ReadOptions o;
  o.columns = std::move(columns);
  o.bad_rows = policy;
  return o;
}

std::string error_of(std::string_view text, const ReadOptions& options = {}) {
  auto r = read_csv(text, "customers.csv", options);
  return r.ok() ? "ok" : r.error();
}

}  // namespace

TEST_CASE("RFC 4180 quoting: escapes, commas and newlines inside quotes", "[dataset]") {
  CHECK(records("a,b,c\n1,2,3\n") == std::vector<std::string>{"1|a|b|c", "2|1|2|3"});
  CHECK(records("\"a,b\",\"say \"\"hi\"\"\",\"\"\n") ==
        std::vector<std::string>{"1|a,b|say \"hi\"|"});
  CHECK(records("x,\"\"\"\"\n") == std::vector<std::string>{"1|x|\""});
  // A quoted newline advances the line: the next record starts on line 4.
  CHECK(records("id,note\n1,\"two\nlines\"\n2,x\n") ==
        std::vector<std::string>{"1|id|note", "2|1|two\nlines", "4|2|x"});
  CHECK(records("a\r\n\"x\r\ny\"\r\nz\r\n") == std::vector<std::string>{"1|a", "2|x\r\ny", "4|z"});
  // Empty fields, a trailing comma, no final newline, empty lines skipped but counted.
  CHECK(records(",\na,\n\n\r\nb") == std::vector<std::string>{"1||", "2|a|", "5|b"});
  // A quote inside an unquoted field is data.
  CHECK(records("5'11\",x\n") == std::vector<std::string>{"1|5'11\"|x"});
}

TEST_CASE("CSV errors: unclosed quote at its line, text after a quote, limits", "[dataset]") {
  CHECK(records("a,b\n1,\"open\n\nstill\n") ==
        std::vector<std::string>{"1|a|b",
                                 "error: t.csv:2: a quoted field is never closed (a \" "
                                 "is missing)"});
  const auto junk = records("\"ab\"c,d\n");
  REQUIRE(junk.size() == 1);
  CHECK(junk[0].starts_with("1|ab|d problem: t.csv:1: field 1 has text after its closing quote"));
  CHECK(records("a,b,c\n", 2) ==
        std::vector<std::string>{"error: t.csv:1: more than 2 fields in a row (the limit)"});
  CHECK(records("ab,abcd\n", 256, 3) ==
        std::vector<std::string>{"error: t.csv:1: field 2 is longer than 3 bytes (the limit)"});
  CHECK(records("\"a\"\"bc\"\n", 256, 3) ==
        std::vector<std::string>{"error: t.csv:1: field 1 is longer than 3 bytes (the limit)"});
}

TEST_CASE("read_csv: BOM, CRLF and a typed table with line numbers", "[dataset]") {
  const std::string text =
      "\xEF\xBB\xBF"
      "customer_id,email,age,joined\r\n"
      "c1,a@example.com,34,2024-02-29\r\n"
      "\"c2\",\"b@example.com\",,\"2025-01-01\"\r\n";
  auto r = read_csv(text, "customers.csv",
                    declared({{"age", ColumnType::kInteger}, {"joined", ColumnType::kDate}}));
  REQUIRE(r.ok());
  const Table& t = r->table;
  REQUIRE(t.row_count() == 2);
  REQUIRE(t.column_count() == 4);
  CHECK(t.column_name(0) == "customer_id");  // the BOM is not part of the name
  CHECK(t.column_type(0) == ColumnType::kId);
  CHECK(t.column_type(1) == ColumnType::kEmail);
  CHECK(t.id_column() == 0u);
  CHECK(t.text(1, 0) == "c2");
  CHECK(t.text(0, 1) == "a@example.com");
  CHECK(t.integer(0, 2) == 34);
  CHECK(t.number(0, 2) == 34.0);
  CHECK(t.missing(1, 2));
  CHECK_FALSE(t.missing(0, 2));
  CHECK(t.date(0, 3) == 19782);  // 2024-02-29
  CHECK(format_date(t.date(1, 3)) == "2025-01-01");
  CHECK(t.line(0) == 2);
  CHECK(t.line(1) == 3);
  CHECK(t.find_column("joined") == 3u);
  CHECK_FALSE(t.find_column("nope").has_value());
  // Asking for another type's value is defined: zero / empty.
  CHECK(t.date(0, 2) == 0);
  CHECK(t.text(0, 2).empty());
  CHECK(r->report.rows_read == 2);
  CHECK(r->report.problem_count == 0);
}

TEST_CASE("every bad cell names the file, line, column, raw value and what is valid", "[dataset]") {
  const std::string text =
      "id,last_order\n"
      "1,2025-01-02\n"
      "2,\"multi\nline\"\n"
      "3,31/02/2025\n";
  CHECK(error_of(text, declared({{"last_order", ColumnType::kDate}})) ==
        "customers.csv:3: column \"last_order\" is \"multi\\nline\", expected a date (YYYY-MM-DD)");
  CHECK(error_of("id,last_order\n1,2025-02-31\n", declared({{"last_order", ColumnType::kDate}})) ==
        "customers.csv:2: column \"last_order\" is \"2025-02-31\", expected a date (YYYY-MM-DD)");
  // Long values are cut at 64 bytes with the full size.
  const std::string long_value(100, '9');
  CHECK(error_of("n\n" + long_value + "x\n", declared({{"n", ColumnType::kNumber}})) ==
        "customers.csv:2: column \"n\" is \"" + std::string(64, '9') +
            "...\" (101 bytes), expected a number (like -12.5, no thousands separators)");
  CHECK(quote_value("a\"b\\c\td\x01") == "\"a\\\"b\\\\c\\td\\x01\"");
  // A cut never splits a UTF-8 character: 63 ASCII bytes then a 2-byte é.
  CHECK(quote_value(std::string(63, 'a') + "\xC3\xA9" + "zz") ==
        "\"" + std::string(63, 'a') + "...\" (67 bytes)");
}

TEST_CASE("rows with the wrong number of fields and text after a quote", "[dataset]") {
  CHECK(error_of("a,b\n1,2\n3\n") ==
        "customers.csv:3: the row has 1 fields, expected 2 (as many as the header)");
  CHECK(error_of("a,b\n1,2,3\n") ==
        "customers.csv:2: the row has 3 fields, expected 2 (as many as the header)");
  CHECK(error_of("a,b\n\"1\"x,2\n")
            .starts_with("customers.csv:2: field 1 has text after its closing quote"));
  auto r = read_csv("a,b\n1,2\n3\n", "c.csv");
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("file-level failures: encoding, quotes, header", "[dataset]") {
  auto bad_utf8 = read_csv("a,b\nok,\"x\ny\"\nz,\xC3\x28\n", "customers.csv");
  CHECK(bad_utf8.status().code() == StatusCode::kMalformed);
  CHECK(bad_utf8.error() ==
        "customers.csv:4: invalid UTF-8 at byte 3 of the line; the file must "
        "be UTF-8");
  CHECK(error_of("a\n\xED\xA0\x80\n").starts_with("customers.csv:2: invalid UTF-8"));  // surrogate
  CHECK(error_of("a\n\xC0\xAF\n").starts_with("customers.csv:2: invalid UTF-8"));      // overlong
  CHECK(error_of("a\n\xE2\x82\n").starts_with("customers.csv:2: invalid UTF-8"));      // truncated
  CHECK(error_of("name\n\xC3\xA9l\xC3\xA8ne \xF0\x9F\x98\x80\n") == "ok");
  ReadOptions skip;
  skip.bad_rows = BadRows::kSkip;  // a file-level failure whatever the policy
  CHECK(read_csv("a\n\xFF\n", "customers.csv", skip).status().code() == StatusCode::kMalformed);
  auto unclosed = read_csv("a,b\n1,2\n3,\"x\n4,5\n", "customers.csv");
  CHECK(unclosed.status().code() == StatusCode::kMalformed);
  CHECK(unclosed.error() == "customers.csv:3: a quoted field is never closed (a \" is missing)");
  CHECK(error_of("") == "customers.csv: empty, expected a header row of column names");
  CHECK(error_of("\xEF\xBB\xBF\r\n") ==
        "customers.csv: empty, expected a header row of column names");
  CHECK(error_of("a,,c\n") == "customers.csv:1: column 2 of the header has no name");
  CHECK(error_of("a,b,a\n") == "customers.csv:1: column \"a\" appears twice in the header");
  CHECK(error_of("a,b\n", declared({{"c", ColumnType::kDate}})) ==
        "customers.csv:1: column \"c\" is declared but not in the header (a, b)");
  // A header alone is a table with no rows.
  auto empty = read_csv("a,b\n", "customers.csv");
  REQUIRE(empty.ok());
  CHECK(empty->table.row_count() == 0);
  CHECK(empty->table.column_count() == 2);
}

TEST_CASE("bad-row policy skip: bad rows left out, every problem counted, messages capped",
          "[dataset]") {
  const std::string text =
      "id,age,joined\n"
      "a,1,2024-01-01\n"
      "b,x,2025-02-29\n"  // two bad cells: both reported
      "c,3\n"
      "a,4,2024-01-04\n"  // repeated id
      ",5,2024-01-05\n"   // empty id
      "d,6,2024-01-06\n";
  ReadOptions o = declared(
      {{"id", ColumnType::kId}, {"age", ColumnType::kInteger}, {"joined", ColumnType::kDate}},
      BadRows::kSkip);
  auto r = read_csv(text, "customers.csv", o);
  REQUIRE(r.ok());
  CHECK(r->table.row_count() == 2);
  CHECK(r->table.text(1, 0) == "d");
  CHECK(r->table.line(1) == 7);
  CHECK(r->report.rows_read == 6);
  CHECK(r->report.rows_skipped == 4);
  CHECK(r->report.problem_count == 5);
  REQUIRE(r->report.problems.size() == 5);
  CHECK(r->report.problems[0].line == 3);
  CHECK(r->report.problems[0].message ==
        "customers.csv:3: column \"age\" is \"x\", expected a whole number (like -42)");
  CHECK(r->report.problems[1].message ==
        "customers.csv:3: column \"joined\" is \"2025-02-29\", expected a date (YYYY-MM-DD)");
  CHECK(r->report.problems[2].line == 4);
  CHECK(r->report.problems[3].message ==
        "customers.csv:5: column \"id\" is \"a\", expected a unique id (it is also on line 2)");
  CHECK(r->report.problems[4].message ==
        "customers.csv:6: column \"id\" is \"\", expected a unique, non-empty id");

  o.max_problems = 2;
  auto capped = read_csv(text, "customers.csv", o);
  REQUIRE(capped.ok());
  CHECK(capped->report.problem_count == 5);
  CHECK(capped->report.problems.size() == 2);
  CHECK(capped->table.row_count() == 2);

  o.bad_rows = BadRows::kFail;
  auto failed = read_csv(text, "customers.csv", o);
  CHECK(failed.status().code() == StatusCode::kInvalidArgument);
  CHECK(failed.error() == r->report.problems[0].message);
}

TEST_CASE("limits: bytes, rows, columns, field bytes", "[dataset]") {
  ReadOptions o;
  o.limits.max_bytes = 10;
  auto bytes = read_csv("a,b\n1,2\n3,4\n", "customers.csv", o);
  CHECK(bytes.status().code() == StatusCode::kResourceExhausted);
  CHECK(bytes.error() == "customers.csv: 12 bytes, more than 10 (the limit)");
  o.limits.max_bytes = 12;
  CHECK(read_csv("a,b\n1,2\n3,4\n", "customers.csv", o).ok());

  o = {};
  o.limits.max_rows = 2;
  CHECK(read_csv("a\n1\n2\n", "customers.csv", o).ok());
  auto rows = read_csv("a\n1\n2\n3\n", "customers.csv", o);
  CHECK(rows.status().code() == StatusCode::kResourceExhausted);
  CHECK(rows.error() == "customers.csv:4: more than 2 rows (the limit)");
  o.bad_rows = BadRows::kSkip;  // limits hold whatever the policy
  CHECK(read_csv("a\n1\n2\n3\n", "customers.csv", o).status().code() ==
        StatusCode::kResourceExhausted);

  o = {};
  o.limits.max_columns = 2;
  CHECK(read_csv("a,b\n1,2\n", "customers.csv", o).ok());
  auto columns = read_csv("a,b,c\n1,2,3\n", "customers.csv", o);
  CHECK(columns.status().code() == StatusCode::kResourceExhausted);
  CHECK(columns.error() == "customers.csv:1: more than 2 fields in a row (the limit)");
  o.bad_rows = BadRows::kSkip;
  CHECK(read_csv("a,b\n1,2,3\n", "customers.csv", o).status().code() ==
        StatusCode::kResourceExhausted);

  o = {};
  o.limits.max_field_bytes = 4;
  CHECK(read_csv("a\nabcd\n", "customers.csv", o).ok());
  auto field = read_csv("a\nabcd\n\"ab\ncde\"\n", "customers.csv", o);
  CHECK(field.status().code() == StatusCode::kResourceExhausted);
  CHECK(field.error() == "customers.csv:3: field 1 is longer than 4 bytes (the limit)");

  const Limits defaults;
  CHECK(defaults.max_rows == 1'000'000);
  CHECK(defaults.max_columns == 256);
  CHECK(defaults.max_field_bytes == 65536);
}
