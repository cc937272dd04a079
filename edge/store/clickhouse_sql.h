// The SQL of the ClickHouse event store's results and the parsing of its TabSeparated answers
// (edge/store/clickhouse_store.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tailor::edge {

// One TabSeparated row: fields unescaped (ClickHouse escapes \b \f \r \n \t \0 \' \\). False when
// the row ends in a lone backslash.
bool split_tsv(std::string_view line, std::vector<std::string>& fields);
// `s` read as a number, all of it (false when it is not one).
bool to_number(const std::string& s, double& out);

// One query per server over the events it holds, summing users in SQL: per user (GROUP BY
// user_id) their exposures' smallest and largest variant, distinct exposure ids, first
// exposure time and (with a segment) first exposure's attributes, and their metric events
// as an array of (hash of id, name, ts, value); then per metric name the sum of the values
// at or after the first exposure, each id once (arrayEnumerateUniq); then per group
// (state, variant, attributes, name) the count of users and the sums the core's
// report::UnitGroup takes. state: 0 one stored variant, 1 several, 2 never exposed.
// The summary (metric "") reads exposed users only.
//
// ClickHouse 18.16 drops a subquery column used only inside a lambda ("Unknown identifier"),
// hence "t0 = t0 AND nm = nm". A user's first exposure attributes are sent whole, or ""
// when they lack the member `"segment":` (attributes are stored as the core's compact JSON,
// which writes a member that way), so the core decides the segment from its own parse.
// `exp`, `metric` as given; `exp` already a ClickHouse literal; `table` the table to read
// ("events", or "events_local" on each shard of a cluster). Columns: state, variant, attributes,
// name, then users, exposure rows, sum, sum of squares, positive, counted, before.
std::string clickhouse_group_query(const std::string& exp, const std::string& metric,
                                   const std::string& segment, const std::string& table);

}  // namespace tailor::edge
