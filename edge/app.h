// The application behind the sockets: routes a Request to its handler and completes it.
//
// handle() is called on an I/O thread. Handlers that only read memory (health, config,
// decide, metrics) answer inline; handlers that block (database, files) run on the worker
// pool or the ingest committer and call `done` from there: the session posts the response
// back to its own strand. App owns the store, the published configs and the queues.
#pragma once

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "core/safety/moderation.h"
#include "edge/access_log.h"
#include "edge/automation.h"
#include "edge/campaigns.h"
#include "edge/config_registry.h"
#include "edge/config_streams.h"
#include "edge/http.h"
#include "edge/ingest.h"
#include "edge/metrics.h"
#include "edge/options.h"
#include "edge/retention.h"
#include "edge/router.h"
#include "edge/store/store.h"
#include "edge/ticker.h"
#include "edge/worker_pool.h"

namespace tailor::edge {

class App {
 public:
  App(EdgeOptions options, std::unique_ptr<Store> store);
  ~App();

  // Loads the active configs from the store, applies --publish and starts the config poller
  // (--config-poll) and the retention timer (--retention-days). "" or what failed.
  std::string start();
  // Serves the store's active version of every SDK key where it differs from the served one
  // (published or rolled back by another edge sharing the store). "" or what failed.
  std::string sync_configs();
  // Held while a config write (publish, rollback, sync) reads or writes the store and swaps
  // the served config, so a sync never puts back a version a concurrent publish replaced.
  std::unique_lock<std::mutex> lock_config_writes() {
    return std::unique_lock<std::mutex>(config_write_mutex_);
  }
  // Routes `request` and completes it through `done` with X-Request-Id (and "requestId" in a
  // problem document, request_id.h), CORS headers, metrics and the access-log line.
  void handle(Request request, Done done);
  // The same stamping and logging for an answer the session gives before routing (431, 413,
  // 400 malformed-http): `partial` holds what the parser got of the head (method, path and
  // headers may be missing or cut; remote when the access log is on). Logged with route "none".
  void complete_unrouted(const Request& partial, Response& r);
  // Stops the timers (a running retention deletion after its current chunk) and the queues
  // after the last request: commits everything acknowledged.
  void shutdown();

  const EdgeOptions& options() const { return options_; }
  Store& store() { return *store_; }
  ConfigRegistry& configs() { return configs_; }
  ConfigStreams& streams() { return streams_; }
  Metrics& metrics() { return metrics_; }
  WorkerPool& workers() { return workers_; }
  IngestQueue& ingest() { return ingest_; }
  // Null until start() opened the campaign store.
  Campaigns* campaigns() { return campaigns_.get(); }
  // The model moderator of --moderation-url, or null (rules only). Made by start().
  const safety::Moderator* moderator() const { return moderator_.get(); }
  // Null until start() opened the automation store.
  Automation* automation() { return automation_.get(); }
  // The body limit for a request with this head: --campaign-max-bytes for an admin's POST
  // /admin/v1/campaigns, --max-body-bytes otherwise.
  size_t body_limit(std::string_view method, std::string_view target,
                    std::string_view authorization) const;
  // The largest body limit of any request.
  size_t max_body_limit() const {
    return std::max<size_t>(options_.max_body_bytes, options_.campaign_max_bytes);
  }
  // Null unless --access-log is set (then open from start() to shutdown()).
  AccessLog* access_log() { return access_log_.get(); }

  // Publishes a validated document (blocking: writes the store). Returns the new version or
  // a problem response in `error`. With `if_version` >= 0 the publish happens only while that
  // version is the served one (409 conflict otherwise): the experiment controller's edits
  // never overwrite a publish made since it read the config.
  std::shared_ptr<const PublishedConfig> publish(const std::string& sdk_key, std::string body,
                                                 Response& error, int64_t if_version = -1);

  std::atomic<bool> draining{false};
  std::atomic<int> open_connections{0};
  std::atomic<int> in_flight{0};  // read and not yet fully written (kept by the session)

 private:
  EdgeOptions options_;
  std::unique_ptr<Store> store_;
  ConfigRegistry configs_;
  ConfigStreams streams_;
  Metrics metrics_;
  WorkerPool workers_;
  IngestQueue ingest_;
  Retention retention_;
  std::mutex config_write_mutex_;
  Ticker poller_;           // --config-poll
  Ticker retention_timer_;  // --retention-interval-s
  std::unique_ptr<AccessLog> access_log_;
  std::unique_ptr<Campaigns> campaigns_;
  std::unique_ptr<Automation> automation_;
  std::unique_ptr<safety::Moderator> moderator_;

  // What the access log needs beyond the response; empty unless the log is on.
  struct AccessFields {
    std::string method, path, remote, user_agent;
  };
  AccessFields access_fields(const Request& req) const;
  // Stamps the request id on `r`, then logs it; `seconds` from request read to now.
  void complete(Response& r, std::string request_id, const AccessFields& access,
                std::string_view route, double seconds);
};

// Handlers, one file per API area (edge/handlers/). Each completes `done` exactly once.
void handle_healthz(App& app, const Request& req, Done done);
void handle_readyz(App& app, const Request& req, Done done);
void handle_metrics(App& app, const Request& req, Done done);
void handle_config(App& app, const Request& req, const std::string& sdk_key, Done done);
void handle_config_stream(App& app, const Request& req, const std::string& sdk_key, Done done);
void handle_decide(App& app, const Request& req, Done done);
void handle_events(App& app, const Request& req, Done done);
void handle_summary(App& app, const Request& req, const std::string& key, Done done);
void handle_results(App& app, const Request& req, const std::string& key, Done done);
void handle_admin(App& app, const Request& req, RouteId id, const std::string& sdk_key,
                  Done done);
void handle_delete_user(App& app, const Request& req, const RouteMatch& match, Done done);
void handle_static(App& app, const Request& req, Done done);
void handle_ofrep(App& app, const Request& req, RouteId id, const std::string& flag_key,
                  Done done);

// Admin routes: true when `req` carries an admin token; else a 401/403 problem in `error`.
bool authorise_admin(App& app, const Request& req, Response& error);
// True when an Authorization header value holds one of the edge's admin tokens.
bool admin_token_valid(const EdgeOptions& options, std::string_view authorization);
void handle_campaigns(App& app, const Request& req, const RouteMatch& match, Done done);
void handle_screen(App& app, const Request& req, Done done);
void handle_automation(App& app, const Request& req, const RouteMatch& match, Done done);

// Parses a JSON request body after checking Content-Type; false with a problem response in
// `error` (415 for another media type, 400 for malformed JSON naming line and column).
bool read_json_body(const Request& req, json::Value& out, Response& error);
// The body parsed as JSON whatever its Content-Type; 400 malformed-json into `error` if not.
bool parse_json_body(const Request& req, json::Value& out, Response& error);

}  // namespace tailor::edge
