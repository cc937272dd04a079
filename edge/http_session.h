// One client connection (Boost.Beast, the advanced_server_flex shape): read a request with
// header/body limits and deadlines, hand it to the App, write the answer, repeat while
// keep-alive holds. Included by server.cc only, so Beast is compiled in one translation unit.
//
// Deadlines: the header (including keep-alive idle time) must arrive within --header-timeout,
// the body within --body-timeout, the response must be written within --write-timeout; a
// client that is slower is disconnected, which is what cuts slowloris clients. One request is
// handled at a time per connection (no pipelining), so a connection's queue is bounded at one.
#pragma once

#include <sys/sendfile.h>
#include <sys/socket.h>

#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cerrno>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>

#include "edge/app.h"

namespace tailor::edge {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
// Concrete executor types instead of any_io_executor: every handler of a connection runs on
// its strand, and naming the type spares the type-erased executor copies on each operation.
using Strand = net::strand<net::io_context::executor_type>;
using Socket = net::basic_stream_socket<tcp, Strand>;
using Stream = beast::basic_stream<tcp, Strand>;

// Holds the connection count for a session's lifetime.
class ConnectionSlot {
 public:
  explicit ConnectionSlot(App& app) : app_(app) { app_.open_connections.fetch_add(1); }
  ~ConnectionSlot() { app_.open_connections.fetch_sub(1); }
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;

 private:
  App& app_;
};

template <class Derived>
class HttpSession {
 public:
  HttpSession(App& app, beast::flat_buffer buffer)
      : app_(app), slot_(app), buffer_(std::move(buffer)) {}

 protected:
  Derived& derived() { return static_cast<Derived&>(*this); }
  auto& lowest() { return beast::get_lowest_layer(derived().stream()); }
  std::chrono::seconds seconds(unsigned s) { return std::chrono::seconds(s); }

  void do_read() {
    parser_.emplace();
    parser_->header_limit(app_.options().max_header_bytes);
    // Beast checks a Content-Length against the limit as the header completes, before the
    // route is known: the header is read with the largest limit of any route, and the
    // request's own limit is applied once its head is known (on_read_header).
    body_limit_ = app_.max_body_limit();
    parser_->body_limit(body_limit_);
    lowest().expires_after(seconds(app_.options().header_timeout_s));
    http::async_read_header(derived().stream(), buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::on_read_header,
                                                      derived().shared_from_this()));
  }

  void on_read_header(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return derived().do_eof();
    if (ec) return fail_read(ec);
    if (parser_->is_done()) return on_read({}, 0);  // no body: skip a read and a timer
    body_limit_ = request_body_limit();
    parser_->body_limit(body_limit_);
    if (auto length = parser_->content_length(); length && *length > body_limit_) {
      return fail_read(http::error::body_limit);
    }
    lowest().expires_after(seconds(app_.options().body_timeout_s));
    http::async_read(derived().stream(), buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, derived().shared_from_this()));
  }

  // The body limit of the request whose head the parser holds (App::body_limit).
  size_t request_body_limit() {
    const auto& head = parser_->get();
    return app_.body_limit(std::string_view(head.method_string()),
                           std::string_view(head.target()),
                           std::string_view(head[http::field::authorization]));
  }

  // Limits get an answer (431/413, then close); timeouts and broken connections just close.
  void fail_read(beast::error_code ec) {
    if (ec == http::error::header_limit) {
      return send_error(problem(431, "header-too-large",
                                "request line and headers exceed " +
                                    std::to_string(app_.options().max_header_bytes) + " bytes"));
    }
    if (ec == http::error::body_limit) {
      if (parser_ && parser_->is_header_done()) body_limit_ = request_body_limit();
      return send_error(problem(413, "body-too-large",
                                "request body exceeds " + std::to_string(body_limit_) +
                                    " bytes"));
    }
    if (ec == beast::error::timeout || ec == net::error::operation_aborted) {
      return derived().do_close();
    }
    if (ec.category() == http::make_error_code(http::error::bad_target).category()) {
      return send_error(problem(400, "malformed-http", "the request is not valid HTTP/1.1: " +
                                                           ec.message()));
    }
    derived().do_close();
  }

  void send_error(Response r) {
    Request partial;  // what the parser got of the head (the limit may cut it anywhere)
    if (parser_) copy_head(parser_->get(), partial);
    if (app_.access_log()) partial.remote = remote();
    app_.complete_unrouted(partial, r);
    r.close = true;
    linger_ = true;
    keep_alive_ = false;
    head_ = false;
    app_.in_flight.fetch_add(1);
    send(std::move(r));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return fail_read(ec);
    auto& msg = parser_->get();
    Request req;
    copy_head(msg, req);
    req.body = std::move(msg.body());
    if (app_.access_log()) req.remote = remote();
    keep_alive_ = msg.keep_alive();
    head_ = msg.method() == http::verb::head;
    app_.in_flight.fetch_add(1);
    responded_ = false;
    auto self = derived().shared_from_this();
    // Inline handlers answer on this strand (dispatch runs send at once); handlers that went
    // to a worker get their answer posted back to the strand.
    app_.handle(std::move(req), [self](Response r) {
      auto& stream = self->derived().stream();
      net::dispatch(stream.get_executor(), [self, r = std::move(r)]() mutable {
        self->send(std::move(r));
      });
    });
    // Not answered inline: wait without a deadline on the socket, the handler owns the time.
    // (Its answer is posted to this strand, so it cannot run before this line.)
    if (!responded_) lowest().expires_never();
  }

  // Method, target, path, query and header views of a parsed request head.
  static void copy_head(const http::request<http::string_body>& msg, Request& req) {
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    auto q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) req.query = req.target.substr(q + 1);
    req.headers.reserve(8);
    for (const auto& field : msg) {
      req.headers.emplace_back(std::string_view(field.name_string()),
                               std::string_view(field.value()));
    }
  }

  // The peer's IP address, looked up once per connection (only with the access log on).
  const std::string& remote() {
    if (remote_.empty()) {
      beast::error_code ec;
      auto endpoint = lowest().socket().remote_endpoint(ec);
      remote_ = ec ? "-" : endpoint.address().to_string();
    }
    return remote_;
  }

  // Writes the answer: its head is serialised here (serialize_head), then the session first
  // offers head and body to the socket without waiting (PlainSession::send_now; sendfile for a
  // body with a file) and only what the socket did not take is written asynchronously, under
  // the write deadline. The next read is posted, never run inside the handler's call.
  void send(Response r) {
    responded_ = true;
    if (r.on_stream) return start_stream(std::move(r));
    const bool keep = keep_alive_ && !r.close && !app_.draining.load();
    const bool bodiless = head_ || r.status < 200 || r.status == 204 || r.status == 304;
    out_head_ = serialize_head(r, keep);
    out_body_ = bodiless ? nullptr : std::move(r.body);
    const size_t body_size = out_body_ ? out_body_->size() : 0;
    const long sent = derived().send_now(out_head_, out_body_.get(), out_body_ ? r.body_fd : -1);
    auto self = derived().shared_from_this();
    if (sent < 0 || static_cast<size_t>(sent) == out_head_.size() + body_size) {
      beast::error_code ec = sent < 0 ? net::error::connection_reset : beast::error_code();
      return net::post(derived().stream().get_executor(),
                       [self, keep, ec] { self->on_write(!keep, ec, 0); });
    }
    const size_t done = static_cast<size_t>(sent);
    // (Not a std::array: Asio's write of a two-buffer std::array over Beast's ssl_stream
    // stopped after the first buffer.)
    auto rest = beast::buffers_cat(
        net::const_buffer(net::buffer(out_head_) + std::min(done, out_head_.size())),
        out_body_ ? net::buffer(*out_body_) + (done - std::min(done, out_head_.size()))
                  : net::const_buffer());
    lowest().expires_after(seconds(app_.options().write_timeout_s));
    net::async_write(derived().stream(), rest,
                     beast::bind_front_handler(&HttpSession::on_write, self, !keep));
  }

  void on_write(bool close, beast::error_code ec, std::size_t) {
    app_.in_flight.fetch_sub(1);
    out_body_.reset();
    if (ec) return derived().do_close();
    if (linger_) return do_linger();
    if (close) return derived().do_eof();
    do_read();
  }

  // After answering a request we stopped reading (413, 431, 400), the client may still be
  // sending: closing now would reset the connection before it reads the answer. So stop
  // sending, discard what arrives for up to --write-timeout, then close.
  void do_linger() {
    beast::error_code ec;
    lowest().socket().shutdown(Socket::shutdown_send, ec);
    lowest().expires_after(seconds(app_.options().write_timeout_s));
    scratch_.resize(16384);
    lowest().async_read_some(net::buffer(scratch_),
                             beast::bind_front_handler(&HttpSession::on_linger,
                                                       derived().shared_from_this()));
  }

  void on_linger(beast::error_code ec, std::size_t) {
    if (ec) return derived().do_close();
    lowest().async_read_some(net::buffer(scratch_),
                             beast::bind_front_handler(&HttpSession::on_linger,
                                                       derived().shared_from_this()));
  }

  // --- Server-Sent Events: a chunked response that stays open (see Response::on_stream). ---
  static constexpr int kHeartbeatSeconds = 15;

  class Sink : public StreamSink {
   public:
    explicit Sink(std::weak_ptr<Derived> session) : session_(std::move(session)) {}
    bool push(std::shared_ptr<const std::string> framed) override {
      auto self = session_.lock();
      if (!self) return false;
      net::post(self->stream().get_executor(),
                [self, data = std::move(framed)]() mutable { self->stream_enqueue(std::move(data)); });
      return true;
    }
    void end() override {
      auto self = session_.lock();
      if (!self) return;
      // A null entry in the queue is the end: the last chunk, then close.
      net::post(self->stream().get_executor(), [self] { self->stream_enqueue(nullptr); });
    }

   private:
    std::weak_ptr<Derived> session_;
  };

  void start_stream(Response r) {
    sse_res_.emplace();
    sse_res_->version(11);
    sse_res_->result(static_cast<unsigned>(r.status));
    sse_res_->set(http::field::server, "tailor-edge");
    sse_res_->set(http::field::content_type, r.content_type);
    for (auto& [name, value] : r.headers) sse_res_->insert(name, value);
    if (!r.request_id.empty()) sse_res_->insert("X-Request-Id", r.request_id);
    sse_res_->chunked(true);
    sse_sr_.emplace(*sse_res_);
    on_stream_ = std::move(r.on_stream);
    if (r.body && !r.body->empty()) sse_queue_.push_back(r.body);
    sse_writing_ = true;
    lowest().expires_after(seconds(app_.options().write_timeout_s));
    http::async_write_header(derived().stream(), *sse_sr_,
                             beast::bind_front_handler(&HttpSession::on_stream_header,
                                                       derived().shared_from_this()));
  }

  void on_stream_header(beast::error_code ec, std::size_t) {
    app_.in_flight.fetch_sub(1);
    sse_writing_ = false;
    if (ec) return derived().do_close();
    lowest().expires_never();
    // The session owns its sink; subscribers hold it weakly, so it dies with the connection.
    sink_ = std::make_shared<Sink>(derived().weak_from_this());
    on_stream_(sink_);
    on_stream_ = nullptr;
    // Any read completing (EOF, reset, or data a stream client should not send) ends it.
    scratch_.resize(1024);
    lowest().async_read_some(net::buffer(scratch_),
                             beast::bind_front_handler(&HttpSession::on_stream_closed,
                                                       derived().shared_from_this()));
    heartbeat_.emplace(derived().stream().get_executor());
    schedule_heartbeat();
    stream_flush();
  }

  void on_stream_closed(beast::error_code, std::size_t) {
    sse_closed_ = true;
    sink_.reset();
    if (heartbeat_) heartbeat_->cancel();
    derived().do_close();
  }

  void schedule_heartbeat() {
    heartbeat_->expires_after(seconds(kHeartbeatSeconds));
    heartbeat_->async_wait([self = derived().shared_from_this()](beast::error_code ec) {
      if (ec || self->sse_closed_) return;
      self->stream_enqueue(std::make_shared<const std::string>(": keep-alive\n\n"));
      self->schedule_heartbeat();
    });
  }

  void stream_enqueue(std::shared_ptr<const std::string> data) {
    if (sse_closed_) return;
    sse_queue_.push_back(std::move(data));
    stream_flush();
  }

  void stream_flush() {
    if (sse_writing_ || sse_queue_.empty() || sse_closed_) return;
    sse_writing_ = true;
    auto data = sse_queue_.front();
    sse_queue_.pop_front();
    lowest().expires_after(seconds(app_.options().write_timeout_s));
    if (data == nullptr) {
      sse_closed_ = true;
      net::async_write(derived().stream(), http::make_chunk_last(),
                       [self = derived().shared_from_this()](beast::error_code, std::size_t) {
                         self->sink_.reset();
                         if (self->heartbeat_) self->heartbeat_->cancel();
                         self->derived().do_close();
                       });
      return;
    }
    net::async_write(derived().stream(), http::make_chunk(net::buffer(*data)),
                     [self = derived().shared_from_this(), data](beast::error_code ec,
                                                                 std::size_t) {
                       self->sse_writing_ = false;
                       if (ec) return self->on_stream_closed(ec, 0);
                       self->lowest().expires_never();
                       self->stream_flush();
                     });
  }

  std::optional<http::response<http::empty_body>> sse_res_;
  std::optional<http::response_serializer<http::empty_body>> sse_sr_;
  std::function<void(std::shared_ptr<StreamSink>)> on_stream_;
  std::shared_ptr<Sink> sink_;
  std::deque<std::shared_ptr<const std::string>> sse_queue_;
  std::optional<net::steady_timer> heartbeat_;
  bool sse_writing_ = false;
  bool sse_closed_ = false;

  App& app_;
  ConnectionSlot slot_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string out_head_;
  std::shared_ptr<const std::string> out_body_;
  size_t body_limit_ = 0;
  bool keep_alive_ = true;
  bool head_ = false;
  bool linger_ = false;
  bool responded_ = false;
  std::string scratch_;
  std::string remote_;  // see remote()
};

class PlainSession : public HttpSession<PlainSession>,
                     public std::enable_shared_from_this<PlainSession> {
 public:
  PlainSession(App& app, Socket&& socket)
      : HttpSession(app, beast::flat_buffer()), stream_(std::move(socket)) {}
  void run() {
    // send_now's sendfile(2) must never block an I/O thread.
    beast::error_code ec;
    stream_.socket().native_non_blocking(true, ec);
    if (ec) return do_close();
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&PlainSession::do_read, shared_from_this()));
  }
  Stream& stream() { return stream_; }

  // Sends what the socket takes now, without waiting: the head and body in one sendmsg(2), or
  // with a body file the head (MSG_MORE, so it leaves with the body) and then sendfile(2).
  // Returns the bytes sent (possibly 0), or -1 when the connection is broken.
  long send_now(const std::string& head, const std::string* body, int body_fd) {
    const int s = stream_.socket().native_handle();
    const int flags = MSG_DONTWAIT | MSG_NOSIGNAL;
    auto broken = [] { return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR; };
    if (body && body_fd >= 0 && !body->empty()) {
      ssize_t n = ::send(s, head.data(), head.size(), flags | MSG_MORE);
      if (n < 0) return broken() ? -1 : 0;
      if (static_cast<size_t>(n) < head.size()) return n;
      off_t offset = 0;
      while (static_cast<size_t>(offset) < body->size()) {
        ssize_t m = ::sendfile(s, body_fd, &offset, body->size() - static_cast<size_t>(offset));
        if (m > 0) continue;
        if (m < 0 && errno == EINTR) continue;
        if (m < 0 && broken()) return -1;
        break;
      }
      return static_cast<long>(head.size()) + offset;
    }
    iovec iov[2] = {{const_cast<char*>(head.data()), head.size()},
                    {body ? const_cast<char*>(body->data()) : nullptr, body ? body->size() : 0}};
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = body && !body->empty() ? 2 : 1;
    ssize_t n = ::sendmsg(s, &msg, flags);
    if (n < 0) return broken() ? -1 : 0;
    return n;
  }
  void do_eof() {
    beast::error_code ec;
    stream_.socket().shutdown(Socket::shutdown_send, ec);
  }
  void do_close() {
    beast::error_code ec;
    stream_.socket().close(ec);
  }

 private:
  friend class HttpSession<PlainSession>;
  Stream stream_;
};

class TlsSession : public HttpSession<TlsSession>,
                   public std::enable_shared_from_this<TlsSession> {
 public:
  TlsSession(App& app, Socket&& socket, ssl::context& ctx)
      : HttpSession(app, beast::flat_buffer()), stream_(std::move(socket), ctx) {}
  void run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&TlsSession::on_run, shared_from_this()));
  }
  beast::ssl_stream<Stream>& stream() { return stream_; }
  // Everything goes through TLS records: nothing is sent before the asynchronous write.
  long send_now(const std::string&, const std::string*, int) { return 0; }
  void do_eof() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    stream_.async_shutdown(beast::bind_front_handler(&TlsSession::on_shutdown, shared_from_this()));
  }
  void do_close() {
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().close(ec);
  }

 private:
  void on_run() {
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::seconds(app_.options().header_timeout_s));
    stream_.async_handshake(ssl::stream_base::server,
                            beast::bind_front_handler(&TlsSession::on_handshake, shared_from_this()));
  }
  void on_handshake(beast::error_code ec) {
    if (ec) return do_close();
    do_read();
  }
  void on_shutdown(beast::error_code) { do_close(); }

  friend class HttpSession<TlsSession>;
  beast::ssl_stream<Stream> stream_;
};

}  // namespace tailor::edge
