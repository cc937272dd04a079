// `tailor audit`: verify, export and coverage over an audit trail file (docs/safety.md).
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/audit/coverage.h"
#include "core/audit/export.h"
#include "core/json/parse.h"
#include "tools/cli/safety_commands.h"

namespace tailor::cli {

const std::string_view kAuditVerifyUsage =
    R"(  tailor audit verify FILE [--format csv|jsonl] [--head HASH] [--count N]
      Verify an audit trail or its CSV export; names the first bad record (exit 1).
)";
const std::string_view kAuditExportUsage = R"(  tailor audit export TRAIL.jsonl --to csv|jsonl
      Print the trail as CSV (RFC 4180, formula-injection safe) or canonical JSON lines.
)";
const std::string_view kAuditAppendUsage =
    R"(  tailor audit append TRAIL.jsonl --kind review|approval|regeneration --campaign ID --id MSG
      --ts RFC3339 --actor NAME --decision approved|rejected|regenerated
      (--content-hash HEX | --subject S --body B) [--policy-version V]
      Append a manual review, approval or regeneration record to the chain.
)";
const std::string_view kAuditCoverageUsage =
    R"(  tailor audit coverage TRAIL.jsonl --messages FILE.jsonl
      Check every sendable message has an allow or approved review record (exit 1 if not).
)";

namespace {

std::string audit_usage() {
  return std::string(kAuditVerifyUsage) + std::string(kAuditExportUsage) +
         std::string(kAuditAppendUsage) + std::string(kAuditCoverageUsage);
}

audit::Format format_of(const std::string& path, const std::string& text) {
  auto ends_with = [&](const char* suffix) {
    std::string s(suffix);
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with(".csv")) return audit::Format::kCsv;
  if (ends_with(".jsonl") || ends_with(".ndjson")) return audit::Format::kJsonLines;
  return audit::detect_format(text);
}

// Reads records back from a verified trail (verify first: this trusts the file's structure).
bool load_records(const std::string& path, std::vector<audit::Record>& records, std::ostream& err) {
  std::string text;
  if (!read_whole_file(path, text, err)) return false;
  const auto format = format_of(path, text);
  auto report = audit::verify(text, format);
  if (!report.ok) {
    err << "tailor audit: " << path << " record " << report.bad_record << " (line " << report.line
        << "): " << report.reason << "\n";
    return false;
  }
  if (format == audit::Format::kCsv) {
    err << "tailor audit: " << path << ": use the JSON lines trail (CSV is an export)\n";
    return false;
  }
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) records.push_back(*audit::from_json(*json::parse(line)));
  return true;
}

int verify_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string path, format_name;
  audit::VerifyOptions options;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (is_help(a)) return print_usage(out, kAuditVerifyUsage);
    if ((a == "--head" || a == "--count" || a == "--format") && i + 1 < args.size()) {
      const std::string v = args[++i];
      if (a == "--head") options.expected_head = v;
      if (a == "--format") format_name = v;
      if (a == "--count") {
        char* end = nullptr;
        long n = std::strtol(v.c_str(), &end, 10);
        if (v.empty() || *end != '\0' || n < 0) {
          err << "tailor audit verify: --count \"" << v << "\" is not a count\n";
          return 2;
        }
        options.expected_count = n;
      }
    } else if (path.empty() && a.rfind("--", 0) != 0) {
      path = a;
    } else {
      err << "tailor audit verify: unexpected argument \"" << a << "\"\n";
      return 2;
    }
  }
  if (path.empty()) {
    err << "tailor audit verify: needs FILE\n";
    return 2;
  }
  if (!format_name.empty() && format_name != "csv" && format_name != "jsonl") {
    err << "tailor audit verify: --format \"" << format_name << "\", expected csv or jsonl\n";
    return 2;
  }
  std::string text;
  if (!read_whole_file(path, text, err)) return 2;
  auto format = format_name.empty()    ? format_of(path, text)
                : format_name == "csv" ? audit::Format::kCsv
                                       : audit::Format::kJsonLines;
  auto report = audit::verify(text, format, options);
  if (!report.ok) {
    out << "FAIL " << path << ": ";
    if (report.bad_record > 0) out << "record " << report.bad_record << " ";
    out << "(line " << report.line << "): " << report.reason << "\n";
    out << report.records << " records before it verified\n";
    return 1;
  }
  out << "OK " << path << ": " << report.records << " records, chain intact, head " << report.head
      << "\n";
  return 0;
}

int export_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() == 2 && is_help(args[1])) return print_usage(out, kAuditExportUsage);
  if (args.size() != 4 || args[2] != "--to" || (args[3] != "csv" && args[3] != "jsonl")) {
    return usage_error(err, "tailor audit export: expected TRAIL.jsonl --to csv|jsonl",
                       kAuditExportUsage);
  }
  std::vector<audit::Record> records;
  if (!load_records(args[1], records, err)) return 1;
  out << (args[3] == "csv" ? audit::to_csv(records) : audit::to_jsonl(records));
  return 0;
}

int coverage_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() == 2 && is_help(args[1])) return print_usage(out, kAuditCoverageUsage);
  if (args.size() != 4 || args[2] != "--messages") {
    return usage_error(err, "tailor audit coverage: expected TRAIL.jsonl --messages FILE.jsonl",
                       kAuditCoverageUsage);
  }
  std::vector<audit::Record> records;
  if (!load_records(args[1], records, err)) return 1;
  std::string text;
  if (!read_whole_file(args[3], text, err)) return 2;
  std::vector<audit::Sendable> messages;
  std::istringstream lines(text);
  bool read = for_each_json_line(lines, [&](long number, Result<json::Value> v) {
    auto str = [&](const char* key) {
      const json::Value* m = v ? v->find(key) : nullptr;
      return m && m->is_string() ? m->as_string() : std::string();
    };
    if (!v || str("id").empty() || str("campaign").empty()) {
      err << "tailor audit coverage: " << args[3] << " line " << number
          << ": expected {\"campaign\",\"id\",\"subject\",\"body\"}\n";
      return false;
    }
    messages.push_back(
        {str("campaign"), str("id"), audit::content_hash(str("subject"), str("body"))});
    return true;
  });
  if (!read) return 2;
  auto gaps = audit::check_coverage(messages, records);
  for (const auto& g : gaps)
    out << "UNCOVERED " << g.campaign << "/" << g.message_id << ": " << g.reason << "\n";
  out << (messages.size() - gaps.size()) << " of " << messages.size()
      << " messages covered by an allow or approved review record\n";
  return gaps.empty() ? 0 : 1;
}

// `tailor audit append` (kAuditAppendUsage): a review, approval or regeneration record
// (screening records come from `tailor screen --audit`).
int append_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.size() >= 2 && is_help(args[1])) return print_usage(out, kAuditAppendUsage);
  if (args.size() < 2)
    return usage_error(err, "tailor audit append: needs TRAIL.jsonl", kAuditAppendUsage);
  const std::string path = args[1];
  audit::Entry e;
  std::string subject, body;
  bool have_text = false;
  for (size_t i = 2; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (is_help(a)) return print_usage(out, kAuditAppendUsage);
    if (i + 1 >= args.size()) {
      err << "tailor audit append: " << a << " needs a value\n";
      return 2;
    }
    const std::string v = args[++i];
    if (a == "--kind")
      e.kind = v;
    else if (a == "--campaign")
      e.campaign = v;
    else if (a == "--id")
      e.message_id = v;
    else if (a == "--ts")
      e.ts = v;
    else if (a == "--actor")
      e.actor = v;
    else if (a == "--decision")
      e.decision = v;
    else if (a == "--content-hash")
      e.content_hash = v;
    else if (a == "--policy-version")
      e.policy_version = v;
    else if (a == "--subject")
      subject = v, have_text = true;
    else if (a == "--body")
      body = v, have_text = true;
    else {
      err << "tailor audit append: unexpected argument \"" << a << "\"\n";
      return 2;
    }
  }
  if (e.kind == "screening") {
    err << "tailor audit append: screening records come from `tailor screen --audit`\n";
    return 2;
  }
  if (have_text) e.content_hash = audit::content_hash(subject, body);
  std::optional<audit::Chain> chain = open_chain(path, "tailor audit append", err);
  if (!chain) return 1;
  auto record = chain->append(e);
  if (!record) {
    err << "tailor audit append: " << record.error() << "\n";
    return 2;
  }
  std::ofstream trail(path, std::ios::binary | std::ios::app);
  trail << audit::to_jsonl({*record});
  if (!trail) {
    err << "tailor audit append: cannot write " << path << "\n";
    return 1;
  }
  out << "appended record " << record->seq << " " << record->hash << "\n";
  return 0;
}

}  // namespace

std::optional<audit::Chain> open_chain(const std::string& path, std::string_view who,
                                       std::ostream& err) {
  std::string text;
  std::ifstream probe(path, std::ios::binary);
  if (probe) {
    std::ostringstream ss;
    ss << probe.rdbuf();
    text = ss.str();
  }
  auto report = audit::verify(text, audit::Format::kJsonLines);
  if (!report.ok) {
    err << who << ": " << path << " record " << report.bad_record << " (line " << report.line
        << "): " << report.reason << "; refusing to extend a broken chain\n";
    return std::nullopt;
  }
  return audit::Chain(report.records, report.head);
}

int run_audit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const std::string sub = args.empty() ? "" : args[0];
  if (sub == "verify") return verify_command(args, out, err);
  if (sub == "export") return export_command(args, out, err);
  if (sub == "coverage") return coverage_command(args, out, err);
  if (sub == "append") return append_command(args, out, err);
  if (is_help(sub)) return print_usage(out, audit_usage());
  return usage_error(
      err,
      "tailor audit: " +
          (sub.empty() ? std::string("needs a subcommand") : "unknown subcommand \"" + sub + "\"") +
          "; expected verify, export, coverage or append",
      audit_usage());
}

}  // namespace tailor::cli
