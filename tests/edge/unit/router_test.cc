// edge/router.h: every route, its method rules (405 with Allow), percent-encoded segments and
// unknown paths. Expected values from the route table in docs/edge-api.md.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "edge/router.h"

using tailor::edge::route;
using tailor::edge::route_name;
using tailor::edge::RouteId;
using tailor::edge::RouteMatch;

namespace {

void check_route(const char* method, const char* path, RouteId id, const std::string& param = "") {
  INFO(method << " " << path);
  RouteMatch m = route(method, path);
  CHECK(m.id == id);
  CHECK(m.param == param);
  CHECK(m.allow.empty());
  CHECK_FALSE(m.param_malformed);
}

void check_405(const char* method, const char* path, const std::string& allow) {
  INFO(method << " " << path);
  RouteMatch m = route(method, path);
  CHECK(m.id == RouteId::kMethodNotAllowed);
  CHECK(m.allow == allow);
}

void check_404(const char* method, const char* path) {
  INFO(method << " " << path);
  RouteMatch m = route(method, path);
  CHECK(m.id == RouteId::kNotFound);
  CHECK(m.param.empty());
  CHECK(m.allow.empty());
}

}  // namespace

TEST_CASE("every route of the API is matched with its parameter", "[edge][router]") {
  check_route("GET", "/healthz", RouteId::kHealthz);
  check_route("GET", "/readyz", RouteId::kReadyz);
  check_route("GET", "/metrics", RouteId::kMetrics);
  check_route("GET", "/v1/config/demo", RouteId::kConfig, "demo");
  check_route("GET", "/v1/config/demo/stream", RouteId::kConfigStream, "demo");
  check_route("POST", "/v1/decide", RouteId::kDecide);
  check_route("POST", "/v1/events", RouteId::kEvents);
  check_route("GET", "/v1/experiments/hero/summary", RouteId::kSummary, "hero");
  check_route("GET", "/v1/experiments/hero/results", RouteId::kResults, "hero");
  check_route("GET", "/admin/v1/configs", RouteId::kAdminList);
  check_route("GET", "/admin/v1/configs/demo", RouteId::kAdminHistory, "demo");
  check_route("POST", "/admin/v1/configs/demo", RouteId::kAdminPublish, "demo");
  check_route("POST", "/admin/v1/configs/demo/rollback", RouteId::kAdminRollback, "demo");
  check_route("DELETE", "/admin/v1/users/u-1", RouteId::kAdminDeleteUser, "u-1");
  check_route("GET", "/admin/v1/campaigns", RouteId::kCampaignList);
  check_route("POST", "/admin/v1/campaigns", RouteId::kCampaignCreate);
  check_route("GET", "/admin/v1/campaigns/cmp-1", RouteId::kCampaign, "cmp-1");
  check_route("GET", "/admin/v1/campaigns/cmp-1/progress", RouteId::kCampaignProgress, "cmp-1");
  check_route("GET", "/admin/v1/campaigns/cmp-1/files", RouteId::kCampaignFiles, "cmp-1");
  check_route("POST", "/admin/v1/campaigns/cmp-1/reviews", RouteId::kCampaignReview, "cmp-1");
  check_route("POST", "/admin/v1/campaigns/cmp-1/approve", RouteId::kCampaignApprove, "cmp-1");
  check_route("POST", "/admin/v1/campaigns/cmp-1/simulate", RouteId::kCampaignSimulate, "cmp-1");
  check_route("POST", "/ofrep/v1/evaluate/flags", RouteId::kOfrepBulk);
  check_route("POST", "/ofrep/v1/evaluate/flags/new-checkout", RouteId::kOfrepFlag, "new-checkout");
}

TEST_CASE("screen route: POST /admin/v1/screen only", "[edge][router]") {
  check_route("POST", "/admin/v1/screen", RouteId::kScreen);
  RouteMatch m = route("GET", "/admin/v1/screen");
  CHECK(m.id == RouteId::kMethodNotAllowed);
  CHECK(m.allow == "POST");
  CHECK(route("POST", "/admin/v1/screen/x").id == RouteId::kNotFound);
  CHECK(route_name(RouteId::kScreen) == "screen");
  CHECK(route_name(RouteId::kAutomationList) == "automation_list");
}

TEST_CASE("automation routes: list, audit, one experiment, operator actions", "[edge][router]") {
  check_route("GET", "/admin/v1/automation", RouteId::kAutomationList);
  check_route("GET", "/admin/v1/automation/audit", RouteId::kAutomationAudit);
  RouteMatch m = route("GET", "/admin/v1/automation/shop/new%20checkout");
  CHECK(m.id == RouteId::kAutomation);
  CHECK(m.param == "shop");
  CHECK(m.file == "new checkout");
  m = route("POST", "/admin/v1/automation/shop/exp/rollback");
  CHECK(m.id == RouteId::kAutomationAction);
  CHECK(m.file == "exp");
  CHECK(m.action == "rollback");
  CHECK(route("GET", "/admin/v1/automation/shop/exp/rollback").id == RouteId::kMethodNotAllowed);
  CHECK(route("POST", "/admin/v1/automation/shop/exp").id == RouteId::kMethodNotAllowed);
  CHECK(route("GET", "/admin/v1/automation/shop").id == RouteId::kNotFound);
  CHECK(route_name(RouteId::kAutomationAction) == "automation_action");
}

TEST_CASE("a campaign file's name is the rest of the path, decoded", "[edge][router]") {
  RouteMatch m = route("GET", "/admin/v1/campaigns/cmp-1/files/in/content/c%201.md");
  CHECK(m.id == RouteId::kCampaignFile);
  CHECK(m.param == "cmp-1");
  CHECK(m.file == "in/content/c 1.md");
  CHECK(route("GET", "/admin/v1/campaigns/cmp-1/files/out/../in/spec.json").id ==
        RouteId::kNotFound);
  CHECK(route("GET", "/admin/v1/campaigns/cmp-1/files/out/a%2Fb").id == RouteId::kNotFound);
  RouteMatch wrong = route("PUT", "/admin/v1/campaigns");
  CHECK(wrong.id == RouteId::kMethodNotAllowed);
  CHECK(wrong.allow == "GET, HEAD, POST");
  CHECK(route("GET", "/admin/v1/campaigns/cmp-1/approve").allow == "POST");
}

TEST_CASE("HEAD is served wherever GET is", "[edge][router]") {
  check_route("HEAD", "/healthz", RouteId::kHealthz);
  check_route("HEAD", "/v1/config/demo", RouteId::kConfig, "demo");
  check_route("HEAD", "/admin/v1/configs/demo", RouteId::kAdminHistory, "demo");
  check_route("HEAD", "/index.html", RouteId::kStatic);
  check_405("HEAD", "/v1/decide", "POST");
}

TEST_CASE("a known path with another method is 405 with the methods that would do",
          "[edge][router]") {
  check_405("POST", "/healthz", "GET, HEAD");
  check_405("DELETE", "/readyz", "GET, HEAD");
  check_405("PUT", "/metrics", "GET, HEAD");
  check_405("POST", "/v1/config/demo", "GET, HEAD");
  check_405("GET", "/v1/decide", "POST");
  check_405("GET", "/v1/events", "POST");
  check_405("POST", "/v1/experiments/hero/results", "GET, HEAD");
  check_405("POST", "/admin/v1/configs", "GET, HEAD");
  check_405("DELETE", "/admin/v1/configs/demo", "GET, HEAD, POST");
  check_405("GET", "/admin/v1/configs/demo/rollback", "POST");
  check_405("GET", "/admin/v1/users/u-1", "DELETE");
  check_405("GET", "/ofrep/v1/evaluate/flags/x", "POST");
  check_405("POST", "/", "GET, HEAD");
  check_405("OPTIONS", "/web/index.html", "GET, HEAD");
}

TEST_CASE("path parameters are percent-decoded; '+' stays itself", "[edge][router]") {
  check_route("GET", "/v1/config/de%2Dmo", RouteId::kConfig, "de-mo");
  check_route("GET", "/v1/config/a+b", RouteId::kConfig, "a+b");
  check_route("GET", "/v1/config/a%20b", RouteId::kConfig, "a b");
  check_route("GET", "/v1/experiments/caf%C3%A9/summary", RouteId::kSummary, "caf\xC3\xA9");
  check_route("POST", "/admin/v1/configs/%25/rollback", RouteId::kAdminRollback, "%");
  check_route("POST", "/ofrep/v1/evaluate/flags/%7Eflag", RouteId::kOfrepFlag, "~flag");
}

TEST_CASE("a key segment that is malformed, empty or holds '/' matches nothing", "[edge][router]") {
  check_404("GET", "/v1/config/%zz");
  check_404("GET", "/v1/config/abc%");
  check_404("GET", "/v1/config/%4");
  check_404("GET", "/v1/config/a%2Fb");  // a key never holds '/'
  check_404("GET", "/v1/config/a%2fb/stream");
  check_404("GET", "/v1/config/");
  check_404("GET", "/v1/config//stream");
  check_404("POST", "/admin/v1/configs/%/rollback");
}

TEST_CASE("a user id may be empty or hold '/', and a malformed one is flagged", "[edge][router]") {
  check_route("DELETE", "/admin/v1/users/a%2Fb", RouteId::kAdminDeleteUser, "a/b");
  check_route("DELETE", "/admin/v1/users/", RouteId::kAdminDeleteUser, "");
  check_route("DELETE", "/admin/v1/users/a+b", RouteId::kAdminDeleteUser, "a+b");
  RouteMatch m = route("DELETE", "/admin/v1/users/bad%zz");
  CHECK(m.id == RouteId::kAdminDeleteUser);
  CHECK(m.param_malformed);
  CHECK(m.param.empty());
  m = route("GET", "/admin/v1/users/bad%zz");
  CHECK(m.id == RouteId::kMethodNotAllowed);
  CHECK(m.allow == "DELETE");
}

TEST_CASE("unknown API paths are 404; other GET paths are static files", "[edge][router]") {
  check_404("GET", "/v1");
  check_404("GET", "/v1/");
  check_404("GET", "/admin");
  check_404("GET", "/ofrep");
  check_404("GET", "/v1/nope");
  check_404("POST", "/v1/decide/");  // a trailing '/' is an empty segment
  check_404("POST", "/v1//events");
  check_404("GET", "/v1/experiments/hero");
  check_404("GET", "/v1/experiments/hero/other");
  check_404("GET", "/admin/v1/configs/demo/rollback/again");
  check_404("GET", "/admin/v2/configs");
  check_404("POST", "/ofrep/v1/evaluate/flags/a/b");
  check_404("GET", "/v1/a/b/c/d/e/f/g/h/i");  // more segments than any route
  check_route("GET", "/", RouteId::kStatic);
  check_route("GET", "/index.html", RouteId::kStatic);
  check_route("GET", "/sdk/dist/tailor-sdk.mjs", RouteId::kStatic);
  check_route("GET", "/v1x", RouteId::kStatic);  // not under /v1/
  check_route("GET", "/healthz/", RouteId::kStatic);
}

TEST_CASE("route names are the metric labels docs/edge-api.md lists", "[edge][router]") {
  // "Route labels: `healthz readyz ...`" in the docs, in RouteId order.
  std::ifstream doc(TAILOR_SOURCE_DIR "/docs/edge-api.md");
  REQUIRE(doc);
  std::stringstream text;
  text << doc.rdbuf();
  const std::string all = text.str();
  const std::string marker = "Route labels: `";
  size_t begin = all.find(marker);
  REQUIRE(begin != std::string::npos);
  begin += marker.size();
  std::istringstream labels(all.substr(begin, all.find('`', begin) - begin));
  std::vector<std::string> documented;
  for (std::string label; labels >> label;) documented.push_back(label);
  REQUIRE(documented.size() == static_cast<size_t>(RouteId::kCount));
  for (size_t i = 0; i < documented.size(); ++i) {
    CHECK(route_name(static_cast<RouteId>(i)) == documented[i]);
  }
}
