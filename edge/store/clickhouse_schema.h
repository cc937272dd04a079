// The ClickHouse event store's tables (docs/edge.md, "ClickHouse event store"), created by the
// edge at start (edge/store/clickhouse_store.cc).
#pragma once

#include <string>

#include "core/result.h"
#include "edge/store/clickhouse_http.h"

namespace tailor::edge {

// `events` (`events_local` on each shard of a cluster) is sorted by
// (type, experiment, name, user_h, id), so an experiment's exposures and a metric's events are
// each one range of the key, read in user order; user_h and id_h are cityHash64 of user_id and
// id, computed by ClickHouse at insert. `events_ids` (`events_ids_local`: id, user_id, ts),
// sorted by id and filled from every insert into the events table by the materialized view
// `events_ids_mv`, serves the idempotency lookup by id. In a cluster, `events` and
// `events_ids` are Distributed tables over the local ones, sharded by cityHash64(user_id).
extern const char* const kClickHouseEventsSortingKey;  // as system.tables.sorting_key says it

// Creates the tables on `server` (`settings`: the query string every request carries) when
// absent. Fails, naming the way to move its events, when the events table exists with an
// earlier layout (sorted by id).
Status create_clickhouse_schema(ClickHouseHttp& server, const std::string& settings,
                                const std::string& database, const std::string& cluster);

}  // namespace tailor::edge
