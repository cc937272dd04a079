// OpenFeature Remote Evaluation Protocol (OFREP) core API:
//   POST /ofrep/v1/evaluate/flags/{key}  one flag
//   POST /ofrep/v1/evaluate/flags        every flag, with ETag / If-None-Match
// The SDK key is the credential: "Authorization: Bearer <sdkKey>" or "X-API-Key: <sdkKey>".
// The evaluation context becomes the attributes; its targetingKey fills "id" when the context
// has no "id" (GrowthBook's default hash attribute). Flags are the config's features, decided
// by the same decide() as /v1/decide; a contextual-bandit flag's metadata carries its leafId,
// banditVersion and variationWeights (docs/edge.md). Error bodies follow the OFREP schemas (errorCode,
// errorDetails), not problem documents, because OpenFeature providers parse them.
#include "core/json/js.h"
#include "edge/app.h"

namespace tailor::edge {
namespace {

using json::Value;

Response ofrep_json(int status, const Value& body) {
  return json_response(status, json::stringify(body));
}

Response failure(int status, const std::string& key, const char* code, const std::string& why) {
  Value v = Value::empty_object();
  if (!key.empty()) v.set("key", key);
  v.set("errorCode", code);
  v.set("errorDetails", why);
  return ofrep_json(status, v);
}

// OpenFeature resolution reason for a GrowthBook/Tailor feature source.
const char* reason_for(const std::string& source) {
  if (source == "defaultValue") return "DEFAULT";
  if (source == "force" || source == "prerequisite") return "TARGETING_MATCH";
  if (source == "experiment") return "SPLIT";
  if (source == "override") return "STATIC";
  if (source == "cyclicPrerequisite") return "ERROR";
  return "UNKNOWN";
}

std::string str(const Value* v) { return v && v->is_string() ? v->as_string() : std::string(); }

// One flag's evaluationSuccess or evaluationFailure object.
Value evaluation(const std::string& key, const Value& d, bool& failed) {
  Value out = Value::empty_object();
  out.set("key", key);
  failed = d.find("error") != nullptr;
  if (failed) {
    out.set("errorCode", "GENERAL");
    out.set("errorDetails", str(d.find("error")));
    return out;
  }
  std::string source = str(d.find("source"));
  out.set("reason", reason_for(source));
  std::string variant = source == "defaultValue" ? "default" : str(d.find("ruleId"));
  Value metadata = Value::empty_object();
  metadata.set("source", source);
  if (const Value* rule = d.find("ruleId"); rule && rule->is_string() && !rule->as_string().empty())
    metadata.set("ruleId", *rule);
  if (const Value* exp = d.find("experiment"); exp && exp->is_object()) {
    variant = str(exp->find("variationKey"));
    metadata.set("experimentKey", str(exp->find("key")));
    if (const Value* in = exp->find("inExperiment"); in && in->is_bool())
      metadata.set("inExperiment", *in);
    if (const Value* id = exp->find("variationId"); id && id->is_number())
      metadata.set("variationId", *id);
    // Contextual bandits. OFREP metadata values are booleans, strings and numbers: a leafId or
    // banditVersion of another type, and the weights (an array), travel as their JSON text.
    for (const char* field : {"leafId", "banditVersion", "variationWeights"}) {
      const Value* v = exp->find(field);
      if (!v) continue;
      if (v->is_string() || v->is_number() || v->is_bool()) metadata.set(field, *v);
      else metadata.set(field, json::stringify(*v));
    }
  }
  if (variant.empty()) variant = source;
  out.set("variant", variant);
  out.set("metadata", metadata);
  // A null value is left out: OFREP lets the provider fall back to the code default.
  if (const Value* value = d.find("value"); value && !value->is_null()) out.set("value", *value);
  return out;
}

}  // namespace

void handle_ofrep(App& app, const Request& req, RouteId id, const std::string& flag_key,
                  Done done) {
  std::string sdk_key(req.header("x-api-key"));
  std::string_view auth = req.header("authorization");
  if (sdk_key.empty() && auth.size() > 7 && (auth.starts_with("Bearer ") || auth.starts_with("bearer "))) {
    sdk_key = auth.substr(7);
  }
  if (sdk_key.empty()) {
    Response r = problem(401, "unauthorized",
                         "OFREP needs the SDK key as \"Authorization: Bearer <sdkKey>\" or "
                         "\"X-API-Key: <sdkKey>\"");
    r.add_header("WWW-Authenticate", "Bearer realm=\"tailor-ofrep\"");
    return done(std::move(r));
  }
  auto config = app.configs().find(sdk_key);
  if (!config) {
    return done(problem(403, "unknown-sdk-key",
                        "no config is published for SDK key \"" + sdk_key + "\""));
  }
  bool bulk = id == RouteId::kOfrepBulk;
  json::Value body;
  Response error;
  if (!is_json_content_type(req.header("content-type"))) {
    return done(failure(400, flag_key, bulk ? "GENERAL" : "PARSE_ERROR",
                        "Content-Type is \"" + std::string(req.header("content-type")) +
                            "\", expected application/json"));
  }
  if (!read_json_body(req, body, error) || !body.is_object()) {
    return done(failure(400, flag_key, "PARSE_ERROR",
                        "the body must be a JSON object {\"context\": {...}}"));
  }
  const Value* context = body.find("context");
  if (context && !context->is_object() && !context->is_null()) {
    return done(failure(400, flag_key, "INVALID_CONTEXT", "\"context\" must be an object"));
  }
  Value attributes = context && context->is_object() ? *context : Value::empty_object();
  if (const Value* tk = attributes.find("targetingKey"); tk && !attributes.contains("id")) {
    if (!tk->is_string()) {
      return done(failure(400, flag_key, "INVALID_CONTEXT",
                          "\"context.targetingKey\" must be a string"));
    }
    attributes.set("id", *tk);
  }
  Value decisions = decide_with(*config->prepared, attributes, nullptr);
  const Value* features = decisions.find("features");
  if (!bulk) {
    const Value* d = features ? features->find(flag_key) : nullptr;
    if (!d) {
      return done(failure(404, flag_key, "FLAG_NOT_FOUND",
                          "flag \"" + flag_key + "\" is not in SDK key \"" + sdk_key +
                              "\"'s config"));
    }
    bool failed = false;
    Value out = evaluation(flag_key, *d, failed);
    if (!failed) out.set("cacheable", false);
    return done(ofrep_json(failed ? 400 : 200, out));
  }
  Value flags = Value(json::Array{});
  if (features && features->is_object()) {
    for (const auto& [key, d] : features->as_object()) {
      bool failed = false;
      flags.push_back(evaluation(key, d, failed));
    }
  }
  Value out = Value::empty_object();
  out.set("flags", flags);
  std::string text = json::stringify(out);
  std::string etag = "\"" + sha256_hex(text).substr(0, 32) + "\"";
  if (std::string_view inm = req.header("if-none-match"); !inm.empty() && inm.find(etag) != std::string_view::npos) {
    Response r;
    r.status = 304;
    r.add_header("ETag", etag);
    return done(std::move(r));
  }
  Response r = json_response(200, std::move(text));
  r.add_header("ETag", etag);
  r.add_header("Cache-Control", "no-store");
  done(std::move(r));
}

}  // namespace tailor::edge
