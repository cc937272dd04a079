// Raw bytes as they arrive on an edge connection -> Beast's request parser with the edge's
// default limits (8 KiB head, 1 MiB body; edge/options.h), split into path and query as the
// session does (edge/http_session.h copy_head), then the router. Properties: never crashes;
// routing is a pure function (same request, same match); a 405 always lists what is allowed.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "edge/router.h"
#include "tests/fuzz/fuzz_input.h"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  std::string_view bytes = fuzz::as_text(data, size);
  http::request_parser<http::string_body> parser;
  parser.header_limit(8192);
  parser.body_limit(1 << 20);
  parser.eager(true);
  boost::beast::error_code ec;
  // Fed in two pieces, as two network reads would deliver it; the parser keeps what it has
  // not consumed for the next put().
  size_t cut = bytes.empty() ? 0 : static_cast<unsigned char>(bytes[0]) % (bytes.size() + 1);
  std::string pending;
  for (std::string_view piece : {bytes.substr(0, cut), bytes.substr(cut)}) {
    pending.append(piece);
    while (!pending.empty() && !parser.is_done()) {
      size_t n = parser.put(boost::asio::buffer(pending.data(), pending.size()), ec);
      pending.erase(0, n);
      if (ec == http::error::need_more) {
        ec = {};
        break;
      }
      if (ec) return 0;
      if (n == 0) break;
    }
  }
  if (!parser.is_header_done()) return 0;
  const auto& msg = parser.get();
  std::string method(msg.method_string());
  std::string target(msg.target());
  std::string path = target.substr(0, target.find('?'));
  edge::RouteMatch first = edge::route(method, path);
  edge::RouteMatch second = edge::route(method, path);
  if (first.id != second.id || first.param != second.param || first.file != second.file ||
      first.allow != second.allow) {
    fuzz::fail("route() is not a pure function", path, method);
  }
  if (first.id == edge::RouteId::kMethodNotAllowed && first.allow.empty()) {
    fuzz::fail("405 without an Allow list", path, method);
  }
  (void)edge::route_name(first.id);
  return 0;
}
