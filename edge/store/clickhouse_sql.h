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

// Both results queries answer rows of: state, variant, attributes, name, then users, exposure
// rows, sum, sum of squares, positive, counted, before (the core's report::UnitGroup), per
// group of users. state: 0 one stored variant, 1 several, 2 never exposed. `exp` is already a
// ClickHouse literal, `metric` and `segment` as given, `table` the table to read ("events", or
// "events_local" on each shard of a cluster).
//
// The exact query: per user (GROUP BY user_h) their exposures' smallest and largest variant,
// distinct exposure ids, first exposure time and (with a segment) first exposure's
// attributes, and their metric events as an array of (id_h, name, ts, value); then per metric
// name the sum of the values at or after the first exposure, each id once
// (arrayEnumerateUniq); then per group (state, variant, attributes, name) the sums. The
// summary (metric "") reads exposed users only. `users`: "" for every user, or
// " AND user_h IN (...)" to read those users only.
//
// ClickHouse 18.16 drops a subquery column used only inside a lambda ("Unknown identifier"),
// hence "t0 = t0 AND nm = nm". A user's first exposure attributes are sent whole, or ""
// when they lack the member `"segment":` (attributes are stored as the core's compact JSON,
// which writes a member that way), so the core decides the segment from its own parse.
std::string clickhouse_group_query(const std::string& exp, const std::string& metric,
                                   const std::string& segment, const std::string& table,
                                   const std::string& users = "");

// The fast query, for a metric (not the summary): one GROUP BY user_h with fixed-size states
// only (no arrays, no per-user hash sets, variants and attributes as cityHash64): per user the
// exposure count, smallest and largest variant hash, first exposure (and with a segment the
// hash of its attributes, taken by smallest ts), and of the metric's events the sum, count,
// first and last ts, and uniqUpTo(8) of all the user's ids. A user is summed in SQL when
// that is exact without arrays: no id twice among at most 9 rows (uniqUpTo equals the row
// count), the metric events all at or after the first exposure or all before it, and with a
// segment no two exposures at one ts. Any other user ("to check", state 0 or 2), and every
// user with several stored variants (state 1), comes as a row of its own with its user_h in
// column `who` (0 for groups), for the exact query or the row-by-row path. Hashes are named
// by joining the experiment's distinct variants (and attribute texts); `names` > 1 says two of
// them share a hash (then use the exact query). Columns: state, variant, attributes, name,
// who, names, then the sums above.
std::string clickhouse_fast_query(const std::string& exp, const std::string& metric,
                                  const std::string& segment, const std::string& table);

}  // namespace tailor::edge
