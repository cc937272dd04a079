#include "edge/cors.h"

namespace tailor::edge {
namespace {

constexpr std::string_view kAllowHeaders = "Content-Type, If-None-Match, Last-Event-ID";
constexpr std::string_view kExposeHeaders = "ETag, X-Tailor-Config-Version, X-Request-Id";
constexpr std::string_view kMaxAge = "600";

}  // namespace

bool cors_path(std::string_view path) {
  return path.starts_with("/v1/") || path.starts_with("/ofrep/");
}

bool is_preflight(const Request& req) {
  return req.method == "OPTIONS" && !req.header("origin").empty() &&
         !req.header("access-control-request-method").empty();
}

Response preflight(const Request& req) {
  std::string origin(req.header("origin"));
  std::string method(req.header("access-control-request-method"));
  RouteMatch m = route(method, req.path);
  if (!cors_path(req.path) || m.id == RouteId::kNotFound) {
    return problem(
        404, "not-found",
        "no cross-origin route for " + method + " " + req.path + " (see docs/edge-api.md)");
  }
  if (m.id == RouteId::kMethodNotAllowed) {
    Response r = problem(405, "method-not-allowed",
                         method + " is not allowed on " + req.path + "; allowed: " + m.allow);
    r.add_header("Allow", m.allow);
    return r;
  }
  Response r;
  r.status = 204;
  r.add_header("Access-Control-Allow-Origin", origin);
  r.add_header("Access-Control-Allow-Credentials", "true");
  bool get = method == "GET" || method == "HEAD";
  r.add_header("Access-Control-Allow-Methods", get ? "GET, HEAD" : method);
  r.add_header("Access-Control-Allow-Headers", std::string(kAllowHeaders));
  r.add_header("Access-Control-Max-Age", std::string(kMaxAge));
  r.add_header("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  return r;
}

void add_cors_headers(Response& r, const std::string& origin) {
  if (origin.empty()) return;
  r.add_header("Access-Control-Allow-Origin", origin);
  r.add_header("Access-Control-Allow-Credentials", "true");
  r.add_header("Access-Control-Expose-Headers", std::string(kExposeHeaders));
  r.add_header("Vary", "Origin");
}

}  // namespace tailor::edge
