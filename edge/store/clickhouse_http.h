// A blocking HTTP/1.1 client for ClickHouse's HTTP interface (Boost.Beast over plain TCP on
// loopback or a private network): POST a query, stream the answer's body. Keeps idle
// connections per server for reuse. Thread-safe; every call blocks, so callers run it on the
// worker pool or an ingest committer, never on an I/O thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tailor::edge {

class ClickHouseHttp {
 public:
  // `host`, `port`: one server's HTTP interface; `timeout_s`: the longest a connect, the write
  // of a request or any single read of its answer may take.
  ClickHouseHttp(std::string host, std::string port, int timeout_s);
  ~ClickHouseHttp();

  std::string address() const { return host_ + ":" + port_; }
  // POSTs `body` to "/?" + `query_string` and hands the answer's body to `on_data` in pieces
  // as it arrives (`on_data` returns false to stop reading: the call then fails with its own
  // message). Ok for HTTP 200; else kUnavailable with ClickHouse's message ("clickhouse
  // 127.0.0.1:8123: Code: 60, e.displayText() = DB::Exception: Table ... doesn't exist").
  // A request on a kept connection the server had closed is sent again on a new one.
  // `answer_timeout_s` > 0: how long the answer may take to start and each later read (a
  // query over many rows answers only when it is done); else the constructor's timeout.
  Status post(const std::string& query_string, const std::string& body,
              const std::function<bool(std::string_view)>& on_data, int answer_timeout_s = 0);
  // The same, collecting the body (answers of a few rows).
  Result<std::string> post(const std::string& query_string, const std::string& body);

 private:
  struct Connection;
  std::unique_ptr<Connection> take();
  void give_back(std::unique_ptr<Connection> c);
  Status attempt(Connection& c, const std::string& query_string, const std::string& body,
                 const std::function<bool(std::string_view)>& on_data, int answer_timeout_s,
                 bool& retry);

  struct Idle;
  std::string host_, port_;
  int timeout_s_;
  std::unique_ptr<Idle> idle_;
};

// `s` as a ClickHouse string literal: '...' with \\ and \' escaped.
std::string clickhouse_literal(std::string_view s);
// "%XX"-encodes every byte of `s` outside [A-Za-z0-9-._~].
std::string url_encode(std::string_view s);

}  // namespace tailor::edge
