// Column types of a customer table and the rules for their values: what a cell must look like
// to be an integer, a date, an email address, ... (core/dataset/read.h applies them to a CSV).
//
//   id        a non-empty string, unique within the column (checked when the table is read)
//   email     an address: one @, a non-empty local part, a domain of dot-separated non-empty
//             labels with at least one dot, no spaces or control characters, at most 254 bytes
//   string    any text
//   category  any text; few distinct values, stored once each (a dictionary of codes)
//   number    a finite decimal: -?digits[.digits][e[+-]digits] (".5" and "5." too); no "+",
//             no thousands separators, no spaces, no "NaN"/"Infinity"
//   integer   -?digits, within int64
//   boolean   true/false, yes/no, 1/0, case-insensitive
//   date      YYYY-MM-DD, a real calendar date (proleptic Gregorian, years 0001-9999); stored
//             as days since 1970-01-01
// An empty cell is a missing value in every type but id. Parsers return nullopt when the text
// does not fit; they never throw and never allocate on the common path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tailor::dataset {

enum class ColumnType : uint8_t {
  kId,
  kEmail,
  kString,
  kCategory,
  kNumber,
  kInteger,
  kBoolean,
  kDate,
};

// "id", "email", "string", "category", "number", "integer", "boolean", "date".
std::string_view column_type_name(ColumnType type);
// The inverse of column_type_name (exact, lower case); nullopt for anything else.
std::optional<ColumnType> parse_column_type(std::string_view name);
// What a valid cell looks like, for messages: "a date (YYYY-MM-DD)".
std::string_view expected_value(ColumnType type);

std::optional<double> parse_number(std::string_view text);
std::optional<int64_t> parse_integer(std::string_view text);
std::optional<bool> parse_boolean(std::string_view text);
// Days since 1970-01-01 (negative before it).
std::optional<int32_t> parse_date(std::string_view text);
// YYYY-MM-DD for days since 1970-01-01 (the inverse of parse_date on its range).
std::string format_date(int32_t days);
bool is_email(std::string_view text);

// A number written with a superfluous leading zero ("007", "-01.5"): inference keeps such
// columns as text (zip codes, phone numbers), although parse_number/parse_integer accept them.
bool has_leading_zero(std::string_view text);
// One of the word forms true/false/yes/no (any case): inference needs one to call a column
// boolean, so that a column of 0s and 1s stays an integer.
bool is_boolean_word(std::string_view text);

}  // namespace tailor::dataset
