// Feature evaluation (GrowthBook's evalFeature) and the context/hash helpers it shares with
// experiment.cc.
#include "core/assign/evaluate.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/assign/evaluate_internal.h"
#include "core/assign/hash.h"
#include "core/assign/js_ops.h"
#include "core/json/js.h"
#include "core/targeting/condition.h"

namespace tailor::assign {

namespace detail {

namespace {

const Value kEmptyObject = Value::empty_object();
const Value kOne(1);
const Value kTwo(2);
const Value kId("id");
constexpr size_t kMaxPrerequisiteDepth = 256;

const Value* object_field(const Value& context, std::string_view key) {
  const Value* v = context.find(key);
  return v && v->is_object() ? v : nullptr;
}

StackEntry stack_entry(const Value* id) {
  if (!id) return {-1, "undefined"};
  return {static_cast<int>(id->type()), js::to_string(id)};
}

Value feature_result(const Value* value, const char* source, const Value* rule_id) {
  Object members;
  if (value) members.emplace_back("value", *value);
  members.emplace_back("on", js::truthy(value));
  members.emplace_back("off", !js::truthy(value));
  members.emplace_back("source", source);
  members.emplace_back("ruleId", js::truthy(rule_id) ? *rule_id : Value(""));
  return Value::object(std::move(members));
}

const Value kNull;

// isIncludedInRollout(ctx, seed, hashAttribute, fallbackAttribute, range, coverage,
// hashVersion): nullptr when included, else why not (a RuleTrace outcome code).
const char* rollout_exclusion(const Ctx& ctx, const Value* seed, const Value* hash_attribute,
                              const Value* fallback, const Value* range, const Value* coverage,
                              const Value* hash_version) {
  constexpr const char* kNotInRollout = "notInRollout";
  if (!js::truthy(range) && !coverage) return nullptr;
  if (!js::truthy(range) && coverage->is_number() && coverage->as_number() == 0) {
    return kNotInRollout;
  }
  HashAttribute hash = get_hash_attribute(ctx, hash_attribute, fallback);
  if (!json::truthy(hash.value)) return "missingHashAttribute";
  std::optional<double> n = gb_hash(seed, hash.value, js::or_else(hash_version, &kOne));
  if (!n) return "invalidHashVersion";
  if (js::truthy(range)) return in_range_value(*n, *range) ? nullptr : kNotInRollout;
  Value nv(*n);
  return js::greater_equal(coverage, &nv) ? nullptr : kNotInRollout;  // n <= coverage
}

// The experiment object evalFeature builds from an experiment rule, key for key.
Value experiment_from_rule(const Value& rule, const Value& variations, const Value& id) {
  Object exp;
  exp.emplace_back("variations", variations);
  exp.emplace_back("key", *js::or_else(rule.find("key"), &id));
  if (const Value* v = rule.find("coverage")) exp.emplace_back("coverage", *v);
  auto copy_if = [&](const char* key, bool keep_falsy_defined) {
    const Value* v = rule.find(key);
    if (keep_falsy_defined ? v != nullptr : js::truthy(v)) exp.emplace_back(key, *v);
  };
  copy_if("weights", false);
  copy_if("hashAttribute", false);
  copy_if("fallbackAttribute", false);
  copy_if("disableStickyBucketing", false);
  copy_if("bucketVersion", true);
  copy_if("minBucketVersion", true);
  for (const char* key : {"namespace", "meta", "ranges", "name", "phase", "seed", "hashVersion",
                          "filters", "condition"}) {
    copy_if(key, false);
  }
  return Value::object(std::move(exp));
}

// `obj` without member `key` (JavaScript's `obj.key = undefined` as JSON.stringify sees it).
Value without(const Value& obj, std::string_view key) {
  Object members;
  for (const auto& m : obj.as_object()) {
    if (m.first != key) members.push_back(m);
  }
  return Value::object(std::move(members));
}

// getEqualWeights(n) as a JSON array ([] for n <= 0); for n undefined (variations without a
// length) `new Array(undefined).fill(NaN)`, [NaN].
Value equal_weights_value(std::optional<double> n) {
  json::Array out;
  if (!n) out.emplace_back(std::nan(""));
  if (n && *n > 0) {
    for (double i = 0; i < *n; ++i) out.emplace_back(1.0 / *n);
  }
  return Value(std::move(out));
}

// GrowthBook's buildContextualBanditExperiment(exp, ref, id, ctx): the leaf whose condition
// the user passes sets the weights; no leaf (or leaf selection that would throw) keeps them
// and reports the fallback leaf -1. A ref missing from context.contextualBandits changes
// nothing.
void build_contextual_bandit(Ctx& ctx, Value& exp, const Value& ref) {
  const Value* definition = js::get(ctx.contextual_bandits, &ref);
  if (!js::truthy(definition)) return;
  const Value* version = js::get(definition, "banditVersion");
  const Value* contexts = js::get(definition, "contexts");
  bool found = false;
  const Value* leaf_id = nullptr;
  const Value* leaf_weights = nullptr;
  std::optional<double> count = js::length(contexts);
  if (js::truthy(contexts) && count && *count > 0) {
    if (contexts->is_array()) {
      for (const Value& leaf : contexts->as_array()) {
        if (leaf.is_null()) break;  // null.condition throws: fallback leaf
        const Value* condition = js::or_else(js::get(&leaf, "condition"), &kEmptyObject);
        std::optional<bool> passes =
            targeting::eval_condition_checked(ctx.attributes, *condition, *ctx.saved_groups);
        if (!passes) break;  // evalCondition throws: GrowthBook catches, fallback leaf
        if (*passes) {
          found = true;
          leaf_id = js::get(&leaf, "leafId");
          leaf_weights = js::get(&leaf, "weights");
          break;
        }
      }
    } else if (contexts->is_string()) {
      // for..of over a string visits its characters, whose .condition is undefined: {}
      // passes, and the leaf has neither id nor weights.
      found = true;
    }
  }
  Object cb;
  if (found) {
    if (leaf_weights) {
      exp.set("weights", *leaf_weights);
    } else {
      exp = without(exp, "weights");
    }
    if (leaf_id) cb.emplace_back("leafId", *leaf_id);
    if (leaf_weights) cb.emplace_back("variationWeights", *leaf_weights);
  } else {
    cb.emplace_back("leafId", -1);
    const Value* weights = exp.find("weights");
    cb.emplace_back("variationWeights",
                    weights && !weights->is_null()
                        ? *weights
                        : equal_weights_value(js::length(exp.find("variations"))));
  }
  if (version) cb.emplace_back("banditVersion", *version);
  exp.set("contextualBandit", Value::object(std::move(cb)));
}

}  // namespace

Ctx make_ctx(const Value& context, Value* sticky_docs) {
  Ctx ctx;
  const Value* attrs = context.find("attributes");
  if (attrs && attrs->is_object()) {
    ctx.attributes = *attrs;
  } else if (attrs && attrs->is_array()) {
    Object spread;  // {...array} has the index keys
    for (size_t i = 0; i < attrs->as_array().size(); ++i) {
      spread.emplace_back(std::to_string(i), attrs->as_array()[i]);
    }
    ctx.attributes = Value::object(std::move(spread));
  } else {
    ctx.attributes = Value::empty_object();
  }
  ctx.features = context.find("features");
  ctx.saved_groups = js::or_else(context.find("savedGroups"), &kEmptyObject);
  ctx.forced_variations = object_field(context, "forcedVariations");
  if (!ctx.forced_variations) {
    const Value* fv = context.find("forcedVariations");
    if (fv && fv->is_array()) ctx.forced_variations = fv;
  }
  ctx.forced_feature_values = object_field(context, "forcedFeatureValues");
  ctx.groups = js::or_else(context.find("groups"), &kEmptyObject);
  ctx.contextual_bandits = context.find("contextualBandits");
  if (const Value* url = context.find("url"); url && url->is_string()) ctx.url = url->as_string();
  if (const Value* e = context.find("enabled"); e && e->is_bool() && !e->as_bool()) {
    ctx.enabled = false;
  }
  ctx.qa_mode = js::truthy(context.find("qaMode"));
  if (sticky_docs) {
    ctx.sticky = true;
    ctx.docs = sticky_docs;
  } else if (const Value* docs = context.find("stickyBucketAssignmentDocs")) {
    ctx.sticky = true;
    ctx.local_docs = *docs;
    ctx.docs = &ctx.local_docs;
  }
  if (ctx.docs && !ctx.docs->is_object()) *ctx.docs = Value::empty_object();
  return ctx;
}

HashAttribute get_hash_attribute(const Ctx& ctx, const Value* attr, const Value* fallback) {
  HashAttribute h{*js::or_else(attr, &kId), Value("")};
  if (const Value* v = js::get(&ctx.attributes, &h.attribute); js::truthy(v)) h.value = *v;
  if (!json::truthy(h.value) && js::truthy(fallback)) {
    if (const Value* v = js::get(&ctx.attributes, fallback); js::truthy(v)) h.value = *v;
    if (json::truthy(h.value)) h.attribute = *fallback;
  }
  return h;
}

std::optional<double> gb_hash(const Value* seed, const Value& value, const Value* version) {
  int v = 0;
  if (version && version->is_number()) {
    if (version->as_number() == 2) v = 2;
    if (version->as_number() == 1) v = 1;
  }
  if (v == 0) return std::nullopt;
  Value input = v == 2 ? js::add(seed, &value) : js::add(&value, seed);
  // A numeric sum has no .length: hashFnv32a's loop never runs.
  uint32_t fnv = input.is_string() ? fnv1a32(std::string_view(input.as_string())) : kFnvOffsetBasis;
  return hash_from_fnv(fnv, v);
}

bool in_range_value(double n, const Value& range) {
  return js::ge(n, js::get(&range, "0")) && js::lt(n, js::get(&range, "1"));
}

bool is_filtered_out(Ctx& ctx, const Value& filters) {
  if (!filters.is_array()) {
    ctx.fail("filters must be an array");
    return true;
  }
  for (const Value& filter : filters.as_array()) {
    if (filter.is_null()) {
      ctx.fail("filters: an entry is null, expected {attribute, seed, hashVersion, ranges}");
      return true;
    }
    HashAttribute hash = get_hash_attribute(ctx, js::get(&filter, "attribute"), nullptr);
    if (!json::truthy(hash.value)) return true;
    std::optional<double> n = gb_hash(js::get(&filter, "seed"), hash.value,
                                      js::or_else(js::get(&filter, "hashVersion"), &kTwo));
    if (!n) return true;
    const Value* ranges = js::get(&filter, "ranges");
    if (!ranges || !ranges->is_array()) {
      ctx.fail("filters[].ranges must be an array of [start, end]");
      return true;
    }
    bool any = false;
    for (const Value& r : ranges->as_array()) {
      if (r.is_null()) {
        ctx.fail("filters[].ranges: an entry is null, expected [start, end]");
        return true;
      }
      if (in_range_value(*n, r)) {
        any = true;
        break;
      }
    }
    if (!any) return true;
  }
  return false;
}

void RuleTrace::add(const char* outcome, const Value* prerequisite,
                    const std::string* experiment_reason) {
  Object step;
  step.emplace_back("ruleId", rule_id ? *rule_id : Value());
  step.emplace_back("index", index < 0 ? Value() : Value(index));
  step.emplace_back("outcome", outcome);
  if (experiment_reason) step.emplace_back("experimentReason", *experiment_reason);
  if (prerequisite) step.emplace_back("prerequisite", *prerequisite);
  steps.push_back(Value::object(std::move(step)));
}

Value RuleTrace::finish(const Ctx& ctx) {
  if (ctx.failed()) add("invalidConfig");
  return Value(std::move(steps));
}

Value eval_feature_impl(Ctx& ctx, const Value* id, std::string* reason,
                        std::string* experiment_reason, RuleTrace* trace) {
  // The outcome of the rule being evaluated (or, outside the rules, of the feature).
  auto step = [trace](const char* outcome, const Value* prerequisite = nullptr,
                      const std::string* exp_reason = nullptr) {
    if (trace) trace->add(outcome, prerequisite, exp_reason);
  };
  StackEntry entry = stack_entry(id);
  if (std::find(ctx.stack.begin(), ctx.stack.end(), entry) != ctx.stack.end()) {
    *reason = "cyclicPrerequisite";
    step("cyclicPrerequisite");
    return feature_result(&kNull, "cyclicPrerequisite", nullptr);
  }
  // Bounded recursion: JavaScript would overflow its own stack somewhere past ~10k levels.
  if (ctx.stack.size() >= kMaxPrerequisiteDepth) {
    ctx.fail("feature \"" + js::to_string(id) + "\": prerequisite chain deeper than " +
             std::to_string(kMaxPrerequisiteDepth));
    return Value();
  }
  ctx.stack.push_back(entry);

  // forcedFeatureValues is a Map built from an object: only string keys can match.
  if (ctx.forced_feature_values && id && id->is_string()) {
    if (const Value* forced = ctx.forced_feature_values->find(id->as_string())) {
      *reason = "override";
      step("override");
      return feature_result(forced, "override", nullptr);
    }
  }

  const Value* feature = js::get(ctx.features, id);
  if (!js::truthy(ctx.features) || !js::truthy(feature)) {
    *reason = "unknownFeature";
    step("unknownFeature");
    return feature_result(&kNull, "unknownFeature", nullptr);
  }
  const Value id_value = id ? *id : Value("undefined");

  const Value* rules = js::get(feature, "rules");
  if (js::truthy(rules)) {
    if (!rules->is_array()) {
      ctx.fail("feature \"" + js::to_string(id) + "\": rules must be an array");
      return Value();
    }
    const size_t evaluated = ctx.stack.size();
    size_t rule_index = 0;
    for (const Value& rule : rules->as_array()) {
      if (trace) {
        trace->index = static_cast<int>(rule_index);
        trace->rule_id = rule.is_object() ? rule.find("id") : nullptr;
      }
      std::string where =
          "feature \"" + js::to_string(id) + "\" rules[" + std::to_string(rule_index++) + "]";
      if (!rule.is_object() && !rule.is_array()) {
        ctx.fail(where + ": a rule must be an object");
        return Value();
      }
      bool skip = false;
      if (const Value* parents = js::get(&rule, "parentConditions"); js::truthy(parents)) {
        std::optional<json::Array> chars;  // for..of a string: its code points
        const json::Array* items = parents->is_array()          ? &parents->as_array()
                                   : (chars = js::iterate(*parents)) ? &*chars
                                                                     : nullptr;
        if (!items) {
          ctx.fail(where + ".parentConditions must be an array");
          return Value();
        }
        for (const Value& parent : *items) {
          if (parent.is_null()) {
            ctx.fail(where + ".parentConditions: an entry is null, expected {id, condition}");
            return Value();
          }
          ctx.stack.resize(evaluated);
          std::string parent_reason, unused;
          const Value* parent_id = js::get(&parent, "id");
          Value parent_result = eval_feature_impl(ctx, parent_id, &parent_reason, &unused);
          if (ctx.failed()) return Value();
          if (parent_reason == "cyclicPrerequisite") {
            *reason = "cyclicPrerequisite";
            step("cyclicPrerequisite", js::or_else(parent_id, &kNull));
            return feature_result(&kNull, "cyclicPrerequisite", nullptr);
          }
          const Value* condition = js::or_else(js::get(&parent, "condition"), &kEmptyObject);
          if (!targeting::eval_prerequisite_condition(parent_result.find("value"), *condition,
                                                          *ctx.saved_groups)) {
            if (js::truthy(js::get(&parent, "gate"))) {
              *reason = "prerequisite";
              step("blockedByPrerequisite", js::or_else(parent_id, &kNull));
              return feature_result(&kNull, "prerequisite", nullptr);
            }
            step("prerequisiteFailed", js::or_else(parent_id, &kNull));
            skip = true;
            break;
          }
        }
      }
      if (skip) continue;

      if (const Value* filters = js::get(&rule, "filters"); js::truthy(filters)) {
        bool out = is_filtered_out(ctx, *filters);
        if (ctx.failed()) return Value();
        if (out) {
          step("filteredOut");
          continue;
        }
      }

      if (rule.is_object() && rule.contains("force")) {
        const Value* condition = rule.find("condition");
        if (js::truthy(condition) &&
            !targeting::eval_condition(ctx.attributes, *condition, *ctx.saved_groups)) {
          step("conditionFailed");
          continue;
        }
        const Value* fallback = ctx.sticky && !js::truthy(rule.find("disableStickyBucketing"))
                                    ? rule.find("fallbackAttribute")
                                    : nullptr;
        if (const char* excluded = rollout_exclusion(
                ctx, js::or_else(rule.find("seed"), &id_value), rule.find("hashAttribute"),
                fallback, rule.find("range"), rule.find("coverage"), rule.find("hashVersion"))) {
          step(excluded);
          continue;
        }
        *reason = "force";
        step("applied");
        return feature_result(rule.find("force"), "force", rule.find("id"));
      }

      // `rule.contextualVariations ?? rule.variations`
      const Value* variations = js::get(&rule, "contextualVariations");
      if (!variations || variations->is_null()) variations = js::get(&rule, "variations");
      if (!js::truthy(variations)) {
        step("invalidRule");
        continue;
      }
      Value exp = experiment_from_rule(rule, *variations, id_value);
      if (const Value* ref = js::get(&rule, "contextualBanditRef"); js::truthy(ref)) {
        build_contextual_bandit(ctx, exp, *ref);
        // runExperiment, once past its first two exits, reports the weights it buckets on.
        std::optional<double> n = js::length(variations);
        const Value* weights = exp.find("weights");
        if (exp.contains("contextualBandit") && js::truthy(weights) && !(n && *n < 2) &&
            ctx.enabled) {
          Value cb = *exp.find("contextualBandit");
          cb.set("variationWeights", *weights);
          exp.set("contextualBandit", std::move(cb));
        }
      }
      std::string exp_reason;
      Value result = run_experiment_impl(ctx, exp, id, &exp_reason);
      if (ctx.failed()) return Value();
      if (exp.contains("contextualBandit") && !(json::truthy(*result.find("hashUsed")) &&
                                                json::truthy(*result.find("inExperiment")))) {
        exp = without(exp, "contextualBandit");
      }
      if (json::truthy(*result.find("inExperiment")) && !js::truthy(result.find("passthrough"))) {
        *reason = "experiment";
        *experiment_reason = exp_reason;
        step("applied", nullptr, &exp_reason);
        Value ret = feature_result(result.find("value"), "experiment", rule.find("id"));
        ret.set("experiment", std::move(exp));
        ret.set("experimentResult", std::move(result));
        return ret;
      }
      step(json::truthy(*result.find("inExperiment")) ? "passthrough" : "experimentNotEnrolled",
           nullptr, &exp_reason);
    }
  }
  if (trace) {
    trace->index = -1;
    trace->rule_id = nullptr;
  }
  *reason = "defaultValue";
  step("defaultValue");
  const Value* default_value = js::get(feature, "defaultValue");
  return feature_result(default_value ? default_value : &kNull, "defaultValue", nullptr);
}

}  // namespace detail

FeatureEvaluation eval_feature_explained(const json::Value& context, std::string_view feature_key,
                                         json::Value* sticky_docs, bool trace) {
  detail::Ctx ctx = detail::make_ctx(context, sticky_docs);
  FeatureEvaluation out;
  json::Value id{std::string(feature_key)};
  detail::RuleTrace rule_trace;
  out.result = detail::eval_feature_impl(ctx, &id, &out.reason, &out.experiment_reason,
                                         trace ? &rule_trace : nullptr);
  if (trace) out.trace = rule_trace.finish(ctx);
  if (ctx.failed()) {
    out.result = json::Value();
    out.reason = "invalidConfig";
    out.experiment_reason.clear();
    out.error = ctx.error;
  }
  return out;
}

json::Value eval_feature(const json::Value& context, std::string_view feature_key,
                         json::Value* sticky_docs) {
  return eval_feature_explained(context, feature_key, sticky_docs).result;
}

}  // namespace tailor::assign
