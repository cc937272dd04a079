// Experiment evaluation (GrowthBook's runExperiment and getExperimentResult).
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/assign/bucket.h"
#include "core/assign/evaluate.h"
#include "core/assign/evaluate_internal.h"
#include "core/assign/url.h"
#include "core/assign/js_ops.h"
#include "core/json/js.h"
#include "core/targeting/condition.h"

namespace tailor::assign {

namespace detail {

namespace {

const Value kEmptyObject = Value::empty_object();
const Value kOne(1);

bool sticky_for(const Ctx& ctx, const Value& exp) {
  return ctx.sticky && !js::truthy(exp.find("disableStickyBucketing"));
}

// str[index] for a string: the UTF-16 code unit at a canonical index as a one-unit string (a
// lone surrogate as WTF-8); nullopt (undefined) past the end or for any other key.
std::optional<Value> string_index(const Value& str, const Value& index) {
  const std::string key = js::to_string(&index);
  if (!json::is_array_index(key)) return std::nullopt;
  const std::u16string units = json::to_utf16(str.as_string());
  const double i = json::string_to_number(key);
  if (i >= static_cast<double>(units.size())) return std::nullopt;
  return Value(json::to_utf8(std::u16string(1, units[static_cast<size_t>(i)])));
}

// getExperimentResult(ctx, experiment, variationIndex, hashUsed, featureId, bucket,
// stickyBucketUsed). The index is a JSON value: forcedVariations may hold anything.
Value experiment_result(Ctx& ctx, const Value& exp, const Value& variation_index, bool hash_used,
                        const Value* feature_id, std::optional<double> bucket, bool sticky_used) {
  const Value& variations = *exp.find("variations");
  const Value zero(0);
  std::optional<double> length = js::length(&variations);  // undefined for {}, 5, true
  bool in_experiment = true;
  const Value* index = &variation_index;
  const Value size(length ? *length : 0);
  if (js::less(index, &zero) || (length && js::greater_equal(index, &size))) {
    index = &zero;
    in_experiment = false;
  }
  HashAttribute hash =
      get_hash_attribute(ctx, exp.find("hashAttribute"),
                         sticky_for(ctx, exp) ? exp.find("fallbackAttribute") : nullptr);
  const Value* meta = &kEmptyObject;
  std::optional<Value> meta_char;
  if (const Value* metas = exp.find("meta"); js::truthy(metas)) {
    // A string meta is indexed like an array: its characters have no key, name or passthrough.
    meta = metas->is_string() ? (meta_char = string_index(*metas, *index)) ? &*meta_char : nullptr
                              : js::get(metas, index);
    if (!meta || meta->is_null()) {
      ctx.fail("experiment \"" + js::to_string(exp.find("key")) + "\": meta[" +
               js::to_string(index) + "] is missing, expected {key, name?, passthrough?}");
      return Value();
    }
  }
  const Value* meta_key = js::get(meta, "key");
  Object res;
  res.emplace_back("key", js::truthy(meta_key) ? *meta_key : Value(js::to_string(index)));
  if (feature_id) res.emplace_back("featureId", *feature_id);
  res.emplace_back("inExperiment", in_experiment);
  res.emplace_back("hashUsed", hash_used);
  res.emplace_back("variationId", *index);
  if (variations.is_string()) {
    if (auto c = string_index(variations, *index)) res.emplace_back("value", std::move(*c));
  } else if (const Value* value = js::get(&variations, index)) {
    res.emplace_back("value", *value);
  }
  res.emplace_back("hashAttribute", std::move(hash.attribute));
  res.emplace_back("hashValue", std::move(hash.value));
  res.emplace_back("stickyBucketUsed", sticky_used);
  if (const Value* name = js::get(meta, "name"); js::truthy(name)) res.emplace_back("name", *name);
  if (bucket) res.emplace_back("bucket", *bucket);
  if (const Value* p = js::get(meta, "passthrough"); js::truthy(p)) {
    res.emplace_back("passthrough", *p);
  }
  const Value* cb = exp.find("contextualBandit");
  if (js::truthy(cb) && hash_used && in_experiment) {
    if (const Value* v = cb->find("leafId")) res.emplace_back("leafId", *v);
    if (const Value* v = cb->find("variationWeights")) res.emplace_back("variationWeights", *v);
    if (const Value* v = cb->find("banditVersion")) res.emplace_back("banditVersion", *v);
  }
  return Value::object(std::move(res));
}

// chooseVariation over the experiment's own `ranges` (any JSON, compared as JavaScript does).
int choose_from_ranges(Ctx& ctx, double n, const Value& ranges) {
  if (!ranges.is_array()) return -1;  // `ranges.length` is undefined: the loop never runs
  for (size_t i = 0; i < ranges.as_array().size(); ++i) {
    const Value& r = ranges.as_array()[i];
    if (r.is_null()) {
      ctx.fail("experiment ranges[" + std::to_string(i) + "] is null, expected [start, end]");
      return -1;
    }
    if (in_range_value(n, r)) return static_cast<int>(i);
  }
  return -1;
}

// getBucketRanges(numVariations, coverage, weights) followed by chooseVariation(n, ...).
int choose_from_weights(Ctx& ctx, double n, int num_variations, const Value* coverage_value,
                        const Value* weights) {
  double coverage = coverage_value ? js::to_number(coverage_value) : 1.0;
  if (!js::truthy(weights))
    return choose_variation(n, bucket_ranges(num_variations, coverage, nullptr));
  std::optional<double> len = js::length(weights);
  if (!len || *len != num_variations) {
    return choose_variation(n, bucket_ranges(num_variations, coverage, nullptr));
  }
  if (!weights->is_array()) {
    ctx.fail("experiment weights must be an array of numbers");  // "...".reduce throws
    return -1;
  }
  const auto& w = weights->as_array();
  bool numeric = true;
  for (const Value& x : w) numeric = numeric && x.is_number();
  if (numeric) {
    std::vector<double> doubles;
    doubles.reserve(w.size());
    for (const Value& x : w) doubles.push_back(x.as_number());
    return choose_variation(n, bucket_ranges(num_variations, coverage, &doubles));
  }
  // Non-numeric weights: JavaScript's + concatenates strings, so sums and range bounds are
  // computed on values, exactly as `weights.reduce` and `weights.map` would.
  Value total(0);
  for (const Value& x : w) total = js::add(&x, &total);
  const Value low(0.99), high(1.01);
  if (js::less(&total, &low) || js::less(&high, &total)) {
    return choose_variation(n, bucket_ranges(num_variations, coverage, nullptr));
  }
  if (coverage < 0) {
    coverage = 0;
  } else if (coverage > 1) {
    coverage = 1;
  }
  Value cumulative(0);
  for (size_t i = 0; i < w.size(); ++i) {
    Value start = cumulative;
    cumulative = js::add(&cumulative, &w[i]);
    Value width(coverage * js::to_number(&w[i]));
    Value end = js::add(&start, &width);
    if (js::ge(n, &start) && js::lt(n, &end)) return static_cast<int>(i);
  }
  return -1;
}

bool has_group_overlap(const Ctx& ctx, const Value& exp_groups) {
  if (!exp_groups.is_array()) return false;
  for (const Value& g : exp_groups.as_array()) {
    if (js::truthy(js::get(ctx.groups, &g))) return true;
  }
  return false;
}

}  // namespace

Value run_experiment_impl(Ctx& ctx, const Value& exp, const Value* feature_id,
                          std::string* reason) {
  const Value* key = exp.find("key");
  const Value* variations = exp.find("variations");
  if (!exp.is_object() || !variations || variations->is_null()) {
    ctx.fail("experiment \"" + js::to_string(key) + "\": variations must be an array");
    return Value();
  }
  // variations.length: a string's is its UTF-16 length; other non-arrays have none
  // (undefined), so no check on the count holds and no weights ever choose a variation.
  const std::optional<double> length = js::length(variations);
  const int num_variations =
      length ? static_cast<int>(std::min(*length, 2147483647.0)) : -1;
  const Value minus_one(-1);
  auto not_in = [&](const char* why) {
    *reason = why;
    return experiment_result(ctx, exp, minus_one, false, feature_id, std::nullopt, false);
  };

  if (length && *length < 2) return not_in("tooFewVariations");
  if (!ctx.enabled) return not_in("disabled");

  if (const Value* patterns = exp.find("urlPatterns"); js::truthy(patterns)) {
    std::optional<double> len = js::length(patterns);
    if (!len || *len == 0 || !patterns->is_array()) return not_in("urlTargeting");
    std::optional<bool> targeted = is_url_targeted(ctx.url, *patterns);
    if (!targeted) {
      ctx.fail("experiment \"" + js::to_string(key) +
               "\": urlPatterns has a null entry, expected {type, pattern, include?}");
      return Value();
    }
    if (!*targeted) return not_in("urlTargeting");
  }

  if (key && key->is_string() && length) {
    if (auto qs = query_string_override(key->as_string(), ctx.url, num_variations)) {
      *reason = "queryStringOverride";
      return experiment_result(ctx, exp, Value(*qs), false, feature_id, std::nullopt, false);
    }
  }

  if (const Value* forced = js::get(ctx.forced_variations, key)) {
    *reason = "forcedVariation";
    return experiment_result(ctx, exp, *forced, false, feature_id, std::nullopt, false);
  }

  const Value* status = exp.find("status");
  if (status && status->is_string() && status->as_string() == "draft") return not_in("draft");
  if (const Value* a = exp.find("active"); a && a->is_bool() && !a->as_bool()) {
    return not_in("inactive");
  }

  const bool sticky = sticky_for(ctx, exp);
  HashAttribute hash = get_hash_attribute(ctx, exp.find("hashAttribute"),
                                          sticky ? exp.find("fallbackAttribute") : nullptr);
  if (!json::truthy(hash.value)) return not_in("missingHashAttribute");

  int assigned = -1;
  bool found_sticky = false;
  bool version_blocked = false;
  if (sticky) {
    StickyLookup lookup = sticky_variation(ctx, exp);
    if (ctx.failed()) return Value();
    found_sticky = lookup.variation >= 0;
    assigned = lookup.variation;
    version_blocked = lookup.version_blocked;
  }

  if (!found_sticky) {
    if (const Value* filters = exp.find("filters"); js::truthy(filters)) {
      bool out = is_filtered_out(ctx, *filters);
      if (ctx.failed()) return Value();
      if (out) return not_in("filteredOut");
    } else if (const Value* ns = exp.find("namespace"); js::truthy(ns)) {
      // inNamespace: hash("__" + ns[0], hashValue, 1) compared with ns[1] and ns[2].
      if (!in_namespace(json::to_js_string(hash.value), js::to_string(js::get(ns, "0")),
                        js::to_number(js::get(ns, "1")), js::to_number(js::get(ns, "2")))) {
        return not_in("notInNamespace");
      }
    }
    if (const Value* condition = exp.find("condition"); js::truthy(condition)) {
      if (!targeting::eval_condition(ctx.attributes, *condition, *ctx.saved_groups)) {
        return not_in("conditionFailed");
      }
    }
    if (const Value* parents = exp.find("parentConditions"); js::truthy(parents)) {
      std::optional<json::Array> chars;  // for..of a string: its code points
      const json::Array* items = parents->is_array()          ? &parents->as_array()
                                 : (chars = js::iterate(*parents)) ? &*chars
                                                                   : nullptr;
      if (!items) {
        ctx.fail("experiment \"" + js::to_string(key) + "\": parentConditions must be an array");
        return Value();
      }
      const size_t evaluated = ctx.stack.size();
      for (const Value& parent : *items) {
        if (parent.is_null()) {
          ctx.fail("experiment \"" + js::to_string(key) +
                   "\": parentConditions has a null entry, expected {id, condition}");
          return Value();
        }
        ctx.stack.resize(evaluated);
        std::string parent_reason, unused;
        Value parent_result =
            eval_feature_impl(ctx, js::get(&parent, "id"), &parent_reason, &unused);
        if (ctx.failed()) return Value();
        if (parent_reason == "cyclicPrerequisite") return not_in("cyclicPrerequisite");
        const Value* condition = js::or_else(js::get(&parent, "condition"), &kEmptyObject);
        if (!targeting::eval_prerequisite_condition(parent_result.find("value"), *condition,
                                                        *ctx.saved_groups)) {
          return not_in("prerequisiteFailed");
        }
      }
    }
    if (const Value* groups = exp.find("groups"); js::truthy(groups)) {
      if (!has_group_overlap(ctx, *groups)) return not_in("notInGroups");
    }
  }

  if (js::truthy(exp.find("url"))) {
    if (ctx.url.empty()) return not_in("urlTargeting");
    ctx.fail("experiment \"" + js::to_string(key) +
             "\": url must be a RegExp, which JSON cannot carry (GrowthBook throws here)");
    return Value();
  }

  std::optional<double> n = gb_hash(js::or_else(exp.find("seed"), key), hash.value,
                                    js::or_else(exp.find("hashVersion"), &kOne));
  if (!n) return not_in("invalidHashVersion");

  if (!found_sticky) {
    const Value* ranges = exp.find("ranges");
    // Without a length, getBucketRanges(undefined, ...) is [[0, NaN]]: nothing is chosen.
    assigned = js::truthy(ranges) ? choose_from_ranges(ctx, *n, *ranges)
               : length           ? choose_from_weights(ctx, *n, num_variations,
                                                        exp.find("coverage"), exp.find("weights"))
                                  : -1;
    if (ctx.failed()) return Value();
  }

  if (version_blocked) {
    *reason = "stickyBucketVersionBlocked";
    return experiment_result(ctx, exp, minus_one, false, feature_id, std::nullopt, true);
  }
  if (assigned < 0) return not_in("notInCoverage");
  if (const Value* force = exp.find("force")) {
    *reason = "force";
    return experiment_result(ctx, exp, *force, false, feature_id, std::nullopt, false);
  }
  if (ctx.qa_mode) return not_in("qaMode");
  if (status && status->is_string() && status->as_string() == "stopped") return not_in("stopped");

  *reason = found_sticky ? "stickyBucket" : "assigned";
  Value result = experiment_result(ctx, exp, Value(assigned), true, feature_id, n, found_sticky);
  if (ctx.failed()) return Value();
  if (sticky) save_sticky_assignment(ctx, exp, hash, *result.find("key"));
  return result;
}

}  // namespace detail

ExperimentEvaluation run_experiment_explained(const json::Value& context,
                                              const json::Value& experiment,
                                              json::Value* sticky_docs) {
  detail::Ctx ctx = detail::make_ctx(context, sticky_docs);
  ExperimentEvaluation out;
  const json::Value null_feature;
  out.result = detail::run_experiment_impl(ctx, experiment, &null_feature, &out.reason);
  if (ctx.failed()) {
    out.result = json::Value();
    out.reason = "invalidConfig";
    out.error = ctx.error;
  }
  return out;
}

json::Value run_experiment(const json::Value& context, const json::Value& experiment,
                           json::Value* sticky_docs) {
  return run_experiment_explained(context, experiment, sticky_docs).result;
}

}  // namespace tailor::assign
