// core/dataset/types.h: each column type's valid and invalid values.
#include "core/dataset/types.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>

using namespace tailor::dataset;

TEST_CASE("numbers: finite decimals, no separators", "[dataset]") {
  CHECK(parse_number("0") == 0.0);
  CHECK(parse_number("-12.5") == -12.5);
  CHECK(parse_number("0.1") == 0.1);
  CHECK(parse_number(".5") == 0.5);
  CHECK(parse_number("5.") == 5.0);
  CHECK(parse_number("1e3") == 1000.0);
  CHECK(parse_number("2.5E-3") == 0.0025);
  CHECK(parse_number("123456789012.345") == 123456789012.345);
  CHECK(parse_number("12345678901234567890") == 12345678901234567890.0);  // strtod path
  CHECK(parse_number("0.30000000000000004") == 0.30000000000000004);
  for (const char* bad : {"", "-", ".", "1,000", "1 000", " 5", "5 ", "+5", "$5", "1e", "1e+",
                          "NaN", "inf", "Infinity", "1e999", "0x10", "1.2.3", "--1"}) {
    INFO(bad);
    CHECK_FALSE(parse_number(bad).has_value());
  }
}

TEST_CASE("integers: within int64", "[dataset]") {
  CHECK(parse_integer("42") == 42);
  CHECK(parse_integer("-42") == -42);
  CHECK(parse_integer("007") == 7);
  CHECK(parse_integer("9223372036854775807") == std::numeric_limits<int64_t>::max());
  CHECK(parse_integer("-9223372036854775808") == std::numeric_limits<int64_t>::min());
  for (const char* bad : {"", "-", "9223372036854775808", "-9223372036854775809", "1.0", "1e3",
                          "+1", "1_000", " 1"}) {
    INFO(bad);
    CHECK_FALSE(parse_integer(bad).has_value());
  }
}

TEST_CASE("booleans: true/false, yes/no, 1/0 in any case", "[dataset]") {
  for (const char* t : {"true", "TRUE", "True", "yes", "YES", "1"}) CHECK(parse_boolean(t) == true);
  for (const char* f : {"false", "False", "no", "No", "0"}) CHECK(parse_boolean(f) == false);
  for (const char* bad : {"", "y", "n", "t", "2", "on", "truee", " yes"}) {
    INFO(bad);
    CHECK_FALSE(parse_boolean(bad).has_value());
  }
  CHECK(is_boolean_word("No"));
  CHECK_FALSE(is_boolean_word("1"));
}

TEST_CASE("dates: YYYY-MM-DD, real calendar dates", "[dataset]") {
  CHECK(parse_date("1970-01-01") == 0);
  CHECK(parse_date("1969-12-31") == -1);
  CHECK(parse_date("2000-03-01") == 11017);
  CHECK(parse_date("2024-02-29") == 19782);     // leap year
  CHECK(parse_date("2000-02-29").has_value());  // divisible by 400
  CHECK(parse_date("0001-01-01").has_value());
  CHECK(parse_date("9999-12-31").has_value());
  for (const char* bad : {"2025-02-29", "1900-02-29", "2025-02-31", "2025-04-31", "2025-13-01",
                          "2025-00-10", "2025-01-00", "0000-01-01", "31/02/2025", "2025-1-01",
                          "2025/01/01", "2025-01-01T00:00", "20250101", ""}) {
    INFO(bad);
    CHECK_FALSE(parse_date(bad).has_value());
  }
  for (const char* d : {"1970-01-01", "1969-12-31", "2024-02-29", "0001-01-01", "9999-12-31"}) {
    CHECK(format_date(*parse_date(d)) == d);
  }
}

TEST_CASE("emails: one @, a dotted domain, no spaces", "[dataset]") {
  for (const char* ok : {"a@example.com", "first.last+tag@mail.example.co.uk", "x@y.z"}) {
    INFO(ok);
    CHECK(is_email(ok));
  }
  for (const char* bad :
       {"", "a", "@example.com", "a@", "a@example", "a@@example.com", "a@b@example.com",
        "a b@example.com", "a@.example.com", "a@example.com.", "a@example..com"}) {
    INFO(bad);
    CHECK_FALSE(is_email(bad));
  }
  CHECK_FALSE(is_email(std::string(250, 'a') + "@x.com"));  // over 254 bytes
}

TEST_CASE("type names round-trip and every type says what is valid", "[dataset]") {
  for (auto type :
       {ColumnType::kId, ColumnType::kEmail, ColumnType::kString, ColumnType::kCategory,
        ColumnType::kNumber, ColumnType::kInteger, ColumnType::kBoolean, ColumnType::kDate}) {
    CHECK(parse_column_type(column_type_name(type)) == type);
    CHECK_FALSE(expected_value(type).empty());
  }
  CHECK_FALSE(parse_column_type("Date").has_value());
  CHECK(expected_value(ColumnType::kDate) == "a date (YYYY-MM-DD)");
  CHECK(has_leading_zero("02134"));
  CHECK(has_leading_zero("-01.5"));
  CHECK_FALSE(has_leading_zero("0.5"));
  CHECK_FALSE(has_leading_zero("0"));
}
