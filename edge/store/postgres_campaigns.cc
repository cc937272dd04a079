// PostgreSQL campaign store: the event store's database, a connection of its own guarded by a
// mutex and re-opened after a loss. Files are BYTEA sent and read in binary, so any bytes
// round-trip. Every edge sharing the database sees every campaign; the revision check makes
// concurrent writers safe (campaign_store.h).
#include <libpq-fe.h>

#include <mutex>

#include "edge/store/campaign_store.h"
#include "edge/store/pg_result.h"

namespace tailor::edge {
namespace {

constexpr const char* kCampaignSchema = R"sql(
CREATE TABLE IF NOT EXISTS campaigns (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  lease_until DOUBLE PRECISION NOT NULL,
  revision BIGINT NOT NULL,
  meta TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS campaign_files (
  campaign_id TEXT NOT NULL,
  name TEXT NOT NULL,
  body BYTEA NOT NULL,
  PRIMARY KEY (campaign_id, name)
);
)sql";

constexpr const char* kColumns =
    "id, name, state, created_at, updated_at, lease_until, revision, meta";

CampaignRow campaign_row(const PgResult& r, int i) {
  CampaignRow row;
  row.id = r.text(i, 0);
  row.name = r.text(i, 1);
  row.state = r.text(i, 2);
  row.created_at = r.text(i, 3);
  row.updated_at = r.text(i, 4);
  row.lease_until_ms = std::stod(r.text(i, 5));
  row.revision = std::stoll(r.text(i, 6));
  row.meta = r.text(i, 7);
  return row;
}

// A parameter: text, or binary (BYTEA) bytes.
struct Param {
  std::string_view value;
  bool binary = false;
};

std::string number(double d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", d);
  return buffer;
}

class PostgresCampaignStore final : public CampaignStore {
 public:
  explicit PostgresCampaignStore(std::string conninfo) : conninfo_(std::move(conninfo)) {}
  ~PostgresCampaignStore() override {
    if (conn_) PQfinish(conn_);
  }

  Status connect() { return pg_ensure_connected(conn_, conninfo_, kCampaignSchema, "campaigns"); }

  Status create_campaign(const CampaignRow& row, const CampaignFiles& files) override {
    std::lock_guard lock(mutex_);
    if (Status up = begin(); !up.ok()) return up;
    const std::string lease = number(row.lease_until_ms);
    PgResult ins = exec("INSERT INTO campaigns VALUES ($1, $2, $3, $4, $5, $6, 1, $7)",
                       {{row.id}, {row.name}, {row.state}, {row.created_at}, {row.updated_at},
                        {lease}, {row.meta}});
    if (!ins.ok()) {
      if (ins.unique_violation()) {
        rollback();
        return Status::conflict("campaign \"" + row.id + "\" exists");
      }
      return abort("insert campaign");
    }
    if (Status w = write_files(row.id, files); !w.ok()) return w;
    if (!PgResult(PQexec(conn_, "COMMIT")).ok()) return abort("commit");
    return {};
  }

  Result<int64_t> update_campaign(const CampaignRow& row, std::string_view clear_prefix,
                                  const CampaignFiles& files) override {
    std::lock_guard lock(mutex_);
    if (Status up = begin(); !up.ok()) return up;
    const std::string lease = number(row.lease_until_ms);
    const std::string revision = std::to_string(row.revision);
    PgResult up = exec(
        "UPDATE campaigns SET name = $1, state = $2, updated_at = $3, lease_until = $4, "
        "meta = $5, revision = revision + 1 WHERE id = $6 AND revision = $7",
        {{row.name}, {row.state}, {row.updated_at}, {lease}, {row.meta}, {row.id}, {revision}});
    if (!up.ok()) return abort("update campaign");
    if (std::string_view(PQcmdTuples(up.get())) == "0") {
      PgResult q = exec("SELECT revision FROM campaigns WHERE id = $1", {{row.id}});
      const bool exists = q.ok() && q.rows() == 1;
      const std::string stored = exists ? q.text(0, 0) : "";
      rollback();
      if (!exists) return Status::not_found("no campaign \"" + row.id + "\"");
      return Status::conflict("campaign \"" + row.id + "\" changed meanwhile (revision " +
                              stored + ", not " + revision + ")");
    }
    if (!clear_prefix.empty()) {
      const std::string length = std::to_string(clear_prefix.size());
      PgResult d = exec(
          "DELETE FROM campaign_files WHERE campaign_id = $1 AND substr(name, 1, $2::int) = $3",
          {{row.id}, {length}, {clear_prefix}});
      if (!d.ok()) return abort("delete files");
    }
    if (Status w = write_files(row.id, files); !w.ok()) return w;
    if (!PgResult(PQexec(conn_, "COMMIT")).ok()) return abort("commit");
    return row.revision + 1;
  }

  Result<CampaignRow> campaign(const std::string& id) override {
    auto found = rows(std::string("SELECT ") + kColumns + " FROM campaigns WHERE id = $1", {{id}});
    if (!found.ok()) return found.status();
    if (found->empty()) return Status::not_found("no campaign \"" + id + "\"");
    return std::move(found->front());
  }

  Result<std::vector<CampaignRow>> campaigns() override {
    return rows(std::string("SELECT ") + kColumns +
                    " FROM campaigns ORDER BY created_at DESC, id DESC",
                {});
  }

  Result<std::vector<CampaignRow>> claimable_campaigns(double now_ms) override {
    const std::string now = number(now_ms);
    return rows(std::string("SELECT ") + kColumns +
                    " FROM campaigns WHERE state = 'queued' OR (state = 'running' AND "
                    "lease_until < $1) ORDER BY updated_at, id",
                {{now}});
  }

  Result<std::optional<std::string>> campaign_file(const std::string& id,
                                                   const std::string& name) override {
    auto files = select_files("SELECT name, body FROM campaign_files WHERE campaign_id = $1 "
                              "AND name = $2",
                              id, name);
    if (!files.ok()) return files.status();
    if (files->empty()) return std::optional<std::string>();
    return std::optional<std::string>(std::move(files->begin()->second));
  }

  Result<CampaignFiles> campaign_files(const std::string& id, const std::string& prefix) override {
    return select_files("SELECT name, body FROM campaign_files WHERE campaign_id = $1 AND "
                        "substr(name, 1, length($2)) = $2",
                        id, prefix);
  }

 private:
  Status failed(const std::string& what) const { return pg_failure(conn_, "campaigns", what); }
  void rollback() { PgResult r(PQexec(conn_, "ROLLBACK")); }
  Status abort(const std::string& what) {
    Status s = failed(what);
    rollback();
    return s;
  }
  Status begin() {
    if (Status up = connect(); !up.ok()) return up;
    if (!PgResult(PQexec(conn_, "BEGIN")).ok()) return failed("begin");
    return {};
  }

  // Runs `sql` with `params`; text results unless `binary_results`.
  PgResult exec(const char* sql, std::initializer_list<Param> params, bool binary_results = false) {
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    for (const Param& p : params) {
      values.push_back(p.value.data());
      lengths.push_back(static_cast<int>(p.value.size()));
      formats.push_back(p.binary ? 1 : 0);
    }
    // Text parameters must be NUL-terminated: copy them.
    std::vector<std::string> owned;
    owned.reserve(values.size());
    size_t i = 0;
    for (const Param& p : params) {
      if (!p.binary) {
        owned.emplace_back(p.value);
        values[i] = owned.back().c_str();
      }
      ++i;
    }
    return PgResult(PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr,
                                values.data(), lengths.data(), formats.data(),
                                binary_results ? 1 : 0));
  }

  Status write_files(const std::string& id, const CampaignFiles& files) {
    for (const auto& [name, body] : files) {
      PgResult w = exec(
          "INSERT INTO campaign_files VALUES ($1, $2, $3) ON CONFLICT (campaign_id, name) "
          "DO UPDATE SET body = EXCLUDED.body",
          {{id}, {name}, {body, true}});
      if (!w.ok()) return abort("write file \"" + name + "\"");
    }
    return {};
  }

  Result<std::vector<CampaignRow>> rows(const std::string& sql, std::initializer_list<Param> params) {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    PgResult r = exec(sql.c_str(), params);
    if (!r.ok()) return failed("read campaigns");
    std::vector<CampaignRow> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(campaign_row(r, i));
    return out;
  }

  Result<CampaignFiles> select_files(const char* sql, const std::string& id,
                                     const std::string& arg) {
    std::lock_guard lock(mutex_);
    if (Status up = connect(); !up.ok()) return up;
    // Binary results: BYTEA as its bytes, TEXT as its UTF-8 bytes.
    PgResult r = exec(sql, {{id}, {arg}}, true);
    if (!r.ok()) return failed("read files");
    CampaignFiles out;
    for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = r.text(i, 1);
    return out;
  }

  std::mutex mutex_;
  std::string conninfo_;
  PGconn* conn_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<CampaignStore>> open_postgres_campaign_store(const std::string& conninfo) {
  auto store = std::make_unique<PostgresCampaignStore>(conninfo);
  if (Status up = store->connect(); !up.ok()) return up;
  return std::unique_ptr<CampaignStore>(std::move(store));
}

}  // namespace tailor::edge
