// The listener and run_server (see server.h). The only translation unit that includes Beast.
#include "edge/server.h"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <iostream>
#include <thread>
#include <vector>

#include "edge/http_session.h"

namespace tailor::edge {
namespace {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, App& app, ssl::context* tls)
      : ioc_(ioc), app_(app), tls_(tls), acceptor_(net::make_strand(ioc)) {}

  // "" or what failed.
  std::string open(const tcp::endpoint& endpoint) {
    beast::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return "cannot listen on " + endpoint.address().to_string() + ":" +
                   std::to_string(endpoint.port()) + ": " + ec.message();
    return {};
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }

  void run() { do_accept(); }
  void stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void do_accept() {
    acceptor_.async_accept(net::make_strand(ioc_.get_executor()),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void on_accept(beast::error_code ec, Socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      if (static_cast<unsigned>(app_.open_connections.load()) >= app_.options().max_connections) {
        app_.metrics().add_connection_rejected();
        socket.close(ec);
      } else {
        socket.set_option(tcp::no_delay(true), ec);
        if (tls_) {
          std::make_shared<TlsSession>(app_, std::move(socket), *tls_)->run();
        } else {
          std::make_shared<PlainSession>(app_, std::move(socket))->run();
        }
      }
    }
    do_accept();
  }

  net::io_context& ioc_;
  App& app_;
  ssl::context* tls_;
  tcp::acceptor acceptor_;
};

// After a signal: poll until nothing is in flight or the drain deadline passes.
void drain(net::io_context& ioc, std::shared_ptr<net::steady_timer> timer, App& app,
           std::chrono::steady_clock::time_point deadline) {
  if (app.in_flight.load() == 0 || std::chrono::steady_clock::now() >= deadline) {
    ioc.stop();
    return;
  }
  timer->expires_after(std::chrono::milliseconds(20));
  timer->async_wait([&ioc, timer, &app, deadline](beast::error_code) {
    drain(ioc, timer, app, deadline);
  });
}

constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

}  // namespace

int run_server(App& app) {
  const EdgeOptions& o = app.options();
  unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  net::io_context ioc(static_cast<int>(threads));

  std::optional<ssl::context> tls;
  if (!o.tls_cert.empty()) {
    tls.emplace(ssl::context::tls_server);
    tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                     ssl::context::single_dh_use);
    // TLS 1.2 only with forward-secret AEAD suites (Mozilla's "intermediate" list without
    // DHE); TLS 1.3's suites are all AEAD and stay OpenSSL's defaults. Compression and
    // renegotiation stay off (OpenSSL 3 defaults).
    SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
    if (SSL_CTX_set_cipher_list(tls->native_handle(), kTls12Ciphers) != 1) {
      std::cerr << "tailor-edge: OpenSSL offers none of the TLS 1.2 ciphers " << kTls12Ciphers
                << "\n";
      return 1;
    }
    beast::error_code ec;
    tls->use_certificate_chain_file(o.tls_cert, ec);
    if (ec) {
      std::cerr << "tailor-edge: --tls-cert " << o.tls_cert << ": " << ec.message() << "\n";
      return 1;
    }
    tls->use_private_key_file(o.tls_key, ssl::context::pem, ec);
    if (ec) {
      std::cerr << "tailor-edge: --tls-key " << o.tls_key << ": " << ec.message() << "\n";
      return 1;
    }
  }

  beast::error_code ec;
  auto address = net::ip::make_address(o.host, ec);
  if (ec) {
    std::cerr << "tailor-edge: --listen: \"" << o.host << "\" is not an IP address\n";
    return 1;
  }
  auto listener = std::make_shared<Listener>(ioc, app, tls ? &*tls : nullptr);
  if (auto err = listener->open(tcp::endpoint(address, o.port)); !err.empty()) {
    std::cerr << "tailor-edge: " << err << "\n";
    return 1;
  }
  listener->run();
  std::string host = address.is_v6() ? "[" + o.host + "]" : o.host;
  std::cout << "tailor-edge listening on " << (tls ? "https" : "http") << "://" << host << ":"
            << listener->port() << " (" << threads << " I/O threads, store "
            << app.store().kind() << ")" << std::endl;

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int sig) {
    // Draining before saying so: whoever reads the line may ask /readyz at once.
    app.draining.store(true);
    std::cout << "tailor-edge: signal " << sig << ", draining" << std::endl;
    listener->stop();
    auto timer = std::make_shared<net::steady_timer>(ioc);
    drain(ioc, timer, app,
          std::chrono::steady_clock::now() + std::chrono::seconds(o.drain_timeout_s));
  });

  // SIGHUP: reopen the access log (after logrotate moved it). Without the log, SIGHUP keeps its
  // default action.
  net::signal_set hangups(ioc);
  std::function<void()> wait_hangup = [&] {
    hangups.async_wait([&](beast::error_code ec, int) {
      if (ec) return;
      app.access_log()->reopen();
      wait_hangup();
    });
  };
  if (app.access_log()) {
    hangups.add(SIGHUP);
    wait_hangup();
  }

  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  app.shutdown();
  std::cout << "tailor-edge: stopped; acknowledged events are committed" << std::endl;
  return 0;
}

}  // namespace tailor::edge
