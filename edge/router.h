// The router: a pure function from (method, path) to a route and its path parameters.
//
// No I/O and no state: the session asks, the App dispatches. Unknown paths give
// RouteId::kNotFound; a known path with a method it does not serve gives
// RouteId::kMethodNotAllowed with `allow` listing the methods that would be valid.
// HEAD is served wherever GET is. Paths under /v1, /admin and /ofrep never fall through to
// static files; every other GET path is RouteId::kStatic.
#pragma once

#include <string>
#include <string_view>

namespace tailor::edge {

enum class RouteId {
  kHealthz,
  kReadyz,
  kMetrics,
  kConfig,           // GET  /v1/config/{sdkKey}
  kConfigStream,     // GET  /v1/config/{sdkKey}/stream
  kDecide,           // POST /v1/decide
  kEvents,           // POST /v1/events
  kSummary,          // GET  /v1/experiments/{key}/summary
  kResults,          // GET  /v1/experiments/{key}/results
  kAdminList,        // GET  /admin/v1/configs
  kAdminHistory,     // GET  /admin/v1/configs/{sdkKey}
  kAdminPublish,     // POST /admin/v1/configs/{sdkKey}
  kAdminRollback,    // POST /admin/v1/configs/{sdkKey}/rollback
  kAdminDeleteUser,  // DELETE /admin/v1/users/{userId}
  kCampaignList,      // GET  /admin/v1/campaigns
  kCampaignCreate,    // POST /admin/v1/campaigns
  kCampaign,          // GET  /admin/v1/campaigns/{id}
  kCampaignProgress,  // GET  /admin/v1/campaigns/{id}/progress (SSE)
  kCampaignFiles,     // GET  /admin/v1/campaigns/{id}/files
  kCampaignFile,      // GET  /admin/v1/campaigns/{id}/files/{name...}
  kCampaignReview,    // POST /admin/v1/campaigns/{id}/reviews
  kCampaignApprove,   // POST /admin/v1/campaigns/{id}/approve
  kCampaignSimulate,  // POST /admin/v1/campaigns/{id}/simulate
  kScreen,            // POST /admin/v1/screen
  kAutomationList,    // GET  /admin/v1/automation
  kAutomationAudit,   // GET  /admin/v1/automation/audit
  kAutomation,        // GET  /admin/v1/automation/{sdkKey}/{experiment}
  kAutomationAction,  // POST /admin/v1/automation/{sdkKey}/{experiment}/{action}
  kOfrepFlag,        // POST /ofrep/v1/evaluate/flags/{key}
  kOfrepBulk,        // POST /ofrep/v1/evaluate/flags
  kStatic,           // GET  anything else
  kNotFound,
  kMethodNotAllowed,
  kUnrouted,  // answered by the session before routing: 400 malformed HTTP, 413, 431
  kCount
};

// The label used in metrics ("config", "events", ...).
std::string_view route_name(RouteId id);

struct RouteMatch {
  RouteId id = RouteId::kNotFound;
  std::string param;  // {sdkKey}, {key}, {userId} or {id}, percent-decoded; "" when none
  std::string file;   // kCampaignFile: the file name, its segments decoded and joined by '/';
                      // kAutomation, kAutomationAction: the experiment key
  std::string action;  // kAutomationAction: pause, resume, advance or rollback (as sent)
  std::string allow;  // for kMethodNotAllowed: "GET, HEAD" etc.
  // kAdminDeleteUser only: {userId} had a malformed percent escape (param is then ""). A user
  // id may be empty here ("/admin/v1/users/") and may hold '/' (as %2F): the handler answers
  // 400 naming the field rather than 404, since any string is a valid event "user".
  bool param_malformed = false;
};

RouteMatch route(std::string_view method, std::string_view path);

}  // namespace tailor::edge
