// The client side of tools/bench/sse-fanout and the edge-sse-fanout test: holds N config
// streams (GET /v1/config/{key}/stream) open on one edge over loopback, then publishes a new
// version through the admin route and times, per stream, from just before the publish request
// is written to the moment the new version's "id:" line arrives. Meanwhile another thread GETs
// /v1/config/{key} on its own keep-alive connection, so "config GETs still served" is measured
// under the same load. One thread with epoll holds every stream; nothing here is Beast.
//   tailor_sse_fanout HOST PORT SDK_KEY STREAMS ADMIN_TOKEN CONFIG_FILE
// Prints one JSON object: streams, connect_s, delivered, delivery p50/p99/max (ms), the GETs
// during the hold and during the delivery (count, p50, p99, max ms, failures). Exit 1 when a
// stream fails or does not get the new version within 30 s.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "tailor_sse_fanout: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(1);
}

int connect_to(const std::string& host, int port, bool blocking) {
  int fd = ::socket(AF_INET, SOCK_STREAM | (blocking ? 0 : SOCK_NONBLOCK), 0);
  if (fd < 0) die("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) die("address " + host);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    die("connect");
  }
  return fd;
}

void write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      std::this_thread::sleep_for(std::chrono::microseconds(100));
      continue;
    }
    if (n <= 0) die("write");
    done += static_cast<size_t>(n);
  }
}

// One request on a blocking keep-alive connection; returns the status (0 when the connection
// broke). Reads the head and a Content-Length body.
int request(int fd, const std::string& req) {
  write_all(fd, req);
  std::string in;
  char buf[65536];
  size_t head_end = std::string::npos;
  size_t need = 0;
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return 0;
    in.append(buf, static_cast<size_t>(n));
    if (head_end == std::string::npos) {
      head_end = in.find("\r\n\r\n");
      if (head_end == std::string::npos) continue;
      std::string lower = in.substr(0, head_end);
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      size_t cl = lower.find("content-length:");
      need = head_end + 4 + (cl == std::string::npos ? 0 : std::strtoul(lower.c_str() + cl + 15, nullptr, 10));
    }
    if (in.size() >= need) return std::atoi(in.c_str() + 9);
  }
}

struct Latencies {
  std::vector<double> ms;
  int failures = 0;
  std::string json() {
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
    std::ostringstream out;
    out << "{\"count\": " << ms.size() << ", \"p50_ms\": " << at(0.5) << ", \"p99_ms\": " << at(0.99)
        << ", \"max_ms\": " << (ms.empty() ? 0.0 : ms.back()) << ", \"failures\": " << failures << "}";
    return out.str();
  }
};

// GETs the config on one connection until `stop`.
void get_loop(const std::string& host, int port, const std::string& key, std::atomic<bool>& stop,
              Latencies& out) {
  int fd = connect_to(host, port, true);
  std::string req = "GET /v1/config/" + key + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
  while (!stop.load()) {
    auto t0 = Clock::now();
    int status = request(fd, req);
    out.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (status != 200) {
      ++out.failures;
      ::close(fd);
      fd = connect_to(host, port, true);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::close(fd);
}

struct Stream {
  int fd = -1;
  std::string tail;  // the last bytes read, to find a marker split across reads
  bool started = false;
  bool delivered = false;
  double delivery_ms = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: tailor_sse_fanout HOST PORT SDK_KEY STREAMS ADMIN_TOKEN CONFIG_FILE\n");
    return 2;
  }
  const std::string host = argv[1];
  const int port = std::atoi(argv[2]);
  const std::string key = argv[3];
  const int n = std::atoi(argv[4]);
  const std::string token = argv[5];
  std::ifstream file(argv[6], std::ios::binary);
  const std::string config((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (config.empty()) die(std::string("reading ") + argv[6]);

  rlimit lim{};
  ::getrlimit(RLIMIT_NOFILE, &lim);
  lim.rlim_cur = lim.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &lim);
  if (lim.rlim_cur < static_cast<rlim_t>(n) + 64) {
    errno = EMFILE;
    die("open-file limit " + std::to_string(lim.rlim_cur) + " is below " + std::to_string(n + 64));
  }

  int ep = ::epoll_create1(0);
  std::vector<Stream> streams(static_cast<size_t>(n));
  const std::string get_stream = "GET /v1/config/" + key + "/stream HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
  auto connect_start = Clock::now();
  // Connect in waves so the listen backlog never overflows.
  int opened = 0;
  int started = 0;
  char buf[65536];
  std::string first_version;
  auto read_ready = [&](int max_wait_ms, auto on_data) {
    epoll_event events[1024];
    int k = ::epoll_wait(ep, events, 1024, max_wait_ms);
    for (int i = 0; i < k; ++i) {
      Stream& s = streams[events[i].data.u32];
      while (true) {
        ssize_t got = ::read(s.fd, buf, sizeof buf);
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) break;
        if (got <= 0) {
          std::fprintf(stderr, "tailor_sse_fanout: stream %u closed by the edge\n", events[i].data.u32);
          std::exit(1);
        }
        s.tail.append(buf, static_cast<size_t>(got));
        on_data(s);
        if (s.tail.size() > 64) s.tail.erase(0, s.tail.size() - 64);
      }
    }
  };
  auto on_start = [&](Stream& s) {
    if (s.started) return;
    size_t at = s.tail.find("id: ");
    if (at == std::string::npos) return;
    size_t nl = s.tail.find('\n', at);
    if (nl == std::string::npos) return;
    if (first_version.empty()) first_version = s.tail.substr(at + 4, nl - at - 4);
    s.started = true;
    ++started;
  };
  while (started < n) {
    while (opened < n && opened - started < 256) {
      Stream& s = streams[static_cast<size_t>(opened)];
      s.fd = connect_to(host, port, false);
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLOUT | EPOLLET;
      ev.data.u32 = static_cast<uint32_t>(opened);
      ::epoll_ctl(ep, EPOLL_CTL_ADD, s.fd, &ev);
      ++opened;
    }
    epoll_event events[1024];
    int k = ::epoll_wait(ep, events, 1024, 1000);
    for (int i = 0; i < k; ++i) {
      Stream& s = streams[events[i].data.u32];
      if ((events[i].events & EPOLLOUT) && s.tail.empty() && !s.started) {
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
          errno = err;
          die("connecting stream " + std::to_string(events[i].data.u32));
        }
        if (s.tail.empty()) {
          write_all(s.fd, get_stream);
          s.tail = " ";  // request sent
        }
      }
      while (events[i].events & EPOLLIN) {
        ssize_t got = ::read(s.fd, buf, sizeof buf);
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) break;
        if (got <= 0) {
          std::fprintf(stderr, "tailor_sse_fanout: stream %u closed while opening\n", events[i].data.u32);
          return 1;
        }
        s.tail.append(buf, static_cast<size_t>(got));
        on_start(s);
        if (s.tail.size() > 64) s.tail.erase(0, s.tail.size() - 64);
      }
    }
    if (std::chrono::duration<double>(Clock::now() - connect_start).count() > 120) {
      std::fprintf(stderr, "tailor_sse_fanout: only %d of %d streams open after 120 s\n", started, n);
      return 1;
    }
  }
  double connect_s = std::chrono::duration<double>(Clock::now() - connect_start).count();
  // Streams only wait for input from here on.
  for (size_t i = 0; i < streams.size(); ++i) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u32 = static_cast<uint32_t>(i);
    ::epoll_ctl(ep, EPOLL_CTL_MOD, streams[i].fd, &ev);
  }
  std::printf("{\"streams\": %d, \"connect_s\": %.2f, \"version\": %s", n, connect_s,
              first_version.c_str());
  std::fflush(stdout);
  // Signal to the caller that every stream is open (it samples the edge's memory now).
  std::fprintf(stderr, "open\n");
  std::fflush(stderr);

  // The hold: GETs while every stream is idle, 2 s.
  Latencies hold_gets;
  {
    std::atomic<bool> stop{false};
    std::thread t(get_loop, host, port, key, std::ref(stop), std::ref(hold_gets));
    auto until = Clock::now() + std::chrono::seconds(2);
    while (Clock::now() < until) read_ready(100, [](Stream&) {});
    stop = true;
    t.join();
  }

  // The publish, timed from just before its request is written.
  const std::string marker = "id: " + std::to_string(std::atoll(first_version.c_str()) + 1) + "\n";
  Latencies publish_gets;
  std::atomic<bool> stop{false};
  std::thread getter(get_loop, host, port, key, std::ref(stop), std::ref(publish_gets));
  int admin = connect_to(host, port, true);
  std::string post = "POST /admin/v1/configs/" + key + " HTTP/1.1\r\nHost: " + host +
                     "\r\nAuthorization: Bearer " + token +
                     "\r\nContent-Type: application/json\r\nContent-Length: " +
                     std::to_string(config.size()) + "\r\n\r\n" + config;
  auto t0 = Clock::now();
  int delivered = 0;
  std::thread publisher([&] {
    int status = request(admin, post);
    if (status != 201) {
      std::fprintf(stderr, "tailor_sse_fanout: publish answered %d\n", status);
      std::exit(1);
    }
  });
  while (delivered < n && Clock::now() - t0 < std::chrono::seconds(30)) {
    read_ready(100, [&](Stream& s) {
      if (!s.delivered && s.tail.find(marker) != std::string::npos) {
        s.delivered = true;
        s.delivery_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        ++delivered;
      }
    });
  }
  publisher.join();
  stop = true;
  getter.join();
  Latencies delivery;
  for (const Stream& s : streams) {
    if (s.delivered) delivery.ms.push_back(s.delivery_ms);
  }
  std::printf(", \"delivered\": %d, \"delivery\": %s, \"gets_idle_streams\": %s, \"gets_during_delivery\": %s}\n",
              delivered, delivery.json().c_str(), hold_gets.json().c_str(), publish_gets.json().c_str());
  for (const Stream& s : streams) ::close(s.fd);
  ::close(admin);
  return delivered == n ? 0 : 1;
}
