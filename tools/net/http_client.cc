#include "tools/net/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "core/json/parse.h"
#include "core/text/shorten.h"

namespace tailor::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Runs the io_context until the operations finish or the deadline passes (then everything
// still pending is cancelled by closing the socket).
bool run_until(asio::io_context& ioc, tcp::socket& socket,
               std::chrono::steady_clock::time_point deadline) {
  ioc.restart();
  ioc.run_until(deadline);
  if (!ioc.stopped()) {
    beast::error_code ignored;
    socket.close(ignored);
    ioc.restart();
    ioc.run();
    return false;
  }
  return true;
}

template <class Stream>
Result<Response> exchange(asio::io_context& ioc, Stream& stream, tcp::socket& socket,
                          const Request& request, std::chrono::steady_clock::time_point deadline) {
  const std::string where = request.url.host + ":" + request.url.port;
  const long long ms = request.timeout.count();
  http::request<http::string_body> req{
      http::string_to_verb(request.method) == http::verb::unknown
          ? http::verb::post
          : http::string_to_verb(request.method),
      request.url.target, 11};
  // RFC 9110 7.2: the port is part of Host unless it is the scheme's default.
  const bool default_port = request.url.port == (request.url.tls ? "443" : "80");
  req.set(http::field::host,
          default_port ? request.url.host : request.url.host + ":" + request.url.port);
  req.set(http::field::user_agent, "tailor");
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();

  beast::error_code ec;
  http::async_write(stream, req, [&](beast::error_code e, size_t) { ec = e; });
  if (!run_until(ioc, socket, deadline)) {
    return Result<Response>::failure(StatusCode::kUnavailable,
                                     where + ": timed out after " + std::to_string(ms) + " ms");
  }
  if (ec) return Result<Response>::failure(StatusCode::kUnavailable, where + ": " + ec.message());

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(request.max_response_bytes);
  http::async_read(stream, buffer, parser, [&](beast::error_code e, size_t) { ec = e; });
  if (!run_until(ioc, socket, deadline)) {
    return Result<Response>::failure(StatusCode::kUnavailable,
                                     where + ": timed out after " + std::to_string(ms) + " ms");
  }
  // A body that ends with the connection (no Content-Length, not chunked), over TLS from a
  // server that closes without a close_notify (Python's servers, many HTTP/1.0 ones): the end
  // of the stream is the end of the body, as over plain TCP. A body cut short this way is not
  // a complete answer, and the reader rejects it (chat.h: not JSON).
  if (ec == asio::ssl::error::stream_truncated && parser.is_header_done() && parser.need_eof()) {
    parser.put_eof(ec);
  }
  if (ec == http::error::body_limit) {
    return Result<Response>::failure(
        StatusCode::kUnavailable,
        where + ": response larger than " + std::to_string(request.max_response_bytes) + " bytes");
  }
  if (ec) return Result<Response>::failure(StatusCode::kUnavailable, where + ": " + ec.message());
  Response response;
  const auto& res = parser.get();
  response.status = static_cast<int>(res.result_int());
  response.body = res.body();
  if (auto it = res.find(http::field::retry_after); it != res.end()) {
    response.retry_after = std::string(it->value());
  }
  return response;
}

}  // namespace

Result<Url> parse_url(std::string_view url) {
  Url out;
  std::string_view rest;
  if (url.substr(0, 7) == "http://") {
    rest = url.substr(7);
  } else if (url.substr(0, 8) == "https://") {
    out.tls = true;
    rest = url.substr(8);
  } else {
    return Result<Url>::failure("URL \"" + std::string(url) +
                                "\" must start with http:// or https://");
  }
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  out.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    out.host = std::string(authority.substr(0, colon));
    out.port = std::string(authority.substr(colon + 1));
    const bool digits = !out.port.empty() && out.port.size() <= 5 &&
                        out.port.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
      return Result<Url>::failure("URL \"" + std::string(url) + "\" has an invalid port \"" +
                                  out.port + "\"");
    }
  } else {
    out.host = std::string(authority);
    out.port = out.tls ? "443" : "80";
  }
  if (out.host.empty()) {
    return Result<Url>::failure("URL \"" + std::string(url) + "\" has no host");
  }
  return out;
}

std::string server_message(const std::string& body) {
  auto excerpt = [](const std::string& text) {
    std::string s = text::shorten(text, 203);  // never inside a UTF-8 character
    for (char& c : s) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    return s;
  };
  if (auto doc = json::parse(body); doc.ok() && doc->is_object()) {
    if (const json::Value* error = doc->find("error"); error && error->is_object()) {
      const json::Value* message = error->find("message");
      if (message && message->is_string()) return excerpt(message->as_string());
    }
  }
  return excerpt(body);
}

Result<Response> send(const Request& request) {
  const auto deadline = std::chrono::steady_clock::now() + request.timeout;
  const std::string where = request.url.host + ":" + request.url.port;
  const long long ms = request.timeout.count();
  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::error_code ec;
  tcp::resolver::results_type endpoints;
  resolver.async_resolve(request.url.host, request.url.port,
                         [&](beast::error_code e, tcp::resolver::results_type r) {
                           ec = e;
                           endpoints = std::move(r);
                         });
  ioc.run_until(deadline);
  if (!ioc.stopped()) {
    resolver.cancel();
    ioc.restart();
    ioc.run();
    return Result<Response>::failure(StatusCode::kUnavailable,
                                     where + ": timed out after " + std::to_string(ms) + " ms");
  }
  if (ec) return Result<Response>::failure(StatusCode::kUnavailable, where + ": " + ec.message());

  tcp::socket socket(ioc);
  asio::async_connect(socket, endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
  if (!run_until(ioc, socket, deadline)) {
    return Result<Response>::failure(StatusCode::kUnavailable,
                                     where + ": timed out after " + std::to_string(ms) + " ms");
  }
  if (ec) {
    return Result<Response>::failure(StatusCode::kUnavailable,
                                     where + ": cannot connect: " + ec.message());
  }
  if (!request.url.tls) return exchange(ioc, socket, socket, request, deadline);

  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_default_verify_paths();
  ctx.set_verify_mode(asio::ssl::verify_peer);
  asio::ssl::stream<tcp::socket&> tls(socket, ctx);
  if (!SSL_set_tlsext_host_name(tls.native_handle(), request.url.host.c_str())) {
    return Result<Response>::failure(StatusCode::kUnavailable, where + ": cannot set SNI");
  }
  tls.set_verify_callback(asio::ssl::host_name_verification(request.url.host));
  tls.async_handshake(asio::ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
  if (!run_until(ioc, socket, deadline)) {
    return Result<Response>::failure(StatusCode::kUnavailable,
                                     where + ": timed out after " + std::to_string(ms) + " ms");
  }
  if (ec) {
    return Result<Response>::failure(StatusCode::kUnavailable,
                                     where + ": TLS handshake failed: " + ec.message());
  }
  return exchange(ioc, tls, socket, request, deadline);
}

}  // namespace tailor::net
