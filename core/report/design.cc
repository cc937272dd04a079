#include "core/report/design.h"

#include <algorithm>

namespace tailor::report {
namespace {

using json::Value;

// A design from an experiment rule or auto experiment with a `variations` array.
std::optional<Design> design_of(const Value& def) {
  const Value* variations = def.find("variations");
  if (!variations || !variations->is_array() || variations->as_array().empty()) return {};
  const size_t k = variations->as_array().size();
  Design d;
  d.weights.assign(k, 1.0 / static_cast<double>(k));
  const Value* meta = def.find("meta");
  for (size_t i = 0; i < k; ++i) {
    const Value* key = meta && meta->is_array() && i < meta->as_array().size()
                           ? meta->as_array()[i].find("key")
                           : nullptr;
    d.keys.push_back(key && key->is_string() ? key->as_string() : std::to_string(i));
  }
  const Value* weights = def.find("weights");
  if (weights && weights->is_array() && weights->as_array().size() == k) {
    bool numbers = std::all_of(weights->as_array().begin(), weights->as_array().end(),
                               [](const Value& w) { return w.is_number(); });
    for (size_t i = 0; numbers && i < k; ++i) d.weights[i] = weights->as_array()[i].as_number();
  }
  return d;
}

}  // namespace

std::optional<Design> find_design(const json::Value& doc, std::string_view experiment) {
  if (const Value* features = doc.find("features"); features && features->is_object()) {
    for (const auto& [id, feature] : features->as_object()) {
      const Value* rules = feature.find("rules");
      if (!rules || !rules->is_array()) continue;
      for (const Value& rule : rules->as_array()) {
        const Value* key = rule.find("key");
        std::string_view name = key && key->is_string() ? key->as_string() : id;
        if (name != experiment || !rule.find("variations")) continue;
        if (auto d = design_of(rule)) return d;
      }
    }
  }
  if (const Value* exps = doc.find("experiments"); exps && exps->is_array()) {
    for (const Value& e : exps->as_array()) {
      const Value* key = e.find("key");
      if (!key || !key->is_string() || key->as_string() != experiment) continue;
      if (auto d = design_of(e)) return d;
    }
  }
  return std::nullopt;
}

}  // namespace tailor::report
