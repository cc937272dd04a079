#!/usr/bin/env python3
"""Bulk loader for tools/bench/edge-results --bulk: the same events in all three stores without
going through POST /v1/events (far too slow for 10^8 events).

  edge_results_bulk.py generate CLICKHOUSE_HOST:PORT EXPERIMENT FROM TO
      Writes the events of the users that make about events FROM..TO into ClickHouse's `events` table with one
      INSERT ... SELECT ... FROM numbers() per tenth: per user one exposure (variant "0" or "1",
      attribute country of 4 values), a repeat exposure for every 10th user, 0-6 metric events
      ("purchase"/"signup" conversions, "view" custom events; treatment converts more), the shape
      of edge_results_load.py with ClickHouse's cityHash64 as the dice. Prints the count.
  edge_results_bulk.py export CLICKHOUSE_HOST:PORT FILE
      Writes every stored event to FILE as PostgreSQL text COPY rows (id, sdk_key, type, ts,
      user_id, experiment, variant, name, value, attributes; "" as \\N, as the edge stores it).
  edge_results_bulk.py sqlite FILE DB
      Inserts FILE's rows into the events table of the SQLite store DB (the edge created it) with
      one prepared statement in one transaction. Prints the count.
PostgreSQL reads FILE with COPY events(...) FROM STDIN (tools/bench/edge-results)."""
import sqlite3
import sys
import urllib.request


def clickhouse(host, sql, out=None):
    with urllib.request.urlopen("http://%s/" % host, sql.encode(), timeout=3600) as r:
        if out is None:
            return r.read().decode()
        while True:
            chunk = r.read(1 << 20)
            if not chunk:
                return None
            out.write(chunk)


def generate(host, exp, first, last):
    # About 3.2 events per user.
    lo, hi = first * 10 // 32, last * 10 // 32
    for part in range(10):
        start = lo + part * (hi - lo) // 10
        count = lo + (part + 1) * (hi - lo) // 10 - start
        clickhouse(host, """INSERT INTO events
  SELECT concat(u, e.1), 'demo', e.2, e.3, u, if(e.2 = 'exposure', '{exp}', ''),
         if(e.2 = 'exposure', toString(v), ''), e.4, e.5, e.6
  FROM (SELECT concat('{exp}-u', toString(number)) AS u, cityHash64(number, 1) % 2 AS v,
               1700000000000 + number AS ts, cityHash64(number) AS h,
               arrayConcat(
                 [('-x', 'exposure', ts, '', CAST(NULL AS Nullable(Float64)),
                   concat('{{"country":"', ['US','FR','DE','JP'][h % 4 + 1], '"}}'))],
                 arrayFilter(x -> number % 10 = 0,
                   [('-r', 'exposure', ts + 5, '', CAST(NULL AS Nullable(Float64)), '')]),
                 arrayFilter(x -> x.4 != 'purchase' OR (h % 100) < 30 + 5 * v,
                   arrayMap(k -> (concat('-m', toString(k)),
                                  ['conversion','custom','conversion'][k % 3 + 1], ts + 10 + k,
                                  ['purchase','view','signup'][k % 3 + 1],
                                  CAST(1 + (h + k) % 9900 / 100 AS Nullable(Float64)), ''),
                            range(toUInt32(h % 7))))) AS evs
        FROM numbers({start}, {count})) ARRAY JOIN evs AS e""".format(
            exp=exp, start=start, count=count))
    print(clickhouse(host, "SELECT count() FROM events").strip())


def export(host, path):
    with open(path, "wb") as f:
        clickhouse(host, "SELECT id, sdk_key, type, ts, user_id, nullIf(experiment, ''), "
                   "nullIf(variant, ''), nullIf(name, ''), value, nullIf(attributes, '') "
                   "FROM events FORMAT TabSeparated", f)


def unescape(field):
    if field == "\\N":
        return None
    if "\\" not in field:
        return field
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            i += 1
            c = {"b": "\b", "f": "\f", "r": "\r", "n": "\n", "t": "\t", "0": "\0"}.get(
                field[i], field[i])
        out.append(c)
        i += 1
    return "".join(out)


def load_sqlite(path, db):
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA synchronous = OFF")
    n = 0

    def rows():
        nonlocal n
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = [unescape(x) for x in line.rstrip("\n").split("\t")]
                r[3] = float(r[3])
                r[8] = None if r[8] is None else float(r[8])
                n += 1
                yield r

    with conn:
        conn.executemany("INSERT INTO events(id, sdk_key, type, ts, user_id, experiment, variant, "
                         "name, value, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
    conn.close()
    print(n)


def main():
    cmd = sys.argv[1]
    if cmd == "generate":
        generate(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "export":
        export(sys.argv[2], sys.argv[3])
    elif cmd == "sqlite":
        load_sqlite(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
