// A libpq result that clears itself, shared by the PostgreSQL stores.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

namespace tailor::edge {

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

}  // namespace tailor::edge
