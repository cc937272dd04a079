// What the SQLite stores share: a prepared statement that finalizes itself, and opening a
// database file read-write (created if missing) with an error that names the file and the
// store that wanted it.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tailor::edge {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &st_, nullptr); }
  ~SqliteStatement() { sqlite3_finalize(st_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  bool ok() const { return st_ != nullptr; }
  SqliteStatement& text(int i, std::string_view s) {
    sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  SqliteStatement& blob(int i, std::string_view s) {
    sqlite3_bind_blob(st_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  SqliteStatement& number(int i, double d) {
    sqlite3_bind_double(st_, i, d);
    return *this;
  }
  SqliteStatement& integer(int i, int64_t n) {
    sqlite3_bind_int64(st_, i, n);
    return *this;
  }
  int step() { return sqlite3_step(st_); }
  void reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
  // The column's bytes, text or blob alike ("" for NULL).
  std::string column(int i) {
    const void* p = sqlite3_column_blob(st_, i);
    return p ? std::string(static_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(st_, i)))
             : std::string();
  }
  double real(int i) { return sqlite3_column_double(st_, i); }
  int64_t int64(int i) { return sqlite3_column_int64(st_, i); }

 private:
  sqlite3_stmt* st_ = nullptr;
};

// Opens `path` read-write (creating it), one connection without SQLite's own mutex (the
// store serialises its use). `purpose` completes "cannot open PATH for ...".
inline Result<sqlite3*> open_sqlite_file(const std::string& path, std::string_view purpose) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "sqlite: cannot open \"" + path + "\" for " + std::string(purpose) + ": " +
                      (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return Status::unavailable(msg);
  }
  return db;
}

}  // namespace tailor::edge
