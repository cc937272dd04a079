// PostgreSQL automation store: the event store's database, a connection of its own guarded by
// a mutex and re-opened after a loss. Appending to the audit chain locks its table for the
// transaction, so edges sharing the database extend one chain without forks.
#include <libpq-fe.h>

#include <mutex>

#include "core/audit/export.h"
#include "edge/store/automation_store.h"
#include "edge/store/pg_result.h"

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
  seq BIGINT PRIMARY KEY,
  hash TEXT NOT NULL,
  line TEXT NOT NULL
);
)sql";

class PostgresAutomationStore final : public AutomationStore {
 public:
  explicit PostgresAutomationStore(std::string conninfo) : conninfo_(std::move(conninfo)) {}
  ~PostgresAutomationStore() override {
    if (conn_) PQfinish(conn_);
  }

  Status connect() { return pg_ensure_connected(conn_, conninfo_, kSchema, "automation"); }

  Result<std::vector<AutomationRow>> automation_states() override {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    PgResult r = exec(
        "SELECT sdk_key, experiment, state, updated_at FROM automation_state "
        "ORDER BY sdk_key, experiment",
        {});
    if (!r.ok()) return failed("read states");
    std::vector<AutomationRow> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3)});
    }
    return out;
  }

  Result<std::optional<AutomationRow>> automation_state(const std::string& sdk_key,
                                                        const std::string& experiment) override {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    PgResult r = exec(
        "SELECT state, updated_at FROM automation_state WHERE sdk_key = $1 AND experiment = $2",
        {sdk_key, experiment});
    if (!r.ok()) return failed("read state");
    if (r.rows() == 0) return std::optional<AutomationRow>();
    return std::optional<AutomationRow>(
        AutomationRow{sdk_key, experiment, r.text(0, 0), r.text(0, 1)});
  }

  Status save_automation_state(const AutomationRow& row) override {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    PgResult r = exec(
        "INSERT INTO automation_state VALUES ($1, $2, $3, $4) ON CONFLICT (sdk_key, experiment) "
        "DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at",
        {row.sdk_key, row.experiment, row.state, row.updated_at});
    if (!r.ok()) return failed("save state");
    return {};
  }

  Result<audit::Record> append_audit(const audit::Entry& entry) override {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    if (!PgResult(PQexec(conn_, "BEGIN")).ok()) return failed("begin");
    if (!PgResult(PQexec(conn_, "LOCK TABLE automation_audit IN EXCLUSIVE MODE")).ok()) {
      return abort("lock the chain");
    }
    PgResult q(PQexec(conn_, "SELECT seq, hash FROM automation_audit ORDER BY seq DESC LIMIT 1"));
    if (!q.ok()) return abort("read the chain's head");
    long next = 0;
    std::string head(audit::kGenesisHash);
    if (q.rows() == 1) {
      next = std::stol(q.text(0, 0)) + 1;
      head = q.text(0, 1);
    }
    audit::Chain chain(next, head);
    auto record = chain.append(entry);
    if (!record.ok()) {
      rollback();
      return record.status();
    }
    const std::string seq = std::to_string(record->seq);
    PgResult ins = exec("INSERT INTO automation_audit VALUES ($1, $2, $3)",
                        {seq, record->hash, audit::to_jsonl({*record})});
    if (!ins.ok()) return abort("insert record");
    if (!PgResult(PQexec(conn_, "COMMIT")).ok()) return abort("commit");
    return record;
  }

  Result<std::string> audit_trail() override {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    PgResult r = exec("SELECT line FROM automation_audit ORDER BY seq", {});
    if (!r.ok()) return failed("read the trail");
    std::string out;
    for (int i = 0; i < r.rows(); ++i) out += r.text(i, 0);
    return out;
  }

 private:
  Status failed(const std::string& what) const { return pg_failure(conn_, "automation", what); }
  void rollback() { PgResult r(PQexec(conn_, "ROLLBACK")); }
  Status abort(const std::string& what) {
    Status s = failed(what);
    rollback();
    return s;
  }

  // Text parameters (NUL-terminated copies), text results.
  PgResult exec(const char* sql, std::initializer_list<std::string> params) {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    return PgResult(PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr,
                                values.data(), nullptr, nullptr, 0));
  }

  std::mutex mutex_;
  std::string conninfo_;
  PGconn* conn_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<AutomationStore>> open_postgres_automation_store(
    const std::string& conninfo) {
  auto store = std::make_unique<PostgresAutomationStore>(conninfo);
  if (Status up = store->connect(); !up.ok()) return up;
  return std::unique_ptr<AutomationStore>(std::move(store));
}

}  // namespace tailor::edge
