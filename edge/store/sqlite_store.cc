// SQLite backend: one connection in WAL mode with synchronous=FULL, so a committed
// transaction survives a crash of the process or the machine. Writers are serialised by a
// mutex (SQLite allows one writer anyway); the ingest committer batches many requests into
// one transaction, which is what makes this fast. The connection is opened NOMUTEX because
// every use is already under mutex_.
#include <sqlite3.h>

#include <mutex>
#include <set>

#include "edge/store/store.h"

namespace tailor::edge {
namespace {

// Schema version 2 (PRAGMA user_version). Events live in insertion order (seq, the rowid), so
// a scan in time order touches pages nearly sequentially; the id is a unique key (the
// idempotency check). Each read path has a covering partial index, so results scans never
// visit the table except for exposure attributes (segments). (An index's last column, type,
// repeats its WHERE clause: SQLite treats a partial index as covering only when it holds every
// column the query names, the filter's included.)
// - events_exposure: an experiment's exposures in (ts, id) order with user and variant;
// - events_metric: a metric's conversion and custom events with user, ts and value (and, read
//   whole, every metric's: the summary).
// (events_conversion_user, a user's conversions for the summary's own SQL before the summary
// became a view of the results' aggregation, is dropped.)
// Nothing else is indexed: every index is one more B-tree write per event at ingest.
constexpr const char* kEventsTable = R"sql(
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sdk_key TEXT NOT NULL,
  type TEXT NOT NULL,
  ts REAL NOT NULL,
  user_id TEXT NOT NULL,
  experiment TEXT,
  variant TEXT,
  name TEXT,
  value REAL,
  attributes TEXT
);
)sql";

// Everything else, run after kEventsTable.
constexpr const char* kSchema = R"sql(
CREATE INDEX IF NOT EXISTS events_exposure ON events(experiment, ts, id, user_id, variant, type)
  WHERE type = 'exposure';
CREATE INDEX IF NOT EXISTS events_metric ON events(name, user_id, ts, value, type)
  WHERE type IN ('conversion', 'custom');
DROP INDEX IF EXISTS events_conversion_user;
CREATE TABLE IF NOT EXISTS config_versions (
  sdk_key TEXT NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (sdk_key, version)
);
CREATE TABLE IF NOT EXISTS active_configs (
  sdk_key TEXT PRIMARY KEY NOT NULL,
  version INTEGER NOT NULL
);
PRAGMA user_version = 2;
)sql";

// Version 1 (the first release) kept events in a WITHOUT ROWID table keyed by id: renamed,
// a version 2 table made (kEventsTable), the rows copied over in (ts, id) order and the old
// table dropped, all in one transaction, before kSchema runs.
constexpr const char* kMigrateFrom1Begin = R"sql(
BEGIN IMMEDIATE;
ALTER TABLE events RENAME TO events_v1;
DROP INDEX IF EXISTS events_exposure_experiment;
DROP INDEX IF EXISTS events_conversion_user;
)sql";
constexpr const char* kMigrateFrom1Copy = R"sql(
INSERT INTO events(id, sdk_key, type, ts, user_id, experiment, variant, name, value, attributes)
  SELECT id, sdk_key, type, ts, user_id, experiment, variant, name, value, attributes
  FROM events_v1 ORDER BY ts, id;
DROP TABLE events_v1;
PRAGMA user_version = 2;
COMMIT;
)sql";

class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& sql) {
    rc_ = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return stmt_; }
  void text(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void text_or_null(int i, const std::string& s) {
    if (s.empty()) {
      sqlite3_bind_null(stmt_, i);
    } else {
      text(i, s);
    }
  }
  std::string column_text(int i) {
    auto* p = sqlite3_column_text(stmt_, i);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

// A text column as a view (valid until the next step); "" for NULL.
std::string_view view(sqlite3_stmt* st, int i) {
  auto* p = sqlite3_column_text(st, i);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st, i))};
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override {
    sqlite3_close_v2(reader_);
    sqlite3_close_v2(db_);
  }

  // A second, read-only connection for long reads (results scans): in WAL mode it reads a
  // snapshot while the committer keeps writing on db_. "" or what failed.
  std::string open_reader(const std::string& path) {
    int rc = sqlite3_open_v2(path.c_str(), &reader_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
      return "sqlite: cannot open \"" + path + "\" for reading: " +
             (reader_ ? sqlite3_errmsg(reader_) : sqlite3_errstr(rc));
    }
    sqlite3_busy_timeout(reader_, 5000);
    // Scans read pages through a memory map rather than a read() copy each.
    sqlite3_exec(reader_, "PRAGMA mmap_size=4294967296", nullptr, nullptr, nullptr);
    return {};
  }

  std::string kind() const override { return "sqlite"; }

  std::string error(const std::string& what) const {
    return "sqlite: " + what + ": " + sqlite3_errmsg(db_);
  }

  bool exec(const char* sql) {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
  }

  // Brings a file written by an earlier schema version to the current one (see kSchema).
  // "" or what failed (the file is then unchanged).
  std::string migrate() {
    int version = 0;
    bool has_events = false;
    {  // Statements finished before migrating: an open one would lock the tables it read.
      Stmt v(db_, "PRAGMA user_version");
      if (sqlite3_step(v.get()) != SQLITE_ROW) return error("read schema version");
      version = sqlite3_column_int(v.get(), 0);
      Stmt t(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'");
      has_events = sqlite3_step(t.get()) == SQLITE_ROW;
    }
    if (version >= 2 || !has_events) return {};  // current, or a new file
    if (exec(kMigrateFrom1Begin) && exec(kEventsTable) && exec(kMigrateFrom1Copy)) return {};
    std::string failed = error("migrate events to schema version 2");
    exec("ROLLBACK");
    return failed;
  }

  Result<std::vector<bool>> insert_events(const std::vector<StoredEvent>& events) override {
    std::lock_guard lock(mutex_);
    if (!exec("BEGIN IMMEDIATE")) return Status::unavailable(error("begin"));
    Stmt st(db_,
            "INSERT OR IGNORE INTO events(id, sdk_key, type, ts, user_id, experiment, variant, "
            "name, value, attributes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!st.ok()) {
      exec("ROLLBACK");
      return Status::unavailable(error("prepare insert"));
    }
    std::vector<bool> inserted;
    inserted.reserve(events.size());
    for (const StoredEvent& e : events) {
      st.text(1, e.id);
      st.text(2, e.sdk_key);
      st.text(3, e.type);
      sqlite3_bind_double(st.get(), 4, e.ts);
      st.text(5, e.user);
      st.text_or_null(6, e.experiment);
      st.text_or_null(7, e.variant);
      st.text_or_null(8, e.name);
      if (e.value) {
        sqlite3_bind_double(st.get(), 9, *e.value);
      } else {
        sqlite3_bind_null(st.get(), 9);
      }
      st.text_or_null(10, e.attributes_json);
      if (sqlite3_step(st.get()) != SQLITE_DONE) {
        std::string msg = error("insert event \"" + e.id + "\"");
        exec("ROLLBACK");
        return Status::unavailable(msg);
      }
      inserted.push_back(sqlite3_changes(db_) == 1);
      sqlite3_reset(st.get());
    }
    if (!exec("COMMIT")) {
      std::string msg = error("commit");
      exec("ROLLBACK");
      return Status::unavailable(msg);
    }
    return inserted;
  }

  Result<ConfigVersion> publish_config(const std::string& sdk_key, const std::string& body,
                                       const std::string& sha, const std::string& at) override {
    std::lock_guard lock(mutex_);
    if (!exec("BEGIN IMMEDIATE")) return Status::unavailable(error("begin"));
    ConfigVersion v{sdk_key, 1, at, sha, body, true};
    {
      Stmt q(db_, "SELECT COALESCE(MAX(version), 0) + 1 FROM config_versions WHERE sdk_key = ?1");
      q.text(1, sdk_key);
      if (sqlite3_step(q.get()) == SQLITE_ROW) v.version = sqlite3_column_int64(q.get(), 0);
    }
    Stmt ins(db_,
             "INSERT INTO config_versions(sdk_key, version, body, sha256, published_at) "
             "VALUES (?1, ?2, ?3, ?4, ?5)");
    ins.text(1, sdk_key);
    sqlite3_bind_int64(ins.get(), 2, v.version);
    ins.text(3, body);
    ins.text(4, sha);
    ins.text(5, at);
    Stmt act(db_, "INSERT OR REPLACE INTO active_configs(sdk_key, version) VALUES (?1, ?2)");
    act.text(1, sdk_key);
    sqlite3_bind_int64(act.get(), 2, v.version);
    if (sqlite3_step(ins.get()) != SQLITE_DONE || sqlite3_step(act.get()) != SQLITE_DONE ||
        !exec("COMMIT")) {
      std::string msg = error("publish config");
      exec("ROLLBACK");
      return Status::unavailable(msg);
    }
    return v;
  }

  Result<ConfigVersion> activate_config(const std::string& sdk_key, int64_t version) override {
    std::lock_guard lock(mutex_);
    Stmt q(db_,
           "SELECT body, sha256, published_at FROM config_versions "
           "WHERE sdk_key = ?1 AND version = ?2");
    q.text(1, sdk_key);
    sqlite3_bind_int64(q.get(), 2, version);
    if (sqlite3_step(q.get()) != SQLITE_ROW) {
      return Status::not_found("SDK key \"" + sdk_key + "\" has no version " +
                               std::to_string(version));
    }
    ConfigVersion v{sdk_key, version, q.column_text(2), q.column_text(1), q.column_text(0), true};
    Stmt act(db_, "INSERT OR REPLACE INTO active_configs(sdk_key, version) VALUES (?1, ?2)");
    act.text(1, sdk_key);
    sqlite3_bind_int64(act.get(), 2, version);
    if (sqlite3_step(act.get()) != SQLITE_DONE) {
      return Status::unavailable(error("activate config"));
    }
    return v;
  }

  Result<std::vector<ConfigVersion>> active_configs() override {
    std::lock_guard lock(mutex_);
    Stmt q(db_,
           "SELECT v.sdk_key, v.version, v.published_at, v.sha256, v.body FROM active_configs a "
           "JOIN config_versions v ON v.sdk_key = a.sdk_key AND v.version = a.version "
           "ORDER BY v.sdk_key");
    std::vector<ConfigVersion> out;
    while (sqlite3_step(q.get()) == SQLITE_ROW) {
      out.push_back({q.column_text(0), sqlite3_column_int64(q.get(), 1), q.column_text(2),
                     q.column_text(3), q.column_text(4), true});
    }
    return out;
  }

  Result<std::vector<ConfigVersion>> config_history(const std::string& sdk_key) override {
    std::lock_guard lock(mutex_);
    Stmt q(db_,
           "SELECT v.sdk_key, v.version, v.published_at, v.sha256, "
           "a.version IS NOT NULL FROM config_versions v LEFT JOIN active_configs a "
           "ON a.sdk_key = v.sdk_key AND a.version = v.version "
           "WHERE ?1 = '' OR v.sdk_key = ?1 ORDER BY v.sdk_key, v.version");
    q.text(1, sdk_key);
    std::vector<ConfigVersion> out;
    while (sqlite3_step(q.get()) == SQLITE_ROW) {
      out.push_back({q.column_text(0), sqlite3_column_int64(q.get(), 1), q.column_text(2),
                     q.column_text(3), "", sqlite3_column_int(q.get(), 4) != 0});
    }
    return out;
  }

  Status scan_experiment(const std::string& experiment, const std::string& metric,
                         const std::string& segment, ExperimentRowSink& sink) override {
    const bool with_attributes = !segment.empty();
    std::unique_lock lock(reader_ ? reader_mutex_ : mutex_);
    sqlite3* db = reader_ ? reader_ : db_;
    // One read transaction: both passes see the same snapshot.
    if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return Status::unavailable("sqlite: begin results scan: " + std::string(sqlite3_errmsg(db)));
    }
    std::string failed = scan(db, experiment, metric, with_attributes, sink);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    return failed.empty() ? Status() : Status::unavailable(std::move(failed));
  }

  static std::string scan(sqlite3* db, const std::string& experiment, const std::string& metric,
                          bool with_attributes, ExperimentRowSink& sink) {
    auto fail = [db](const char* what) {
      return "sqlite: " + std::string(what) + ": " + sqlite3_errmsg(db);
    };
    Stmt ex(db, std::string("SELECT user_id, ts, variant, ") +
                     (with_attributes ? "attributes" : "NULL") +
                     " FROM events WHERE type = 'exposure' AND experiment = ?1 ORDER BY ts, id");
    Stmt mv(db, std::string("SELECT user_id, ts, COALESCE(value, 1), name FROM events "
                             "WHERE type IN ('conversion', 'custom')") +
                     (metric.empty() ? "" : " AND name = ?1"));
    if (!ex.ok() || !mv.ok()) return fail("prepare results scan");
    ex.text(1, experiment);
    if (!metric.empty()) mv.text(1, metric);
    ExperimentRow row;
    int rc;
    while ((rc = sqlite3_step(ex.get())) == SQLITE_ROW) {
      row.user = view(ex.get(), 0);
      row.ts = sqlite3_column_double(ex.get(), 1);
      row.variant = view(ex.get(), 2);
      row.attributes = view(ex.get(), 3);
      sink.exposure(row);
    }
    if (rc != SQLITE_DONE) return fail("scan exposures");
    row = ExperimentRow{};
    while ((rc = sqlite3_step(mv.get())) == SQLITE_ROW) {
      row.user = view(mv.get(), 0);
      row.ts = sqlite3_column_double(mv.get(), 1);
      row.value = sqlite3_column_double(mv.get(), 2);
      row.name = view(mv.get(), 3);
      sink.metric_event(row);
    }
    if (rc != SQLITE_DONE) return fail("scan metric events");
    return {};
  }

  Result<int64_t> event_count() override {
    std::lock_guard lock(mutex_);
    Stmt q(db_, "SELECT COUNT(*) FROM events");
    if (sqlite3_step(q.get()) != SQLITE_ROW) return Status::unavailable(error("count"));
    return static_cast<int64_t>(sqlite3_column_int64(q.get(), 0));
  }

  Status ping() override {
    std::lock_guard lock(mutex_);
    Stmt q(db_, "SELECT COUNT(*) FROM sqlite_master");  // reads the file's first page
    if (q.ok() && sqlite3_step(q.get()) == SQLITE_ROW) return {};
    return Status::unavailable(error("ping"));
  }

  Result<int64_t> delete_user(const std::string& user_id) override {
    return delete_in_chunks(
        "user_id = ?1",
        [&](sqlite3_stmt* st) {
          sqlite3_bind_text(st, 1, user_id.data(), static_cast<int>(user_id.size()),
                            SQLITE_TRANSIENT);
        },
        nullptr, "delete user");
  }

  Result<int64_t> delete_events_before(double cutoff_ms, const std::atomic<bool>* stop) override {
    return delete_in_chunks(
        "ts < ?1", [&](sqlite3_stmt* st) { sqlite3_bind_double(st, 1, cutoff_ms); }, stop,
        "delete expired events");
  }

 private:
  // Deletes the events matching `where` (over events' columns, its ?1 bound by `bind`) among
  // those stored when the call starts. No index leads with ts or user (each would cost event
  // ingest an index write per event), so this walks the table in seq order: the reading
  // connection finds the next matching row without holding up the committer, then one write
  // transaction deletes the matches among the kDeleteChunkRows seq values from there. Stops
  // between two chunks once `stop` (when not null) is true.
  template <class Bind>
  Result<int64_t> delete_in_chunks(const std::string& where, Bind bind,
                                   const std::atomic<bool>* stop, const std::string& what) {
    auto last = read_int64("SELECT COALESCE(MAX(seq), 0) FROM events", bind, 0, 0, what);
    if (!last) return last;
    const std::string find_next =
        "SELECT COALESCE((SELECT seq FROM events WHERE seq >= ?2 AND seq <= ?3 AND " + where +
        " ORDER BY seq LIMIT 1), -1)";
    int64_t deleted = 0;
    for (int64_t from = 0; !(stop && stop->load());) {
      // Rows appended after `last` are newer than the call: a later call looks at them.
      auto next = read_int64(find_next, bind, from, *last, what);
      if (!next) return next;
      if (*next < 0) break;
      std::lock_guard lock(mutex_);
      Stmt del(db_, "DELETE FROM events WHERE seq >= ?2 AND seq < ?3 AND " + where);
      if (!del.ok()) return Status::unavailable(error("prepare " + what));
      bind(del.get());
      sqlite3_bind_int64(del.get(), 2, *next);
      sqlite3_bind_int64(del.get(), 3, *next + kDeleteChunkRows);
      if (sqlite3_step(del.get()) != SQLITE_DONE) {
        return Status::unavailable(error(what) + " (after deleting " + std::to_string(deleted) +
                                   ")");
      }
      deleted += sqlite3_changes64(db_);
      from = *next + kDeleteChunkRows;
    }
    return deleted;
  }

  // One integer from a query on the reading connection (db_ when there is none), with ?1
  // bound by `bind` and ?2, ?3 to two integers (a query without them ignores the bindings).
  template <class Bind>
  Result<int64_t> read_int64(const std::string& sql, Bind bind, int64_t a, int64_t b,
                             const std::string& what) {
    std::lock_guard lock(reader_ ? reader_mutex_ : mutex_);
    sqlite3* db = reader_ ? reader_ : db_;
    Stmt q(db, sql);
    if (q.ok()) {
      bind(q.get());
      sqlite3_bind_int64(q.get(), 2, a);
      sqlite3_bind_int64(q.get(), 3, b);
    }
    if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW) {
      return Status::unavailable("sqlite: " + what + ": " + sqlite3_errmsg(db));
    }
    return static_cast<int64_t>(sqlite3_column_int64(q.get(), 0));
  }

  std::mutex mutex_;
  sqlite3* db_;
  std::mutex reader_mutex_;
  sqlite3* reader_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "sqlite: cannot open \"" + path + "\": " +
                      (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return Status::unavailable(msg);
  }
  auto store = std::make_unique<SqliteStore>(db);
  sqlite3_busy_timeout(db, 5000);
  if (!store->exec("PRAGMA journal_mode=WAL") || !store->exec("PRAGMA synchronous=FULL") ||
      !store->exec("PRAGMA cache_size=-65536") || !store->exec("PRAGMA wal_autocheckpoint=16384")) {
    return Status::unavailable(store->error("configure \"" + path + "\""));
  }
  if (std::string e = store->migrate(); !e.empty()) {
    return Status::unavailable(e + " (in \"" + path + "\")");
  }
  if (!store->exec(kEventsTable) || !store->exec(kSchema)) {
    return Status::unavailable(store->error("create schema in \"" + path + "\""));
  }
  // An in-memory database cannot be opened twice: results scans then share db_.
  if (path != ":memory:") {
    if (std::string e = store->open_reader(path); !e.empty()) {
      return Status::unavailable(e);
    }
  }
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> open_store(const std::string& spec, unsigned connections) {
  if (spec.starts_with("postgresql://") || spec.starts_with("postgres://")) {
    return open_postgres_store(spec, connections);
  }
  std::string path = spec.starts_with("sqlite:") ? spec.substr(7) : spec;
  if (path.empty()) return Status::unavailable("--store: empty SQLite path");
  return open_sqlite_store(path);
}

}  // namespace tailor::edge
