#include "core/assign/decide.h"

#include <string>
#include <utility>

#include "core/assign/decide_internal.h"
#include "core/assign/evaluate_internal.h"
#include "core/assign/js_ops.h"
#include "core/json/js.h"
#include "core/segment/segments.h"

namespace tailor::assign {

namespace {

using json::Object;
using json::Value;

void copy_member(const Value& from, const char* key, Object& to) {
  if (const Value* v = from.find(key)) to.emplace_back(key, *v);
}

Value feature_entry(const Value& result, const std::string& reason, const std::string& error) {
  Object out;
  if (!error.empty()) {
    out.emplace_back("value", Value());
    out.emplace_back("on", false);
    out.emplace_back("source", "invalidConfig");
    out.emplace_back("ruleId", "");
    out.emplace_back("reason", reason);
    out.emplace_back("error", error);
    return Value::object(std::move(out));
  }
  out.emplace_back("value", result.find("value") ? *result.find("value") : Value());
  copy_member(result, "on", out);
  copy_member(result, "source", out);
  copy_member(result, "ruleId", out);
  out.emplace_back("reason", reason);
  const Value* exp = result.find("experiment");
  const Value* res = result.find("experimentResult");
  if (exp && res) {
    Object e;
    copy_member(*exp, "key", e);
    copy_member(*res, "variationId", e);
    if (const Value* k = res->find("key")) e.emplace_back("variationKey", *k);
    copy_member(*res, "inExperiment", e);
    copy_member(*res, "hashAttribute", e);
    copy_member(*res, "hashValue", e);
    copy_member(*res, "bucket", e);
    // Contextual bandits (evaluate.h): the leaf the user fell in and the weights bucketed on.
    copy_member(*res, "leafId", e);
    copy_member(*res, "variationWeights", e);
    copy_member(*res, "banditVersion", e);
    out.emplace_back("experiment", Value::object(std::move(e)));
  }
  return Value::object(std::move(out));
}

Value experiment_entry(const Value& result, const std::string& reason, const std::string& error) {
  Object out;
  if (!error.empty()) {
    out.emplace_back("inExperiment", false);
    out.emplace_back("variationId", Value());
    out.emplace_back("value", Value());
    out.emplace_back("reason", reason);
    out.emplace_back("error", error);
    return Value::object(std::move(out));
  }
  copy_member(result, "inExperiment", out);
  copy_member(result, "variationId", out);
  if (const Value* k = result.find("key")) out.emplace_back("variationKey", *k);
  copy_member(result, "value", out);
  copy_member(result, "hashAttribute", out);
  copy_member(result, "hashValue", out);
  copy_member(result, "bucket", out);
  copy_member(result, "stickyBucketUsed", out);
  out.emplace_back("reason", reason);
  return Value::object(std::move(out));
}

}  // namespace

namespace detail {

Ctx decide_ctx(const Value& config, const Value& attributes, Value* docs) {
  Value context = Value::empty_object();
  context.set("attributes", attributes);
  Ctx ctx = make_ctx(context, nullptr);
  ctx.features = config.find("features");
  static const Value kEmptyObject = Value::empty_object();
  ctx.saved_groups = js::or_else(config.find("savedGroups"), &kEmptyObject);
  ctx.contextual_bandits = config.find("contextualBandits");
  if (docs != nullptr && docs->is_object()) {
    ctx.sticky = true;
    ctx.docs = docs;
  }
  return ctx;
}

Value decide_feature(Ctx& ctx, const std::string& key, bool explain) {
  ctx.stack.clear();
  ctx.error.clear();
  std::string reason, experiment_reason;
  const Value id(key);
  RuleTrace trace;
  Value result =
      eval_feature_impl(ctx, &id, &reason, &experiment_reason, explain ? &trace : nullptr);
  if (ctx.failed()) reason = "invalidConfig";
  Value entry = feature_entry(result, reason, ctx.error);
  if (explain) entry.set("trace", trace.finish(ctx));
  return entry;
}

Value decide_experiments(Ctx& ctx, const Value& config) {
  Object experiments;
  if (const Value* list = config.find("experiments"); list && list->is_array()) {
    const Value null_feature;
    for (const Value& exp : list->as_array()) {
      std::string key = js::to_string(exp.find("key"));
      bool seen = false;
      for (const auto& member : experiments) seen = seen || member.first == key;
      if (seen) continue;
      ctx.stack.clear();
      ctx.error.clear();
      std::string reason;
      Value result = run_experiment_impl(ctx, exp, &null_feature, &reason);
      if (ctx.failed()) reason = "invalidConfig";
      experiments.emplace_back(std::move(key), experiment_entry(result, reason, ctx.error));
    }
  }
  return Value::object(std::move(experiments));
}

}  // namespace detail

Value detail::decide_resolved(const Value& config, const Value& attributes,
                              const Value& sticky_docs, bool explain) {
  Value docs = sticky_docs;
  detail::Ctx ctx = detail::decide_ctx(config, attributes, &docs);
  Object features;
  if (ctx.features && ctx.features->is_object()) {
    for (const auto& [key, unused] : ctx.features->as_object()) {
      features.emplace_back(key, detail::decide_feature(ctx, key, explain));
    }
  }
  Object out;
  out.emplace_back("features", Value::object(std::move(features)));
  out.emplace_back("experiments", detail::decide_experiments(ctx, config));
  if (ctx.sticky) out.emplace_back("stickyBucketAssignmentDocs", std::move(docs));
  return Value::object(std::move(out));
}

Value decide(const Value& config, const Value& attributes, const Value& sticky_docs) {
  return decide(config, attributes, sticky_docs, DecideOptions{});
}

Value decide(const Value& config, const Value& attributes, const Value& sticky_docs,
             const DecideOptions& options) {
  if (!segment::has_segments(config)) {
    return detail::decide_resolved(config, attributes, sticky_docs, options.explain);
  }
  return detail::decide_resolved(config, segment::with_segments(config, attributes), sticky_docs,
                                 options.explain);
}

Value explain_feature(const Value& config, const Value& attributes, const Value& sticky_docs,
                      std::string_view key) {
  Value docs = sticky_docs;
  const bool segmented = segment::has_segments(config);
  const Value resolved = segmented ? segment::with_segments(config, attributes) : Value();
  detail::Ctx ctx = detail::decide_ctx(config, segmented ? resolved : attributes, &docs);
  return detail::decide_feature(ctx, std::string(key), true);
}

}  // namespace tailor::assign
