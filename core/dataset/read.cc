#include "core/dataset/read.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <utility>

#include "core/dataset/csv.h"
#include "core/dataset/duplicates.h"
#include "core/dataset/infer.h"
#include "core/text/shorten.h"
#include "core/dataset/string_index.h"

namespace tailor::dataset {
namespace {

constexpr size_t kShownValueBytes = 64;

std::string at(std::string_view source, size_t line) {
  std::string out(source);
  out += ':';
  out += std::to_string(line);
  out += ": ";
  return out;
}

// The offset of the first byte that is not valid UTF-8 (overlong forms, surrogates and code
// points above U+10FFFF are invalid), or npos.
size_t count_lines(std::string_view text) {
  size_t lines = 1;
  for (const char *p = text.data(), *end = p + text.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) !=
       nullptr;
       ++p) {
    ++lines;
  }
  return lines;
}

size_t first_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      ++i;
      // ASCII eight bytes at a time: most customer files are nearly all ASCII.
      while (i + 8 <= n) {
        uint64_t word;
        std::memcpy(&word, s + i, 8);
        if (word & 0x8080808080808080ull) break;
        i += 8;
      }
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (s[i] >= 0xC2 && s[i] <= 0xDF) {
      len = 2;
    } else if (s[i] >= 0xE0 && s[i] <= 0xEF) {
      len = 3;
      if (s[i] == 0xE0) lo = 0xA0;
      if (s[i] == 0xED) hi = 0x9F;
    } else if (s[i] >= 0xF0 && s[i] <= 0xF4) {
      len = 4;
      if (s[i] == 0xF0) lo = 0x90;
      if (s[i] == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// One parsed cell of the row being read, kept until the whole row is known to be good.
struct Cell {
  bool present = false;
  double number = 0;
  int64_t integer = 0;
  int32_t day = 0;
  uint8_t flag = 0;
  std::string_view text;
};

class Builder {
 public:
  // `repeats[c]`: for an id column, the rows (numbered among the rows of the header's width)
  // whose value appeared on an earlier row (DuplicateFinder).
  Builder(std::string_view source, const ReadOptions& options, std::vector<Column> columns,
          size_t expected_rows, const std::vector<size_t>& text_bytes,
          std::vector<std::vector<DuplicateFinder::Repeat>> repeats)
      : source_(source),
        options_(options),
        columns_(std::move(columns)),
        repeats_(std::move(repeats)),
        next_repeat_(columns_.size(), 0) {
    cells_.resize(columns_.size());
    categories_.resize(columns_.size());
    category_values_.resize(columns_.size());
    lines_.reserve(expected_rows);
    for (size_t c = 0; c < columns_.size(); ++c) {
      Column& col = columns_[c];
      col.present.reserve(expected_rows);
      switch (col.type) {
        case ColumnType::kNumber:
          col.numbers.reserve(expected_rows);
          break;
        case ColumnType::kInteger:
          col.integers.reserve(expected_rows);
          break;
        case ColumnType::kBoolean:
          col.flags.reserve(expected_rows);
          break;
        case ColumnType::kDate:
          col.days.reserve(expected_rows);
          break;
        case ColumnType::kCategory:
          col.codes.reserve(expected_rows);
          break;
        case ColumnType::kId:
        case ColumnType::kEmail:
        case ColumnType::kString:
          col.text.reserve(text_bytes[c]);
          col.text_ends.reserve(expected_rows);
          break;
      }
    }
  }

  // Parses `row`, a record of the header's width (counted from 0 among those); false when a
  // cell is bad (problems added).
  bool parse(const std::vector<std::string_view>& fields, size_t row, size_t line) {
    bool good = true;
    for (size_t c = 0; c < columns_.size(); ++c) {
      const std::string_view v = fields[c];
      Cell& cell = cells_[c];
      cell.present = !v.empty();
      cell.text = v;
      const ColumnType type = columns_[c].type;
      if (v.empty()) {
        if (type == ColumnType::kId) {
          bad(line, c, v);
          good = false;
        }
        continue;
      }
      bool ok = true;
      switch (type) {
        case ColumnType::kNumber: {
          const auto x = parse_number(v);
          ok = x.has_value();
          if (ok) cell.number = *x;
          break;
        }
        case ColumnType::kInteger: {
          const auto x = parse_integer(v);
          ok = x.has_value();
          if (ok) cell.integer = *x;
          break;
        }
        case ColumnType::kBoolean: {
          const auto x = parse_boolean(v);
          ok = x.has_value();
          if (ok) cell.flag = *x ? 1 : 0;
          break;
        }
        case ColumnType::kDate: {
          const auto x = parse_date(v);
          ok = x.has_value();
          if (ok) cell.day = *x;
          break;
        }
        case ColumnType::kEmail:
          ok = is_email(v);
          break;
        case ColumnType::kId: {
          const auto& repeats = repeats_[c];
          size_t& next = next_repeat_[c];
          while (next < repeats.size() && repeats[next].row < row) ++next;
          if (next < repeats.size() && repeats[next].row == row) {
            problem(line, at(source_, line) + "column \"" + columns_[c].name + "\" is " +
                              quote_value(v) + ", expected a unique id (it is also on line " +
                              std::to_string(repeats[next].first_line) + ")");
            good = false;
          }
          break;
        }
        case ColumnType::kString:
        case ColumnType::kCategory:
          break;
      }
      if (!ok) {
        bad(line, c, v);
        good = false;
      }
    }
    return good;
  }

  void commit(size_t line) {
    lines_.push_back(line);
    for (size_t c = 0; c < columns_.size(); ++c) {
      const Cell& cell = cells_[c];
      Column& col = columns_[c];
      col.present.push_back(cell.present ? 1 : 0);
      switch (col.type) {
        case ColumnType::kNumber:
          col.numbers.push_back(cell.present ? cell.number : 0);
          break;
        case ColumnType::kInteger:
          col.integers.push_back(cell.present ? cell.integer : 0);
          break;
        case ColumnType::kBoolean:
          col.flags.push_back(cell.present ? cell.flag : 0);
          break;
        case ColumnType::kDate:
          col.days.push_back(cell.present ? cell.day : 0);
          break;
        case ColumnType::kCategory:
          col.codes.push_back(cell.present ? category_code(c, cell.text) : 0);
          break;
        case ColumnType::kId:
        case ColumnType::kEmail:
        case ColumnType::kString: {
          col.text.append(cell.text);
          col.text_ends.push_back(col.text.size());
          break;
        }
      }
    }
  }

  // Counts a problem and keeps its message while there is room (one in kFail mode).
  void problem(size_t line, std::string message) {
    ++report_.problem_count;
    if (report_.problems.size() < max_kept())
      report_.problems.push_back({line, std::move(message)});
  }

  ReadReport& report() { return report_; }

  Table finish(std::optional<Consent> consent) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      for (std::string& value : category_values_[c]) {
        columns_[c].dictionary.push_back(std::move(value));
      }
    }
    return Table(std::move(columns_), std::move(lines_), consent);
  }

 private:
  size_t max_kept() const {
    return options_.bad_rows == BadRows::kFail ? 1 : options_.max_problems;
  }

  void bad(size_t line, size_t c, std::string_view v) {
    problem(line, at(source_, line) + "column \"" + columns_[c].name + "\" is " + quote_value(v) +
                      ", expected " + std::string(expected_value(columns_[c].type)));
  }

  uint32_t category_code(size_t c, std::string_view v) {
    StringIndex& codes = categories_[c];
    if (const size_t* code = codes.find(v)) return static_cast<uint32_t>(*code);
    const size_t code = category_values_[c].size();
    bool inserted;
    codes.emplace(category_values_[c].emplace_back(v), code, inserted);
    return static_cast<uint32_t>(code);
  }

  std::string_view source_;
  const ReadOptions& options_;
  std::vector<Column> columns_;
  std::vector<size_t> lines_;
  std::vector<Cell> cells_;
  std::vector<std::vector<DuplicateFinder::Repeat>> repeats_;
  std::vector<size_t> next_repeat_;      // per column: the first repeat not yet passed
  std::vector<StringIndex> categories_;  // value -> code
  std::vector<std::deque<std::string>> category_values_;  // stable storage for the views
  ReadReport report_;
};

}  // namespace

std::string quote_value(std::string_view raw) {
  // Never cut a UTF-8 sequence.
  const size_t shown = text::utf8_prefix_length(raw, kShownValueBytes);
  std::string out = "\"";
  for (size_t i = 0; i < shown; ++i) {
    const char c = raw[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      out += c;
    }
  }
  if (shown < raw.size()) out += "...";
  out += '"';
  if (shown < raw.size()) out += " (" + std::to_string(raw.size()) + " bytes)";
  return out;
}

Result<Dataset> read_csv(std::string_view text, std::string_view source,
                         const ReadOptions& options) {
  const Limits& limits = options.limits;
  const std::string name(source);
  if (text.size() > limits.max_bytes) {
    return Status::resource_exhausted(name + ": " + std::to_string(text.size()) +
                                      " bytes, more than " + std::to_string(limits.max_bytes) +
                                      " (the limit)");
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (const size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    const std::string_view before = text.substr(0, bad);
    const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
    const size_t line_start =
        before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    return Status::malformed(at(name, line) + "invalid UTF-8 at byte " +
                             std::to_string(bad - line_start + 1) +
                             " of the line; the file must be UTF-8");
  }

  // The header.
  CsvReader header_reader(text, name, limits.max_columns, limits.max_field_bytes);
  switch (header_reader.next()) {
    case CsvReader::Next::kError:
      return header_reader.status();
    case CsvReader::Next::kEnd:
      return Status::malformed(name + ": empty, expected a header row of column names");
    case CsvReader::Next::kRecord:
      break;
  }
  if (!header_reader.problem().empty()) return Status::malformed(header_reader.problem());
  const size_t header_line = header_reader.line();
  std::vector<Column> columns(header_reader.fields().size());
  for (size_t c = 0; c < columns.size(); ++c) {
    columns[c].name = std::string(header_reader.fields()[c]);
    if (columns[c].name.empty()) {
      return Status::invalid_argument(at(name, header_line) + "column " + std::to_string(c + 1) +
                                      " of the header has no name");
    }
    for (size_t k = 0; k < c; ++k) {
      if (columns[k].name == columns[c].name) {
        return Status::invalid_argument(at(name, header_line) + "column \"" + columns[c].name +
                                        "\" appears twice in the header");
      }
    }
  }
  auto header_list = [&] {
    std::string out;
    for (const Column& col : columns) out += (out.empty() ? "" : ", ") + col.name;
    return out;
  };
  auto find = [&](std::string_view column) -> std::optional<size_t> {
    for (size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].name == column) return c;
    }
    return std::nullopt;
  };
  std::vector<bool> declared(columns.size(), false);
  for (const ColumnSpec& spec : options.columns) {
    const auto c = find(spec.name);
    if (!c) {
      return Status::invalid_argument(at(name, header_line) + "column \"" + spec.name +
                                      "\" is declared but not in the header (" + header_list() +
                                      ")");
    }
    columns[*c].type = spec.type;
    declared[*c] = true;
  }
  std::optional<Consent> consent;
  if (options.consent) {
    const auto c = find(options.consent->column);
    if (!c) {
      return Status::invalid_argument(at(name, header_line) + "consent column \"" +
                                      options.consent->column + "\" is not in the header (" +
                                      header_list() + ")");
    }
    if (declared[*c] && columns[*c].type != ColumnType::kBoolean) {
      return Status::invalid_argument(
          at(name, header_line) + "consent column \"" + columns[*c].name + "\" is declared as " +
          std::string(column_type_name(columns[*c].type)) + ", expected boolean");
    }
    columns[*c].type = ColumnType::kBoolean;
    declared[*c] = true;
    consent = Consent{*c, options.consent->meaning};
  }

  // Pass 1: the file-level checks, the row count, the text sizes and the inferred types.
  // Ids (declared, or undeclared with an id's name) are checked for repeats over the whole
  // file; at most one row per line sizes that check.
  std::vector<bool> ids(columns.size(), false);
  for (size_t c = 0; c < columns.size(); ++c) {
    ids[c] = declared[c] ? columns[c].type == ColumnType::kId : is_id_name(columns[c].name);
  }
  std::vector<DuplicateFinder> finders(columns.size(), DuplicateFinder(text));
  if (std::find(ids.begin(), ids.end(), true) != ids.end()) {
    const size_t max_rows_estimate = std::min(limits.max_rows, count_lines(text));
    for (size_t c = 0; c < columns.size(); ++c) {
      if (ids[c]) finders[c].reserve(max_rows_estimate);
    }
  }
  std::vector<Inference> inferences;
  inferences.reserve(columns.size());
  for (const Column& col : columns) {
    inferences.emplace_back(col.name, options.max_category_values);
  }
  std::vector<size_t> text_bytes(columns.size(), 0);
  size_t rows = 0, good_rows = 0;
  {
    CsvReader reader = header_reader;
    while (true) {
      const auto next = reader.next();
      if (next == CsvReader::Next::kError) return reader.status();
      if (next == CsvReader::Next::kEnd) break;
      if (++rows > limits.max_rows) {
        return Status::resource_exhausted(at(name, reader.line()) + "more than " +
                                          std::to_string(limits.max_rows) + " rows (the limit)");
      }
      const auto& fields = reader.fields();
      if (fields.size() != columns.size() || !reader.problem().empty()) continue;
      for (size_t c = 0; c < columns.size(); ++c) {
        text_bytes[c] += fields[c].size();
        if (!declared[c]) inferences[c].add(fields[c]);
        if (ids[c] && !fields[c].empty()) finders[c].add(fields[c], good_rows, reader.line());
      }
      ++good_rows;
    }
  }
  std::vector<std::vector<DuplicateFinder::Repeat>> repeats(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    if (ids[c]) repeats[c] = finders[c].repeats();
    if (!declared[c]) columns[c].type = inferences[c].type(repeats[c].empty());
    if (columns[c].type != ColumnType::kId) repeats[c].clear();
  }
  inferences.clear();
  finders.clear();

  // Pass 2: the typed values.
  Builder builder(name, options, std::move(columns), good_rows, text_bytes, std::move(repeats));
  const size_t width = text_bytes.size();
  CsvReader reader = header_reader;
  size_t row = 0;  // among the rows of the header's width, as in pass 1
  while (true) {
    const auto next = reader.next();
    if (next == CsvReader::Next::kError) return reader.status();  // pass 1 would have said so
    if (next == CsvReader::Next::kEnd) break;
    ++builder.report().rows_read;
    const auto& fields = reader.fields();
    const size_t line = reader.line();
    bool good;
    if (!reader.problem().empty()) {
      builder.problem(line, reader.problem());
      good = false;
    } else if (fields.size() != width) {
      builder.problem(line, at(name, line) + "the row has " + std::to_string(fields.size()) +
                                " fields, expected " + std::to_string(width) +
                                " (as many as the header)");
      good = false;
    } else {
      good = builder.parse(fields, row++, line);
    }
    if (good) {
      builder.commit(line);
    } else if (options.bad_rows == BadRows::kFail) {
      return Status::invalid_argument(builder.report().problems.front().message);
    } else {
      ++builder.report().rows_skipped;
    }
  }
  ReadReport report = std::move(builder.report());
  return Dataset{builder.finish(consent), std::move(report)};
}

}  // namespace tailor::dataset
