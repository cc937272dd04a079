#include "edge/router.h"

#include <array>

#include "core/text/percent.h"

namespace tailor::edge {
namespace {

constexpr std::array<std::string_view, static_cast<size_t>(RouteId::kCount)> kNames = {
    "healthz",
    "readyz",
    "metrics",
    "config",
    "config_stream",
    "decide",
    "events",
    "summary",
    "results",
    "admin_list",
    "admin_history",
    "admin_publish",
    "admin_rollback",
    "admin_delete_user",
    "campaign_list",
    "campaign_create",
    "campaign",
    "campaign_progress",
    "campaign_files",
    "campaign_file",
    "campaign_review",
    "campaign_approve",
    "campaign_simulate",
    "screen",
    "automation_list",
    "automation_audit",
    "automation",
    "automation_action",
    "ofrep_flag",
    "ofrep_bulk",
    "static",
    "not_found",
    "method_not_allowed",
    "unrouted"};

// Percent-decodes one path segment naming a key ('+' is itself in a path); false when an
// escape is malformed or the key would be empty or hold a '/'.
bool decode_segment(std::string_view s, std::string& out) {
  auto decoded = text::percent_decode_strict(s, text::PlusSign::kLiteral);
  if (!decoded || decoded->empty() || decoded->find('/') != std::string::npos) return false;
  out = std::move(*decoded);
  return true;
}

RouteMatch with_method(std::string_view method, RouteId id, std::string_view want,
                       std::string param = {}) {
  RouteMatch m;
  bool ok = method == want || (want == "GET" && method == "HEAD");
  m.id = ok ? id : RouteId::kMethodNotAllowed;
  m.param = std::move(param);
  if (!ok) m.allow = want == "GET" ? "GET, HEAD" : std::string(want);
  return m;
}

// DELETE /admin/v1/users/{userId}, `raw` the segment as sent ("" for "/admin/v1/users/").
RouteMatch delete_user_route(std::string_view method, std::string_view raw) {
  auto user = text::percent_decode_strict(raw, text::PlusSign::kLiteral);
  RouteMatch m =
      with_method(method, RouteId::kAdminDeleteUser, "DELETE", user ? std::move(*user) : "");
  m.param_malformed = !user;
  return m;
}

// Splits "/a/b/c" into segments; false when a segment is empty (e.g. "//" or a trailing '/').
bool split(std::string_view path, std::array<std::string_view, 8>& seg, size_t& n) {
  n = 0;
  if (path.empty() || path[0] != '/') return false;
  path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    std::string_view s = path.substr(0, slash);
    if (s.empty() || n == seg.size()) return false;
    seg[n++] = s;
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

// /admin/v1/campaigns[/{id}[/progress|files[/{name...}]|reviews|approve|simulate]].
RouteMatch campaign_route(std::string_view method, const std::array<std::string_view, 8>& seg,
                          size_t n) {
  if (n == 3) {
    if (method == "POST") return with_method(method, RouteId::kCampaignCreate, "POST");
    RouteMatch m = with_method(method, RouteId::kCampaignList, "GET");
    if (m.id == RouteId::kMethodNotAllowed) m.allow = "GET, HEAD, POST";
    return m;
  }
  std::string id;
  if (!decode_segment(seg[3], id)) return {};
  if (n == 4) return with_method(method, RouteId::kCampaign, "GET", id);
  if (n == 5 && seg[4] == "progress") return with_method(method, RouteId::kCampaignProgress, "GET", id);
  if (n == 5 && seg[4] == "files") return with_method(method, RouteId::kCampaignFiles, "GET", id);
  if (n == 5 && seg[4] == "reviews") return with_method(method, RouteId::kCampaignReview, "POST", id);
  if (n == 5 && seg[4] == "approve") return with_method(method, RouteId::kCampaignApprove, "POST", id);
  if (n == 5 && seg[4] == "simulate") return with_method(method, RouteId::kCampaignSimulate, "POST", id);
  if (n >= 6 && seg[4] == "files") {
    std::string file, part;
    for (size_t i = 5; i < n; ++i) {
      if (!decode_segment(seg[i], part) || part == "." || part == "..") return {};
      file += (file.empty() ? "" : "/") + part;
    }
    RouteMatch m = with_method(method, RouteId::kCampaignFile, "GET", id);
    m.file = std::move(file);
    return m;
  }
  return {};
}

}  // namespace

std::string_view route_name(RouteId id) { return kNames[static_cast<size_t>(id)]; }

RouteMatch route(std::string_view method, std::string_view path) {
  if (path == "/healthz") return with_method(method, RouteId::kHealthz, "GET");
  if (path == "/readyz") return with_method(method, RouteId::kReadyz, "GET");
  if (path == "/metrics") return with_method(method, RouteId::kMetrics, "GET");

  if (path == "/admin/v1/users/") return delete_user_route(method, "");

  bool api = path.starts_with("/v1/") || path.starts_with("/admin/") ||
             path.starts_with("/ofrep/") || path == "/v1" || path == "/admin" || path == "/ofrep";
  if (!api) return with_method(method, RouteId::kStatic, "GET");

  std::array<std::string_view, 8> seg;
  size_t n = 0;
  RouteMatch not_found;
  if (!split(path, seg, n)) return not_found;
  std::string p;
  if (seg[0] == "v1") {
    if (n == 2 && seg[1] == "decide") return with_method(method, RouteId::kDecide, "POST");
    if (n == 2 && seg[1] == "events") return with_method(method, RouteId::kEvents, "POST");
    if (n == 3 && seg[1] == "config" && decode_segment(seg[2], p))
      return with_method(method, RouteId::kConfig, "GET", p);
    if (n == 4 && seg[1] == "config" && seg[3] == "stream" && decode_segment(seg[2], p))
      return with_method(method, RouteId::kConfigStream, "GET", p);
    if (n == 4 && seg[1] == "experiments" && seg[3] == "summary" && decode_segment(seg[2], p))
      return with_method(method, RouteId::kSummary, "GET", p);
    if (n == 4 && seg[1] == "experiments" && seg[3] == "results" && decode_segment(seg[2], p))
      return with_method(method, RouteId::kResults, "GET", p);
  } else if (seg[0] == "admin" && n >= 3 && seg[1] == "v1" && seg[2] == "configs") {
    if (n == 3) return with_method(method, RouteId::kAdminList, "GET");
    if (n == 4 && decode_segment(seg[3], p)) {
      if (method == "POST") return with_method(method, RouteId::kAdminPublish, "POST", p);
      RouteMatch m = with_method(method, RouteId::kAdminHistory, "GET", p);
      if (m.id == RouteId::kMethodNotAllowed) m.allow = "GET, HEAD, POST";
      return m;
    }
    if (n == 5 && seg[4] == "rollback" && decode_segment(seg[3], p))
      return with_method(method, RouteId::kAdminRollback, "POST", p);
  } else if (seg[0] == "admin" && n >= 3 && seg[1] == "v1" && seg[2] == "campaigns") {
    return campaign_route(method, seg, n);
  } else if (seg[0] == "admin" && n == 3 && seg[1] == "v1" && seg[2] == "screen") {
    return with_method(method, RouteId::kScreen, "POST");
  } else if (seg[0] == "admin" && n >= 3 && seg[1] == "v1" && seg[2] == "automation") {
    if (n == 3) return with_method(method, RouteId::kAutomationList, "GET");
    if (n == 4 && seg[3] == "audit") return with_method(method, RouteId::kAutomationAudit, "GET");
    std::string experiment;
    if ((n == 5 || n == 6) && decode_segment(seg[3], p) && decode_segment(seg[4], experiment)) {
      RouteMatch m = n == 5 ? with_method(method, RouteId::kAutomation, "GET", p)
                            : with_method(method, RouteId::kAutomationAction, "POST", p);
      m.file = std::move(experiment);
      if (n == 6) m.action = std::string(seg[5]);
      return m;
    }
  } else if (seg[0] == "admin" && n == 4 && seg[1] == "v1" && seg[2] == "users") {
    return delete_user_route(method, seg[3]);
  } else if (seg[0] == "ofrep" && n >= 4 && seg[1] == "v1" && seg[2] == "evaluate" &&
             seg[3] == "flags") {
    if (n == 4) return with_method(method, RouteId::kOfrepBulk, "POST");
    if (n == 5 && decode_segment(seg[4], p))
      return with_method(method, RouteId::kOfrepFlag, "POST", p);
  }
  return not_found;
}

}  // namespace tailor::edge
