// Audit export (JSON lines and CSV) and verification of an exported file.
//
// JSON lines: one record per line, each line exactly canonical_json(to_json(record)) + "\n".
// CSV (RFC 4180, UTF-8, CRLF, csv.h neutralisation): the header row kCsvColumns, then one row
// per record; categories are joined with ";" (names are [a-z0-9_]+), findings is the canonical
// JSON of the findings array.
//
// verify() re-derives every record from the file and requires, for record n (1-based):
// the row is exactly the bytes the exporter would write for it (so any edited byte, including
// quoting or whitespace, is caught), its fields are valid, seq == n - 1, prev_hash equals the
// previous record's hash (64 zeros for the first), and hash equals the SHA-256 of its
// canonical form. The first failure is reported with its record number and file line.
// Removing records from the *end* of a file leaves a valid shorter chain: pass the head hash
// (or count) kept elsewhere, e.g. in the campaign store, to detect that too.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/record.h"

namespace tailor::audit {

inline constexpr const char* kCsvColumns[] = {
    "seq",        "ts",           "kind",           "campaign",
    "message_id", "content_hash", "policy_version", "decision",
    "severity",   "categories",   "findings",       "actor",
    "prev_hash",  "hash"};

std::string to_jsonl(const std::vector<Record>& records);
std::string to_csv(const std::vector<Record>& records);

enum class Format { kJsonLines, kCsv };

struct VerifyOptions {
  std::optional<std::string> expected_head;  // hash the last record must have
  std::optional<long> expected_count;        // number of records the file must hold
};

struct VerifyReport {
  bool ok = false;
  Format format = Format::kJsonLines;
  long records = 0;     // records checked and found good
  std::string head;     // hash of the last good record (kGenesisHash when none)
  long bad_record = 0;  // 1-based record number of the first bad one; 0 for a file-level
                        // problem (CSV header, expected count/head)
  long line = 0;        // 1-based file line where that record (or problem) starts
  std::string reason;   // what is wrong, e.g. "hash does not match the record's content"
};

// A guess for callers that know nothing else (the CLI prefers the file extension): CSV when
// the text starts with the CSV header's first cell, JSON lines otherwise. Verification takes
// the format explicitly, so an edited first byte cannot switch the parser.
Format detect_format(std::string_view text);
VerifyReport verify(std::string_view text, Format format, const VerifyOptions& options = {});

// verify() for a caller holding only text (the studio verifying a downloaded trail in the
// browser, through the WASM module): `format` "csv", "jsonl" or "" (detect_format). Returns
// {"ok", "format", "records", "head", "badRecord", "line", "reason"} as compact JSON; an
// unknown format is {"ok": false, "reason": "format \"x\" is not csv or jsonl"}.
std::string verify_json(std::string_view text, std::string_view format);

}  // namespace tailor::audit
