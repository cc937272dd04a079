// /admin/v1/configs...: list, history, publish, rollback; /admin/v1/users/{userId}: delete a
// user's events. Bearer tokens compared in constant time; everything that touches the store
// runs on the worker pool.
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <map>

#include "core/json/js.h"
#include "core/json/parse.h"
#include "edge/app.h"

namespace tailor::edge {
namespace {

using json::quoted;

// Compares digests, so neither the token's length nor its content leaks through timing; every
// configured token is compared.
bool token_allowed(const std::vector<std::string>& tokens, std::string_view presented) {
  unsigned char p[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(presented.data()), presented.size(), p);
  bool ok = false;
  for (const std::string& t : tokens) {
    unsigned char d[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(t.data()), t.size(), d);
    ok |= CRYPTO_memcmp(p, d, sizeof d) == 0;
  }
  return ok;
}

std::string version_json(const ConfigVersion& v) {
  return "{\"version\":" + std::to_string(v.version) + ",\"publishedAt\":" +
         quoted(v.published_at) + ",\"sha256\":" + quoted(v.sha256_hex) +
         ",\"active\":" + (v.active ? "true" : "false") + "}";
}

std::string published_json(const PublishedConfig& p) {
  return "{\"sdkKey\":" + quoted(p.sdk_key) + ",\"version\":" + std::to_string(p.version) +
         ",\"etag\":" + quoted(p.etag) + ",\"sha256\":" + quoted(p.sha256_hex) +
         ",\"publishedAt\":" + quoted(p.published_at) + "}";
}

void list(App& app, const std::string& sdk_key, Done done) {
  auto history = app.store().config_history(sdk_key);
  if (!history) return done(problem(503, "store-unavailable", history.error()));
  if (!sdk_key.empty() && history->empty()) {
    return done(problem(404, "unknown-sdk-key", "SDK key \"" + sdk_key + "\" has no versions"));
  }
  std::map<std::string, std::vector<const ConfigVersion*>> by_key;
  for (const ConfigVersion& v : history.value()) by_key[v.sdk_key].push_back(&v);
  std::string out = "{\"sdkKeys\":[";
  bool first = true;
  for (const auto& [key, versions] : by_key) {
    if (!first) out += ',';
    first = false;
    int64_t active = 0;
    std::string list;
    for (const ConfigVersion* v : versions) {
      if (v->active) active = v->version;
      list += (list.empty() ? "" : ",") + version_json(*v);
    }
    out += "{\"sdkKey\":" + quoted(key) + ",\"activeVersion\":" + std::to_string(active) +
           ",\"versions\":[" + list + "]}";
  }
  Response r = json_response(200, out + "]}");
  r.add_header("Cache-Control", "no-store");
  done(std::move(r));
}

void rollback(App& app, const std::string& sdk_key, const json::Value& body, Done done) {
  const json::Value* v = body.is_object() ? body.find("version") : nullptr;
  if (!v || !v->is_number() || v->as_number() < 1 || v->as_number() > 9e15 ||
      v->as_number() != static_cast<double>(static_cast<int64_t>(v->as_number()))) {
    return done(problem(400, "invalid-request",
                        "the body must be {\"version\": N}, N a stored version number >= 1"));
  }
  auto guard = app.lock_config_writes();
  auto stored = app.store().activate_config(sdk_key, static_cast<int64_t>(v->as_number()));
  if (!stored) {
    bool missing = stored.status().code() == StatusCode::kNotFound;
    return done(problem(stored.status(), missing ? "unknown-version" : "store-unavailable"));
  }
  auto parsed = json::parse(stored->body);
  if (!parsed) return done(problem(500, "corrupt-config", parsed.error()));
  auto published = make_published(sdk_key, stored->version, stored->published_at,
                                  std::move(stored.value().body), std::move(parsed.value()));
  if (!published) return done(problem(published.status(), "internal"));
  app.configs().put(published.value());
  done(json_response(200, published_json(*published.value())));
}

}  // namespace

bool admin_token_valid(const EdgeOptions& options, std::string_view authorization) {
  if (options.admin_tokens.empty() || authorization.size() < 7 ||
      !(authorization.substr(0, 7) == "Bearer " || authorization.substr(0, 7) == "bearer ")) {
    return false;
  }
  return token_allowed(options.admin_tokens, authorization.substr(7));
}

bool authorise_admin(App& app, const Request& req, Response& error) {
  if (app.options().admin_tokens.empty()) {
    error = problem(403, "admin-disabled",
                    "admin routes are disabled: start tailor-edge with --admin-token");
    return false;
  }
  std::string_view auth = req.header("authorization");
  if (auth.size() < 7 || !(auth.substr(0, 7) == "Bearer " || auth.substr(0, 7) == "bearer ")) {
    error = problem(401, "unauthorized",
                    "admin routes need an \"Authorization: Bearer <token>\" header");
    error.add_header("WWW-Authenticate", "Bearer realm=\"tailor-admin\"");
    return false;
  }
  if (!token_allowed(app.options().admin_tokens, auth.substr(7))) {
    error = problem(403, "forbidden", "the bearer token is not an admin token of this edge");
    return false;
  }
  return true;
}

void handle_admin(App& app, const Request& req, RouteId id, const std::string& sdk_key,
                  Done done) {
  Response error;
  if (!authorise_admin(app, req, error)) return done(std::move(error));
  if (id == RouteId::kAdminList || id == RouteId::kAdminHistory) {
    return app.workers().submit([&app, sdk_key, done] { list(app, sdk_key, done); });
  }
  json::Value body;
  if (!read_json_body(req, body, error)) return done(std::move(error));
  if (id == RouteId::kAdminRollback) {
    auto shared = std::make_shared<json::Value>(std::move(body));
    return app.workers().submit(
        [&app, sdk_key, shared, done] { rollback(app, sdk_key, *shared, done); });
  }
  app.workers().submit([&app, sdk_key, text = req.body, done]() mutable {
    Response error;
    auto published = app.publish(sdk_key, std::move(text), error);
    if (!published) return done(std::move(error));
    Response r = json_response(201, published_json(*published));
    r.add_header("Location", "/v1/config/" + sdk_key);
    done(std::move(r));
  });
}

void handle_delete_user(App& app, const Request& req, const RouteMatch& match, Done done) {
  Response error;
  if (!authorise_admin(app, req, error)) return done(std::move(error));
  const std::string& user = match.param;
  std::string wrong = match.param_malformed ? "has a malformed percent escape"
                      : user.empty()        ? "is empty"
                      : user.size() > events::kMaxUserBytes
                          ? "is " + std::to_string(user.size()) + " bytes long"
                          : "";
  if (!wrong.empty()) {
    return done(problem(400, "invalid-parameter",
                        "path parameter \"userId\" " + wrong +
                            "; expected an event \"user\" id of 1 to " +
                            std::to_string(events::kMaxUserBytes) + " bytes, percent-encoded",
                        "\"parameter\":\"userId\""));
  }
  app.workers().submit([&app, user, done] {
    auto deleted = app.store().delete_user(user);
    if (!deleted) return done(problem(503, "store-unavailable", deleted.error()));
    Response r = json_response(200, "{\"userId\":" + quoted(user) +
                                        ",\"deletedEvents\":" + std::to_string(*deleted) + "}");
    r.add_header("Cache-Control", "no-store");
    done(std::move(r));
  });
}

}  // namespace tailor::edge
