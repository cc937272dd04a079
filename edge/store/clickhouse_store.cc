// ClickHouse event store (--events-store clickhouse://...): events go to ClickHouse over its
// HTTP interface, configs (and campaigns) stay in the store --store names. See docs/edge.md,
// "ClickHouse event store", for the tables, the cluster layout and what each guarantee rests on.
//
// Idempotency: ClickHouse has no unique key. An insert first looks its ids up in `events_ids`
// (filled from every insert by a materialized view, sorted by id with small index granules,
// so the lookup reads a few rows per id) and writes only those not stored yet, which gives
// each event its "accepted" or "duplicate" answer. Two edges inserting the same new id at the
// same moment can both write it; the tables are ReplacingMergeTrees, which fold such
// byte-identical copies when they merge parts, and until then every query counts an id once:
// a re-sent or overlapping batch never double counts.
//
// Results: ClickHouse computes them down to a few rows. Each server sums, per user, their
// exposures and metric values (first exposure, each id once) and then per group of users
// (variant, first-exposure attributes, metric name) the sufficient statistics (users, sum,
// sum of squares, users with a positive value, event counts); the core's ExperimentAggregator
// takes those groups (report::UnitGroup) and makes the results. For a metric the fast query
// (fixed-size states per user) sums every user for whom that is exact and names the others,
// which the exact query (arrays per user) then sums; users exposed to several stored
// variants, whose arm only the core can decide, are read row by row.
#include <array>
#include <charconv>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/json/js.h"
#include "edge/store/clickhouse_http.h"
#include "edge/store/clickhouse_schema.h"
#include "edge/store/clickhouse_sql.h"
#include "edge/store/store.h"

namespace tailor::edge {
namespace {

// Seconds a connect, a request's write or one read of its answer may take.
constexpr int kTimeoutS = 60;
// Seconds the answer of a SELECT may take to start (ClickHouse answers when the query is
// done: a results query over a large experiment on a busy server can take minutes).
constexpr int kQueryTimeoutS = 600;
// Longest a delete waits for its mutation to finish on every server.
constexpr auto kMutationWait = std::chrono::seconds(120);

std::string number(double d) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

class ClickHouseStore final : public Store {
 public:
  ClickHouseStore(std::unique_ptr<Store> configs, std::vector<std::unique_ptr<ClickHouseHttp>> servers,
                  std::string database, std::string cluster, size_t max_in_list)
      : configs_(std::move(configs)), servers_(std::move(servers)),
        database_(std::move(database)), cluster_(std::move(cluster)),
        local_table_(cluster_.empty() ? "events" : "events_local"),
        local_ids_(cluster_.empty() ? "events_ids" : "events_ids_local"),
        max_in_list_(max_in_list) {}

  // Creates the tables on every server when absent (edge/store/clickhouse_schema.h).
  Status create_schema() {
    for (auto& s : servers_) {
      if (Status made = create_clickhouse_schema(*s, settings(), database_, cluster_); !made.ok()) {
        return made;
      }
    }
    return {};
  }

  std::string kind() const override { return "clickhouse"; }
  unsigned writers() const override { return 2; }

  Result<std::vector<bool>> insert_events(const std::vector<StoredEvent>& events) override {
    std::vector<bool> fresh(events.size(), false);
    std::unordered_set<std::string_view> seen;
    std::string ids;
    for (const StoredEvent& e : events) {
      if (!seen.insert(e.id).second) continue;
      if (!ids.empty()) ids += ',';
      ids += clickhouse_literal(e.id);
    }
    if (events.empty()) return fresh;
    // The ids already stored (on any shard).
    std::unordered_set<std::string> stored;
    std::vector<std::string> fields;
    Status looked = query("SELECT id FROM events_ids WHERE id IN (" + ids + ")",
                          [&](std::vector<std::string>& row) {
                            stored.insert(std::move(row[0]));
                            return true;
                          });
    if (!looked.ok()) return looked;
    std::string rows;
    seen.clear();
    for (size_t i = 0; i < events.size(); ++i) {
      const StoredEvent& e = events[i];
      if (stored.count(e.id) || !seen.insert(e.id).second) continue;
      fresh[i] = true;
      rows += "{\"id\":" + json::quoted(e.id) + ",\"sdk_key\":" + json::quoted(e.sdk_key) +
              ",\"type\":" + json::quoted(e.type) + ",\"ts\":" + number(e.ts) +
              ",\"user_id\":" + json::quoted(e.user) +
              ",\"experiment\":" + json::quoted(e.experiment) +
              ",\"variant\":" + json::quoted(e.variant) + ",\"name\":" + json::quoted(e.name) +
              ",\"value\":" + (e.value ? number(*e.value) : std::string("null")) +
              ",\"attributes\":" + json::quoted(e.attributes_json) + "}\n";
    }
    if (rows.empty()) return fresh;
    // A Distributed table acknowledges only once every shard has written its rows.
    const std::string qs = settings() + "&insert_distributed_sync=1&query=" +
                           url_encode("INSERT INTO events FORMAT JSONEachRow");
    Status last;
    for (size_t tries = 0; tries < servers_.size(); ++tries) {
      auto& s = *servers_[next_.fetch_add(1, std::memory_order_relaxed) % servers_.size()];
      auto inserted = s.post(qs, rows);
      if (inserted) return fresh;
      last = inserted.status();
    }
    return last;
  }

  Result<ConfigVersion> publish_config(const std::string& sdk_key, const std::string& body,
                                       const std::string& sha, const std::string& at) override {
    return configs_->publish_config(sdk_key, body, sha, at);
  }
  Result<ConfigVersion> activate_config(const std::string& sdk_key, int64_t version) override {
    return configs_->activate_config(sdk_key, version);
  }
  Result<std::vector<ConfigVersion>> active_configs() override {
    return configs_->active_configs();
  }
  Result<std::vector<ConfigVersion>> config_history(const std::string& sdk_key) override {
    return configs_->config_history(sdk_key);
  }

  Status scan_experiment(const std::string& experiment, const std::string& metric,
                         const std::string& segment, ExperimentRowSink& sink) override {
    const std::string exp = clickhouse_literal(experiment);
    report::UnitGroupSink* groups = sink.unit_groups();
    // A sink that reads rows only (the automation's) gets every user's rows.
    if (!groups) {
      Status s = scan_exposure_rows(exp, !segment.empty(), "", sink);
      return s.ok() ? scan_metric_rows(exp, metric, "", sink) : s;
    }
    // Every server sums the users it holds (a user's events are all on one shard: the
    // Distributed table shards by user), so the servers' group rows add up. For a metric the
    // fast query sums most users and names the others (column `who`): those with several
    // stored variants are read row by row, the rest summed by the exact query.
    Summed summed;
    std::set<std::string> several_users, checked_users;
    bool exact = metric.empty();
    if (!exact) {
      bool collided = false;
      Status s = sum_on_every_server(
          clickhouse_fast_query(exp, metric, segment, local_table_), 2, summed,
          [&](std::vector<std::string>& row) {
            // state, variant, attributes, name, who, names (per hash: 0 unexposed)
            if (row[5] != "0" && row[5] != "1") collided = true;
            if (row[4] == "0") return true;
            (row[0] == "1" ? several_users : checked_users).insert(row[4]);
            return false;
          });
      if (!s.ok()) return s;
      if (collided || checked_users.size() > max_in_list_) {
        exact = true;  // two variants share a hash, or too many users for an IN list
        summed.clear();
        several_users.clear();
      } else if (!checked_users.empty()) {
        s = sum_on_every_server(clickhouse_group_query(exp, metric, segment, local_table_,
                                                       " AND user_h IN (" +
                                                           join(checked_users) + ")"),
                                0, summed, nullptr);
        if (!s.ok()) return s;
      }
    }
    if (exact) {
      Status s = sum_on_every_server(clickhouse_group_query(exp, metric, segment, local_table_),
                                     0, summed, nullptr);
      if (!s.ok()) return s;
    }
    // Users with one stored variant ("0") or never exposed ("2") come as groups; those with
    // several ("1") row by row, as it is the core's to say whether two stored variants are one
    // variation (a design's key and id) or a conflict. Exposures first, then metric values.
    bool several = !several_users.empty();
    auto send = [&](bool metrics) {
      for (const auto& [key, n] : summed) {
        if (key[0] == "1") {
          several = true;
          continue;
        }
        if (key[3].empty() == metrics) continue;
        report::UnitGroup g;
        g.exposed = key[0] == "0";
        g.variant = key[1];
        g.attributes = key[2];
        g.name = key[3];
        g.users = n[0];
        g.exposure_rows = n[1];
        g.sum = n[2];
        g.sum_squares = n[3];
        g.positive = n[4];
        g.counted = n[5];
        g.before = n[6];
        groups->unit_group(g);
      }
    };
    send(false);
    // The fast query named them; else (or too many for an IN list) ClickHouse finds them.
    const std::string several_filter =
        !several_users.empty() && several_users.size() <= max_in_list_
            ? " AND cityHash64(user_id) IN (" + join(several_users) + ")"
            : " AND user_id IN (SELECT user_id FROM events WHERE type = 'exposure' AND "
              "experiment = " + exp + " GROUP BY user_id HAVING min(variant) != max(variant))";
    if (several) {
      if (Status s = scan_exposure_rows(exp, !segment.empty(), several_filter, sink); !s.ok()) {
        return s;
      }
    }
    send(true);
    return several ? scan_metric_rows(exp, metric, several_filter, sink) : Status();
  }

  Result<int64_t> event_count() override { return count("SELECT uniqExact(id) FROM events"); }

  Status ping() override {
    for (auto& s : servers_) {
      auto one = s->post(settings(), "SELECT 1");
      if (!one) return one.status();
    }
    return configs_->ping();
  }

  Result<int64_t> delete_user(const std::string& user_id) override {
    return delete_where("user_id = " + clickhouse_literal(user_id));
  }

  Result<int64_t> delete_events_before(double cutoff_ms, const std::atomic<bool>*) override {
    return delete_where("ts < " + number(cutoff_ms));
  }

 private:
  std::string settings() const {
    // wait_end_of_query: an error met while answering gets an error status, not a cut body.
    return "database=" + url_encode(database_) +
           "&wait_end_of_query=1&max_query_size=104857600&distributed_product_mode=local"
           "&max_ast_elements=10000000&max_expanded_ast_elements=10000000";
  }

  // Group rows (state, variant, attributes, name, users, exposure rows, sum, sum of squares,
  // positive, counted, before) summed over servers; key: the first four.
  using Summed = std::map<std::vector<std::string>, std::array<double, 7>>;

  // Runs `sql` on every server at once and adds its group rows to `summed`. `extra`: columns
  // after the key, before the sums; `take` (when set) sees each row first and keeps it out
  // of the sums by returning false.
  Status sum_on_every_server(const std::string& sql, size_t extra, Summed& summed,
                             const std::function<bool(std::vector<std::string>&)>& take) {
    std::mutex summed_mutex;
    std::vector<Status> answers(servers_.size());
    std::vector<std::thread> threads;
    for (size_t i = 0; i < servers_.size(); ++i) {
      threads.emplace_back([&, i] {
        answers[i] = query_on(*servers_[i], sql, [&](std::vector<std::string>& row) {
          std::array<double, 7> n;
          if (row.size() != 4 + extra + n.size()) return false;
          for (size_t k = 0; k < n.size(); ++k) {
            if (!to_number(row[4 + extra + k], n[k])) return false;
          }
          std::lock_guard lock(summed_mutex);
          if (take && !take(row)) return true;
          row.resize(4);
          auto& to = summed[row];
          for (size_t k = 0; k < n.size(); ++k) to[k] += n[k];
          return true;
        });
      });
    }
    for (auto& t : threads) t.join();
    for (const Status& s : answers) {
      if (!s.ok()) return s;
    }
    return {};
  }

  static std::string join(const std::set<std::string>& numbers) {
    std::string out;
    for (const std::string& n : numbers) {
      if (!out.empty()) out += ',';
      out += n;
    }
    return out;
  }

  // Runs a SELECT on `s`; hands each row's fields to `on_row` (false: malformed row, the
  // call fails).
  Status query_on(ClickHouseHttp& s, const std::string& sql,
                  const std::function<bool(std::vector<std::string>&)>& on_row) {
    std::string pending;
    std::vector<std::string> fields;
    bool malformed = false;
    auto on_data = [&](std::string_view data) {
      pending.append(data);
      size_t start = 0;
      for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
        if (!split_tsv(std::string_view(pending).substr(start, nl - start), fields) ||
            !on_row(fields)) {
          malformed = true;
          return false;
        }
      }
      pending.erase(0, start);
      return true;
    };
    Status last = s.post(settings(), sql + " FORMAT TabSeparated", on_data, kQueryTimeoutS);
    if (malformed) return Status::unavailable("clickhouse " + s.address() + ": malformed row");
    if (last.ok() && !pending.empty()) {
      return Status::unavailable("clickhouse " + s.address() + ": answer ends mid-row");
    }
    return last;
  }

  // Runs a SELECT on the first server that answers (see query_on).
  Status query(const std::string& sql, const std::function<bool(std::vector<std::string>&)>& on_row) {
    Status last;
    for (size_t tries = 0; tries < servers_.size(); ++tries) {
      auto& s = *servers_[(first_ + tries) % servers_.size()];
      last = query_on(s, sql, on_row);
      // A server that answered (with an error or a malformed row) would answer the same
      // elsewhere.
      if (last.ok() || last.message().find(": HTTP ") != std::string::npos ||
          last.message().find(": malformed row") != std::string::npos ||
          last.message().find(": answer ends mid-row") != std::string::npos) {
        return last;
      }
    }
    return last;
  }

  // The exposures of the users `users` selects (" AND user_id IN (...)", or "" for all) as
  // rows: one per user with a single stored variant (its distinct ids, first time and
  // attributes), every exposure in (ts, id) order for the others.
  Status scan_exposure_rows(const std::string& exp, bool with_attributes,
                            const std::string& users, ExperimentRowSink& sink) {
    const std::string exposures =
        " FROM events WHERE type = 'exposure' AND experiment = " + exp + users;
    ExperimentRow r;
    std::vector<std::string> several;
    Status s = query(
        "SELECT user_id, min(variant), max(variant), uniqExact(id), min(ts), " +
            std::string(with_attributes ? "argMin(attributes, (ts, id))" : "''") + exposures +
            " GROUP BY user_id",
        [&](std::vector<std::string>& row) {
          if (row.size() != 6 || !to_number(row[3], r.rows) || !to_number(row[4], r.ts)) {
            return false;
          }
          if (row[1] != row[2]) {
            several.push_back(std::move(row[0]));
            return true;
          }
          r.user = row[0];
          r.variant = row[1];
          r.attributes = row[5];
          sink.exposure(r);
          return true;
        });
    if (!s.ok() || several.empty()) return s;
    std::string list;
    for (const std::string& u : several) {
      if (!list.empty()) list += ',';
      list += clickhouse_literal(u);
    }
    r = ExperimentRow{};
    return query("SELECT user_id, variant, ts, " +
                     std::string(with_attributes ? "attributes" : "''") + exposures +
                     " AND user_id IN (" + list + ") ORDER BY ts, id LIMIT 1 BY id",
                 [&](std::vector<std::string>& row) {
                   if (row.size() != 4 || !to_number(row[2], r.ts)) return false;
                   r.user = row[0];
                   r.variant = row[1];
                   r.attributes = row[3];
                   sink.exposure(r);
                   return true;
                 });
  }

  // The metric events of the users `users` selects: each id once, then summed per user and
  // name in three places: at or after the user's first exposure (place 0: ts is the earliest
  // such event), before it (1: ts is the latest), user never exposed (2). The summary needs
  // only exposed users.
  Status scan_metric_rows(const std::string& exp, const std::string& metric,
                          const std::string& users, ExperimentRowSink& sink) {
    ExperimentRow r;
    const std::string names =
        metric.empty() ? std::string() : " AND name = " + clickhouse_literal(metric);
    return query(
        "SELECT user_id, name, place, sum(v), count(), if(place = 1, max(t), min(t)) FROM ("
        "SELECT user_id, name, t, v, if(exposed = 0, 2, if(t >= first, 0, 1)) AS place FROM ("
        "SELECT user_id, name, id, any(ts) AS t, ifNull(any(value), 1) AS v FROM events "
        "WHERE type IN ('conversion', 'custom') AND experiment = ''" + names + users +
            " GROUP BY user_id, name, id) ANY " + (metric.empty() ? "INNER" : "LEFT") +
            " JOIN (SELECT user_id, min(ts) AS first, 1 AS exposed FROM events "
            "WHERE type = 'exposure' AND experiment = " + exp + users +
            " GROUP BY user_id) USING user_id) GROUP BY user_id, name, place",
        [&](std::vector<std::string>& row) {
          if (row.size() != 6 || !to_number(row[3], r.value) || !to_number(row[4], r.rows) ||
              !to_number(row[5], r.ts)) {
            return false;
          }
          r.user = row[0];
          r.name = row[1];
          sink.metric_event(r);
          return true;
        });
  }

  Result<int64_t> count(const std::string& sql) {
    int64_t n = -1;
    Status s = query(sql, [&](std::vector<std::string>& row) {
      double d = 0;
      if (!to_number(row[0], d)) return false;
      n = static_cast<int64_t>(d);
      return true;
    });
    if (!s.ok()) return s;
    if (n < 0) return Status::unavailable("clickhouse: count: no answer");
    return n;
  }

  // Deletes the events matching `condition` on every server with ALTER TABLE ... DELETE (a
  // mutation, which rewrites the parts holding such rows in the background) and waits until
  // every server reports its mutations done, so that once this returns no query sees them.
  // Returns how many distinct events matched when the call started.
  Result<int64_t> delete_where(const std::string& condition) {
    std::lock_guard lock(delete_mutex_);
    auto n = count("SELECT uniqExact(id) FROM events WHERE " + condition);
    if (!n || *n == 0) return n;
    // The ids go too, so that the same event sent again is stored again (as in SQLite).
    for (auto& s : servers_) {
      for (const std::string& table : {local_table_, local_ids_}) {
        auto altered = s->post(settings(), "ALTER TABLE " + table + " DELETE WHERE " + condition);
        if (!altered) return altered.status();
      }
    }
    const auto deadline = std::chrono::steady_clock::now() + kMutationWait;
    for (auto& s : servers_) {
      while (true) {
        auto running = s->post(settings(),
                               "SELECT count() FROM system.mutations WHERE database = " +
                                   clickhouse_literal(database_) + " AND table IN ('" +
                                   local_table_ + "', '" + local_ids_ +
                                   "') AND is_done = 0");
        if (!running) return running.status();
        if (*running == "0\n") break;
        if (std::chrono::steady_clock::now() > deadline) {
          return Status::unavailable("clickhouse " + s->address() +
                                     ": the delete's mutation is still running; it completes "
                                     "in the background, ask again to know when");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    return n;
  }

  std::unique_ptr<Store> configs_;
  std::vector<std::unique_ptr<ClickHouseHttp>> servers_;
  std::string database_, cluster_, local_table_, local_ids_;
  // Most users the fast query may leave to the exact one (an IN list of user hashes); beyond,
  // the exact query reads every user. Also the longest list of users with several stored
  // variants named by hash; beyond, a subquery finds them (--clickhouse-max-in-list).
  size_t max_in_list_;
  std::atomic<size_t> next_{0};
  size_t first_ = 0;
  std::mutex delete_mutex_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_clickhouse_events_store(std::unique_ptr<Store> configs,
                                                            const std::string& url,
                                                            size_t max_in_list) {
  const std::string scheme = "clickhouse://";
  auto bad = [&](const std::string& why) {
    return Status::invalid_argument("--events-store \"" + url + "\": " + why +
                                    "; expected clickhouse://HOST:PORT[,HOST:PORT...]/DATABASE"
                                    "[?cluster=NAME]");
  };
  if (!url.starts_with(scheme)) return bad("not a clickhouse:// URL");
  std::string rest = url.substr(scheme.size());
  std::string cluster;
  if (auto q = rest.find('?'); q != std::string::npos) {
    std::string params = rest.substr(q + 1);
    rest.resize(q);
    if (!params.starts_with("cluster=") || params.size() == 8) return bad("unknown parameter");
    cluster = params.substr(8);
  }
  auto slash = rest.find('/');
  if (slash == std::string::npos || slash + 1 == rest.size()) return bad("no database");
  std::string database = rest.substr(slash + 1);
  auto identifier = [](const std::string& s) {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
    for (char c : s) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    }
    return true;
  };
  if (!identifier(database)) return bad("database \"" + database + "\" is not a plain name");
  if (!cluster.empty() && !identifier(cluster)) {
    return bad("cluster \"" + cluster + "\" is not a plain name");
  }
  std::vector<std::unique_ptr<ClickHouseHttp>> servers;
  std::string hosts = rest.substr(0, slash);
  for (size_t start = 0; start <= hosts.size();) {
    size_t comma = std::min(hosts.find(',', start), hosts.size());
    std::string hp = hosts.substr(start, comma - start);
    auto colon = hp.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == hp.size()) {
      return bad("server \"" + hp + "\" is not HOST:PORT");
    }
    servers.push_back(
        std::make_unique<ClickHouseHttp>(hp.substr(0, colon), hp.substr(colon + 1), kTimeoutS));
    start = comma + 1;
  }
  if (servers.size() > 1 && cluster.empty()) {
    return bad("several servers need ?cluster=NAME (the <remote_servers> cluster they form)");
  }
  auto store = std::make_unique<ClickHouseStore>(std::move(configs), std::move(servers),
                                                 std::move(database), std::move(cluster),
                                                 max_in_list);
  if (Status s = store->create_schema(); !s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace tailor::edge
