// edge/store/pg_result.h: pg_connect bounds a connection attempt unless the caller's string
// says otherwise. Nothing listens on port 1 of the loopback address, so each attempt is refused
// at once; the options libpq used stay readable on the failed connection (PQconninfo).
#include <catch2/catch.hpp>
#include <libpq-fe.h>

#include <map>
#include <string>

#include "edge/store/pg_result.h"

using tailor::edge::pg_connect;

namespace {

// The options a connection was made with, by keyword ("" when unset).
std::map<std::string, std::string> options_of(const std::string& conninfo) {
  PGconn* conn = pg_connect(conninfo);
  REQUIRE(conn != nullptr);
  CHECK(PQstatus(conn) == CONNECTION_BAD);
  std::map<std::string, std::string> out;
  PQconninfoOption* options = PQconninfo(conn);
  for (PQconninfoOption* o = options; o && o->keyword; ++o) out[o->keyword] = o->val ? o->val : "";
  PQconninfoFree(options);
  PQfinish(conn);
  return out;
}

}  // namespace

TEST_CASE("pg_connect waits 5 s at most unless the connection string sets connect_timeout") {
  auto uri = options_of("postgresql://tailor@127.0.0.1:1/events");
  CHECK(uri["connect_timeout"] == "5");
  // The rest of the string is read as libpq reads it on its own.
  CHECK(uri["host"] == "127.0.0.1");
  CHECK(uri["port"] == "1");
  CHECK(uri["user"] == "tailor");
  CHECK(uri["dbname"] == "events");

  CHECK(options_of("postgresql://127.0.0.1:1/events?connect_timeout=2")["connect_timeout"] == "2");
  auto keywords = options_of("host=127.0.0.1 port=1 dbname=events connect_timeout=7");
  CHECK(keywords["connect_timeout"] == "7");
  CHECK(keywords["dbname"] == "events");
  CHECK(options_of("host=127.0.0.1 port=1 dbname=events")["connect_timeout"] == "5");
}
