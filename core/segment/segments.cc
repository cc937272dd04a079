#include "core/segment/segments.h"

#include <cmath>
#include <string_view>
#include <utility>

#include "core/json/js.h"
#include "core/targeting/condition.h"

namespace tailor::segment {

namespace {

using json::Value;

const Value* path_value(const Value& attributes, std::string_view path) {
  const Value* current = &attributes;
  size_t start = 0;
  while (current) {
    size_t dot = path.find('.', start);
    std::string_view part = path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (current->is_object()) {
      current = current->find(part);
    } else if (current->is_array() && json::is_array_index(part)) {
      size_t i = 0;
      for (char c : part) i = i * 10 + static_cast<size_t>(c - '0');
      current = i < current->as_array().size() ? &current->as_array()[i] : nullptr;
    } else {
      current = nullptr;
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return current;
}

// The attribute at `path` when it is a finite number.
bool number_at(const Value& attributes, const Value* path, double* out) {
  const Value* v = path && path->is_string() ? path_value(attributes, path->as_string()) : nullptr;
  if (!v || !v->is_number() || !std::isfinite(v->as_number())) return false;
  *out = v->as_number();
  return true;
}

bool finite(const Value* v) { return v && v->is_number() && std::isfinite(v->as_number()); }
bool name(const Value* v) { return v && v->is_string() && !v->as_string().empty(); }

// "" when `v` is an array of `n` finite numbers (n < 0: any non-zero count), else the problem.
std::string numbers(const Value* v, long n, const std::string& field) {
  if (!v || !v->is_array() || v->as_array().empty() ||
      (n >= 0 && v->as_array().size() != static_cast<size_t>(n))) {
    return field + (n >= 0 ? " must be an array of " + std::to_string(n) + " numbers"
                           : " must be a non-empty array of numbers");
  }
  for (const Value& x : v->as_array()) {
    if (!finite(&x)) return field + " must contain finite numbers only";
  }
  return {};
}

std::string check(const Value& s) {
  const Value* type = s.find("type");
  const std::string t = type && type->is_string() ? type->as_string() : "";
  if (t == "rule") {
    const Value* c = s.find("condition");
    return c && c->is_object() ? "" : "condition must be an object";
  }
  if (t == "rfm") {
    for (const char* f : {"recency", "frequency", "monetary"}) {
      if (!name(s.find(f))) return std::string(f) + " must be an attribute path";
      std::string bins = std::string(f) + "Bins";
      if (std::string e = numbers(s.find(bins), 4, bins); !e.empty()) return e;
      const auto& b = s.find(bins)->as_array();
      for (size_t i = 1; i < b.size(); ++i) {
        if (b[i].as_number() <= b[i - 1].as_number()) return bins + " must be ascending";
      }
    }
    return {};
  }
  if (t == "kmeans") {
    const Value* features = s.find("features");
    if (!features || !features->is_array() || features->as_array().empty()) {
      return "features must be a non-empty array of attribute paths";
    }
    for (const Value& f : features->as_array()) {
      if (!name(&f)) return "features must be a non-empty array of attribute paths";
    }
    const long n = static_cast<long>(features->as_array().size());
    if (std::string e = numbers(s.find("mean"), n, "mean"); !e.empty()) return e;
    if (std::string e = numbers(s.find("scale"), n, "scale"); !e.empty()) return e;
    for (const Value& x : s.find("scale")->as_array()) {
      if (x.as_number() == 0) return "scale must not contain 0";
    }
    const Value* centroids = s.find("centroids");
    if (!centroids || !centroids->is_array() || centroids->as_array().empty()) {
      return "centroids must be a non-empty array of {name, center}";
    }
    for (size_t i = 0; i < centroids->as_array().size(); ++i) {
      const Value& c = centroids->as_array()[i];
      const std::string where = "centroids[" + std::to_string(i) + "]";
      if (!c.is_object() || !name(c.find("name"))) return where + ".name must be a string";
      if (std::string e = numbers(c.find("center"), n, where + ".center"); !e.empty()) return e;
    }
    return {};
  }
  if (t == "logistic") {
    if (!finite(s.find("intercept"))) return "intercept must be a finite number";
    const Value* coefficients = s.find("coefficients");
    if (!coefficients || !coefficients->is_array()) {
      return "coefficients must be an array of {attribute, weight}";
    }
    for (size_t i = 0; i < coefficients->as_array().size(); ++i) {
      const Value& c = coefficients->as_array()[i];
      const std::string where = "coefficients[" + std::to_string(i) + "]";
      if (!c.is_object() || !name(c.find("attribute"))) {
        return where + ".attribute must be an attribute path";
      }
      if (!finite(c.find("weight"))) return where + ".weight must be a finite number";
    }
    return {};
  }
  return "type must be \"rule\", \"rfm\", \"kmeans\" or \"logistic\"";
}

Value rfm(const Value& s, const Value& a) {
  double x[3];
  const char* fields[] = {"recency", "frequency", "monetary"};
  int scores[3];
  for (int i = 0; i < 3; ++i) {
    if (!number_at(a, s.find(fields[i]), &x[i])) return Value();
    const auto& bins = s.find(std::string(fields[i]) + "Bins")->as_array();
    int reached = 0;
    for (const Value& b : bins) {
      reached += i == 0 ? (x[i] > b.as_number()) : (x[i] >= b.as_number());
    }
    scores[i] = i == 0 ? 5 - reached : 1 + reached;
  }
  return Value::object({{"r", scores[0]},
                        {"f", scores[1]},
                        {"m", scores[2]},
                        {"score", scores[0] + scores[1] + scores[2]}});
}

Value kmeans(const Value& s, const Value& a) {
  const auto& features = s.find("features")->as_array();
  const auto& mean = s.find("mean")->as_array();
  const auto& scale = s.find("scale")->as_array();
  std::vector<double> z(features.size());
  for (size_t i = 0; i < features.size(); ++i) {
    double x = 0;
    if (!number_at(a, &features[i], &x)) return Value();
    z[i] = (x - mean[i].as_number()) / scale[i].as_number();
  }
  const Value* best = nullptr;
  double best_distance = 0;
  for (const Value& c : s.find("centroids")->as_array()) {
    const auto& center = c.find("center")->as_array();
    double d = 0;
    for (size_t i = 0; i < z.size(); ++i) {
      double diff = z[i] - center[i].as_number();
      d = d + diff * diff;
    }
    if (!best || d < best_distance) {
      best = c.find("name");
      best_distance = d;
    }
  }
  return *best;
}

Value logistic(const Value& s, const Value& a) {
  double z = s.find("intercept")->as_number();
  for (const Value& c : s.find("coefficients")->as_array()) {
    double x = 0;
    if (!number_at(a, c.find("attribute"), &x)) return Value();
    z = z + c.find("weight")->as_number() * x;
  }
  return Value(1.0 / (1.0 + portable_exp(-z)));
}

}  // namespace

double portable_exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.78) return HUGE_VAL;
  if (x < -745.2) return 0.0;
  // x = k ln2 + r with |r| <= ln2 / 2; ln2 split so k * ln2_hi is exact.
  const double ln2_hi = 6.93147180369123816490e-01;
  const double ln2_lo = 1.90821492927058770002e-10;
  const double k = std::nearbyint(x * 1.44269504088896338700);
  const double r = (x - k * ln2_hi) - k * ln2_lo;
  // Taylor series of e^r to r^14/14! (< 1e-19 for |r| <= 0.35), Horner in a fixed order.
  double sum = 1.0;
  for (int n = 14; n >= 1; --n) sum = 1.0 + sum * r / n;
  return std::ldexp(sum, static_cast<int>(k));
}

Result<bool> validate(const json::Value& config) {
  const Value* segments = config.find("segments");
  if (!segments) return true;
  if (!segments->is_array()) return Result<bool>::failure("segments must be an array");
  std::vector<std::string> keys;
  for (size_t i = 0; i < segments->as_array().size(); ++i) {
    const Value& s = segments->as_array()[i];
    std::string where = "segments[" + std::to_string(i) + "]";
    if (!s.is_object() || !name(s.find("key"))) {
      return Result<bool>::failure(where + ".key must be a non-empty string");
    }
    const std::string& key = s.find("key")->as_string();
    where += " (\"" + key + "\")";
    for (const auto& k : keys) {
      if (k == key) return Result<bool>::failure(where + ": key repeats an earlier segment's");
    }
    keys.push_back(key);
    if (std::string e = check(s); !e.empty()) return Result<bool>::failure(where + "." + e);
  }
  return true;
}

bool has_segments(const json::Value& config) {
  const Value* segments = config.find("segments");
  return segments && segments->is_array() && !segments->as_array().empty();
}

json::Value evaluate(const json::Value& config, const json::Value& attributes) {
  static const Value kEmpty = Value::empty_object();
  const Value& a = attributes.is_object() ? attributes : kEmpty;
  const Value* groups = config.find("savedGroups");
  json::Object out;
  if (!has_segments(config)) return Value::object({});
  for (const Value& s : config.find("segments")->as_array()) {
    if (!s.is_object() || !name(s.find("key"))) continue;
    const std::string& key = s.find("key")->as_string();
    Value v;
    if (check(s).empty()) {
      const std::string& type = s.find("type")->as_string();
      if (type == "rule") {
        v = targeting::eval_condition(a, *s.find("condition"), groups ? *groups : kEmpty);
      } else if (type == "rfm") {
        v = rfm(s, a);
      } else if (type == "kmeans") {
        v = kmeans(s, a);
      } else {
        v = logistic(s, a);
      }
    }
    bool seen = false;
    for (const auto& m : out) seen = seen || m.first == key;
    if (!seen) out.emplace_back(key, std::move(v));
  }
  return Value::object(std::move(out));
}

json::Value with_segments(const json::Value& config, const json::Value& attributes) {
  if (!has_segments(config) || !attributes.is_object()) return attributes;
  Value out = attributes;
  out.set("segments", evaluate(config, attributes));
  return out;
}

}  // namespace tailor::segment
