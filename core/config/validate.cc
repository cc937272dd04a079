#include "core/config/validate.h"

#include <cmath>
#include <string>
#include <string_view>

#include "core/config/automation.h"
#include "core/config/encrypted.h"
#include "core/exposure/event_log.h"
#include "core/json/js.h"
#include "core/segment/segments.h"
#include "core/targeting/regex.h"

namespace tailor::config {
namespace {

using json::Value;

// Paths are built as they are walked; a problem is reported once, the first one found.
class Checker {
 public:
  explicit Checker(const Value& config) : config_(config) {
    const Value* groups = config.find("savedGroups");
    groups_ = groups && groups->is_object() ? groups : nullptr;
    const Value* sealed = config.find("encryptedSavedGroups");
    groups_sealed_ = sealed && json::truthy(*sealed);
  }

  const Status& status() const { return status_; }
  bool failed() const { return !status_.ok(); }

  void standalone_condition(const Value& c, const std::string& path) { condition(c, path); }

  void top_level() {
    if (!config_.is_object()) return fail("", "the config must be a JSON object");
    if (Status s = validate_encrypted_members(config_); !s.ok()) return fail_status(s);
    if (const Value* f = config_.find("features")) features(*f);
    if (const Value* e = config_.find("experiments"); e && !failed()) {
      if (!e->is_array()) return fail("experiments", "must be an array of experiments");
      for (size_t i = 0; i < e->as_array().size() && !failed(); ++i) {
        experiment(e->as_array()[i], "experiments[" + std::to_string(i) + "]", true);
      }
    }
    if (const Value* g = config_.find("savedGroups"); g && !failed()) saved_groups(*g);
    if (failed()) return;
    if (Status a = check_automated_keys(config_); !a.ok()) return fail_status(a);
    if (auto s = segment::validate(config_); !s.ok()) return fail_status(s.status());
    // A rule segment's condition is a targeting condition like any rule's: the same check.
    if (const Value* segments = config_.find("segments")) {
      for (size_t i = 0; i < segments->as_array().size() && !failed(); ++i) {
        const Value& seg = segments->as_array()[i];
        const Value* type = seg.find("type");
        if (type && type->is_string() && type->as_string() == "rule") {
          condition(*seg.find("condition"), "segments[" + std::to_string(i) + "].condition");
        }
      }
    }
    if (failed()) return;
    if (auto e = exposure::settings_from_config(config_); !e.ok()) fail_status(e.status());
  }

 private:
  void fail(const std::string& path, std::string_view what) {
    if (failed()) return;
    status_ = Status::invalid_argument(path.empty() ? std::string(what)
                                                    : path + ": " + std::string(what));
  }
  void fail_status(const Status& s) {
    if (!failed()) status_ = Status::invalid_argument(s.message());
  }

  static std::string member(const std::string& path, std::string_view key) {
    std::string out = path + "[";
    json::append_quoted(out, key);
    return out + "]";
  }

  static bool finite(const Value* v) {
    return v && v->is_number() && std::isfinite(v->as_number());
  }

  // Optional members of a given JSON type.
  bool optional_string(const Value& obj, const char* name, const std::string& path) {
    const Value* v = obj.find(name);
    if (v && !v->is_string()) fail(path + "." + name, "must be a string");
    return !failed();
  }
  bool optional_bool(const Value& obj, const char* name, const std::string& path) {
    const Value* v = obj.find(name);
    if (v && !v->is_bool()) fail(path + "." + name, "must be true or false");
    return !failed();
  }
  bool optional_unit(const Value& obj, const char* name, const std::string& path) {
    const Value* v = obj.find(name);
    if (v && (!finite(v) || v->as_number() < 0 || v->as_number() > 1)) {
      fail(path + "." + name, "must be a number from 0 to 1");
    }
    return !failed();
  }
  bool optional_count(const Value& obj, const char* name, const std::string& path) {
    const Value* v = obj.find(name);
    if (v && (!finite(v) || v->as_number() < 0 || std::floor(v->as_number()) != v->as_number())) {
      fail(path + "." + name, "must be a whole number >= 0");
    }
    return !failed();
  }

  // [start, end] with 0 <= start <= end <= 1.
  void range(const Value& r, const std::string& path) {
    if (!r.is_array() || r.as_array().size() != 2 || !finite(&r.as_array()[0]) ||
        !finite(&r.as_array()[1])) {
      return fail(path, "must be a range [start, end] of two numbers");
    }
    double a = r.as_array()[0].as_number(), b = r.as_array()[1].as_number();
    if (!(0 <= a && a <= b && b <= 1)) fail(path, "must have 0 <= start <= end <= 1");
  }
  void ranges(const Value& obj, const char* name, const std::string& path) {
    const Value* v = obj.find(name);
    if (!v) return;
    if (!v->is_array()) return fail(path + "." + name, "must be an array of [start, end] ranges");
    for (size_t i = 0; i < v->as_array().size() && !failed(); ++i) {
      range(v->as_array()[i], path + "." + name + "[" + std::to_string(i) + "]");
    }
  }

  void features(const Value& all) {
    if (!all.is_object()) return fail("features", "must be an object of feature definitions");
    for (const auto& [key, feature] : all.as_object()) {
      const std::string path = member("features", key);
      if (!feature.is_object()) return fail(path, "must be an object {defaultValue?, rules?}");
      const Value* rules = feature.find("rules");
      if (!rules) continue;
      if (!rules->is_array()) return fail(path + ".rules", "must be an array of rules");
      for (size_t i = 0; i < rules->as_array().size() && !failed(); ++i) {
        rule(rules->as_array()[i], path + ".rules[" + std::to_string(i) + "]");
      }
      if (failed()) return;
    }
  }

  void rule(const Value& r, const std::string& path) {
    if (!r.is_object()) return fail(path, "must be an object");
    if (!optional_string(r, "id", path)) return;
    if (const Value* v = r.find("range")) range(*v, path + ".range");
    if (r.find("variations")) return experiment(r, path, false);
    // A force rule serves one value to everyone it covers and reports no exposure: there is
    // no control arm to hold a guardrail or a bandit to (docs/experiments.md, "Limits").
    for (const char* name : {"rollout", "bandit"}) {
      if (r.find(name)) {
        return fail(path + "." + name,
                    "is declared on a force rule (no variations), which has no control arm to "
                    "compare; declare it on an experiment rule with variations [current value, "
                    "new value] and the ramp as its coverage");
      }
    }
    common(r, path);
  }

  // What force rules and experiments share.
  void common(const Value& r, const std::string& path) {
    for (const char* name :
         {"key", "seed", "hashAttribute", "fallbackAttribute", "name", "phase"}) {
      if (!optional_string(r, name, path)) return;
    }
    if (!optional_unit(r, "coverage", path)) return;
    if (const Value* v = r.find("hashVersion");
        v && !(v->is_number() && (v->as_number() == 1 || v->as_number() == 2))) {
      return fail(path + ".hashVersion", "must be 1 or 2");
    }
    if (const Value* c = r.find("condition")) condition(*c, path + ".condition");
    if (const Value* p = r.find("parentConditions"); p && !failed()) {
      parent_conditions(*p, path + ".parentConditions");
    }
    if (const Value* f = r.find("filters"); f && !failed()) filters(*f, path + ".filters");
  }

  void experiment(const Value& e, const std::string& path, bool top_level) {
    if (!e.is_object()) return fail(path, "must be an object");
    if (top_level) {
      const Value* key = e.find("key");
      if (!key || !key->is_string() || key->as_string().empty()) {
        return fail(path + ".key", "must be a non-empty string");
      }
    }
    const Value* variations = e.find("variations");
    if (!variations || !variations->is_array()) {
      return fail(path + ".variations", "must be an array of variation values");
    }
    const size_t n = variations->as_array().size();
    common(e, path);
    if (failed()) return;
    if (const Value* w = e.find("weights")) {
      if (!w->is_array()) return fail(path + ".weights", "must be an array of numbers");
      for (size_t i = 0; i < w->as_array().size(); ++i) {
        const Value& x = w->as_array()[i];
        if (!finite(&x) || x.as_number() < 0) {
          return fail(path + ".weights[" + std::to_string(i) + "]", "must be a number >= 0");
        }
      }
      if (w->as_array().size() != n) {
        return fail(path + ".weights", "has " + std::to_string(w->as_array().size()) +
                                           " entries for " + std::to_string(n) + " variations");
      }
    }
    if (const Value* ns = e.find("namespace")) {
      const bool shaped =
          ns->is_array() && ns->as_array().size() == 3 && ns->as_array()[0].is_string();
      if (!shaped) return fail(path + ".namespace", "must be [id, start, end]");
      range(Value(json::Array{ns->as_array()[1], ns->as_array()[2]}), path + ".namespace");
      if (failed()) return;
    }
    ranges(e, "ranges", path);
    if (const Value* r = e.find("ranges"); r && !failed() && r->as_array().size() != n) {
      return fail(path + ".ranges", "has " + std::to_string(r->as_array().size()) + " ranges for " +
                                        std::to_string(n) + " variations");
    }
    if (failed()) return;
    if (const Value* meta = e.find("meta")) {
      if (!meta->is_array()) return fail(path + ".meta", "must be an array of objects");
      for (size_t i = 0; i < meta->as_array().size(); ++i) {
        const Value& m = meta->as_array()[i];
        const std::string at = path + ".meta[" + std::to_string(i) + "]";
        if (!m.is_object()) return fail(at, "must be an object {key?, name?, passthrough?}");
        if (!optional_string(m, "key", at) || !optional_string(m, "name", at) ||
            !optional_bool(m, "passthrough", at)) {
          return;
        }
      }
      // GrowthBook reads meta[i].key for the variation it assigns: a missing entry throws.
      if (meta->as_array().size() < n) {
        return fail(path + ".meta", "has " + std::to_string(meta->as_array().size()) +
                                        " entries for " + std::to_string(n) +
                                        " variations, expected one per variation");
      }
    }
    for (const char* name : {"bucketVersion", "minBucketVersion"}) {
      if (!optional_count(e, name, path)) return;
    }
    for (const char* name : {"disableStickyBucketing", "active"}) {
      if (!optional_bool(e, name, path)) return;
    }
    if (!optional_string(e, "status", path)) return;
    if (const Value* u = e.find("urlPatterns")) url_patterns(*u, path + ".urlPatterns");
    if (failed()) return;
    // The automation declarations (automation.h): one parser, shared with the controller.
    if (e.find("bandit") && e.find("rollout")) {
      return fail(path, "declares both bandit and rollout; keep one");
    }
    if (const Value* b = e.find("bandit")) {
      if (auto p = parse_bandit(*b, path + ".bandit", n); !p.ok()) return fail_status(p.status());
    }
    if (const Value* r = e.find("rollout")) {
      if (auto p = parse_rollout(*r, path + ".rollout", n); !p.ok()) {
        return fail_status(p.status());
      }
    }
  }

  void url_patterns(const Value& u, const std::string& path) {
    if (!u.is_array()) return fail(path, "must be an array of {type, pattern, include?}");
    for (size_t i = 0; i < u.as_array().size(); ++i) {
      const Value& p = u.as_array()[i];
      const std::string at = path + "[" + std::to_string(i) + "]";
      const Value* type = p.find("type");
      const Value* pattern = p.find("pattern");
      if (!p.is_object() || !type || !type->is_string() ||
          (type->as_string() != "regex" && type->as_string() != "simple") || !pattern ||
          !pattern->is_string()) {
        return fail(at, "must be {\"type\": \"regex\" or \"simple\", \"pattern\": string}");
      }
      if (!optional_bool(p, "include", at)) return;
      if (type->as_string() == "regex") regex(pattern->as_string(), false, at + ".pattern");
      if (failed()) return;
    }
  }

  void parent_conditions(const Value& p, const std::string& path) {
    if (!p.is_array()) return fail(path, "must be an array of {id, condition, gate?}");
    for (size_t i = 0; i < p.as_array().size() && !failed(); ++i) {
      const Value& parent = p.as_array()[i];
      const std::string at = path + "[" + std::to_string(i) + "]";
      const Value* id = parent.find("id");
      const Value* c = parent.find("condition");
      if (!parent.is_object() || !id || !id->is_string() || !c) {
        return fail(at, "must be {\"id\": feature key, \"condition\": {...}, \"gate\"?: bool}");
      }
      if (!optional_bool(parent, "gate", at)) return;
      condition(*c, at + ".condition");
    }
  }

  void filters(const Value& f, const std::string& path) {
    if (!f.is_array()) return fail(path, "must be an array of {seed, ranges, attribute?}");
    for (size_t i = 0; i < f.as_array().size() && !failed(); ++i) {
      const Value& x = f.as_array()[i];
      const std::string at = path + "[" + std::to_string(i) + "]";
      if (!x.is_object() || !x.find("ranges"))
        return fail(at, "must be {seed, ranges, attribute?}");
      if (!optional_string(x, "seed", at) || !optional_string(x, "attribute", at)) return;
      if (const Value* v = x.find("hashVersion");
          v && !(v->is_number() && (v->as_number() == 1 || v->as_number() == 2))) {
        return fail(at + ".hashVersion", "must be 1 or 2");
      }
      ranges(x, "ranges", at);
    }
  }

  void saved_groups(const Value& g) {
    if (!g.is_object()) return fail("savedGroups", "must be an object of saved groups");
    for (const auto& [id, group] : g.as_object()) {
      const std::string at = member("savedGroups", id);
      if (group.is_array()) continue;  // v1: the list of values
      const Value* type = group.find("type");
      if (!group.is_object() || !type || !type->is_string()) {
        return fail(at, "must be a list of values or {\"type\": \"list\" | \"condition\", ...}");
      }
      if (type->as_string() == "list") {
        const Value* values = group.find("values");
        if (!values || !values->is_array()) return fail(at + ".values", "must be an array");
        if (!optional_string(group, "attributeKey", at)) return;
      } else if (type->as_string() == "condition") {
        const Value* c = group.find("condition");
        if (!c) return fail(at + ".condition", "is required for a condition group");
        condition(*c, at + ".condition");
        if (failed()) return;
      } else {
        return fail(at + ".type", "must be \"list\" or \"condition\"");
      }
    }
  }

  void regex(const std::string& source, bool ignore_case, const std::string& path) {
    std::string why;
    if (!targeting::Regex::compile(json::to_utf16(source), ignore_case, &why)) {
      fail(path, "is not a valid regular expression (" + why + ")");
    }
  }

  void group_ref(const Value& id, const std::string& path) {
    if (!id.is_string()) return fail(path, "must be the id of a saved group (a string)");
    // Encrypted saved groups are checked by the SDK that decrypts them (decrypt_payload, then
    // validate() again on the plain config).
    if (groups_sealed_) return;
    if (!groups_ || !groups_->find(id.as_string())) {
      fail(path, "names saved group \"" + id.as_string() + "\", which savedGroups does not define");
    }
  }

  // A condition document: {"$or": [...], "attr.path": value-or-operators, ...}.
  void condition(const Value& c, const std::string& path) {
    if (!c.is_object()) return fail(path, "must be an object");
    for (const auto& [key, v] : c.as_object()) {
      const std::string at = path + "." + key;
      if (key == "$or" || key == "$nor" || key == "$and") {
        if (!v.is_array()) return fail(at, "must be an array of conditions");
        for (size_t i = 0; i < v.as_array().size() && !failed(); ++i) {
          condition(v.as_array()[i], at + "[" + std::to_string(i) + "]");
        }
      } else if (key == "$not") {
        condition(v, at);
      } else if (key == "$savedGroup") {
        if (!v.is_object())
          return fail(at, "must be {\"id\": group id, \"attributeKey\"?: string}");
        const Value* id = v.find("id");
        if (!id) return fail(at + ".id", "is required");
        group_ref(*id, at + ".id");
        if (!failed()) optional_string(v, "attributeKey", at);
      } else {
        value_condition(v, at);
      }
      if (failed()) return;
    }
  }

  static bool operator_object(const Value& v) {
    if (!v.is_object() || v.as_object().empty()) return false;
    for (const auto& [k, unused] : v.as_object()) {
      if (k.empty() || k[0] != '$') return false;
    }
    return true;
  }

  // What an attribute is compared with: a plain value (JSON equality) or operators.
  void value_condition(const Value& v, const std::string& path) {
    if (!operator_object(v)) return;
    for (const auto& [op, operand] : v.as_object()) {
      operator_condition(op, operand, path + "." + op);
      if (failed()) return;
    }
  }

  void operator_condition(const std::string& op, const Value& operand, const std::string& at) {
    static constexpr std::string_view kAny[] = {"$eq",  "$ne",   "$lt",    "$lte", "$gt",
                                                "$gte", "$veq",  "$vne",   "$vgt", "$vgte",
                                                "$vlt", "$vlte", "$exists"};
    for (std::string_view a : kAny) {
      if (op == a) return;
    }
    if (op == "$in" || op == "$nin" || op == "$ini" || op == "$nini" || op == "$all" ||
        op == "$alli") {
      if (!operand.is_array()) fail(at, "must be an array of values");
    } else if (op == "$regex" || op == "$regexi") {
      if (!operand.is_string()) return fail(at, "must be a regular expression (a string)");
      regex(operand.as_string(), op == "$regexi", at);
    } else if (op == "$type") {
      static constexpr std::string_view kTypes[] = {"string", "number", "boolean",  "array",
                                                    "object", "null",   "undefined"};
      bool known = false;
      for (std::string_view t : kTypes)
        known = known || (operand.is_string() && operand.as_string() == t);
      if (!known)
        fail(at, "must be one of string, number, boolean, array, object, null, undefined");
    } else if (op == "$size") {
      if (!operand.is_number()) value_condition(operand, at);
    } else if (op == "$not") {
      value_condition(operand, at);
    } else if (op == "$elemMatch") {
      if (!operand.is_object()) return fail(at, "must be a condition (an object)");
      if (operator_object(operand)) {
        value_condition(operand, at);
      } else {
        condition(operand, at);
      }
    } else if (op == "$inGroup" || op == "$notInGroup") {
      group_ref(operand, at);
    } else {
      fail(at, "is not a condition operator (see docs/config.md, \"Conditions\")");
    }
  }

  const Value& config_;
  const Value* groups_ = nullptr;
  bool groups_sealed_ = false;
  Status status_;
};

}  // namespace

Status validate(const json::Value& config) {
  Checker c(config);
  c.top_level();
  return c.status();
}

Status validate_condition(const json::Value& condition, std::string_view path,
                          const json::Value& saved_groups) {
  const Value holder = saved_groups.is_object()
                           ? Value::object({{"savedGroups", saved_groups}})
                           : Value::empty_object();
  Checker c(holder);
  c.standalone_condition(condition, std::string(path));
  return c.status();
}

}  // namespace tailor::config
