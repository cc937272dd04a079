#include "core/dataset/csv.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace tailor::dataset {

CsvReader::CsvReader(std::string_view text, std::string_view source, size_t max_columns,
                     size_t max_field_bytes)
    : text_(text), source_(source), max_columns_(max_columns), max_field_bytes_(max_field_bytes) {}

CsvReader::Next CsvReader::fail(Status status) {
  failed_ = true;
  status_ = std::move(status);
  fields_.clear();
  return Next::kError;
}

bool CsvReader::at_record_end() const {
  const size_t n = text_.size();
  return pos_ >= n || text_[pos_] == '\n' ||
         (text_[pos_] == '\r' && (pos_ + 1 >= n || text_[pos_ + 1] == '\n'));
}

CsvReader::Next CsvReader::next() {
  if (failed_) return Next::kError;
  fields_.clear();
  scratch_.clear();
  scratch_fields_.clear();
  problem_.clear();
  const char* p = text_.data();
  const size_t n = text_.size();
  while (pos_ < n) {  // empty lines hold no record
    if (p[pos_] == '\n') {
      ++pos_;
      ++line_;
    } else if (p[pos_] == '\r' && pos_ + 1 < n && p[pos_ + 1] == '\n') {
      pos_ += 2;
      ++line_;
    } else {
      break;
    }
  }
  if (pos_ >= n) return Next::kEnd;
  record_line_ = line_;
  auto too_long = [&](size_t field_line) {
    return fail(Status::resource_exhausted(source_ + ":" + std::to_string(field_line) + ": field " +
                                           std::to_string(fields_.size() + 1) + " is longer than " +
                                           std::to_string(max_field_bytes_) +
                                           " bytes (the limit)"));
  };
  while (true) {
    if (fields_.size() == max_columns_) {
      return fail(Status::resource_exhausted(source_ + ":" + std::to_string(record_line_) +
                                             ": more than " + std::to_string(max_columns_) +
                                             " fields in a row (the limit)"));
    }
    if (pos_ < n && p[pos_] == '"') {
      const size_t start_line = line_;
      const size_t content = ++pos_;
      bool escaped = false;
      const size_t scratch_start = scratch_.size();
      while (true) {
        const void* found = std::memchr(p + pos_, '"', n - pos_);
        if (found == nullptr) {
          return fail(Status::malformed(source_ + ":" + std::to_string(start_line) +
                                        ": a quoted field is never closed (a \" is missing)"));
        }
        const size_t quote = static_cast<size_t>(static_cast<const char*>(found) - p);
        line_ += static_cast<size_t>(std::count(p + pos_, p + quote, '\n'));
        if (quote + 1 < n && p[quote + 1] == '"') {  // "" is one "
          const size_t from = escaped ? pos_ : content;
          scratch_.append(p + from, quote + 1 - from);
          escaped = true;
          pos_ = quote + 2;
          if (scratch_.size() - scratch_start > max_field_bytes_) return too_long(start_line);
          continue;
        }
        if (escaped) {
          scratch_.append(p + pos_, quote - pos_);
          const size_t size = scratch_.size() - scratch_start;
          if (size > max_field_bytes_) return too_long(start_line);
          scratch_fields_.push_back({fields_.size(), scratch_start, size});
          fields_.emplace_back();
        } else {
          if (quote - content > max_field_bytes_) return too_long(start_line);
          fields_.push_back(text_.substr(content, quote - content));
        }
        pos_ = quote + 1;
        break;
      }
      if (pos_ < n && p[pos_] != ',' && !at_record_end()) {
        if (problem_.empty()) {
          problem_ = source_ + ":" + std::to_string(line_) + ": field " +
                     std::to_string(fields_.size()) +
                     " has text after its closing quote (write \"\" for a quote inside a "
                     "quoted field)";
        }
        while (pos_ < n && p[pos_] != ',' && p[pos_] != '\n') ++pos_;
      }
    } else {
      const size_t start = pos_;
      while (pos_ < n && p[pos_] != ',' && p[pos_] != '\n') ++pos_;
      size_t end = pos_;
      if ((pos_ >= n || p[pos_] == '\n') && end > start && p[end - 1] == '\r') --end;
      if (end - start > max_field_bytes_) return too_long(line_);
      fields_.push_back(text_.substr(start, end - start));
    }
    if (pos_ < n && p[pos_] == ',') {
      ++pos_;
      continue;
    }
    if (pos_ < n && p[pos_] == '\r') ++pos_;
    if (pos_ < n) {  // the LF
      ++pos_;
      ++line_;
    }
    break;
  }
  for (const ScratchField& f : scratch_fields_) {
    fields_[f.index] = std::string_view(scratch_.data() + f.offset, f.size);
  }
  return Next::kRecord;
}

}  // namespace tailor::dataset
