// Audit records and the hash chain.
//
// One record per screening decision, regeneration, manual review decision and approval, and
// one per change the experiment controller or an operator makes (kind "automation",
// docs/experiments.md "Audit records"). A
// record is a JSON object with exactly these members (docs/safety.md, "Audit records"):
//   seq             0, 1, 2, ... position in the chain
//   ts              RFC 3339 UTC timestamp supplied by the caller ("2026-11-23T15:00:00Z",
//                   optional fraction); the core never reads a clock
//   kind            "screening" | "regeneration" | "review" | "approval" | "automation"
//   campaign        campaign id (non-empty); automation: the SDK key
//   message_id      variant/message id (non-empty); automation: the experiment key
//   content_hash    SHA-256 hex of the screened content (subject + "\n" + body); records keep
//                   the hash, never the customer-facing text
//   policy_version  safety policy version the decision was made under ("" for approvals)
//   decision        screening: allow|review|block; review and approval: approved|rejected;
//                   regeneration: regenerated; automation: sync|reallocate|promote|advance|
//                   complete|rollback|pause|resume
//   severity        integer 0-7 (maximum finding severity; 0 for review/approval)
//   categories      array of category names ([a-z_]+), sorted, no duplicates
//   findings        array of finding objects (free-form JSON, copied from screening)
//   actor           who decided: "tailor-screen", "reviewer:alice", ...
//   prev_hash       hash of the previous record; 64 zeros for seq 0 (kGenesisHash)
//   hash            SHA-256 hex of the canonical JSON (canonical.h) of every member above
// Editing, removing, inserting or reordering any record changes a hash or breaks a link.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::audit {

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// What the caller decides; the chain adds seq, prev_hash and hash.
struct Entry {
  std::string ts;
  std::string kind;
  std::string campaign;
  std::string message_id;
  std::string content_hash;
  std::string policy_version;
  std::string decision;
  int severity = 0;
  std::vector<std::string> categories;
  json::Value findings = json::Array{};
  std::string actor;
};

struct Record {
  Entry entry;
  long seq = 0;
  std::string prev_hash;
  std::string hash;
};

// The hash that identifies screened content: SHA-256 hex of subject + "\n" + body.
std::string content_hash(std::string_view subject, std::string_view body);

// Checks every field of `entry` against the contract above. Error names the field and what
// would be valid: `decision "maybe" is not valid for kind "screening", expected allow, ...`.
Result<bool> validate(const Entry& entry);

// The record as JSON; `with_hash` false gives the object the hash is computed over.
json::Value to_json(const Record& record, bool with_hash = true);
// Reads a record back (all members required, no extra members). Does not check the hash.
Result<Record> from_json(const json::Value& value);
// SHA-256 hex of the canonical JSON of to_json(record, false).
std::string compute_hash(const Record& record);

// An append-only chain held in memory. Storage (files, SQLite) lives outside the core.
class Chain {
 public:
  Chain() = default;
  // Continues an existing chain whose last record has sequence `next_seq - 1` and hash `head`.
  Chain(long next_seq, std::string head) : next_seq_(next_seq), head_(std::move(head)) {}

  // Validates, links and hashes `entry`; the error is validate()'s.
  Result<Record> append(const Entry& entry);
  const std::vector<Record>& records() const { return records_; }
  const std::string& head() const { return head_; }

 private:
  long next_seq_ = 0;
  std::string head_{kGenesisHash};
  std::vector<Record> records_;
};

}  // namespace tailor::audit
