// The edge's storage, behind one interface with two backends: SQLite (embedded default) and
// PostgreSQL (shared by several edges). Every method is blocking and thread-safe: callers run
// them on the worker pool or the ingest committer, never on an I/O thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/events/event.h"
#include "core/report/experiment.h"
#include "core/result.h"

namespace tailor::edge {

// One event as stored: THE event (core/events/event.h, validated by events::parse_batch) and the
// SDK key it was sent for.
struct StoredEvent : events::Event {
  std::string sdk_key;
};

struct ConfigVersion {
  std::string sdk_key;
  int64_t version = 0;
  std::string published_at;
  std::string sha256_hex;
  std::string body;  // filled by history(with_body=true) and active_configs()
  bool active = false;
};

// The rows behind an experiment's results and summary, as the core's report reads them.
using ExperimentRow = report::Row;
using ExperimentRowSink = report::RowSink;

class Store {
 public:
  virtual ~Store() = default;
  // "sqlite", "postgresql" or "clickhouse" (events in ClickHouse, configs elsewhere).
  virtual std::string kind() const = 0;
  // How many insert_events calls can usefully run at once (the ingest committer threads).
  virtual unsigned writers() const { return 1; }
  // Inserts the events in one durable transaction (committed and synced before returning).
  // Result[i] is true when events[i] was new, false when its id was already stored (or
  // appeared earlier in `events`): retries never double count.
  virtual Result<std::vector<bool>> insert_events(const std::vector<StoredEvent>& events) = 0;
  // Stores a new version of an SDK key's config and makes it active; returns its number
  // (1 for the first, then one more than the highest).
  virtual Result<ConfigVersion> publish_config(const std::string& sdk_key,
                                               const std::string& body,
                                               const std::string& sha256_hex,
                                               const std::string& published_at) = 0;
  // Makes an earlier stored version active again; returns it with its body.
  virtual Result<ConfigVersion> activate_config(const std::string& sdk_key, int64_t version) = 0;
  // The active version of every SDK key, with bodies.
  virtual Result<std::vector<ConfigVersion>> active_configs() = 0;
  // Every stored version of every SDK key (or of one when `sdk_key` is not empty), without
  // bodies, ordered by key then version.
  virtual Result<std::vector<ConfigVersion>> config_history(const std::string& sdk_key) = 0;
  // Streams the rows behind an experiment's results: first every exposure to `experiment`
  // ordered by ts (ties by id), with attributes when `segment` (the segment attribute's name)
  // is not ""; then every conversion and custom event named `metric` (every name when `metric`
  // is "", the summary), with its name, in no particular order. A store that sums users itself
  // (ClickHouse) sends a sink that takes them (sink.unit_groups()) groups of users instead of
  // most rows. Failure: kUnavailable naming what failed.
  virtual Status scan_experiment(const std::string& experiment, const std::string& metric,
                                 const std::string& segment, ExperimentRowSink& sink) = 0;
  // Total stored events (for tests).
  virtual Result<int64_t> event_count() = 0;
  // Readiness (GET /readyz): a trivial query on the connection events are written through.
  // Ok when the store answers; else kUnavailable naming what failed ("postgresql: connect:
  // ..."). PostgreSQL reconnects first when the connection was lost, so a restarted server
  // reads ready at once.
  virtual Status ping() = 0;

  // Privacy (ARCHITECTURE.md, "Privacy by design").
  // Deletes every event of `user_id` (all types, every SDK key) stored when the call starts;
  // returns how many were deleted (0 for an unknown user). PostgreSQL does it in one
  // transaction through its user index; SQLite, which keeps no index by user (it would cost
  // ingest a B-tree write per event), in chunks like delete_events_before. After a failure
  // part may be deleted: calling again finishes the job.
  virtual Result<int64_t> delete_user(const std::string& user_id) = 0;
  // Deletes every event whose ts (client time, ms since the epoch) is before `cutoff_ms`, in
  // transactions of at most kDeleteChunkRows rows, so event ingest keeps committing in
  // between. Stops between two chunks once `stop` (when not null) is true: what was deleted
  // stays deleted and the next call carries on. Returns how many were deleted.
  virtual Result<int64_t> delete_events_before(double cutoff_ms, const std::atomic<bool>* stop) = 0;
};

// Most rows one delete_events_before transaction removes.
inline constexpr int64_t kDeleteChunkRows = 10000;

// Opens the store named by `spec`: "postgresql://..." or "postgres://..." → PostgreSQL with
// `connections` connections (schema created when absent); "sqlite:PATH" or a plain PATH →
// SQLite, one connection (file and schema created when absent).
Result<std::unique_ptr<Store>> open_store(const std::string& spec, unsigned connections);

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& conninfo,
                                                   unsigned connections);
// --events-store: events in ClickHouse, everything else in `configs`. `url` is
// clickhouse://HOST:PORT/DATABASE (one server's HTTP interface), or several servers,
// clickhouse://HOST:PORT,HOST:PORT.../DATABASE?cluster=NAME, the shards of the <remote_servers>
// cluster NAME. Creates the tables when absent (docs/edge.md, "ClickHouse event store");
// kInvalidArgument for a malformed URL, kUnavailable naming the server that failed.
// `max_in_list`: most user hashes a results query names in an IN list (the users the fast
// query leaves to the exact one, and those with several stored variants); beyond, the exact
// query reads every user and a subquery finds the latter (--clickhouse-max-in-list).
Result<std::unique_ptr<Store>> open_clickhouse_events_store(std::unique_ptr<Store> configs,
                                                            const std::string& url,
                                                            size_t max_in_list);

}  // namespace tailor::edge
