// SQLite automation store: the event store's file, a connection of its own (WAL; a busy
// timeout waits out the other writers).
#include <sqlite3.h>

#include <mutex>

#include "core/audit/export.h"
#include "edge/store/automation_store.h"
#include "edge/store/sqlite_statement.h"

namespace tailor::edge {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS automation_state (
  sdk_key TEXT NOT NULL,
  experiment TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (sdk_key, experiment)
);
CREATE TABLE IF NOT EXISTS automation_audit (
  seq INTEGER PRIMARY KEY NOT NULL,
  hash TEXT NOT NULL,
  line TEXT NOT NULL
);
)sql";

using Statement = SqliteStatement;

class SqliteAutomationStore final : public AutomationStore {
 public:
  explicit SqliteAutomationStore(sqlite3* db) : db_(db) {}
  ~SqliteAutomationStore() override { sqlite3_close_v2(db_); }

  Status init(const std::string& path) {
    sqlite3_busy_timeout(db_, 10000);
    if (!exec("PRAGMA journal_mode=WAL") || !exec("PRAGMA synchronous=FULL") || !exec(kSchema)) {
      return failed("create the automation tables in \"" + path + "\"");
    }
    return {};
  }

  Result<std::vector<AutomationRow>> automation_states() override {
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "SELECT sdk_key, experiment, state, updated_at FROM automation_state "
                "ORDER BY sdk_key, experiment");
    if (!s.ok()) return failed("prepare select");
    std::vector<AutomationRow> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      out.push_back({s.column(0), s.column(1), s.column(2), s.column(3)});
    }
    if (rc != SQLITE_DONE) return failed("read states");
    return out;
  }

  Result<std::optional<AutomationRow>> automation_state(const std::string& sdk_key,
                                                        const std::string& experiment) override {
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "SELECT state, updated_at FROM automation_state WHERE sdk_key = ? AND "
                "experiment = ?");
    if (!s.ok()) return failed("prepare select");
    s.text(1, sdk_key).text(2, experiment);
    int rc = s.step();
    if (rc == SQLITE_DONE) return std::optional<AutomationRow>();
    if (rc != SQLITE_ROW) return failed("read state");
    return std::optional<AutomationRow>(AutomationRow{sdk_key, experiment, s.column(0), s.column(1)});
  }

  Status save_automation_state(const AutomationRow& row) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "INSERT OR REPLACE INTO automation_state VALUES (?, ?, ?, ?)");
    if (!s.ok()) return failed("prepare insert");
    s.text(1, row.sdk_key).text(2, row.experiment).text(3, row.state).text(4, row.updated_at);
    if (s.step() != SQLITE_DONE) return failed("save state");
    return {};
  }

  Result<audit::Record> append_audit(const audit::Entry& entry) override {
    std::lock_guard lock(mutex_);
    if (!exec("BEGIN IMMEDIATE")) return failed("begin");
    long next = 0;
    std::string head(audit::kGenesisHash);
    {
      Statement q(db_, "SELECT seq, hash FROM automation_audit ORDER BY seq DESC LIMIT 1");
      if (!q.ok()) return rollback("prepare select");
      int rc = q.step();
      if (rc == SQLITE_ROW) {
        next = static_cast<long>(q.int64(0)) + 1;
        head = q.column(1);
      } else if (rc != SQLITE_DONE) {
        return rollback("read the chain's head");
      }
    }
    audit::Chain chain(next, head);
    auto record = chain.append(entry);
    if (!record.ok()) {
      exec("ROLLBACK");
      return record.status();
    }
    Statement ins(db_, "INSERT INTO automation_audit VALUES (?, ?, ?)");
    if (!ins.ok()) return rollback("prepare insert");
    ins.integer(1, record->seq).text(2, record->hash).text(3, audit::to_jsonl({*record}));
    if (ins.step() != SQLITE_DONE) return rollback("insert record");
    if (!exec("COMMIT")) return rollback("commit");
    return record;
  }

  Result<std::string> audit_trail() override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT line FROM automation_audit ORDER BY seq");
    if (!s.ok()) return failed("prepare select");
    std::string out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) out += s.column(0);
    if (rc != SQLITE_DONE) return failed("read the trail");
    return out;
  }

 private:
  bool exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
  Status failed(const std::string& what) const {
    return Status::unavailable("sqlite: automation: " + what + ": " + sqlite3_errmsg(db_));
  }
  Status rollback(const std::string& what) {
    Status s = failed(what);
    exec("ROLLBACK");
    return s;
  }

  std::mutex mutex_;
  sqlite3* db_;
};

Result<std::unique_ptr<AutomationStore>> open_sqlite(const std::string& path) {
  auto db = open_sqlite_file(path, "automation");
  if (!db) return db.status();
  auto store = std::make_unique<SqliteAutomationStore>(*db);
  if (Status s = store->init(path); !s.ok()) return s;
  return std::unique_ptr<AutomationStore>(std::move(store));
}

}  // namespace

Result<std::unique_ptr<AutomationStore>> open_automation_store(const std::string& spec) {
  if (spec.starts_with("postgresql://") || spec.starts_with("postgres://")) {
    return open_postgres_automation_store(spec);
  }
  std::string path = spec.starts_with("sqlite:") ? spec.substr(7) : spec;
  if (path.empty()) return Status::unavailable("--store: empty SQLite path");
  return open_sqlite(path);
}

}  // namespace tailor::edge
