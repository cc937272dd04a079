// SQLite campaign store: the event store's file, a connection of its own (WAL lets it write
// between the ingest committer's transactions; a busy timeout waits out the other writer).
// Files are BLOBs, so any bytes round-trip.
#include <sqlite3.h>

#include <mutex>

#include "edge/store/campaign_store.h"
#include "edge/store/sqlite_statement.h"

namespace tailor::edge {
namespace {

constexpr const char* kCampaignSchema = R"sql(
CREATE TABLE IF NOT EXISTS campaigns (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  lease_until REAL NOT NULL,
  revision INTEGER NOT NULL,
  meta TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS campaign_files (
  campaign_id TEXT NOT NULL,
  name TEXT NOT NULL,
  body BLOB NOT NULL,
  PRIMARY KEY (campaign_id, name)
);
)sql";

constexpr const char* kColumns =
    "id, name, state, created_at, updated_at, lease_until, revision, meta";

using Statement = SqliteStatement;

CampaignRow read_row(Statement& s) {
  CampaignRow r;
  r.id = s.column(0);
  r.name = s.column(1);
  r.state = s.column(2);
  r.created_at = s.column(3);
  r.updated_at = s.column(4);
  r.lease_until_ms = s.real(5);
  r.revision = s.int64(6);
  r.meta = s.column(7);
  return r;
}

class SqliteCampaignStore final : public CampaignStore {
 public:
  explicit SqliteCampaignStore(sqlite3* db) : db_(db) {}
  ~SqliteCampaignStore() override { sqlite3_close_v2(db_); }

  Status init(const std::string& path) {
    sqlite3_busy_timeout(db_, 10000);
    if (sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK ||
        sqlite3_exec(db_, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr) != SQLITE_OK ||
        sqlite3_exec(db_, kCampaignSchema, nullptr, nullptr, nullptr) != SQLITE_OK) {
      return failed("create the campaign tables in \"" + path + "\"");
    }
    return {};
  }

  Status create_campaign(const CampaignRow& row, const CampaignFiles& files) override {
    std::lock_guard lock(mutex_);
    if (!exec("BEGIN IMMEDIATE")) return failed("begin");
    Statement s(db_, "INSERT INTO campaigns VALUES (?, ?, ?, ?, ?, ?, 1, ?)");
    if (!s.ok()) return rollback("prepare insert");
    s.text(1, row.id).text(2, row.name).text(3, row.state).text(4, row.created_at);
    s.text(5, row.updated_at).number(6, row.lease_until_ms).text(7, row.meta);
    if (int rc = s.step(); rc != SQLITE_DONE) {
      if (rc == SQLITE_CONSTRAINT) {
        exec("ROLLBACK");
        return Status::conflict("campaign \"" + row.id + "\" exists");
      }
      return rollback("insert campaign");
    }
    if (Status w = write_files(row.id, files); !w.ok()) return w;
    if (!exec("COMMIT")) return rollback("commit");
    return {};
  }

  Result<int64_t> update_campaign(const CampaignRow& row, std::string_view clear_prefix,
                                  const CampaignFiles& files) override {
    std::lock_guard lock(mutex_);
    if (!exec("BEGIN IMMEDIATE")) return failed("begin");
    Statement s(db_,
                "UPDATE campaigns SET name = ?, state = ?, updated_at = ?, lease_until = ?, "
                "meta = ?, revision = revision + 1 WHERE id = ? AND revision = ?");
    if (!s.ok()) return rollback("prepare update");
    s.text(1, row.name).text(2, row.state).text(3, row.updated_at).number(4, row.lease_until_ms);
    s.text(5, row.meta).text(6, row.id).integer(7, row.revision);
    if (s.step() != SQLITE_DONE) return rollback("update campaign");
    if (sqlite3_changes(db_) == 0) {
      Statement q(db_, "SELECT revision FROM campaigns WHERE id = ?");
      q.text(1, row.id);
      const bool exists = q.ok() && q.step() == SQLITE_ROW;
      const int64_t stored = exists ? q.int64(0) : 0;
      exec("ROLLBACK");
      if (!exists) return Status::not_found("no campaign \"" + row.id + "\"");
      return Status::conflict("campaign \"" + row.id + "\" changed meanwhile (revision " +
                              std::to_string(stored) + ", not " + std::to_string(row.revision) +
                              ")");
    }
    if (!clear_prefix.empty()) {
      Statement d(db_, "DELETE FROM campaign_files WHERE campaign_id = ? AND substr(name, 1, ?) = ?");
      if (!d.ok()) return rollback("prepare delete");
      d.text(1, row.id).integer(2, static_cast<int64_t>(clear_prefix.size())).text(3, clear_prefix);
      if (d.step() != SQLITE_DONE) return rollback("delete files");
    }
    if (Status w = write_files(row.id, files); !w.ok()) return w;
    if (!exec("COMMIT")) return rollback("commit");
    return row.revision + 1;
  }

  Result<CampaignRow> campaign(const std::string& id) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, (std::string("SELECT ") + kColumns + " FROM campaigns WHERE id = ?").c_str());
    if (!s.ok()) return failed("prepare select");
    s.text(1, id);
    int rc = s.step();
    if (rc == SQLITE_DONE) return Status::not_found("no campaign \"" + id + "\"");
    if (rc != SQLITE_ROW) return failed("read campaign");
    return read_row(s);
  }

  Result<std::vector<CampaignRow>> campaigns() override {
    return rows(std::string("SELECT ") + kColumns +
                    " FROM campaigns ORDER BY created_at DESC, id DESC",
                -1);
  }

  Result<std::vector<CampaignRow>> claimable_campaigns(double now_ms) override {
    return rows(std::string("SELECT ") + kColumns +
                    " FROM campaigns WHERE state = 'queued' OR (state = 'running' AND "
                    "lease_until < ?) ORDER BY updated_at, id",
                now_ms);
  }

  Result<std::optional<std::string>> campaign_file(const std::string& id,
                                                   const std::string& name) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT body FROM campaign_files WHERE campaign_id = ? AND name = ?");
    if (!s.ok()) return failed("prepare select");
    s.text(1, id).text(2, name);
    int rc = s.step();
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    if (rc != SQLITE_ROW) return failed("read file");
    return std::optional<std::string>(s.column(0));
  }

  Result<CampaignFiles> campaign_files(const std::string& id, const std::string& prefix) override {
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "SELECT name, body FROM campaign_files WHERE campaign_id = ? AND "
                "substr(name, 1, ?) = ? ORDER BY name");
    if (!s.ok()) return failed("prepare select");
    s.text(1, id).integer(2, static_cast<int64_t>(prefix.size())).text(3, prefix);
    CampaignFiles out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) out[s.column(0)] = s.column(1);
    if (rc != SQLITE_DONE) return failed("read files");
    return out;
  }

 private:
  bool exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
  Status failed(const std::string& what) const {
    return Status::unavailable("sqlite: campaigns: " + what + ": " + sqlite3_errmsg(db_));
  }
  Status rollback(const std::string& what) {
    Status s = failed(what);
    exec("ROLLBACK");
    return s;
  }

  Status write_files(const std::string& id, const CampaignFiles& files) {
    Statement w(db_, "INSERT OR REPLACE INTO campaign_files VALUES (?, ?, ?)");
    if (!w.ok()) return rollback("prepare file insert");
    for (const auto& [name, body] : files) {
      w.reset();
      w.text(1, id).text(2, name).blob(3, body);
      if (w.step() != SQLITE_DONE) return rollback("write file \"" + name + "\"");
    }
    return {};
  }

  // The rows of `sql`, with `now_ms` bound to its one parameter when not negative.
  Result<std::vector<CampaignRow>> rows(const std::string& sql, double now_ms) {
    std::lock_guard lock(mutex_);
    Statement s(db_, sql.c_str());
    if (!s.ok()) return failed("prepare select");
    if (now_ms >= 0) s.number(1, now_ms);
    std::vector<CampaignRow> out;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_row(s));
    if (rc != SQLITE_DONE) return failed("read campaigns");
    return out;
  }

  std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<CampaignStore>> open_sqlite_campaign_store(const std::string& path) {
  auto db = open_sqlite_file(path, "campaigns");
  if (!db) return db.status();
  auto store = std::make_unique<SqliteCampaignStore>(*db);
  if (Status s = store->init(path); !s.ok()) return s;
  return std::unique_ptr<CampaignStore>(std::move(store));
}

Result<std::unique_ptr<CampaignStore>> open_campaign_store(const std::string& spec) {
  if (spec.starts_with("postgresql://") || spec.starts_with("postgres://")) {
    return open_postgres_campaign_store(spec);
  }
  std::string path = spec.starts_with("sqlite:") ? spec.substr(7) : spec;
  if (path.empty()) return Status::unavailable("--store: empty SQLite path");
  return open_sqlite_campaign_store(path);
}

}  // namespace tailor::edge
