#include "core/audit/export.h"

#include "core/audit/canonical.h"
#include "core/audit/csv.h"
#include "core/json/js.h"
#include "core/json/parse.h"

namespace tailor::audit {
namespace {

using json::Value;

std::string jsonl_line(const Record& r) {
  auto text = canonical_json(to_json(r));
  return (text ? *text : std::string()) + "\n";
}

std::vector<std::string> csv_cells(const Record& r) {
  std::string categories;
  for (size_t i = 0; i < r.entry.categories.size(); ++i) {
    if (i > 0) categories.push_back(';');
    categories += r.entry.categories[i];
  }
  auto findings = canonical_json(r.entry.findings);
  return {std::to_string(r.seq),
          r.entry.ts,
          r.entry.kind,
          r.entry.campaign,
          r.entry.message_id,
          r.entry.content_hash,
          r.entry.policy_version,
          r.entry.decision,
          std::to_string(r.entry.severity),
          categories,
          findings ? *findings : std::string(),
          r.entry.actor,
          r.prev_hash,
          r.hash};
}

std::string csv_header() {
  std::vector<std::string> cells(std::begin(kCsvColumns), std::end(kCsvColumns));
  return csv::format_row(cells);
}

// Non-negative decimal integer without leading zeros, as std::to_string writes it.
bool parse_count(const std::string& s, double& out) {
  if (s.empty() || s.size() > 15 || (s.size() > 1 && s[0] == '0')) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

// Rebuilds a record's JSON from CSV cells; the caller re-encodes it to compare bytes.
Result<Record> record_from_csv(const std::vector<std::string>& cells) {
  using R = Result<Record>;
  if (cells.size() != std::size(kCsvColumns))
    return R::failure("row has " + std::to_string(cells.size()) + " cells, expected " +
                      std::to_string(std::size(kCsvColumns)));
  double seq = 0, severity = 0;
  if (!parse_count(cells[0], seq)) return R::failure("seq \"" + cells[0] + "\" is not an integer");
  if (!parse_count(cells[8], severity))
    return R::failure("severity \"" + cells[8] + "\" is not an integer");
  json::Array categories;
  for (size_t start = 0; !cells[9].empty() && start <= cells[9].size();) {
    size_t end = cells[9].find(';', start);
    if (end == std::string::npos) end = cells[9].size();
    categories.emplace_back(cells[9].substr(start, end - start));
    start = end + 1;
  }
  auto findings = json::parse(cells[10]);
  if (!findings) return R::failure("findings is not JSON: " + findings.error());
  Value v = Value::object({{"seq", Value(seq)},
                           {"ts", Value(cells[1])},
                           {"kind", Value(cells[2])},
                           {"campaign", Value(cells[3])},
                           {"message_id", Value(cells[4])},
                           {"content_hash", Value(cells[5])},
                           {"policy_version", Value(cells[6])},
                           {"decision", Value(cells[7])},
                           {"severity", Value(severity)},
                           {"categories", Value(std::move(categories))},
                           {"findings", std::move(findings).value()},
                           {"actor", Value(cells[11])},
                           {"prev_hash", Value(cells[12])},
                           {"hash", Value(cells[13])}});
  return from_json(v);
}

long count_newlines(std::string_view text, size_t from, size_t to) {
  long n = 0;
  for (size_t i = from; i < to; ++i) n += text[i] == '\n';
  return n;
}

// Checks one decoded record against its position and predecessor; empty when good.
std::string check_record(const Record& r, long index, const std::string& prev_hash) {
  if (auto valid = validate(r.entry); !valid) return valid.error();
  if (r.seq != index)
    return "seq is " + std::to_string(r.seq) + ", expected " + std::to_string(index) +
           " (a record was removed, inserted or reordered)";
  if (r.prev_hash != prev_hash)
    return "prev_hash does not match the previous record's hash (a record was removed, "
           "inserted, reordered or edited)";
  if (compute_hash(r) != r.hash) return "hash does not match the record's content (edited)";
  return {};
}

}  // namespace

std::string to_jsonl(const std::vector<Record>& records) {
  std::string out;
  for (const auto& r : records) out += jsonl_line(r);
  return out;
}

std::string to_csv(const std::vector<Record>& records) {
  std::string out = csv_header();
  for (const auto& r : records) out += csv::format_row(csv_cells(r));
  return out;
}

Format detect_format(std::string_view text) {
  return text.substr(0, 4) == "seq," ? Format::kCsv : Format::kJsonLines;
}

VerifyReport verify(std::string_view text, Format format, const VerifyOptions& options) {
  VerifyReport report;
  report.format = format;
  report.head = std::string(kGenesisHash);
  size_t pos = 0;
  long line = 1;
  if (report.format == Format::kCsv) {
    const std::string header = csv_header();
    if (text.substr(0, header.size()) != header) {
      report.line = 1;
      report.reason = "the CSV header is not the audit header";
      return report;
    }
    pos = header.size();
    line = 2;
  }
  while (pos < text.size()) {
    const long index = report.records;
    const size_t start = pos;
    std::string expected, problem;
    if (report.format == Format::kJsonLines) {
      size_t end = text.find('\n', pos);
      pos = end == std::string_view::npos ? text.size() : end + 1;
      std::string_view row = text.substr(start, pos - start);
      auto parsed = json::parse(row.substr(0, row.size() - (row.back() == '\n')));
      auto record = parsed ? from_json(*parsed) : Result<Record>::failure(parsed.error());
      if (!record) {
        problem = "not an audit record: " + record.error();
      } else {
        expected = jsonl_line(*record);
        if (expected != row) problem = "line is not the record's canonical JSON (edited)";
        if (problem.empty()) problem = check_record(*record, index, report.head);
        if (problem.empty()) report.head = record->hash;
      }
    } else {
      auto cells = csv::read_row(text, pos);
      auto record = cells ? record_from_csv(*cells) : Result<Record>::failure(cells.error());
      if (!record) {
        problem = "not an audit record: " + record.error();
        if (!cells) pos = text.size();
      } else {
        expected = csv::format_row(csv_cells(*record));
        if (expected != text.substr(start, pos - start))
          problem = "row is not the exporter's bytes for this record (edited)";
        if (problem.empty()) problem = check_record(*record, index, report.head);
        if (problem.empty()) report.head = record->hash;
      }
    }
    if (!problem.empty()) {
      report.bad_record = index + 1;
      report.line = line;
      report.reason = problem;
      return report;
    }
    ++report.records;
    line += count_newlines(text, start, pos);
  }
  if (options.expected_count && *options.expected_count != report.records) {
    report.line = line;
    report.reason = "file holds " + std::to_string(report.records) + " records, expected " +
                    std::to_string(*options.expected_count) + " (records removed or added)";
    return report;
  }
  if (options.expected_head && *options.expected_head != report.head) {
    report.line = line;
    report.reason = "last record's hash is " + report.head + ", expected " +
                    *options.expected_head + " (records removed from or added at the end)";
    return report;
  }
  report.ok = true;
  return report;
}

std::string verify_json(std::string_view text, std::string_view format) {
  Format f = Format::kJsonLines;
  if (format == "csv") {
    f = Format::kCsv;
  } else if (format == "jsonl") {
    f = Format::kJsonLines;
  } else if (format.empty()) {
    f = detect_format(text);
  } else {
    return json::stringify(json::Value::object(
        {{"ok", false},
         {"reason", "format \"" + std::string(format) + "\" is not csv or jsonl"}}));
  }
  const VerifyReport r = verify(text, f);
  return json::stringify(json::Value::object({
      {"ok", r.ok},
      {"format", r.format == Format::kCsv ? "csv" : "jsonl"},
      {"records", static_cast<double>(r.records)},
      {"head", r.head},
      {"badRecord", static_cast<double>(r.bad_record)},
      {"line", static_cast<double>(r.line)},
      {"reason", r.reason},
  }));
}

}  // namespace tailor::audit
