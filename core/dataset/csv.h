// RFC 4180 records from CSV text, one at a time, with the physical line each starts on.
//
// Syntax: fields separated by ","; records end with LF or CRLF (the last may have neither);
// a field that starts with " is quoted: it ends at the next lone ", "" inside it is one ",
// and it may hold commas, CR and LF. A " inside an unquoted field is kept as data. An empty
// line (nothing between two line ends) is no record. The caller strips a UTF-8 BOM and checks
// the encoding (core/dataset/read.h); this reader only splits.
//
// Lines are physical lines of the text, counted from 1 by LF, so a quoted newline advances
// them and messages match what an editor shows.
//
// Failures: a quote that is never closed (kMalformed, at the line where its field started),
// a field longer than max_field_bytes after unescaping or a record with more than max_columns
// fields (kResourceExhausted) end the reading. Text after a closing quote ("ab"c) is a problem
// of that record only: the record is still returned, with problem() set.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tailor::dataset {

class CsvReader {
 public:
  // `source` names the input in messages ("customers.csv"). `text` must outlive the reader.
  CsvReader(std::string_view text, std::string_view source, size_t max_columns,
            size_t max_field_bytes);

  enum class Next { kRecord, kEnd, kError };
  // Reads the next record. After kError, status() says why; reading again returns kError.
  Next next();

  // The last record's fields: views into the text, or into the reader's own buffer for
  // fields that held "" (valid until the next call to next()).
  const std::vector<std::string_view>& fields() const { return fields_; }
  // The physical line the last record started on.
  size_t line() const { return record_line_; }
  // For the last record: why it is malformed though readable ("" when it is not).
  const std::string& problem() const { return problem_; }
  const Status& status() const { return status_; }

 private:
  Next fail(Status status);
  bool at_record_end() const;

  std::string_view text_;
  std::string source_;
  size_t max_columns_;
  size_t max_field_bytes_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 0;
  bool failed_ = false;
  std::vector<std::string_view> fields_;
  // Unescaped fields: where each lives in scratch_ (offset, size) by field index; resolved to
  // views once the record is complete, since scratch_ may move while it grows.
  struct ScratchField {
    size_t index, offset, size;
  };
  std::vector<ScratchField> scratch_fields_;
  std::string scratch_;
  std::string problem_;
  Status status_;
};

}  // namespace tailor::dataset
