#include "edge/store/clickhouse_sql.h"

#include <charconv>

#include "core/json/js.h"
#include "edge/store/clickhouse_http.h"

namespace tailor::edge {

// One TabSeparated row: fields unescaped (ClickHouse escapes \b \f \r \n \t \0 \' \\).
bool split_tsv(std::string_view line, std::vector<std::string>& fields) {
  fields.assign(1, std::string());
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\t') {
      fields.emplace_back();
    } else if (c == '\\') {
      if (++i == line.size()) return false;
      switch (line[i]) {
        case 'b': fields.back() += '\b'; break;
        case 'f': fields.back() += '\f'; break;
        case 'r': fields.back() += '\r'; break;
        case 'n': fields.back() += '\n'; break;
        case 't': fields.back() += '\t'; break;
        case '0': fields.back() += '\0'; break;
        default: fields.back() += line[i]; break;
      }
    } else {
      fields.back() += c;
    }
  }
  return true;
}

bool to_number(const std::string& s, double& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

namespace {

// The rows a results query reads: the experiment's exposures and the metric's events (every
// conversion and custom event for the summary), each a range of the sorting key.
std::string results_filter(const std::string& exp, const std::string& metric,
                           const std::string& users) {
  const std::string names =
      metric.empty() ? std::string() : " AND name = " + clickhouse_literal(metric);
  return "((type = 'exposure' AND experiment = " + exp +
         " AND name = '') OR (type IN ('conversion', 'custom') AND experiment = ''" + names +
         "))" + users;
}

// A user's first exposure's attributes when they hold the segment's member, else ''.
std::string first_attributes(const std::string& segment, const std::string& x) {
  if (segment.empty()) return "''";
  return "argMinIf(if(position(attributes, " + clickhouse_literal(json::quoted(segment) + ":") +
         ") = 0, '', attributes), (ts, id), " + x + ")";
}

}  // namespace

std::string clickhouse_group_query(const std::string& exp, const std::string& metric,
                                   const std::string& segment, const std::string& table,
                                   const std::string& users) {
  const std::string x = "type = 'exposure'";
  const std::string first = "arrayEnumerateUniq(evs.1)";
  return "SELECT state, vmin, seg, nm, count(), sum(xrows), sum(val), sum(val * val), "
         "sum(val > 0), sum(counted), sum(before) FROM ("
         "SELECT if(xrows = 0, 2, if(vmin = vmax, 0, 1)) AS state, vmin, seg, nm, xrows, "
         "arraySum(arrayMap((n, t, v, k) -> if(k = 1 AND n = nm AND t >= t0, v, 0), "
         "evs.2, evs.3, evs.4, " + first + ")) AS val, "
         "arraySum(arrayMap((n, t, k) -> k = 1 AND n = nm AND t >= t0, evs.2, evs.3, " +
         first + ")) AS counted, "
         "arraySum(arrayMap((n, t, k) -> k = 1 AND n = nm AND t < t0, evs.2, evs.3, " +
         first + ")) AS before FROM ("
         "SELECT minIf(variant, " + x + ") AS vmin, maxIf(variant, " + x + ") AS vmax, "
         "uniqExactIf(id_h, " + x + ") AS xrows, minIf(ts, " + x + ") AS t0, " +
         first_attributes(segment, x) +
         " AS seg, groupArrayIf((id_h, name, ts, ifNull(value, 1)), NOT " + x +
         ") AS evs FROM " + table + " WHERE " + results_filter(exp, metric, users) +
         " GROUP BY user_h" + (metric.empty() ? " HAVING xrows > 0" : "") +
         ") ARRAY JOIN arrayDistinct(arrayConcat([''], evs.2)) AS nm WHERE t0 = t0 AND nm = nm"
         ") GROUP BY state, vmin, seg, nm";
}

std::string clickhouse_fast_query(const std::string& exp, const std::string& metric,
                                  const std::string& segment, const std::string& table) {
  const std::string x = "type = 'exposure'";
  const std::string m = "type != 'exposure'";
  const std::string exposures = " FROM " + table + " WHERE type = 'exposure' AND experiment = " +
                                exp + " AND name = ''";
  // With a segment, the first exposure's attributes as a hash: the exposure with the smallest
  // ts, exact when no two of the user's exposures share a ts (uts = xr).
  const std::string attributes =
      segment.empty() ? std::string()
                      : "if(position(attributes, " +
                            clickhouse_literal(json::quoted(segment) + ":") +
                            ") = 0, '', attributes)";
  const std::string seg =
      segment.empty() ? std::string("toUInt64(0) AS seg, ")
                      : "argMinIf(cityHash64(" + attributes + "), ts, " + x +
                            ") AS seg, uniqUpToIf(8)(ts, " + x + ") AS uts, ";
  // Per user: xr exposures, nm metric events (ids distinct when u = xr + nm), t0 the first
  // exposure, m0/m1 the first and last metric event.
  const std::string per_user =
      "SELECT user_h, countIf(" + x + ") AS xr, minIf(cityHash64(variant), " + x +
      ") AS vmin, maxIf(cityHash64(variant), " + x + ") AS vmax, minIf(ts, " + x + ") AS t0, " +
      seg + "sumIf(ifNull(value, 1), " + m + ") AS s, countIf(" + m + ") AS nm, minIf(ts, " + m +
      ") AS m0, maxIf(ts, " + m + ") AS m1, uniqUpTo(8)(id_h) AS u FROM " + table + " WHERE " +
      results_filter(exp, metric, "") + " GROUP BY user_h";
  // A user never exposed has t0 = 0 and every event counted (ts >= 0), as in the exact query.
  const std::string users =
      "SELECT if(xr = 0, 2, if(vmin = vmax, 0, 1)) AS state, vmin, seg, xr, nm, "
      "if(state = 1 OR u != xr + nm OR (nm > 0 AND m0 < t0 AND m1 >= t0)" +
      std::string(segment.empty() ? "" : " OR uts != xr") +
      ", user_h, 0) AS who, nm > 0 AND m1 < t0 AS before_all, if(before_all, 0, s) AS val, "
      "if(before_all, 0, nm) AS counted, if(before_all, nm, 0) AS before FROM (" +
      per_user + ")";
  const std::string groups =
      "SELECT state, vmin, seg, who, count() AS users, sum(xr) AS xrows, "
      "countIf(nm > 0) AS users_m, sumIf(xr, nm > 0) AS xrows_m, sum(val) AS vsum, "
      "sum(val * val) AS vsq, sum(val > 0) AS pos, sum(counted) AS cnt, sum(before) AS bef "
      "FROM (" + users + ") GROUP BY state, vmin, seg, who";
  // The hashes named (18.16 takes one JOIN per SELECT); more than one name per hash is a
  // collision.
  std::string named = "SELECT * FROM (" + groups +
                      ") ANY LEFT JOIN (SELECT vmin, any(variant) AS vname, count() AS vnames "
                      "FROM (SELECT cityHash64(variant) AS vmin, variant" + exposures +
                      " GROUP BY variant) GROUP BY vmin) USING vmin";
  std::string text = "''", names = "vnames";
  if (!segment.empty()) {
    named = "SELECT * FROM (" + named +
            ") ANY LEFT JOIN (SELECT seg, any(a) AS segtext, count() AS segnames FROM (SELECT "
            "cityHash64(a) AS seg, a FROM (SELECT " + attributes + " AS a" + exposures +
            ") GROUP BY a) GROUP BY seg) USING seg";
    text = "segtext";
    names = "greatest(vnames, segnames)";
  }
  // Each group as the exact query's two rows: exposures (name "") and the metric's users.
  return "SELECT state, vname, " + text + ", g.1, who, " + names +
         ", g.2, g.3, g.4, g.5, g.6, g.7, g.8 FROM (" + named + ") ARRAY JOIN "
         "[('', toFloat64(users), toFloat64(xrows), 0., 0., 0., 0., 0.), (" +
         clickhouse_literal(metric) +
         ", toFloat64(users_m), toFloat64(xrows_m), vsum, vsq, toFloat64(pos), toFloat64(cnt), "
         "toFloat64(bef))] AS g WHERE g.2 > 0";
}

}  // namespace tailor::edge
