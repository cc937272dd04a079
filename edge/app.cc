#include "edge/app.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/config/validate.h"
#include "core/json/parse.h"
#include "edge/cors.h"
#include "edge/request_id.h"
#include "tools/net/moderation_client.h"

namespace tailor::edge {

App::App(EdgeOptions options, std::unique_ptr<Store> store)
    : options_(std::move(options)),
      store_(std::move(store)),
      workers_(options_.workers),
      ingest_(*store_, options_.commit_max_events),
      retention_(*store_, workers_, options_.retention_days) {
  metrics_.add_gauge("tailor_ingest_queue_events", "Events waiting for the group commit.",
                     [this] { return static_cast<double>(ingest_.depth()); });
  metrics_.add_gauge("tailor_worker_queue_tasks", "Blocking tasks waiting for a worker.",
                     [this] { return static_cast<double>(workers_.depth()); });
  metrics_.add_gauge("tailor_open_connections", "Open client connections.",
                     [this] { return static_cast<double>(open_connections.load()); });
  metrics_.add_gauge("tailor_in_flight_requests", "Requests being handled.",
                     [this] { return static_cast<double>(in_flight.load()); });
  metrics_.add_gauge("tailor_config_streams", "Open GET /v1/config/{sdkKey}/stream streams.",
                     [this] { return static_cast<double>(streams_.subscribers()); });
  configs_.on_publish([this](const std::shared_ptr<const PublishedConfig>& c) {
    streams_.publish(*c);
  });
  metrics_.add_gauge("tailor_published_configs", "SDK keys with a published config.",
                     [this] { return static_cast<double>(configs_.snapshot()->size()); });
  metrics_.add_counter("tailor_edge_retention_deleted_events_total",
                       "Events deleted for being older than --retention-days.",
                       [this] { return static_cast<double>(retention_.deleted_total()); });
  metrics_.add_gauge("tailor_edge_retention_last_run_timestamp_seconds",
                     "End of the last complete retention run, Unix time; 0 before the first.",
                     [this] { return retention_.last_run_unix_s(); });
  metrics_.add_counter("tailor_edge_automation_passes_total",
                       "Passes of the experiment controller over every bandit and rollout plan.",
                       [this] { return automation_ ? double(automation_->passes()) : 0.0; });
  metrics_.add_counter("tailor_edge_automation_changes_total",
                       "Changes the experiment controller and operators made (each audited).",
                       [this] { return automation_ ? double(automation_->changes()) : 0.0; });
  metrics_.add_counter("tailor_access_log_lines_total", "Access-log lines written to --access-log.",
                       [this] { return access_log_ ? double(access_log_->written()) : 0.0; });
  metrics_.add_counter("tailor_access_log_dropped_total",
                       "Access-log lines dropped: the writer's queue was full or the write failed.",
                       [this] { return access_log_ ? double(access_log_->dropped()) : 0.0; });
}

App::~App() { shutdown(); }

void App::shutdown() {
  // First: a running campaign job stops before its next stage and releases its lease.
  if (campaigns_) campaigns_->stop();
  if (automation_) automation_->stop();
  retention_.cancel();
  retention_timer_.stop();
  poller_.stop();
  workers_.stop();
  ingest_.stop();
  // Last: the answers of the work stopped above are logged too.
  if (access_log_) access_log_->stop();
}

std::string App::sync_configs() {
  auto guard = lock_config_writes();
  auto active = store_->active_configs();
  if (!active) return active.error();
  for (ConfigVersion& v : active.value()) {
    auto current = configs_.find(v.sdk_key);
    if (current && current->version == v.version && current->sha256_hex == v.sha256_hex) continue;
    const std::string what =
        "stored config \"" + v.sdk_key + "\" v" + std::to_string(v.version) + ": ";
    auto parsed = json::parse(v.body);
    if (!parsed) return what + parsed.error();
    auto published = make_published(v.sdk_key, v.version, v.published_at, std::move(v.body),
                                     std::move(parsed.value()));
    if (!published) return what + published.error();
    configs_.put(std::move(published).value());
  }
  return {};
}

std::shared_ptr<const PublishedConfig> App::publish(const std::string& sdk_key, std::string body,
                                                    Response& error, int64_t if_version) {
  auto parsed = json::parse(body);
  if (!parsed) {
    error = problem(400, "malformed-json", "config for \"" + sdk_key + "\": " + parsed.error());
    return nullptr;
  }
  if (Status valid = config::validate(parsed.value()); !valid.ok()) {
    error = problem(valid.prefixed("config for \"" + sdk_key + "\": "), "invalid-config");
    return nullptr;
  }
  std::string sha = sha256_hex(body);
  auto guard = lock_config_writes();
  if (if_version >= 0) {
    auto current = configs_.find(sdk_key);
    if (!current || current->version != if_version) {
      error = problem(409, "conflict",
                      "config for \"" + sdk_key + "\" is no longer version " +
                          std::to_string(if_version));
      return nullptr;
    }
  }
  auto stored = store_->publish_config(sdk_key, body, sha, now_rfc3339());
  if (!stored) {
    error = problem(stored.status(), "store-unavailable");
    return nullptr;
  }
  auto published = make_published(sdk_key, stored->version, stored->published_at,
                                   std::move(body), std::move(parsed.value()));
  if (!published) {
    error = problem(published.status(), "internal");
    return nullptr;
  }
  configs_.put(published.value());
  return published.value();
}

std::string App::start() {
  if (!options_.access_log.empty() && !access_log_) {
    std::string error;
    access_log_ = AccessLog::open(options_.access_log, options_.access_log_queue_bytes, error);
    if (!access_log_) return error;
  }
  if (!options_.moderation_url.empty() && !moderator_) {
    net::ModerationOptions mo;
    mo.url = options_.moderation_url;
    mo.model = options_.moderation_model;
    mo.timeout = std::chrono::milliseconds(options_.moderation_timeout_ms);
    auto client = net::moderation_client_from_flags(std::move(mo), options_.moderation_key_env);
    if (!client.ok()) return client.error();
    moderator_ = std::move(*client);
  }
  if (std::string e = sync_configs(); !e.empty()) return e;
  if (!campaigns_) {
    auto campaign_store = open_campaign_store(options_.store);
    if (!campaign_store.ok()) return campaign_store.error();
    CampaignLimits limits;
    limits.max_upload_bytes = options_.campaign_max_bytes;
    limits.max_rows = options_.campaign_max_rows;
    limits.job_timeout_s = options_.campaign_job_timeout_s;
    campaigns_ = std::make_unique<Campaigns>(*this, std::move(*campaign_store), limits);
  }
  for (const auto& [key, file] : options_.publish) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return "--publish " + key + "=" + file + ": cannot read the file";
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string body = ss.str();
    if (auto current = configs_.find(key); current && current->sha256_hex == sha256_hex(body)) {
      continue;
    }
    Response error;
    if (!publish(key, std::move(body), error)) {
      return "--publish " + key + "=" + file + ": " + std::string(error.body_view());
    }
  }
  if (options_.config_poll_s > 0) {
    // A failing store is reported by the requests that need it; polling retries.
    poller_.start(std::chrono::seconds(options_.config_poll_s), false, [this] { sync_configs(); });
  }
  if (options_.retention_days > 0) {
    retention_timer_.start(std::chrono::seconds(options_.retention_interval_s), true,
                           [this] { retention_.schedule(); });
  }
  if (!automation_) {
    auto automation_store = open_automation_store(options_.store);
    if (!automation_store.ok()) return automation_store.error();
    automation_ = std::make_unique<Automation>(*this, std::move(*automation_store));
  }
  campaigns_->start();
  automation_->start();
  return {};
}

size_t App::body_limit(std::string_view method, std::string_view target,
                       std::string_view authorization) const {
  const std::string_view path = target.substr(0, target.find('?'));
  if (method == "POST" && path == "/admin/v1/campaigns" &&
      admin_token_valid(options_, authorization)) {
    return options_.campaign_max_bytes;
  }
  return options_.max_body_bytes;
}

void App::complete(Response& r, std::string request_id, const AccessFields& access,
                   std::string_view route, double seconds) {
  std::string_view id = stamp_request_id(r, std::move(request_id));
  if (!access_log_) return;
  // What the session sends: no body for HEAD, 1xx, 204 and 304.
  const bool bodiless =
      access.method == "HEAD" || r.status < 200 || r.status == 204 || r.status == 304;
  access_log_->write({.time = std::chrono::system_clock::now(),
                      .remote = access.remote,
                      .method = access.method,
                      .path = access.path,
                      .route = route,
                      .request_id = id,
                      .user_agent = access.user_agent,
                      .status = r.status,
                      .bytes = bodiless ? 0 : r.body_view().size(),
                      .seconds = seconds});
}

App::AccessFields App::access_fields(const Request& req) const {
  if (!access_log_) return {};
  return {req.method, req.path, req.remote, std::string(req.header("user-agent").substr(0, 256))};
}

void App::complete_unrouted(const Request& partial, Response& r) {
  metrics_.record_request(RouteId::kUnrouted, r.status, 0);
  complete(r, request_id_for(partial.header("x-request-id")), access_fields(partial),
           route_name(RouteId::kUnrouted), 0);
}

bool read_json_body(const Request& req, json::Value& out, Response& error) {
  std::string_view ct = req.header("content-type");
  if (!is_json_content_type(ct)) {
    error = problem(415, "unsupported-media-type",
                    "Content-Type is \"" + std::string(ct) +
                        "\", expected application/json");
    error.add_header("Accept-Post", "application/json");
    return false;
  }
  return parse_json_body(req, out, error);
}

bool parse_json_body(const Request& req, json::Value& out, Response& error) {
  auto parsed = json::parse(req.body);
  if (!parsed) {
    error = problem(400, "malformed-json", "request body is not valid JSON: " + parsed.error());
    return false;
  }
  out = std::move(parsed.value());
  return true;
}

void App::handle(Request req, Done done) {
  RouteMatch m = route(req.method, req.path);
  auto start = std::chrono::steady_clock::now();
  bool cors = cors_path(req.path);
  std::string origin = cors && !is_preflight(req) ? std::string(req.header("origin")) : "";
  Done finish = [this, id = m.id, start, origin, access = access_fields(req),
                 request_id = request_id_for(req.header("x-request-id")),
                 done = std::move(done)](Response r) mutable {
    add_cors_headers(r, origin);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics_.record_request(id, r.status, s);
    complete(r, std::move(request_id), access, route_name(id), s);
    done(std::move(r));
  };
  if (cors && is_preflight(req)) return finish(preflight(req));
  switch (m.id) {
    case RouteId::kHealthz: return handle_healthz(*this, req, std::move(finish));
    case RouteId::kReadyz: return handle_readyz(*this, req, std::move(finish));
    case RouteId::kMetrics: return handle_metrics(*this, req, std::move(finish));
    case RouteId::kConfig: return handle_config(*this, req, m.param, std::move(finish));
    case RouteId::kDecide: return handle_decide(*this, req, std::move(finish));
    case RouteId::kEvents: return handle_events(*this, req, std::move(finish));
    case RouteId::kSummary: return handle_summary(*this, req, m.param, std::move(finish));
    case RouteId::kResults: return handle_results(*this, req, m.param, std::move(finish));
    case RouteId::kAdminList:
    case RouteId::kAdminHistory:
    case RouteId::kAdminPublish:
    case RouteId::kAdminRollback:
      return handle_admin(*this, req, m.id, m.param, std::move(finish));
    case RouteId::kAdminDeleteUser:
      return handle_delete_user(*this, req, m, std::move(finish));
    case RouteId::kCampaignList:
    case RouteId::kCampaignCreate:
    case RouteId::kCampaign:
    case RouteId::kCampaignProgress:
    case RouteId::kCampaignFiles:
    case RouteId::kCampaignFile:
    case RouteId::kCampaignReview:
    case RouteId::kCampaignApprove:
    case RouteId::kCampaignSimulate:
      return handle_campaigns(*this, req, m, std::move(finish));
    case RouteId::kScreen: return handle_screen(*this, req, std::move(finish));
    case RouteId::kAutomationList:
    case RouteId::kAutomation:
    case RouteId::kAutomationAction:
    case RouteId::kAutomationAudit:
      return handle_automation(*this, req, m, std::move(finish));
    case RouteId::kOfrepFlag:
    case RouteId::kOfrepBulk:
      return handle_ofrep(*this, req, m.id, m.param, std::move(finish));
    case RouteId::kStatic: return handle_static(*this, req, std::move(finish));
    case RouteId::kMethodNotAllowed: {
      Response r = problem(405, "method-not-allowed",
                           req.method + " is not allowed on " + req.path + "; allowed: " + m.allow);
      r.add_header("Allow", m.allow);
      return finish(std::move(r));
    }
    case RouteId::kConfigStream:
      return handle_config_stream(*this, req, m.param, std::move(finish));
    case RouteId::kNotFound:
    case RouteId::kUnrouted:
    case RouteId::kCount:
      break;
  }
  finish(problem(404, "not-found", "no route for " + req.method + " " + req.path +
                                       " (see docs/edge-api.md)"));
}

}  // namespace tailor::edge
