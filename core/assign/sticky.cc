// Sticky bucketing: GrowthBook's getStickyBucketVariation, getStickyBucketAssignments and
// generateStickyBucketAssignmentDoc over a JSON document store
// {"attr||value": {attributeName, attributeValue, assignments: {"expKey__version": key}}}.
#include <string>
#include <utility>
#include <vector>

#include "core/assign/evaluate_internal.h"
#include "core/assign/js_ops.h"
#include "core/json/js.h"

namespace tailor::assign::detail {

namespace {

const Value kZero(0);
const Value kId("id");

// `${experimentKey}__${experimentBucketVersion || 0}`
std::string experiment_key(const Value* key, const Value* bucket_version) {
  return js::to_string(key) + "__" + js::to_string(js::or_else(bucket_version, &kZero));
}

// `${attributeName}||${attributeValue}`
std::string attribute_key(const Value& name, const std::string& value) {
  return js::to_string(&name) + "||" + value;
}

// Object.assign(target, doc.assignments || {}) for the document at `doc_key`.
void merge_assignments(const Ctx& ctx, const std::string& doc_key, Value& target) {
  const Value* doc = js::get(ctx.docs, doc_key);
  if (!js::truthy(doc)) return;
  const Value* assignments = js::get(doc, "assignments");
  if (!assignments || !assignments->is_object()) return;
  for (const auto& [k, v] : assignments->as_object()) target.set(k, v);
}

// True when `s` is a number's canonical decimal form for an integer 0, 1, 2, ...
bool canonical_integer(std::string_view s, double* out) {
  if (s.empty() || s.size() > 15 || (s.size() > 1 && s[0] == '0')) return false;
  double v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

StickyLookup sticky_variation(Ctx& ctx, const Value& exp) {
  const Value* key = exp.find("key");
  const Value* min_version = js::or_else(exp.find("minBucketVersion"), &kZero);
  const Value* hash_attribute = js::or_else(exp.find("hashAttribute"), &kId);
  const std::string id = experiment_key(key, exp.find("bucketVersion"));

  // getStickyBucketAssignments: the fallback document first (the "id" attribute's when the
  // experiment has no fallbackAttribute, as in GrowthBook), then the hash attribute's.
  Value assignments = Value::empty_object();
  HashAttribute hash = get_hash_attribute(ctx, hash_attribute, nullptr);
  std::string hash_key = attribute_key(hash.attribute, js::gb_to_string(hash.value));
  HashAttribute fallback = get_hash_attribute(ctx, exp.find("fallbackAttribute"), nullptr);
  if (json::truthy(fallback.value)) {
    merge_assignments(ctx, attribute_key(fallback.attribute, js::gb_to_string(fallback.value)),
                      assignments);
  }
  merge_assignments(ctx, hash_key, assignments);

  // Any assignment under bucket versions 0 .. minBucketVersion-1 blocks the user.
  const Value zero(0);
  if (js::less(&zero, min_version)) {
    const std::string prefix = js::to_string(key) + "__";
    for (const auto& [k, v] : assignments.as_object()) {
      double version = 0;
      if (k.compare(0, prefix.size(), prefix) != 0) continue;
      if (!canonical_integer(std::string_view(k).substr(prefix.size()), &version)) continue;
      const Value version_value(version);
      if (js::less(&version_value, min_version)) return {-1, true};
    }
  }

  const Value* variation_key = assignments.find(id);
  if (!variation_key) return {};
  const Value* meta = exp.find("meta");
  if (!js::truthy(meta)) return {};  // `expMeta || []`
  if (!meta->is_array()) {
    ctx.fail("experiment \"" + js::to_string(key) + "\": meta must be an array");
    return {};
  }
  for (size_t i = 0; i < meta->as_array().size(); ++i) {
    const Value& m = meta->as_array()[i];
    if (m.is_null()) {
      ctx.fail("experiment \"" + js::to_string(key) + "\": meta[" + std::to_string(i) +
               "] is null, expected {key, ...}");
      return {};
    }
    const Value* mk = js::get(&m, "key");
    if (mk && json::strict_equals(*mk, *variation_key)) return {static_cast<int>(i), false};
  }
  return {};
}

void save_sticky_assignment(Ctx& ctx, const Value& exp, const HashAttribute& hash,
                            const Value& variation_key) {
  const std::string attribute_value = js::gb_to_string(hash.value);
  const std::string doc_key = attribute_key(hash.attribute, attribute_value);
  Value existing = Value::empty_object();
  merge_assignments(ctx, doc_key, existing);
  Value updated = existing;
  updated.set(experiment_key(exp.find("key"), exp.find("bucketVersion")), variation_key);
  if (json::stringify(existing) == json::stringify(updated)) return;
  ctx.docs->set(doc_key, Value::object({{"attributeName", hash.attribute},
                                        {"attributeValue", attribute_value},
                                        {"assignments", std::move(updated)}}));
}

}  // namespace tailor::assign::detail

namespace tailor::assign {

json::Value load_sticky_docs(const json::Value& context, const json::Value& stored) {
  using detail::Value;
  // The store: a StickyBucketService keyed `${attributeName}||${attributeValue}`, later
  // documents replacing earlier ones; a document without a truthy attributeName,
  // attributeValue and assignments is not returned (LocalStorageStickyBucketService).
  Value store = Value::empty_object();
  if (stored.is_array()) {
    for (const Value& doc : stored.as_array()) {
      const Value* name = js::get(&doc, "attributeName");
      const Value* value = js::get(&doc, "attributeValue");
      store.set(js::to_string(name) + "||" + js::to_string(value), doc);
    }
  }
  detail::Ctx ctx = detail::make_ctx(context, nullptr);
  // deriveStickyBucketIdentifierAttributes: every experiment rule's hash attribute (default
  // "id") and fallback attribute, then every auto experiment's, in order, each once.
  std::vector<std::string> names;
  auto add = [&names](const Value* attr) {
    std::string name = js::to_string(attr);
    for (const std::string& n : names) {
      if (n == name) return;
    }
    names.push_back(std::move(name));
  };
  const Value id("id");
  const Value* features = context.find("features");
  if (features && features->is_object()) {
    for (const auto& [key, feature] : features->as_object()) {
      const Value* rules = js::get(&feature, "rules");
      if (!rules || !rules->is_array()) continue;
      for (const Value& rule : rules->as_array()) {
        if (!js::truthy(js::get(&rule, "variations")) &&
            !js::truthy(js::get(&rule, "contextualVariations"))) {
          continue;
        }
        add(js::or_else(js::get(&rule, "hashAttribute"), &id));
        if (const Value* f = js::get(&rule, "fallbackAttribute"); js::truthy(f)) add(f);
      }
    }
  }
  const Value* experiments = context.find("experiments");
  if (experiments && experiments->is_array()) {
    for (const Value& exp : experiments->as_array()) {
      add(js::or_else(js::get(&exp, "hashAttribute"), &id));
      if (const Value* f = js::get(&exp, "fallbackAttribute"); js::truthy(f)) add(f);
    }
  }
  Value docs = Value::empty_object();
  for (const std::string& name : names) {
    const Value attr(name);
    detail::HashAttribute hash = detail::get_hash_attribute(ctx, &attr, nullptr);
    const Value* doc = store.find(name + "||" + js::gb_to_string(hash.value));
    if (!doc || !js::truthy(js::get(doc, "attributeName")) ||
        !js::truthy(js::get(doc, "attributeValue")) || !js::truthy(js::get(doc, "assignments"))) {
      continue;
    }
    docs.set(js::to_string(js::get(doc, "attributeName")) + "||" +
                 js::to_string(js::get(doc, "attributeValue")),
             *doc);
  }
  return docs;
}

}  // namespace tailor::assign
