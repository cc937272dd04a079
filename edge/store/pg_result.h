// What the PostgreSQL stores share: connecting with a bounded wait, and a libpq result that
// clears itself.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

#include "core/status.h"

namespace tailor::edge {

// Connects with `conninfo` (a libpq URI or key=value string). A connection attempt waits at
// most kPgConnectTimeoutS seconds unless the string sets its own connect_timeout: libpq's own
// default is to wait forever, which would stall a writer on a host that drops packets.
inline constexpr const char* kPgConnectTimeoutS = "5";
inline PGconn* pg_connect(const std::string& conninfo) {
  // Later entries override earlier ones, and the expanded dbname's parameters take its place:
  // the default comes first so that the caller's string wins.
  const char* keys[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {kPgConnectTimeoutS, conninfo.c_str(), nullptr};
  return PQconnectdbParams(keys, values, /*expand_dbname=*/1);
}

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  bool ok() const {
    auto s = PQresultStatus(r_);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
  }
  // SQLSTATE 23505: the row's key is taken.
  bool unique_violation() const {
    const char* state = PQresultErrorField(r_, PG_DIAG_SQLSTATE);
    return state != nullptr && std::string_view(state) == "23505";
  }
  int rows() const { return PQntuples(r_); }
  PGresult* get() const { return r_; }
  // A field's bytes (text, or BYTEA when the results were asked for in binary).
  std::string text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col), static_cast<size_t>(PQgetlength(r_, row, col)));
  }

 private:
  PGresult* r_;
};

// A 503-kind failure naming the store, the step and libpq's message.
inline Status pg_failure(PGconn* conn, std::string_view store, std::string_view what) {
  std::string m = conn ? PQerrorMessage(conn) : "no connection";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return Status::unavailable("postgresql: " + std::string(store) + ": " + std::string(what) +
                             ": " + m);
}

// Keeps `conn` open: when it is not, connects anew and creates `schema` (idempotent DDL).
inline Status pg_ensure_connected(PGconn*& conn, const std::string& conninfo, const char* schema,
                                  std::string_view store) {
  if (conn && PQstatus(conn) == CONNECTION_OK) return {};
  if (conn) PQfinish(conn);
  conn = pg_connect(conninfo);
  if (PQstatus(conn) != CONNECTION_OK) return pg_failure(conn, store, "connect");
  PgResult quiet(PQexec(conn, "SET client_min_messages = warning"));
  if (!PgResult(PQexec(conn, schema)).ok()) return pg_failure(conn, store, "create the tables");
  return {};
}

}  // namespace tailor::edge
