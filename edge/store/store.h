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

#include "core/result.h"

namespace tailor::edge {

// One validated event (see edge/events.h for the wire form).
struct StoredEvent {
  std::string id;    // client-generated, unique: the idempotency key
  std::string sdk_key;
  std::string type;  // "exposure" | "conversion" | "custom"
  double ts = 0;     // client time, milliseconds since the Unix epoch
  std::string user;
  std::string experiment;  // "" when absent
  std::string variant;     // "" when absent
  std::string name;        // "" when absent
  std::optional<double> value;
  std::string attributes_json;  // "" when absent
};

struct ConfigVersion {
  std::string sdk_key;
  int64_t version = 0;
  std::string published_at;
  std::string sha256_hex;
  std::string body;  // filled by history(with_body=true) and active_configs()
  bool active = false;
};

// Per-variant sufficient statistics of one experiment. A user counts in the variant of their
// first exposure; a conversion counts when its ts is at or after that exposure. For each
// metric (conversion name): users who converted, and the sum and sum of squares over exposed
// users of each user's total value (value defaults to 1), enough for means and variances.
struct MetricStats {
  std::string name;
  int64_t users = 0;
  int64_t events = 0;
  double sum = 0;
  double sum_squares = 0;
};
struct VariantStats {
  std::string variant;
  int64_t exposures = 0;  // distinct users
  std::vector<MetricStats> metrics;
};

// One row read for an experiment's results (GET /v1/experiments/{key}/results). Views are
// valid only during the sink call.
struct ExperimentRow {
  std::string_view user;
  double ts = 0;
  std::string_view variant;     // exposures
  std::string_view attributes;  // exposures, when asked for; "" when absent
  double value = 1;             // metric events: the value, 1 when absent
};
class ExperimentRowSink {
 public:
  virtual ~ExperimentRowSink() = default;
  virtual void exposure(const ExperimentRow& row) = 0;
  virtual void metric_event(const ExperimentRow& row) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // "sqlite" or "postgresql".
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
  virtual Result<std::vector<VariantStats>> experiment_summary(const std::string& key) = 0;
  // Streams the rows behind an experiment's results: first every exposure to `experiment`
  // ordered by ts (ties by id), with attributes when `with_attributes`; then every
  // conversion and custom event named `metric`, in no particular order. "" or what failed.
  virtual std::string scan_experiment(const std::string& experiment, const std::string& metric,
                                      bool with_attributes, ExperimentRowSink& sink) = 0;
  // Total stored events (for tests and readiness).
  virtual Result<int64_t> event_count() = 0;

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

}  // namespace tailor::edge
