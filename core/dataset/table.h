// A typed customer table: what core/dataset/read.h makes of a CSV file, and what the later
// stages of the campaign pipeline (segments, assignment, sends) read.
//
// Storage is by column, one compact vector per type, no allocation per cell:
//   number   double          integer  int64_t         boolean  uint8_t (0/1)
//   date     int32_t (days since 1970-01-01)
//   id, email, string: one text buffer per column and each row's end offset
//   category: a dictionary of distinct values (in order of first appearance) and a code per row
// A missing value (an empty cell) has present == 0 and a zero / empty value.
//
// Accessors take (row, column) with row < row_count() and column < column_count(); asking a
// column for a value of another type (number() of a date column) gives 0 / false / "", so a
// caller's mistake is visible but never undefined. number() also reads integer columns.
//
// Consent: a table may name one boolean column as its consent flag, and whether true means
// "may be contacted" (consent_email) or "opted out" (opted_out). may_contact(row) is true only
// when that column holds an explicit value granting consent: a missing value, or a table
// without a consent column, means the customer may NOT be contacted. Later stages call it
// before assigning any send, so an opted-out customer is never sent to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/types.h"

namespace tailor::dataset {

struct Column {
  std::string name;
  ColumnType type = ColumnType::kString;
  std::vector<uint8_t> present;         // per row: 1 when the cell held a value
  std::vector<double> numbers;          // kNumber
  std::vector<int64_t> integers;        // kInteger
  std::vector<uint8_t> flags;           // kBoolean
  std::vector<int32_t> days;            // kDate
  std::string text;                     // kId, kEmail, kString: all values, back to back
  std::vector<size_t> text_ends;        // kId, kEmail, kString: where each row's value ends in text
  std::vector<uint32_t> codes;          // kCategory: index into dictionary (0 when missing)
  std::vector<std::string> dictionary;  // kCategory
};

enum class ConsentMeaning {
  kTrueMeansConsent,  // consent_email = true: may be contacted
  kTrueMeansOptOut,   // opted_out = true: may not be contacted
};

struct Consent {
  size_t column = 0;  // a kBoolean column
  ConsentMeaning meaning = ConsentMeaning::kTrueMeansConsent;
};

class Table {
 public:
  Table() = default;
  // `lines[r]` is the physical line of the source where row r starts; every column has
  // lines.size() rows. Built by read_table (core/dataset/read.h).
  Table(std::vector<Column> columns, std::vector<size_t> lines, std::optional<Consent> consent);

  size_t row_count() const { return lines_.size(); }
  size_t column_count() const { return columns_.size(); }
  const Column& column(size_t index) const { return columns_[index]; }
  const std::string& column_name(size_t index) const { return columns_[index].name; }
  ColumnType column_type(size_t index) const { return columns_[index].type; }
  // The index of the column with this exact name.
  std::optional<size_t> find_column(std::string_view name) const;
  // The first id column, the customers' key.
  std::optional<size_t> id_column() const;

  // The physical line of the source file where the row starts (for later messages).
  size_t line(size_t row) const { return lines_[row]; }

  bool missing(size_t row, size_t col) const { return columns_[col].present[row] == 0; }
  double number(size_t row, size_t col) const;    // kNumber, kInteger
  int64_t integer(size_t row, size_t col) const;  // kInteger
  bool boolean(size_t row, size_t col) const;     // kBoolean
  int32_t date(size_t row, size_t col) const;     // kDate: days since 1970-01-01
  // kId, kEmail, kString, kCategory: the value as written (valid while the table lives).
  std::string_view text(size_t row, size_t col) const;

  const std::optional<Consent>& consent() const { return consent_; }
  // True only if the consent column explicitly grants consent for this row (see above).
  bool may_contact(size_t row) const;

 private:
  std::vector<Column> columns_;
  std::vector<size_t> lines_;
  std::optional<Consent> consent_;
};

}  // namespace tailor::dataset
