// The browser SDK's wasm boundary (web/sdk/index.js is its only caller): handles in, UTF-8
// bytes in, UTF-8 JSON out, status codes instead of exceptions. No decision logic lives here;
// this file only keeps the core's objects resident between calls so that the config is parsed
// and compiled once per config and the attributes parsed once per setAttributes.
//
// Calling convention: the caller writes input bytes at tailor_input(n) (valid until the next
// call that takes input) and passes their length; answers are written to one output buffer,
// read at tailor_output() for the returned length (valid until the next call). A negative
// return means failure, with the message at tailor_output() for -return bytes.
#include <emscripten/emscripten.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/assign/compiled.h"
#include "core/assign/decide.h"
#include "core/assign/redirect.h"
#include "core/config/encrypted.h"
#include "core/config/validate.h"
#include "core/exposure/event_log.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "core/segment/segments.h"

namespace {

using tailor::json::Value;

struct Client {
  std::unique_ptr<tailor::assign::CompiledConfig> config;
  Value attributes = Value::empty_object();
  tailor::assign::BoundUser user;
  Value sticky;  // null: sticky bucketing off
  tailor::exposure::EventLog events;
};

std::vector<std::unique_ptr<Client>> clients;  // handle h is clients[h - 1]
std::string input;
std::string output;
std::vector<int> compact_answers;  // tailor_decide_compact's per-feature answers
std::vector<double> compact_buckets;

Client* get(int handle) {
  if (handle < 1 || static_cast<size_t>(handle) > clients.size()) return nullptr;
  return clients[static_cast<size_t>(handle) - 1].get();
}

int ok() { return static_cast<int>(output.size()); }

int fail(std::string message) {
  output = std::move(message);
  return -static_cast<int>(output.size());
}

// Parses the input bytes; writes the error (naming `what`) and returns false on bad JSON.
bool parse_input(size_t length, const char* what, Value& out) {
  auto parsed = tailor::json::parse(std::string_view(input.data(), length));
  if (!parsed.ok()) {
    fail(std::string(what) + " is not valid JSON: " + parsed.error());
    return false;
  }
  out = std::move(parsed).value();
  return true;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE char* tailor_input(size_t length) {
  if (input.size() < length + 1) input.resize(length + 1);
  return input.data();
}

EMSCRIPTEN_KEEPALIVE const char* tailor_output() { return output.data(); }

EMSCRIPTEN_KEEPALIVE int tailor_client_new() {
  clients.push_back(std::make_unique<Client>());
  Client& c = *clients.back();
  c.config = std::make_unique<tailor::assign::CompiledConfig>(Value::empty_object());
  c.user = c.config->bind(c.attributes);
  return static_cast<int>(clients.size());
}

EMSCRIPTEN_KEEPALIVE void tailor_client_free(int handle) {
  if (get(handle)) clients[static_cast<size_t>(handle) - 1].reset();
}

// Config JSON (a GrowthBook-compatible payload, docs/sdk.md) -> compiled, resident.
EMSCRIPTEN_KEEPALIVE int tailor_set_config(int handle, size_t length) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  Value config;
  if (!parse_input(length, "config", config)) return -static_cast<int>(output.size());
  // Encrypted members (GrowthBook's encryptedFeatures, ...) are decrypted by the page's
  // WebCrypto before the config comes here (web/sdk/src/decrypt.js): GrowthBook's own decrypt,
  // asynchronous, and no AES in the download.
  if (tailor::config::has_encrypted_members(config)) {
    return fail("config: has encrypted members (encryptedFeatures, ...): give createClient() "
                "the decryptionKey, and load such a config with createClient(), refresh() or "
                "subscribe(), which decrypt it (setConfig() cannot: decryption is asynchronous)");
  }
  // THE validation (core/config): what the edge publishes, every SDK accepts.
  if (auto valid = tailor::config::validate(config); !valid.ok()) {
    return fail("config: " + valid.message());
  }
  auto settings = tailor::exposure::settings_from_config(config);
  if (!settings.ok()) return fail("config: " + settings.error());
  c->events.set_settings(std::move(settings).value());
  c->config = std::make_unique<tailor::assign::CompiledConfig>(std::move(config));
  c->user = c->config->bind(c->attributes);
  output.clear();
  return ok();
}

EMSCRIPTEN_KEEPALIVE int tailor_set_attributes(int handle, size_t length) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  Value attributes;
  if (!parse_input(length, "attributes", attributes)) return -static_cast<int>(output.size());
  if (!attributes.is_object()) return fail("attributes must be a JSON object");
  c->attributes = std::move(attributes);
  c->user = c->config->bind(c->attributes);
  output.clear();
  return ok();
}

// Sticky-bucket documents (an object turns sticky bucketing on; null turns it off).
EMSCRIPTEN_KEEPALIVE int tailor_set_sticky(int handle, size_t length) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  Value docs;
  if (!parse_input(length, "sticky bucket documents", docs)) {
    return -static_cast<int>(output.size());
  }
  if (!docs.is_object() && !docs.is_null())
    return fail("sticky documents must be an object or null");
  c->sticky = std::move(docs);
  output.clear();
  return ok();
}

// decide(): every feature and experiment (core/assign/decide.h), as JSON text.
EMSCRIPTEN_KEEPALIVE int tailor_decide_all(int handle) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  output.clear();
  c->config->decide_json(c->user, c->sticky, output);
  return ok();
}

// One feature's decision with its rule trace (assign::explain_feature), for the feature key in
// the input bytes. Interpreted, not compiled: for previews, not for every page view. The sticky
// documents are read, not updated.
EMSCRIPTEN_KEEPALIVE int tailor_explain(int handle, size_t length) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  output = tailor::json::stringify(tailor::assign::explain_feature(
      c->config->config(), c->attributes, c->sticky, std::string_view(input.data(), length)));
  return ok();
}

// The user's segments ({key: value}, core/segment/segments.h) under the current config.
EMSCRIPTEN_KEEPALIVE int tailor_segments(int handle) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  const Value* segments =
      c->config->config().find("segments") ? c->user.attributes->find("segments") : nullptr;
  output = segments ? tailor::json::stringify(*segments) : "{}";
  return ok();
}

// URL-redirect experiments (assign::run_url_redirects) for the page URL in the input bytes,
// over the config's experiments and saved groups and the client's attributes:
// {"redirect": URL or "", "tracked": [{"experiment", "result"}, ...]}.
EMSCRIPTEN_KEEPALIVE int tailor_url_redirect(int handle, size_t length) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  const Value& config = c->config->config();
  Value context = Value::empty_object();
  context.set("attributes", *c->user.attributes);
  context.set("url", std::string(input.data(), length));
  for (const char* key : {"experiments", "savedGroups"}) {
    if (const Value* v = config.find(key)) context.set(key, *v);
  }
  std::string error;
  Value run = tailor::assign::run_url_redirects(context, &error);
  if (run.is_null()) return fail("redirect experiments: " + error);
  output = tailor::json::stringify(run);
  return ok();
}

// The config's feature keys (a JSON array, config order) and its answer table
// (CompiledConfig::answers_json): read once per config by the SDK.
EMSCRIPTEN_KEEPALIVE int tailor_feature_keys(int handle) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  Value keys{tailor::json::Array{}};
  for (size_t i = 0; i < c->config->feature_count(); ++i) keys.push_back(c->config->feature_key(i));
  output = tailor::json::stringify(keys);
  return ok();
}

EMSCRIPTEN_KEEPALIVE int tailor_answers(int handle) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  output.clear();
  c->config->answers_json(output);
  return ok();
}

// CompiledConfig::decide_compact: per-feature answer ids and buckets at
// tailor_compact_answers() / tailor_compact_buckets(); the output is the JSON array of the
// interpreted features' decisions. Sticky bucketing must be off (use tailor_decide_all).
EMSCRIPTEN_KEEPALIVE int tailor_decide_compact(int handle) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  if (c->sticky.is_object()) return fail("compact decisions need sticky bucketing off");
  c->config->decide_compact(c->user, compact_answers, compact_buckets, output);
  return ok();
}

EMSCRIPTEN_KEEPALIVE const int* tailor_compact_answers() { return compact_answers.data(); }
EMSCRIPTEN_KEEPALIVE const double* tailor_compact_buckets() { return compact_buckets.data(); }

EMSCRIPTEN_KEEPALIVE void tailor_set_consent(int handle, int granted) {
  if (Client* c = get(handle)) c->events.set_consent(granted != 0);
}

// Records the event in the input bytes (core/exposure/event_log.h). Returns 0 queued,
// 1 no consent, 2 duplicate exposure, 3 frequency-capped; negative: invalid (message).
EMSCRIPTEN_KEEPALIVE int tailor_record_event(int handle, size_t length) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  Value event;
  if (!parse_input(length, "event", event)) return -static_cast<int>(output.size());
  auto recorded = c->events.record(event);
  if (!recorded.ok()) return fail(recorded.error());
  return static_cast<int>(*recorded);
}

EMSCRIPTEN_KEEPALIVE int tailor_pending_events(int handle) {
  Client* c = get(handle);
  return c ? static_cast<int>(c->events.pending()) : 0;
}

EMSCRIPTEN_KEEPALIVE int tailor_flush_due(int handle, double now_ms) {
  Client* c = get(handle);
  return c && c->events.flush_due(static_cast<int64_t>(now_ms)) ? 1 : 0;
}

// Up to `max` waiting events as a JSON array (they leave the queue).
EMSCRIPTEN_KEEPALIVE int tailor_take_events(int handle, int max) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  output = c->events.take_batch(max > 0 ? static_cast<size_t>(max) : 0);
  return ok();
}

// The dedupe and frequency-cap memory, to keep across page loads of a session.
EMSCRIPTEN_KEEPALIVE int tailor_event_state(int handle) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  output = c->events.state_json();
  return ok();
}

EMSCRIPTEN_KEEPALIVE int tailor_restore_event_state(int handle, size_t length) {
  Client* c = get(handle);
  if (!c) return fail("unknown client handle");
  Value state;
  if (!parse_input(length, "event state", state)) return -static_cast<int>(output.size());
  auto restored = c->events.restore_state(state);
  if (!restored.ok()) return fail(restored.error());
  output.clear();
  return ok();
}

}  // extern "C"
