// PostgreSQL backend (libpq): several edges share one database. One connection guarded by a
// mutex; event batches travel with COPY into a temporary table and one
// INSERT ... ON CONFLICT (id) DO NOTHING RETURNING id, so a batch of any size is two round
// trips, and the commit is durable (synchronous_commit as configured on the server, "on" by
// default). A lost connection is re-opened on the next call, with a backoff (connect()).
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <unordered_set>

#include "edge/store/pg_copy_row.h"
#include "edge/store/pg_result.h"
#include "edge/store/store.h"

namespace tailor::edge {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  sdk_key TEXT NOT NULL,
  type TEXT NOT NULL,
  ts DOUBLE PRECISION NOT NULL,
  user_id TEXT NOT NULL,
  experiment TEXT,
  variant TEXT,
  name TEXT,
  value DOUBLE PRECISION,
  attributes TEXT
);
-- Partial index: exposures are found by experiment. events_user finds everything about one
-- user (DELETE /admin/v1/users/{userId}). (events_conversion_user served the summary's own
-- SQL before the summary became a view of the results' aggregation: dropped.)
CREATE INDEX IF NOT EXISTS events_exposure_experiment ON events(experiment, ts)
  WHERE type = 'exposure';
DROP INDEX IF EXISTS events_conversion_user;
CREATE INDEX IF NOT EXISTS events_user ON events(user_id);
CREATE TABLE IF NOT EXISTS config_versions (
  sdk_key TEXT NOT NULL,
  version BIGINT NOT NULL,
  body TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (sdk_key, version)
);
CREATE TABLE IF NOT EXISTS active_configs (
  sdk_key TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
)sql";

class Res {
 public:
  explicit Res(PGresult* r) : r_(r) {}
  ~Res() { PQclear(r_); }
  Res(const Res&) = delete;
  Res& operator=(const Res&) = delete;
  PGresult* get() const { return r_; }
  bool ok() const {
    auto s = PQresultStatus(r_);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_COPY_IN;
  }
  int rows() const { return PQntuples(r_); }
  std::string text(int row, int col) const { return PQgetvalue(r_, row, col); }
  int64_t int64(int row, int col) const { return std::stoll(PQgetvalue(r_, row, col)); }
  double dbl(int row, int col) const { return std::stod(PQgetvalue(r_, row, col)); }

 private:
  PGresult* r_;
};

// One connection; a complete Store on its own. PostgresPool spreads calls over several.
class PgConnection final : public Store {
 public:
  explicit PgConnection(std::string conninfo) : conninfo_(std::move(conninfo)) {}
  ~PgConnection() override {
    if (conn_) PQfinish(conn_);
  }
  std::string kind() const override { return "postgresql"; }

  // Connects (or reconnects) and makes sure the schema exists: ok, or kUnavailable naming the
  // step. After a failure, calls fail at once until a backoff (100 ms, doubling to 5 s) passes:
  // a lost database is not dialled by every request, and the next call after it reconnects.
  Status connect() {
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) return {};
    const auto now = std::chrono::steady_clock::now();
    if (now < retry_at_) return Status::unavailable("postgresql: connect: " + last_failure_);
    Status up = open();
    backoff_ = up.ok() ? kNoBackoff : std::clamp(backoff_ * 2, kFirstBackoff, kMaxBackoff);
    retry_at_ = now + backoff_;
    if (!up.ok()) last_failure_ = last_error() + " (next try in " + ms(backoff_) + ")";
    return up;
  }
  Status open() {
    if (conn_) PQfinish(conn_);
    conn_ = pg_connect(conninfo_);
    if (PQstatus(conn_) != CONNECTION_OK) return unavailable("connect");
    Res q(PQexec(conn_, "SET client_min_messages = warning"));
    Res s(PQexec(conn_, kSchema));
    if (!s.ok()) return unavailable("create schema");
    Res t(PQexec(conn_,
                 "CREATE TEMP TABLE incoming (ord INT, id TEXT, sdk_key TEXT, type TEXT, "
                 "ts DOUBLE PRECISION, user_id TEXT, experiment TEXT, variant TEXT, name TEXT, "
                 "value DOUBLE PRECISION, attributes TEXT) ON COMMIT DELETE ROWS"));
    if (!t.ok()) return unavailable("create temp table");
    return {};
  }

  std::string last_error() const {
    std::string m = conn_ ? PQerrorMessage(conn_) : "no connection";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return m;
  }
  Status unavailable(const std::string& what) const {
    return Status::unavailable("postgresql: " + what + ": " + last_error());
  }

  template <class T>
  Result<T> fail(const std::string& what) {
    Status failed = unavailable(what);
    if (conn_) Res r(PQexec(conn_, "ROLLBACK"));
    return failed;
  }

  Res exec(const char* sql, std::initializer_list<std::string> params) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    return Res(PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(),
                            nullptr, nullptr, 0));
  }

  Result<std::vector<bool>> insert_events(const std::vector<StoredEvent>& events) override {
    using R = std::vector<bool>;
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    if (!Res(PQexec(conn_, "BEGIN")).ok()) return fail<R>("begin");
    {
      Res copy(PQexec(conn_, "COPY incoming FROM STDIN"));
      if (!copy.ok()) return fail<R>("copy");
    }
    std::string data;
    for (size_t i = 0; i < events.size(); ++i) {
      const StoredEvent& e = events[i];
      data += std::to_string(i) + '\t';
      copy_field(data, e.id, false);
      data += '\t';
      copy_field(data, e.sdk_key, false);
      data += '\t';
      copy_field(data, e.type, false);
      data += '\t' + number(e.ts) + '\t';
      copy_field(data, e.user, false);
      data += '\t';
      copy_field(data, e.experiment, true);
      data += '\t';
      copy_field(data, e.variant, true);
      data += '\t';
      copy_field(data, e.name, true);
      data += '\t';
      data += e.value ? number(*e.value) : std::string("\\N");
      data += '\t';
      copy_field(data, e.attributes_json, true);
      data += '\n';
    }
    if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1 ||
        PQputCopyEnd(conn_, nullptr) != 1) {
      return fail<R>("copy data");
    }
    bool copied = true;
    while (PGresult* r = PQgetResult(conn_)) {
      copied = copied && PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
    }
    if (!copied) return fail<R>("copy events");
    Res ins(PQexec(conn_,
                   "INSERT INTO events(id, sdk_key, type, ts, user_id, experiment, variant, "
                   "name, value, attributes) SELECT id, sdk_key, type, ts, user_id, experiment, "
                   "variant, name, value, attributes FROM incoming ORDER BY ord "
                   "ON CONFLICT (id) DO NOTHING RETURNING id"));
    if (!ins.ok()) return fail<R>("insert events");
    std::unordered_set<std::string> fresh;
    for (int i = 0; i < ins.rows(); ++i) fresh.insert(ins.text(i, 0));
    if (!Res(PQexec(conn_, "COMMIT")).ok()) return fail<R>("commit");
    R inserted;
    inserted.reserve(events.size());
    for (const StoredEvent& e : events) inserted.push_back(fresh.erase(e.id) == 1);
    return inserted;
  }

  Result<ConfigVersion> publish_config(const std::string& sdk_key, const std::string& body,
                                       const std::string& sha, const std::string& at) override {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    if (!Res(PQexec(conn_, "BEGIN")).ok()) return fail<ConfigVersion>("begin");
    // Serialises publishers of all edges on this key's version numbers.
    exec("SELECT pg_advisory_xact_lock(hashtext($1))", {sdk_key});
    Res ins = exec(
        "INSERT INTO config_versions(sdk_key, version, body, sha256, published_at) "
        "SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4 FROM config_versions "
        "WHERE sdk_key = $1 RETURNING version",
        {sdk_key, body, sha, at});
    if (!ins.ok() || ins.rows() != 1) return fail<ConfigVersion>("publish config");
    ConfigVersion v{sdk_key, ins.int64(0, 0), at, sha, body, true};
    Res act = exec(
        "INSERT INTO active_configs(sdk_key, version) VALUES ($1, $2) "
        "ON CONFLICT (sdk_key) DO UPDATE SET version = EXCLUDED.version",
        {sdk_key, std::to_string(v.version)});
    if (!act.ok() || !Res(PQexec(conn_, "COMMIT")).ok()) return fail<ConfigVersion>("activate");
    return v;
  }

  Result<ConfigVersion> activate_config(const std::string& sdk_key, int64_t version) override {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    Res q = exec(
        "SELECT body, sha256, published_at FROM config_versions "
        "WHERE sdk_key = $1 AND version = $2",
        {sdk_key, std::to_string(version)});
    if (!q.ok()) return fail<ConfigVersion>("read config version");
    if (q.rows() != 1) {
      return Status::not_found("SDK key \"" + sdk_key + "\" has no version " +
                               std::to_string(version));
    }
    Res act = exec(
        "INSERT INTO active_configs(sdk_key, version) VALUES ($1, $2) "
        "ON CONFLICT (sdk_key) DO UPDATE SET version = EXCLUDED.version",
        {sdk_key, std::to_string(version)});
    if (!act.ok()) return fail<ConfigVersion>("activate config");
    return ConfigVersion{sdk_key, version, q.text(0, 2), q.text(0, 1), q.text(0, 0), true};
  }

  Result<std::vector<ConfigVersion>> active_configs() override {
    using R = std::vector<ConfigVersion>;
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    Res q(PQexec(conn_,
                 "SELECT v.sdk_key, v.version, v.published_at, v.sha256, v.body "
                 "FROM active_configs a JOIN config_versions v "
                 "ON v.sdk_key = a.sdk_key AND v.version = a.version ORDER BY v.sdk_key"));
    if (!q.ok()) return fail<R>("read active configs");
    R out;
    for (int i = 0; i < q.rows(); ++i) {
      out.push_back({q.text(i, 0), q.int64(i, 1), q.text(i, 2), q.text(i, 3), q.text(i, 4), true});
    }
    return out;
  }

  Result<std::vector<ConfigVersion>> config_history(const std::string& sdk_key) override {
    using R = std::vector<ConfigVersion>;
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    Res q = exec(
        "SELECT v.sdk_key, v.version, v.published_at, v.sha256, a.version IS NOT NULL "
        "FROM config_versions v LEFT JOIN active_configs a "
        "ON a.sdk_key = v.sdk_key AND a.version = v.version "
        "WHERE $1 = '' OR v.sdk_key = $1 ORDER BY v.sdk_key, v.version",
        {sdk_key});
    if (!q.ok()) return fail<R>("read config history");
    R out;
    for (int i = 0; i < q.rows(); ++i) {
      out.push_back({q.text(i, 0), q.int64(i, 1), q.text(i, 2), q.text(i, 3), "",
                     q.text(i, 4) == "t"});
    }
    return out;
  }



  // Runs COPY (query) TO STDOUT and hands every row to `on_row`; "" or what failed.
  std::string copy_out(const std::string& query, size_t fields,
                       const std::function<bool(const CopyRow&)>& on_row) {
    Res start(PQexec(conn_, ("COPY (" + query + ") TO STDOUT").c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_OUT) {
      return "postgresql: copy out: " + last_error();
    }
    CopyRow row;
    std::string failure;
    char* buf = nullptr;
    int len;
    while ((len = PQgetCopyData(conn_, &buf, 0)) > 0) {
      if (failure.empty() && !row.parse(std::string_view(buf, static_cast<size_t>(len)), fields)) {
        failure = "postgresql: copy out: malformed row";
      }
      if (failure.empty() && !on_row(row)) failure = "postgresql: copy out: malformed value";
      PQfreemem(buf);
    }
    bool done = len == -1;
    while (PGresult* r = PQgetResult(conn_)) {
      done = done && PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
    }
    if (!done) return "postgresql: copy out: " + last_error();
    return failure;
  }

  std::string literal(const std::string& s) {
    char* q = PQescapeLiteral(conn_, s.data(), s.size());
    if (!q) return {};
    std::string out(q);
    PQfreemem(q);
    return out;
  }

  Status scan_experiment(const std::string& experiment, const std::string& metric,
                         const std::string& segment, ExperimentRowSink& sink) override {
    const bool with_attributes = !segment.empty();
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    std::string exp = literal(experiment), name = literal(metric);
    if (exp.empty() || name.empty()) return unavailable("quote");
    // One snapshot for both passes.
    if (!Res(PQexec(conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")).ok()) {
      return Status::unavailable("postgresql: begin results scan: " + last_error());
    }
    std::string failed = scan(exp, metric.empty() ? std::string() : name, with_attributes, sink);
    Res end(PQexec(conn_, failed.empty() ? "COMMIT" : "ROLLBACK"));
    return failed.empty() ? Status() : Status::unavailable(std::move(failed));
  }

  // The two COPY passes of scan_experiment, with the names already quoted as literals (`name`
  // "": every metric).
  std::string scan(const std::string& exp, const std::string& name, bool with_attributes,
                   ExperimentRowSink& sink) {
    ExperimentRow r;
    std::string e = copy_out(
        std::string("SELECT user_id, ts, variant, ") + (with_attributes ? "attributes" : "NULL") +
            " FROM events WHERE type = 'exposure' AND experiment = " + exp +
            " ORDER BY ts, id COLLATE \"C\"",
        4, [&](const CopyRow& row) {
          r.user = row.text(0);
          r.variant = row.text(2);
          r.attributes = row.text(3);
          if (!row.number(1, r.ts)) return false;
          sink.exposure(r);
          return true;
        });
    if (!e.empty()) return e;
    r = ExperimentRow{};
    return copy_out("SELECT user_id, ts, COALESCE(value, 1), name FROM events WHERE type IN "
                    "('conversion', 'custom')" + (name.empty() ? "" : " AND name = " + name),
                    4, [&](const CopyRow& row) {
                      r.user = row.text(0);
                      r.name = row.text(3);
                      if (!row.number(1, r.ts) || !row.number(2, r.value)) return false;
                      sink.metric_event(r);
                      return true;
                    });
  }

  Result<int64_t> event_count() override {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    Res q(PQexec(conn_, "SELECT COUNT(*) FROM events"));
    if (!q.ok()) return fail<int64_t>("count events");
    return q.int64(0, 0);
  }

  Status ping() override {
    std::lock_guard lock(mutex_);
    // A connection the server closed reads CONNECTION_OK until it is used: after a failed
    // query on a lost connection, one more try reconnects.
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (Status up = connect(); !up.ok()) return up;
      if (Res(PQexec(conn_, "SELECT 1")).ok()) return {};
      if (PQstatus(conn_) == CONNECTION_OK) break;  // connected, and the query failed
    }
    return Status::unavailable("postgresql: ping: " + last_error());
  }

  Result<int64_t> delete_user(const std::string& user_id) override {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    Res d = exec("DELETE FROM events WHERE user_id = $1", {user_id});
    if (!d.ok()) return fail<int64_t>("delete user");
    return std::stoll(PQcmdTuples(d.get()));
  }

  Result<int64_t> delete_events_before(double cutoff_ms, const std::atomic<bool>* stop) override;

  // The events table's size in heap blocks.
  Result<int64_t> heap_blocks() {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    Res q(
        PQexec(conn_, "SELECT pg_relation_size('events') / current_setting('block_size')::bigint"));
    if (!q.ok()) return fail<int64_t>("events table size");
    return q.int64(0, 0);
  }

  // Deletes at most kDeleteChunkRows events with ts before `cutoff_ms` stored in heap blocks
  // [first, first + count): one short transaction (a TID range scan over those blocks).
  Result<int64_t> delete_expired_in_blocks(double cutoff_ms, int64_t first, int64_t count) {
    auto tid = [](int64_t block) { return "(" + std::to_string(block) + ",0)"; };
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    Res d = exec(
        "DELETE FROM events WHERE ctid = ANY(ARRAY(SELECT ctid FROM events "
        "WHERE ctid >= $1::tid AND ctid < $2::tid AND ts < $3 LIMIT $4))",
        {tid(first), tid(first + count), number(cutoff_ms), std::to_string(kDeleteChunkRows)});
    if (!d.ok()) return fail<int64_t>("delete expired events");
    return std::stoll(PQcmdTuples(d.get()));
  }

 private:
  std::mutex mutex_;
  static constexpr std::chrono::milliseconds kNoBackoff{0}, kFirstBackoff{100}, kMaxBackoff{5000};
  static std::string ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }
  std::string conninfo_, last_failure_;
  PGconn* conn_ = nullptr;
  std::chrono::steady_clock::time_point retry_at_{};  // no connect before; guarded by mutex_
  std::chrono::milliseconds backoff_{0};
};

// Heap blocks one delete_events_before transaction looks at (~10,000 rows of ~200 bytes).
constexpr int64_t kDeleteChunkBlocks = 256;

// delete_events_before over the table's blocks as they were at the start (rows written later
// are newer than the run), a range of kDeleteChunkBlocks blocks at a time, again while a range
// yields a full chunk. `connection` gives the connection for each chunk, so none is held
// between chunks and a pool spreads them.
Result<int64_t> delete_in_block_chunks(double cutoff_ms, const std::atomic<bool>* stop,
                                       const std::function<PgConnection&()>& connection) {
  auto blocks = connection().heap_blocks();
  if (!blocks) return blocks;
  int64_t deleted = 0;
  for (int64_t first = 0; first < *blocks && !(stop && stop->load());) {
    auto n = connection().delete_expired_in_blocks(cutoff_ms, first, kDeleteChunkBlocks);
    if (!n) {
      return Status::unavailable(n.error() + " (after deleting " + std::to_string(deleted) + ")");
    }
    deleted += *n;
    if (*n < kDeleteChunkRows) first += kDeleteChunkBlocks;
  }
  return deleted;
}

Result<int64_t> PgConnection::delete_events_before(double cutoff_ms,
                                                   const std::atomic<bool>* stop) {
  return delete_in_block_chunks(cutoff_ms, stop, [this]() -> PgConnection& { return *this; });
}

// Several connections: concurrent batches commit in parallel (PostgreSQL group-commits its WAL
// across them); other calls take the connections in turn.
class PostgresPool final : public Store {
 public:
  explicit PostgresPool(std::vector<std::unique_ptr<PgConnection>> connections)
      : connections_(std::move(connections)) {}
  std::string kind() const override { return "postgresql"; }
  unsigned writers() const override { return static_cast<unsigned>(connections_.size()); }

  Result<std::vector<bool>> insert_events(const std::vector<StoredEvent>& events) override {
    return next().insert_events(events);
  }
  Result<ConfigVersion> publish_config(const std::string& sdk_key, const std::string& body,
                                       const std::string& sha, const std::string& at) override {
    return next().publish_config(sdk_key, body, sha, at);
  }
  Result<ConfigVersion> activate_config(const std::string& sdk_key, int64_t version) override {
    return next().activate_config(sdk_key, version);
  }
  Result<std::vector<ConfigVersion>> active_configs() override { return next().active_configs(); }
  Result<std::vector<ConfigVersion>> config_history(const std::string& sdk_key) override {
    return next().config_history(sdk_key);
  }
  Status scan_experiment(const std::string& experiment, const std::string& metric,
                         const std::string& segment, ExperimentRowSink& sink) override {
    return next().scan_experiment(experiment, metric, segment, sink);
  }
  Result<int64_t> event_count() override { return next().event_count(); }
  Status ping() override { return next().ping(); }
  Result<int64_t> delete_user(const std::string& user_id) override {
    return next().delete_user(user_id);
  }
  Result<int64_t> delete_events_before(double cutoff_ms, const std::atomic<bool>* stop) override {
    return delete_in_block_chunks(cutoff_ms, stop, [this]() -> PgConnection& { return next(); });
  }

 private:
  PgConnection& next() {
    return *connections_[next_.fetch_add(1, std::memory_order_relaxed) % connections_.size()];
  }
  std::vector<std::unique_ptr<PgConnection>> connections_;
  std::atomic<size_t> next_{0};
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& conninfo,
                                                   unsigned connections) {
  std::vector<std::unique_ptr<PgConnection>> pool;
  for (unsigned i = 0; i < std::max(1u, connections); ++i) {
    auto c = std::make_unique<PgConnection>(conninfo);
    if (Status up = c->connect(); !up.ok()) return up;
    pool.push_back(std::move(c));
  }
  return std::unique_ptr<Store>(std::make_unique<PostgresPool>(std::move(pool)));
}

}  // namespace tailor::edge
