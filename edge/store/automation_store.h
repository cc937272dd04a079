// The experiment controller's store (docs/experiments.md): the state of every automated
// experiment (core/automation/controller.h, as JSON) and the hash-chained audit trail of every
// change it or an operator made (core/audit, kind "automation"). Beside the event store, in the
// same SQLite file (a connection of its own) or PostgreSQL database (shared by several edges),
// so a restarted edge resumes each plan at its stage. Every method is blocking and thread-safe:
// callers run them on the worker pool, never on an I/O thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/record.h"
#include "core/result.h"

namespace tailor::edge {

struct AutomationRow {
  std::string sdk_key;
  std::string experiment;
  std::string state;       // automation::state_to_json, compact JSON
  std::string updated_at;  // RFC 3339 UTC
};

class AutomationStore {
 public:
  virtual ~AutomationStore() = default;
  // Every stored state, ordered by SDK key then experiment.
  virtual Result<std::vector<AutomationRow>> automation_states() = 0;
  virtual Result<std::optional<AutomationRow>> automation_state(const std::string& sdk_key,
                                                                const std::string& experiment) = 0;
  // Inserts or replaces the row of (sdk_key, experiment).
  virtual Status save_automation_state(const AutomationRow& row) = 0;
  // Links `entry` to the stored chain's head and stores it, in one transaction (PostgreSQL
  // locks the table, so edges sharing it extend one chain). Failure: the entry's validation
  // (kInvalidArgument) or the store's (kUnavailable).
  virtual Result<audit::Record> append_audit(const audit::Entry& entry) = 0;
  // The trail as JSON lines (audit/export.h), oldest first: what `tailor audit verify` reads.
  virtual Result<std::string> audit_trail() = 0;
};

// Opens the automation store beside the event store named by `spec` (open_store's forms); the
// schema is created when absent.
Result<std::unique_ptr<AutomationStore>> open_automation_store(const std::string& spec);
Result<std::unique_ptr<AutomationStore>> open_postgres_automation_store(const std::string& conninfo);

}  // namespace tailor::edge
