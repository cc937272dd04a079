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

std::string clickhouse_group_query(const std::string& exp, const std::string& metric,
                                const std::string& segment, const std::string& table) {
  const std::string x = "type = 'exposure'";
  const std::string seg =
      segment.empty() ? std::string("''")
                      : "argMinIf(if(position(attributes, " +
                            clickhouse_literal(json::quoted(segment) + ":") +
                            ") = 0, '', attributes), (ts, id), " + x + ")";
  const std::string names =
      metric.empty() ? std::string() : " AND name = " + clickhouse_literal(metric);
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
         "uniqExactIf(id, " + x + ") AS xrows, minIf(ts, " + x + ") AS t0, " + seg +
         " AS seg, groupArrayIf((cityHash64(id), name, ts, ifNull(value, 1)), NOT " + x +
         ") AS evs FROM " + table + " WHERE (" + x + " AND experiment = " + exp +
         ") OR (type IN ('conversion', 'custom')" + names + ") GROUP BY user_id" +
         (metric.empty() ? " HAVING xrows > 0" : "") +
         ") ARRAY JOIN arrayDistinct(arrayConcat([''], evs.2)) AS nm WHERE t0 = t0 AND nm = nm"
         ") GROUP BY state, vmin, seg, nm";
}

}  // namespace tailor::edge
