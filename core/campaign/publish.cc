#include "core/campaign/publish.h"

#include <algorithm>

namespace tailor::campaign {
namespace {

bool is_empty_condition(const json::Value& c) {
  return c.is_null() || (c.is_object() && c.as_object().empty());
}

// Segment i's condition, excluding every earlier segment.
json::Value exclusive_condition(const std::vector<json::Value>& conditions, size_t i) {
  json::Array earlier;
  for (size_t j = 0; j < i; ++j) {
    if (is_empty_condition(conditions[j])) continue;
    earlier.push_back(conditions[j]);
  }
  if (earlier.empty()) {
    return is_empty_condition(conditions[i]) ? json::Value::empty_object() : conditions[i];
  }
  json::Value nor = json::Value::object({{"$nor", json::Value(std::move(earlier))}});
  if (is_empty_condition(conditions[i])) return nor;
  return json::Value::object({{"$and", json::Value(json::Array{conditions[i], nor})}});
}

}  // namespace

std::string web_feature_key(const std::string& campaign) { return campaign + "-web"; }

Result<json::Value> build_config(const Design& design, const json::Value& config_segments,
                                 const std::vector<json::Value>& conditions,
                                 const std::vector<std::vector<json::Value>>& arm_values) {
  using R = Result<json::Value>;
  const size_t n = design.segments.size();
  if (conditions.size() != n || arm_values.size() != n) {
    return R::failure("build_config: " + std::to_string(conditions.size()) + " conditions and " +
                      std::to_string(arm_values.size()) + " copy lists for " +
                      std::to_string(n) + " segments");
  }
  json::Array rules;
  for (size_t i = 0; i < n; ++i) {
    const SegmentDesign& s = design.segments[i];
    if (arm_values[i].size() != s.plan.arms.size()) {
      return R::failure("build_config: segment \"" + s.plan.name + "\" has " +
                        std::to_string(arm_values[i].size()) + " copies for " +
                        std::to_string(s.plan.arms.size()) + " arms");
    }
    json::Array variations(arm_values[i].begin(), arm_values[i].end());
    json::Array weights(s.weights.begin(), s.weights.end());
    json::Array meta;
    for (const ArmPlan& arm : s.plan.arms) {
      meta.push_back(json::Value::object({{"key", arm.variant}, {"name", arm.variant}}));
    }
    json::Value rule = json::Value::object({
        {"id", s.experiment},
        {"key", s.experiment},
        {"name", s.plan.name},
        {"seed", s.seed},
        {"hashAttribute", design.hash_attribute},
        {"hashVersion", 2},
        {"coverage", 1},
        {"weights", json::Value(std::move(weights))},
        {"variations", json::Value(std::move(variations))},
        {"meta", json::Value(std::move(meta))},
    });
    json::Value condition = exclusive_condition(conditions, i);
    if (!is_empty_condition(condition)) rule.set("condition", std::move(condition));
    if (!design.spec.web_bandit.is_null()) rule.set("bandit", design.spec.web_bandit);
    rules.push_back(std::move(rule));
  }
  json::Value feature = json::Value::object(
      {{"defaultValue", json::Value()}, {"rules", json::Value(std::move(rules))}});
  json::Value config = json::Value::object(
      {{"features", json::Value::object({{web_feature_key(design.campaign), std::move(feature)}})}});
  if (config_segments.is_array() && !config_segments.as_array().empty()) {
    config.set("segments", config_segments);
  }
  return config;
}

Result<std::string> check_approver(std::string_view name) {
  const bool ok = !name.empty() && name.size() <= 100 &&
                  std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == ' ' || c == '.' || c == '-' ||
                           c == '_' || c == '@';
                  });
  if (!ok) {
    return Result<std::string>::failure(
        "approver \"" + std::string(name) +
        "\" is not valid: 1 to 100 letters, digits, spaces, \".\", \"-\", \"_\" or \"@\"");
  }
  return std::string(name);
}

audit::Entry approval_entry(const std::string& campaign, const std::string& design_hash,
                            const std::string& approver, const std::string& ts) {
  audit::Entry e;
  e.ts = ts;
  e.kind = "approval";
  e.campaign = campaign;
  e.message_id = "design";
  e.content_hash = design_hash;
  e.decision = "approved";
  e.actor = "approver:" + approver;
  return e;
}

}  // namespace tailor::campaign
