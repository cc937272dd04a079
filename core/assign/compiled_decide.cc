// Deciding over a compiled config (compiled.h): the runtime half of compiled.cc.
#include <optional>

#include "core/assign/compiled.h"
#include "core/assign/compiled_internal.h"
#include "core/assign/decide.h"
#include "core/assign/decide_internal.h"
#include "core/assign/hash.h"
#include "core/assign/js_ops.h"
#include "core/json/js.h"

namespace tailor::assign {

namespace {

using compiled_internal::Hasher;
using compiled_internal::Rule;
using compiled_internal::RuleKind;
using json::Value;

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// getHashAttribute's value: the attribute when truthy, else nullptr (GrowthBook's "").
const Value* hash_value(const Hasher& h, const BoundUser& user) {
  const Value* v = user.view.slot(h.slot);
  return v && json::truthy(*v) ? v : nullptr;
}

// GrowthBook's hash(seed, value, version); ASCII strings are hashed in place.
std::optional<double> hash_of(const Hasher& h, const Value& value) {
  if (h.version == 0) return std::nullopt;
  if (h.seed_ascii && value.is_string() && is_ascii(value.as_string())) {
    const std::string& seed = h.seed.as_string();
    const std::string& v = value.as_string();
    uint32_t f = h.version == 2 ? fnv1a32_ascii(fnv1a32_ascii(kFnvOffsetBasis, seed), v)
                                : fnv1a32_ascii(fnv1a32_ascii(kFnvOffsetBasis, v), seed);
    return hash_from_fnv(f, h.version);
  }
  return detail::gb_hash(&h.seed, value, &h.version_value);
}

// inNamespace: hash("__" + id, String(value), 1) in [start, end).
bool in_namespace_of(const Rule& r, const Value& value) {
  std::optional<double> n;
  if (value.is_string() && is_ascii(value.as_string()) && is_ascii(r.namespace_seed)) {
    n = hash_from_fnv(
        fnv1a32_ascii(fnv1a32_ascii(kFnvOffsetBasis, value.as_string()), r.namespace_seed), 1);
  } else {
    n = hash(r.namespace_seed, json::to_js_string(value), 1);
  }
  return n && *n >= r.namespace_start && *n < r.namespace_end;
}

// isIncludedInRollout for a force rule.
bool included(const Rule& r, const BoundUser& user) {
  if (r.always_included) return true;
  if (r.never_included) return false;
  const Value* v = hash_value(r.hash, user);
  if (!v) return false;
  std::optional<double> n = hash_of(r.hash, *v);
  if (!n) return false;
  if (r.range) return detail::in_range_value(*n, *r.range);
  const Value nv(*n);
  return js::greater_equal(r.coverage, &nv);
}

int choose(const Rule& r, double n) {
  if (!r.explicit_ranges) return choose_variation(n, r.ranges);
  if (!r.ranges_value->is_array()) return -1;
  const auto& ranges = r.ranges_value->as_array();
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (detail::in_range_value(n, ranges[i])) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

CompiledConfig::Outcome CompiledConfig::outcome(size_t index, const BoundUser& user) const {
  const compiled_internal::Feature& f = *features_[index];
  for (const Rule& r : f.rules) {
    if (r.kind == RuleKind::kSkip) continue;
    if (r.kind == RuleKind::kForce) {
      if (r.condition && !r.condition->eval(user.view)) continue;
      if (!included(r, user)) continue;
      return {r.answer};
    }
    const Value* v = hash_value(r.hash, user);
    if (!v) continue;  // missingHashAttribute
    if (r.has_namespace && !in_namespace_of(r, *v)) continue;
    if (r.condition && !r.condition->eval(user.view)) continue;
    std::optional<double> n = hash_of(r.hash, *v);
    if (!n) continue;  // invalidHashVersion
    int assigned = choose(r, *n);
    if (assigned < 0 || static_cast<size_t>(assigned) >= r.variation_answers.size()) continue;
    if (r.passthrough[static_cast<size_t>(assigned)]) continue;
    return {r.variation_answers[static_cast<size_t>(assigned)], v, *n};
  }
  return {f.default_answer};
}

void CompiledConfig::feature_at(size_t index, const BoundUser& user, std::string& out) const {
  Outcome o = outcome(index, user);
  out += answers_[static_cast<size_t>(o.answer)].text;
  if (!o.hash_value) return;
  if (o.hash_value->is_string()) {
    json::append_quoted(out, o.hash_value->as_string());
  } else {
    out += json::stringify(*o.hash_value);
  }
  out += ",\"bucket\":";
  out += json::number_to_string(o.bucket);
  out += "}}";
}

void CompiledConfig::answers_json(std::string& out) const {
  out += '[';
  for (size_t i = 0; i < answers_.size(); ++i) {
    if (i > 0) out += ',';
    out += answers_[i].table;
  }
  out += ']';
}

void CompiledConfig::decide_compact(const BoundUser& user, std::vector<int>& answers,
                                    std::vector<double>& buckets, std::string& interpreted) const {
  answers.assign(features_.size(), -1);
  buckets.assign(features_.size(), 0);
  interpreted = "[";
  std::optional<detail::Ctx> ctx;
  // With segments in the config the attribute "segments" is the scores the core computed
  // (segment::with_segments), not what the caller passed: an experiment hashing it goes out
  // whole, with the scores as its hashValue.
  const Value* scores = user.with_segments ? user.with_segments->find("segments") : nullptr;
  for (size_t i = 0; i < features_.size(); ++i) {
    if (features_[i]->interpreted || user.attributes->is_array()) {
      if (!ctx) ctx.emplace(detail::decide_ctx(config_, *user.attributes, nullptr));
      if (interpreted.size() > 1) interpreted += ',';
      interpreted += json::stringify(detail::decide_feature(*ctx, features_[i]->key));
      continue;
    }
    Outcome o = outcome(i, user);
    if (scores && o.hash_value == scores) {
      if (interpreted.size() > 1) interpreted += ',';
      feature_at(i, user, interpreted);
      continue;
    }
    answers[i] = o.answer;
    buckets[i] = o.bucket;
  }
  interpreted += ']';
}

void CompiledConfig::decide_json(const BoundUser& user, const Value& sticky_docs,
                                 std::string& out) const {
  if (sticky_docs.is_object() || user.attributes->is_array()) {
    out += json::stringify(detail::decide_resolved(config_, *user.attributes, sticky_docs));
    return;
  }
  std::optional<detail::Ctx> ctx;  // built only when something is interpreted
  auto context = [&]() -> detail::Ctx& {
    if (!ctx) ctx.emplace(detail::decide_ctx(config_, *user.attributes, nullptr));
    return *ctx;
  };
  out += "{\"features\":{";
  for (size_t i = 0; i < features_.size(); ++i) {
    if (i > 0) out += ',';
    out += features_[i]->key_json;
    if (features_[i]->interpreted) {
      out += json::stringify(detail::decide_feature(context(), features_[i]->key));
    } else {
      feature_at(i, user, out);
    }
  }
  out += "},\"experiments\":";
  out += has_experiments_ ? json::stringify(detail::decide_experiments(context(), config_)) : "{}";
  out += '}';
}

bool CompiledConfig::feature_json(std::string_view key, const BoundUser& user,
                                  std::string& out) const {
  for (size_t i = 0; i < features_.size(); ++i) {
    if (features_[i]->key != key) continue;
    if (!features_[i]->interpreted && !user.attributes->is_array()) {
      feature_at(i, user, out);
    } else {
      detail::Ctx ctx = detail::decide_ctx(config_, *user.attributes, nullptr);
      out += json::stringify(detail::decide_feature(ctx, features_[i]->key));
    }
    return true;
  }
  return false;
}

}  // namespace tailor::assign
