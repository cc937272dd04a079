#include "core/segmentation/spec.h"

#include <cmath>
#include <utility>

#include "core/config/validate.h"
#include "core/json/js.h"
#include "core/segmentation/attributes.h"
#include "core/text/shorten.h"

namespace tailor::segmentation {

namespace {

using json::Value;

constexpr size_t kMaxSegments = 50;
constexpr size_t kMaxFeatures = 20;
constexpr size_t kMaxName = 64;
constexpr double kMaxSeed = 9007199254740991.0;  // 2^53 - 1

// A value for a message: its JSON, cut at 60 bytes.
std::string shown(const Value& v) {
  return text::shorten(json::stringify(v), 60);
}

Result<Spec> fail(std::string message) { return Result<Spec>::failure(std::move(message)); }

// "" when every member of `section` is in `valid`, else the message.
std::string unknown_member(const Value& section, std::initializer_list<std::string_view> valid,
                           const std::string& path) {
  for (const auto& [key, unused] : section.as_object()) {
    bool known = false;
    for (std::string_view v : valid) known = known || key == v;
    if (known) continue;
    std::string list;
    for (std::string_view v : valid) list += (list.empty() ? "" : ", ") + std::string(v);
    return path + "." + key + " is unknown; valid members are " + list;
  }
  return {};
}

std::string check_name(const Value* v, const std::string& at, std::vector<SegmentRule>& seen) {
  if (!v || !v->is_string() || v->as_string().empty() || v->as_string().size() > kMaxName) {
    return at + " must be a segment name (a string of 1 to 64 bytes), got " +
           (v ? shown(*v) : "nothing");
  }
  const std::string s = slug(v->as_string());
  if (s.empty()) {
    return at + " must contain a letter or digit (its slug is the segment's key), got " + shown(*v);
  }
  for (const SegmentRule& other : seen) {
    if (slug(other.name) == s) {
      return at + " \"" + v->as_string() + "\" has the same slug \"" + s + "\" as the segment \"" +
             other.name + "\"; names must differ in letters or digits";
    }
  }
  return {};
}

std::string check_condition(const Value* c, const std::string& at) {
  if (!c || !c->is_object()) {
    return at + " must be a condition (an object such as {\"spend_12m\": {\"$gte\": 1000}}), got " +
           (c ? shown(*c) : "nothing");
  }
  Status s = config::validate_condition(*c, at);
  return s.ok() ? std::string() : s.message();
}

std::string column_name(const Value& section, const char* member, const std::string& path,
                        std::string* out) {
  const Value* v = section.find(member);
  if (!v || !v->is_string() || v->as_string().empty()) {
    return path + "." + member + " must be the name of a number or integer column, got " +
           (v ? shown(*v) : "nothing");
  }
  *out = v->as_string();
  return {};
}

// `list` of {"name", "condition"}: each but the last needs a condition (last_is_default) or
// every entry does (rules).
std::string named_rules(const Value& list, const std::string& at, bool last_is_default,
                        std::vector<SegmentRule>& out) {
  if (!list.is_array() || list.as_array().empty() || list.as_array().size() > kMaxSegments) {
    return at + " must be an array of 1 to 50 {\"name\", \"condition\"} objects, got " +
           shown(list);
  }
  const auto& items = list.as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string where = at + "[" + std::to_string(i) + "]";
    const Value& item = items[i];
    if (!item.is_object()) return where + " must be an object {\"name\", \"condition\"}";
    for (const auto& [key, unused] : item.as_object()) {
      if (key != "name" && key != "condition") {
        return where + "." + key + " is not a member; valid members are name, condition";
      }
    }
    if (std::string e = check_name(item.find("name"), where + ".name", out); !e.empty()) return e;
    const Value* c = item.find("condition");
    const bool last = i + 1 == items.size();
    if (last && last_is_default) {
      if (c && !(c->is_object() && c->as_object().empty())) {
        return where +
               ".condition must be absent or {}: the last segment is the default, "
               "for every customer no earlier segment matched";
      }
      out.push_back({item.find("name")->as_string(), Value::empty_object()});
      continue;
    }
    if (std::string e = check_condition(c, where + ".condition"); !e.empty()) return e;
    out.push_back({item.find("name")->as_string(), *c});
  }
  return {};
}

std::string reserve_unscored(const std::vector<SegmentRule>& segments, const std::string& at) {
  for (size_t i = 0; i < segments.size(); ++i) {
    if (slug(segments[i].name) == "unscored") {
      return at + "[" + std::to_string(i) + "].name \"" + segments[i].name +
             "\" is reserved for the customers the model cannot score";
    }
  }
  return {};
}

Result<Spec> parse_rules(const Value& section, Spec spec) {
  const std::string& path = spec.path;
  if (auto e = unknown_member(section, {"method", "rules", "default"}, path); !e.empty()) {
    return fail(e);
  }
  const Value* rules = section.find("rules");
  if (!rules) return fail(path + ".rules is required: an array of {\"name\", \"condition\"}");
  if (auto e = named_rules(*rules, path + ".rules", false, spec.segments); !e.empty()) {
    return fail(e);
  }
  const Value fallback("Everyone else");
  const Value* d = section.find("default");
  if (auto e = check_name(d ? d : &fallback, path + ".default", spec.segments); !e.empty()) {
    return fail(e);
  }
  spec.segments.push_back({(d ? d : &fallback)->as_string(), Value::empty_object()});
  return spec;
}

Result<Spec> parse_rfm(const Value& section, Spec spec) {
  const std::string& path = spec.path;
  if (auto e =
          unknown_member(section, {"method", "recency", "frequency", "monetary", "segments"}, path);
      !e.empty()) {
    return fail(e);
  }
  if (auto e = column_name(section, "recency", path, &spec.recency); !e.empty()) return fail(e);
  if (auto e = column_name(section, "frequency", path, &spec.frequency); !e.empty()) {
    return fail(e);
  }
  if (auto e = column_name(section, "monetary", path, &spec.monetary); !e.empty()) return fail(e);
  if (const Value* s = section.find("segments")) {
    if (auto e = named_rules(*s, path + ".segments", true, spec.segments); !e.empty()) {
      return fail(e);
    }
  } else {
    spec.segments = default_rfm_segments();
  }
  if (auto e = reserve_unscored(spec.segments, path + ".segments"); !e.empty()) return fail(e);
  return spec;
}

Result<Spec> parse_kmeans(const Value& section, Spec spec) {
  const std::string& path = spec.path;
  if (auto e = unknown_member(section, {"method", "features", "k", "seed", "max_iterations"}, path);
      !e.empty()) {
    return fail(e);
  }
  const Value* f = section.find("features");
  if (!f || !f->is_array() || f->as_array().empty() || f->as_array().size() > kMaxFeatures) {
    return fail(path + ".features must be an array of 1 to 20 column names, got " +
                (f ? shown(*f) : "nothing"));
  }
  for (size_t i = 0; i < f->as_array().size(); ++i) {
    const Value& name = f->as_array()[i];
    const std::string at = path + ".features[" + std::to_string(i) + "]";
    if (!name.is_string() || name.as_string().empty()) {
      return fail(at + " must be a column name, got " + shown(name));
    }
    for (const std::string& other : spec.features) {
      if (other == name.as_string()) return fail(at + " repeats \"" + other + "\"");
    }
    spec.features.push_back(name.as_string());
  }
  if (const Value* k = section.find("k"); k && !(k->is_string() && k->as_string() == "auto")) {
    const bool whole = k->is_number() && std::floor(k->as_number()) == k->as_number();
    if (!whole || k->as_number() < 2 || k->as_number() > 20) {
      return fail(path + ".k must be a whole number from 2 to 20 or \"auto\", got " + shown(*k));
    }
    spec.k = static_cast<int>(k->as_number());
  }
  if (const Value* s = section.find("seed")) {
    const bool whole = s->is_number() && std::floor(s->as_number()) == s->as_number();
    if (!whole || s->as_number() < 0 || s->as_number() > kMaxSeed) {
      return fail(path + ".seed must be a whole number from 0 to 9007199254740991, got " +
                  shown(*s));
    }
    spec.seed = static_cast<uint64_t>(s->as_number());
  }
  if (const Value* m = section.find("max_iterations")) {
    const bool whole = m->is_number() && std::floor(m->as_number()) == m->as_number();
    if (!whole || m->as_number() < 1 || m->as_number() > 1000) {
      return fail(path + ".max_iterations must be a whole number from 1 to 1000, got " + shown(*m));
    }
    spec.max_iterations = static_cast<int>(m->as_number());
  }
  return spec;
}

}  // namespace

std::string_view method_name(Method method) {
  switch (method) {
    case Method::kRules:
      return "rules";
    case Method::kRfm:
      return "rfm";
    case Method::kKmeans:
      return "kmeans";
  }
  return "rules";
}

std::vector<SegmentRule> default_rfm_segments() {
  auto at_least = [](int r, int f) {
    json::Object c;
    if (r > 0) c.emplace_back("segments.rfm.r", Value::object({{"$gte", r}}));
    if (f > 0) c.emplace_back("segments.rfm.f", Value::object({{"$gte", f}}));
    return Value::object(std::move(c));
  };
  return {{"Champions", at_least(4, 4)},
          {"Loyal", at_least(3, 3)},
          {"Potential Loyalists", at_least(4, 0)},
          {"At Risk", at_least(0, 3)},
          {"Hibernating", Value::empty_object()}};
}

Result<Spec> parse_spec(const json::Value& section, std::string_view path) {
  Spec spec;
  spec.path = std::string(path);
  if (!section.is_object()) {
    return fail(spec.path +
                " must be an object {\"method\": \"rules\" | \"rfm\" | \"kmeans\", ...}, got " +
                shown(section));
  }
  const Value* m = section.find("method");
  const std::string method = m && m->is_string() ? m->as_string() : "";
  if (method == "rules") {
    spec.method = Method::kRules;
    return parse_rules(section, std::move(spec));
  }
  if (method == "rfm") {
    spec.method = Method::kRfm;
    return parse_rfm(section, std::move(spec));
  }
  if (method == "kmeans") {
    spec.method = Method::kKmeans;
    return parse_kmeans(section, std::move(spec));
  }
  return fail(spec.path + ".method must be \"rules\", \"rfm\" or \"kmeans\", got " +
              (m ? shown(*m) : "nothing"));
}

}  // namespace tailor::segmentation
