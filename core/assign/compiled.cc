// Compiling a config (compiled.h). Each check below mirrors a step of eval_feature_impl
// (evaluate.cc) or run_experiment_impl (experiment.cc) with sticky bucketing off and no
// forced values, url or qaMode (decide() has none); a rule whose evaluation could fail or
// depends on something not modelled here leaves its whole feature to the interpreter.
#include "core/assign/compiled.h"

#include <utility>

#include "core/assign/compiled_internal.h"
#include "core/assign/js_ops.h"
#include "core/json/js.h"
#include "core/segment/segments.h"

namespace tailor::assign {

namespace compiled_internal {

namespace {

using json::Value;

const Value kOne(1);
const Value kId("id");

bool is_ascii(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

Hasher make_hasher(const Value& seed, const Value* version, const Value* attribute,
                   targeting::AttributeNames& names) {
  Hasher h;
  h.seed = seed;
  h.version_value = *js::or_else(version, &kOne);
  if (h.version_value.is_number()) {
    if (h.version_value.as_number() == 1) h.version = 1;
    if (h.version_value.as_number() == 2) h.version = 2;
  }
  h.seed_ascii = seed.is_string() && is_ascii(seed.as_string());
  h.attribute = *js::or_else(attribute, &kId);
  h.slot = names.intern(js::to_string(&h.attribute));
  return h;
}

std::string answer(const Value& value, const char* source, const Value* rule_id,
                   const char* reason) {
  std::string out = "{\"value\":" + json::stringify(value);
  out += json::truthy(value) ? ",\"on\":true" : ",\"on\":false";
  out += ",\"source\":\"";
  out += source;
  out += "\",\"ruleId\":";
  out += js::truthy(rule_id) ? json::stringify(*rule_id) : "\"\"";
  out += ",\"reason\":\"";
  out += reason;
  out += '"';
  return out;
}

class FeatureCompiler {
 public:
  FeatureCompiler(const Value& saved_groups, targeting::AttributeNames& names,
                  std::vector<Answer>& answers)
      : saved_groups_(saved_groups), names_(names), answers_(answers) {}

  // False: leave this feature to the interpreter.
  bool compile(const std::string& key, const Value& feature, Feature& out) {
    static const Value kNull;
    if (!feature.is_object()) return false;
    const Value id(key);
    const Value* rules = feature.find("rules");
    if (js::truthy(rules)) {
      if (!rules->is_array()) return false;
      for (const Value& rule : rules->as_array()) {
        if (!rule.is_object()) return false;
        Rule r;
        if (!compile_rule(rule, id, r)) return false;
        out.rules.push_back(std::move(r));
      }
    }
    const Value* def = feature.find("defaultValue");
    out.default_answer =
        add(answer(def ? *def : kNull, "defaultValue", nullptr, "defaultValue") + "}");
    return true;
  }

 private:
  bool compile_rule(const Value& rule, const Value& id, Rule& r) {
    if (js::truthy(rule.find("parentConditions")) || js::truthy(rule.find("filters"))) {
      return false;
    }
    if (rule.contains("force")) return compile_force(rule, id, r);
    const Value* contextual = rule.find("contextualVariations");
    if (contextual && !contextual->is_null()) return false;
    // A contextual bandit buckets on its leaf's weights and reports the leaf: interpreted.
    if (js::truthy(rule.find("contextualBanditRef"))) return false;
    const Value* variations = rule.find("variations");
    if (!js::truthy(variations)) {
      r.kind = RuleKind::kSkip;
      return true;
    }
    if (!variations->is_array() || variations->as_array().size() < 2) return false;
    return compile_experiment(rule, id, variations->as_array(), r);
  }

  void compile_condition(const Value& rule, Rule& r) {
    const Value* condition = rule.find("condition");
    if (js::truthy(condition)) {
      r.condition = targeting::CompiledCondition::compile(*condition, saved_groups_, names_);
    }
  }

  bool compile_force(const Value& rule, const Value& id, Rule& r) {
    r.kind = RuleKind::kForce;
    compile_condition(rule, r);
    r.hash = make_hasher(*js::or_else(rule.find("seed"), &id), rule.find("hashVersion"),
                         rule.find("hashAttribute"), names_);
    const Value* range = rule.find("range");
    r.coverage = rule.find("coverage");
    if (js::truthy(range)) r.range = range;
    r.always_included = !r.range && !r.coverage;
    r.never_included =
        !r.range && r.coverage && r.coverage->is_number() && r.coverage->as_number() == 0;
    r.answer = add(answer(*rule.find("force"), "force", rule.find("id"), "force") + "}");
    return true;
  }

  bool compile_experiment(const Value& rule, const Value& id, const json::Array& variations,
                          Rule& r) {
    r.kind = RuleKind::kExperiment;
    const int n = static_cast<int>(variations.size());
    const Value& key = *js::or_else(rule.find("key"), &id);
    const Value* meta = rule.find("meta");
    if (js::truthy(meta)) {
      if (!meta->is_array() || meta->as_array().size() < variations.size()) return false;
      for (size_t i = 0; i < variations.size(); ++i) {
        if (meta->as_array()[i].is_null()) return false;
      }
    } else {
      meta = nullptr;
    }
    // Ranges: the rule's own, or getBucketRanges(coverage, weights) computed now.
    if (const Value* ranges = rule.find("ranges"); js::truthy(ranges)) {
      r.explicit_ranges = true;
      r.ranges_value = ranges;
      if (ranges->is_array()) {
        for (const Value& range : ranges->as_array()) {
          if (range.is_null()) return false;
        }
      }
    } else {
      const Value* coverage_value = rule.find("coverage");
      double coverage = coverage_value ? js::to_number(coverage_value) : 1.0;
      const Value* weights = rule.find("weights");
      std::optional<double> len = js::length(weights);
      if (!js::truthy(weights) || !len || *len != n) {
        r.ranges = bucket_ranges(n, coverage, nullptr);
      } else {
        if (!weights->is_array()) return false;
        std::vector<double> w;
        for (const Value& x : weights->as_array()) {
          if (!x.is_number()) return false;
          w.push_back(x.as_number());
        }
        r.ranges = bucket_ranges(n, coverage, &w);
      }
    }
    if (const Value* ns = rule.find("namespace"); js::truthy(ns)) {
      r.has_namespace = true;
      r.namespace_seed = "__" + js::to_string(js::get(ns, "0"));
      r.namespace_start = js::to_number(js::get(ns, "1"));
      r.namespace_end = js::to_number(js::get(ns, "2"));
    }
    compile_condition(rule, r);
    r.hash = make_hasher(*js::or_else(rule.find("seed"), &key), rule.find("hashVersion"),
                         rule.find("hashAttribute"), names_);
    const std::string key_json = json::stringify(key);
    const std::string attribute_json = json::stringify(r.hash.attribute);
    for (int i = 0; i < n; ++i) {
      const Value* m = meta ? &meta->as_array()[static_cast<size_t>(i)] : nullptr;
      const Value* meta_key = js::get(m, "key");
      r.passthrough.push_back(js::truthy(js::get(m, "passthrough")));
      std::string p =
          answer(variations[static_cast<size_t>(i)], "experiment", rule.find("id"), "experiment");
      p += ",\"experiment\":{\"key\":" + key_json + ",\"variationId\":" + std::to_string(i);
      p += ",\"variationKey\":";
      p += js::truthy(meta_key) ? json::stringify(*meta_key) : "\"" + std::to_string(i) + "\"";
      p += ",\"inExperiment\":true,\"hashAttribute\":" + attribute_json;
      Answer a{p + ",\"hashValue\":", p + "}}", true};
      answers_.push_back(std::move(a));
      r.variation_answers.push_back(static_cast<int>(answers_.size() - 1));
    }
    return true;
  }

  int add(std::string text) {
    answers_.push_back({text, text, false});
    return static_cast<int>(answers_.size() - 1);
  }

  const Value& saved_groups_;
  targeting::AttributeNames& names_;
  std::vector<Answer>& answers_;
};

}  // namespace

}  // namespace compiled_internal

CompiledConfig::CompiledConfig(json::Value config)
    : config_(std::move(config)), empty_object_(json::Value::empty_object()) {
  saved_groups_ = js::or_else(config_.find("savedGroups"), &empty_object_);
  has_segments_ = segment::has_segments(config_);
  if (const json::Value* list = config_.find("experiments"); list && list->is_array()) {
    has_experiments_ = !list->as_array().empty();
  }
  const json::Value* features = config_.find("features");
  if (!features || !features->is_object()) return;
  compiled_internal::FeatureCompiler compiler(*saved_groups_, names_, answers_);
  for (const auto& [key, definition] : features->as_object()) {
    auto f = std::make_unique<compiled_internal::Feature>();
    f->key = key;
    json::append_quoted(f->key_json, key);
    f->key_json += ':';
    const size_t answers = answers_.size();
    if (!compiler.compile(key, definition, *f)) {
      answers_.resize(answers);
      f->interpreted = true;
      f->rules.clear();
    }
    features_.push_back(std::move(f));
  }
}

CompiledConfig::~CompiledConfig() = default;

const std::string& CompiledConfig::feature_key(size_t index) const { return features_[index]->key; }

size_t CompiledConfig::compiled_feature_count() const {
  size_t n = 0;
  for (const auto& f : features_) n += f->interpreted ? 0 : 1;
  return n;
}

BoundUser CompiledConfig::bind(const json::Value& attributes) const {
  BoundUser user;
  user.attributes = &attributes;
  if (has_segments_ && attributes.is_object()) {
    user.with_segments =
        std::make_shared<const json::Value>(segment::with_segments(config_, attributes));
    user.attributes = user.with_segments.get();
  }
  user.view.bind(names_, user.attributes->is_object() ? *user.attributes : empty_object_);
  return user;
}

}  // namespace tailor::assign
