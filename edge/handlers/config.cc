// GET /v1/config/{sdkKey} and POST /v1/decide: served from the published snapshot in memory,
// inline on the I/O thread (no locks, no I/O).
#include "core/json/js.h"
#include "edge/app.h"

namespace tailor::edge {
namespace {

// True when Accept-Encoding lists gzip (or *) with a non-zero q.
bool accepts_gzip(std::string_view header) {
  while (!header.empty()) {
    std::string_view item = take_list_item(header, ',');
    auto semi = item.find(';');
    std::string_view coding = trim_ows(item.substr(0, semi));
    if (coding != "gzip" && coding != "*" && coding != "x-gzip") continue;
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      auto q = params.find("q=");
      if (q != std::string_view::npos) {
        std::string_view num = params.substr(q + 2);
        if (num.starts_with("0") && num.find_first_not_of("0. ") == std::string_view::npos)
          continue;
      }
    }
    return true;
  }
  return false;
}

// If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored.
bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    std::string_view tag = trim_ows(take_list_item(header, ','));
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

Response unknown_key(const std::string& sdk_key) {
  return problem(404, "unknown-sdk-key", "no config is published for SDK key \"" + sdk_key + "\"",
                 "\"sdkKey\":" + json::quoted(sdk_key));
}

}  // namespace

void handle_config(App& app, const Request& req, const std::string& sdk_key, Done done) {
  auto config = app.configs().find(sdk_key);
  if (!config) return done(unknown_key(sdk_key));
  bool gz = accepts_gzip(req.header("accept-encoding"));
  const std::string& etag = gz ? config->gzip_etag : config->etag;
  Response r;
  r.add_header("ETag", etag);
  r.add_header("Cache-Control", "public, max-age=" + std::to_string(app.options().cache_max_age_s));
  r.add_header("Vary", "Accept-Encoding");
  r.add_header("X-Tailor-Config-Version", std::to_string(config->version));
  if (std::string_view inm = req.header("if-none-match"); !inm.empty() && etag_matches(inm, etag)) {
    r.status = 304;
    return done(std::move(r));
  }
  r.content_type = "application/json";
  if (gz) {
    r.add_header("Content-Encoding", "gzip");
    r.body = config->gzip_bytes;
    r.body_fd = config->gzip_fd;
  } else {
    r.body = config->bytes;
    r.body_fd = config->bytes_fd;
  }
  done(std::move(r));
}

void handle_config_stream(App& app, const Request& req, const std::string& sdk_key, Done done) {
  auto config = app.configs().find(sdk_key);
  if (!config) return done(unknown_key(sdk_key));
  Response r;
  r.content_type = "text/event-stream";
  r.add_header("Cache-Control", "no-cache");
  r.add_header("X-Accel-Buffering", "no");
  // A reconnecting EventSource sends the last version it saw: skip it when still current.
  bool current = req.header("last-event-id") == std::to_string(config->version);
  r.body = std::make_shared<const std::string>(
      "retry: 3000\n\n" + (current ? std::string() : config_event(*config)));
  int64_t sent = config->version;
  r.on_stream = [&app, sdk_key, sent](std::shared_ptr<StreamSink> sink) {
    app.streams().subscribe(sdk_key, std::move(sink), sent, app.configs());
  };
  done(std::move(r));
}

void handle_decide(App& app, const Request& req, Done done) {
  json::Value body;
  Response error;
  if (!read_json_body(req, body, error)) return done(std::move(error));
  if (!body.is_object()) {
    return done(problem(400, "invalid-request",
                        "the body must be an object {\"sdkKey\", \"attributes\", "
                        "\"stickyBucketAssignmentDocs\"?, \"explain\"?}"));
  }
  const json::Value* key = body.find("sdkKey");
  if (!key || !key->is_string()) {
    return done(problem(400, "invalid-request", "field \"sdkKey\" must be a string"));
  }
  const json::Value* attributes = body.find("attributes");
  json::Value empty = json::Value::empty_object();
  if (attributes && !attributes->is_object()) {
    return done(problem(400, "invalid-request", "field \"attributes\" must be an object"));
  }
  const json::Value* sticky = body.find("stickyBucketAssignmentDocs");
  if (sticky && !sticky->is_object() && !sticky->is_null()) {
    return done(problem(400, "invalid-request",
                        "field \"stickyBucketAssignmentDocs\" must be an object or null"));
  }
  const json::Value* explain = body.find("explain");
  if (explain && !explain->is_bool()) {
    return done(problem(400, "invalid-request", "field \"explain\" must be true or false"));
  }
  auto config = app.configs().find(key->as_string());
  if (!config) return done(unknown_key(key->as_string()));
  const json::Value& user = attributes ? *attributes : empty;
  const json::Value docs = sticky ? *sticky : nullptr;
  // The rule trace comes from the interpreter (the compiled config has none): slower, opt-in.
  Response r = json_response(
      200, explain && explain->as_bool()
               ? json::stringify(decide_with(*config->prepared, user, docs, {.explain = true}))
               : decide_text(*config->prepared, user, docs));
  r.add_header("Cache-Control", "no-store");
  r.add_header("X-Tailor-Config-Version", std::to_string(config->version));
  done(std::move(r));
}

}  // namespace tailor::edge
