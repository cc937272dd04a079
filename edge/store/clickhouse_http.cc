#include "edge/store/clickhouse_http.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <mutex>
#include <vector>

namespace tailor::edge {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

struct ClickHouseHttp::Connection {
  boost::asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  bool open = false;
  std::chrono::steady_clock::time_point idle_since;
};

struct ClickHouseHttp::Idle {
  std::mutex mutex;
  std::vector<std::unique_ptr<Connection>> connections;
};

// Idle connections kept per server; more are closed after use.
constexpr size_t kMaxIdle = 8;
// ClickHouse closes a kept-alive connection after 3 s idle (keep_alive_timeout): one idle
// longer is not reused.
constexpr auto kMaxIdleTime = std::chrono::seconds(2);

ClickHouseHttp::ClickHouseHttp(std::string host, std::string port, int timeout_s)
    : host_(std::move(host)), port_(std::move(port)), timeout_s_(timeout_s),
      idle_(std::make_unique<Idle>()) {}

ClickHouseHttp::~ClickHouseHttp() = default;

std::unique_ptr<ClickHouseHttp::Connection> ClickHouseHttp::take() {
  std::lock_guard lock(idle_->mutex);
  const auto now = std::chrono::steady_clock::now();
  while (!idle_->connections.empty()) {
    auto c = std::move(idle_->connections.back());
    idle_->connections.pop_back();
    if (now - c->idle_since < kMaxIdleTime) return c;
  }
  return std::make_unique<Connection>();
}

void ClickHouseHttp::give_back(std::unique_ptr<Connection> c) {
  std::lock_guard lock(idle_->mutex);
  if (c->open && idle_->connections.size() < kMaxIdle) {
    c->idle_since = std::chrono::steady_clock::now();
    idle_->connections.push_back(std::move(c));
  }
}

Status ClickHouseHttp::attempt(Connection& c, const std::string& query_string,
                               const std::string& body,
                               const std::function<bool(std::string_view)>& on_data,
                               int answer_timeout_s, bool& retry) {
  auto fail = [&](const std::string& what, const beast::error_code& ec) {
    c.open = false;
    beast::error_code ignored;
    c.stream.socket().close(ignored);
    return Status::unavailable("clickhouse " + address() + ": " + what + ": " + ec.message());
  };
  const auto timeout = std::chrono::seconds(timeout_s_);
  beast::error_code ec;
  const bool reused = c.open;
  if (!c.open) {
    tcp::resolver resolver(c.ioc);
    auto endpoints = resolver.resolve(host_, port_, ec);
    if (ec) return fail("resolve", ec);
    c.stream.expires_after(timeout);
    c.stream.connect(endpoints, ec);
    if (ec) return fail("connect", ec);
    c.open = true;
    c.buffer.clear();
  }
  http::request<http::string_body> req{http::verb::post, "/?" + query_string, 11};
  req.set(http::field::host, host_);
  req.set(http::field::content_type, "text/plain; charset=utf-8");
  req.keep_alive(true);
  req.body() = body;
  req.prepare_payload();
  c.stream.expires_after(timeout);
  http::write(c.stream, req, ec);
  // A kept connection the server closed fails here or at the first read: send again.
  retry = reused && ec;
  if (ec) return fail("send", ec);
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(boost::none);
  const auto answer_timeout =
      answer_timeout_s > 0 ? std::chrono::seconds(answer_timeout_s) : timeout;
  c.stream.expires_after(answer_timeout);
  http::read_header(c.stream, c.buffer, parser, ec);
  retry = reused && (ec == http::error::end_of_stream || ec == boost::asio::error::eof ||
                     ec == boost::asio::error::connection_reset);
  if (ec) return fail("read answer", ec);
  const unsigned status = parser.get().result_int();
  std::string error_text;
  std::vector<char> chunk(64 * 1024);
  bool stopped = false;
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    c.stream.expires_after(answer_timeout);
    http::read(c.stream, c.buffer, parser, ec);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) return fail("read answer", ec);
    std::string_view got(chunk.data(), chunk.size() - parser.get().body().size);
    if (status != 200) {
      if (error_text.size() < 4096) error_text.append(got);
    } else if (!stopped && !got.empty() && !on_data(got)) {
      stopped = true;
    }
  }
  if (!parser.get().keep_alive()) {
    c.open = false;
    c.stream.socket().close(ec);
  }
  if (status != 200) {
    while (!error_text.empty() && (error_text.back() == '\n' || error_text.back() == ' ')) {
      error_text.pop_back();
    }
    return Status::unavailable("clickhouse " + address() + ": HTTP " + std::to_string(status) +
                               ": " + error_text);
  }
  if (stopped) return Status::unavailable("clickhouse " + address() + ": malformed answer");
  return {};
}

Status ClickHouseHttp::post(const std::string& query_string, const std::string& body,
                            const std::function<bool(std::string_view)>& on_data,
                            int answer_timeout_s) {
  for (int tries = 0;; ++tries) {
    // A retry (the kept connection was closed under the request) takes a new connection.
    auto c = tries == 0 ? take() : std::make_unique<Connection>();
    bool retry = false;
    Status s = attempt(*c, query_string, body, on_data, answer_timeout_s, retry);
    give_back(std::move(c));
    if (s.ok() || !retry || tries > 0) return s;
  }
}

Result<std::string> ClickHouseHttp::post(const std::string& query_string,
                                         const std::string& body) {
  std::string out;
  Status s = post(query_string, body, [&](std::string_view d) {
    out.append(d);
    return true;
  });
  if (!s.ok()) return s;
  return out;
}

std::string clickhouse_literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace tailor::edge
