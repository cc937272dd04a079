#include "edge/store/clickhouse_schema.h"

namespace tailor::edge {

const char* const kClickHouseEventsSortingKey = "type, experiment, name, user_h, id";

Status create_clickhouse_schema(ClickHouseHttp& server, const std::string& settings,
                                const std::string& database, const std::string& cluster) {
  const std::string events = cluster.empty() ? "events" : "events_local";
  const std::string ids = cluster.empty() ? "events_ids" : "events_ids_local";
  const std::string columns =
      "(id String, sdk_key String, type String, ts Float64, user_id String, "
      "experiment String, variant String, name String, value Nullable(Float64), "
      "attributes String";
  auto run = [&](const std::string& sql) -> Status {
    auto done = server.post(settings, sql);
    return done ? Status() : done.status();
  };
  // Index granules of 1024 rows: results read whole ranges of the key.
  Status s = run("CREATE TABLE IF NOT EXISTS " + events + " " + columns +
                 ", user_h UInt64 MATERIALIZED cityHash64(user_id), "
                 "id_h UInt64 MATERIALIZED cityHash64(id)) ENGINE = ReplacingMergeTree ORDER BY (" +
                 kClickHouseEventsSortingKey + ") SETTINGS index_granularity = 1024");
  if (!s.ok()) return s;
  auto key = server.post(settings, "SELECT sorting_key FROM system.tables WHERE database = " +
                                       clickhouse_literal(database) + " AND name = '" + events +
                                       "'");
  if (!key) return key.status();
  if (*key != std::string(kClickHouseEventsSortingKey) + "\n") {
    const std::string was = key->substr(0, key->find('\n'));
    return Status::unavailable(
        "clickhouse " + server.address() + ": table " + database + "." + events +
        " is sorted by (" + was + "), the layout of an earlier tailor-edge; this one sorts "
        "events by (" + kClickHouseEventsSortingKey + ") (docs/edge.md, \"ClickHouse event "
        "store\"). To keep its events: RENAME TABLE " + events + " TO " + events +
        "_v1 (on every server of a cluster), start the edge (it creates the new tables), then "
        "INSERT INTO " + events + " SELECT * FROM " + events + "_v1 and DROP TABLE " + events +
        "_v1");
  }
  // Granules of 256 rows: a lookup reads 256 ids per id looked up.
  s = run("CREATE TABLE IF NOT EXISTS " + ids +
          " (id String, user_id String, ts Float64) ENGINE = ReplacingMergeTree ORDER BY id "
          "SETTINGS index_granularity = 256");
  if (!s.ok()) return s;
  s = run("CREATE MATERIALIZED VIEW IF NOT EXISTS events_ids_mv TO " + ids +
          " AS SELECT id, user_id, ts FROM " + events);
  if (!s.ok() || cluster.empty()) return s;
  s = run("CREATE TABLE IF NOT EXISTS events " + columns + ") ENGINE = Distributed(" + cluster +
          ", " + database + ", events_local, cityHash64(user_id))");
  if (!s.ok()) return s;
  return run("CREATE TABLE IF NOT EXISTS events_ids (id String, user_id String, ts Float64) "
             "ENGINE = Distributed(" + cluster + ", " + database +
             ", events_ids_local, cityHash64(user_id))");
}

}  // namespace tailor::edge
