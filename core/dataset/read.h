// A customer table from CSV text: stage 1 of the campaign pipeline. The caller reads the file
// and passes its bytes and a display name ("customers.csv") used in every message.
//
// Input: RFC 4180 CSV (core/dataset/csv.h) in UTF-8, a UTF-8 BOM tolerated; the first record
// is the header: one non-empty, distinct name per column.
//
// Schema: `columns` declares types by name; every other column's type is inferred from the
// values of the rows that have the header's number of fields. Inference picks the narrowest
// type that every non-empty value fits, in this order:
//   id        the name is "id", ends in "_id"/"-id", or is camelCase ending in "Id"/"ID"
//             (customer_id, customerId), and the values are non-empty and all distinct
//             (a repeated store_id is a foreign key, not the customers' key).
//             By content alone nothing is an id (a unique column is not necessarily a key).
//   email     the name is "email", "e-mail", "e_mail" or "email_address" (any case): then
//             always, so malformed addresses are reported; or, by content, when every value
//             is an address (core/dataset/types.h)
//   string    when every value is empty
//   boolean   every value is true/false/yes/no/1/0 and at least one is a word (a column of
//             only 0s and 1s is an integer)
//   integer   then number, then date (as core/dataset/types.h defines them); a value with a
//             leading zero ("02134") makes the column text, as zip codes and phone numbers are
//   category  at most `max_category_values` distinct values, and each appearing twice on
//             average (distinct * 2 <= values)
//   string    otherwise
// The consent column (`consent`) is always read as a boolean; declaring it as another type is
// an error. Declare a column to have its bad values reported: inference never fails a cell.
//
// Bad rows: a row with the wrong number of fields, text after a closing quote, or a cell that
// does not fit its type is a problem. An id must be non-empty, and every appearance of an id
// after its first in the file is a problem (naming the first line). Each is reported as
//   customers.csv:412: column "last_order" is "31/02/2025", expected a date (YYYY-MM-DD)
// (the physical line where the row starts, the raw value shown quoted, escaped, and cut at
// 64 bytes). kFail: the first problem is a kInvalidArgument Status and no table is returned.
// kSkip: bad rows are left out; each problem (every bad cell of a row) is counted and the
// first `max_problems` are kept, in line order.
//
// Failures whatever the policy: invalid UTF-8 (kMalformed, with the line), an unclosed quote
// (kMalformed, at the line its field starts), no header, an empty or repeated column name, a
// declared or consent column missing from the header (kInvalidArgument), and the limits below
// (kResourceExhausted). File-level failures are found before any row problem.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/table.h"
#include "core/dataset/types.h"
#include "core/result.h"

namespace tailor::dataset {

// Defaults fit 1,000,000 customers of a few dozen columns; callers may lower them.
struct Limits {
  size_t max_bytes = size_t{512} << 20;  // the whole text, BOM included
  size_t max_rows = 1'000'000;           // data records, not counting the header
  size_t max_columns = 256;              // fields in any record
  size_t max_field_bytes = 64 << 10;     // one field, after unescaping ""
};

enum class BadRows { kFail, kSkip };

struct ColumnSpec {
  std::string name;
  ColumnType type = ColumnType::kString;
};

// Which boolean column says whether a customer may be contacted (Table::may_contact).
struct ConsentRule {
  std::string column;
  ConsentMeaning meaning = ConsentMeaning::kTrueMeansConsent;
};

struct ReadOptions {
  std::vector<ColumnSpec> columns;  // declared types; the others are inferred
  std::optional<ConsentRule> consent;
  BadRows bad_rows = BadRows::kFail;
  Limits limits;
  size_t max_problems = 100;        // messages kept by kSkip (all are counted)
  size_t max_category_values = 20;  // inference only; a declared category has no cap
};

struct Problem {
  size_t line = 0;
  std::string message;  // the full message, starting with "<source>:<line>: "
};

struct ReadReport {
  size_t rows_read = 0;           // data records in the file
  size_t rows_skipped = 0;        // left out by kSkip
  size_t problem_count = 0;       // every problem, kept or not
  std::vector<Problem> problems;  // the first max_problems
};

struct Dataset {
  Table table;
  ReadReport report;
};

Result<Dataset> read_csv(std::string_view text, std::string_view source,
                         const ReadOptions& options = {});

// `raw` for a message: in double quotes, with " \ and control characters escaped, cut after 64
// bytes (at a character boundary) with "..." and the full size: "abc...def..." (70000 bytes).
std::string quote_value(std::string_view raw);

}  // namespace tailor::dataset
