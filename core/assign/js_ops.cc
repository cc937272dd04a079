#include "core/assign/js_ops.h"

#include <cmath>
#include <limits>

#include "core/json/js.h"

namespace tailor::assign::js {

namespace {

const Value kUndefinedAsNaN(std::numeric_limits<double>::quiet_NaN());

// Operand of a relational comparison: undefined compares as NaN.
const Value& operand(const Value* v) { return v ? *v : kUndefinedAsNaN; }

}  // namespace

const Value* get(const Value* obj, std::string_view key) {
  if (!obj) return nullptr;
  if (obj->is_object()) return obj->find(key);
  if (obj->is_array() && json::is_array_index(key)) {
    size_t index = 0;
    for (char c : key) index = index * 10 + static_cast<size_t>(c - '0');
    return index < obj->as_array().size() ? &obj->as_array()[index] : nullptr;
  }
  return nullptr;
}

const Value* get(const Value* obj, const Value* key) {
  if (key && key->is_string()) return get(obj, key->as_string());
  return get(obj, to_string(key));
}

bool truthy(const Value* v) { return v && json::truthy(*v); }

Value add(const Value* a, const Value* b) {
  auto stringish = [](const Value* v) {
    return v && (v->is_string() || v->is_array() || v->is_object());
  };
  if (stringish(a) || stringish(b)) return Value(to_string(a) + to_string(b));
  return Value(to_number(a) + to_number(b));
}

std::string to_string(const Value* v) { return v ? json::to_js_string(*v) : "undefined"; }

std::string gb_to_string(const Value& v) {
  return v.is_string() ? v.as_string() : json::stringify(v);
}

double to_number(const Value* v) {
  return v ? json::to_js_number(*v) : std::numeric_limits<double>::quiet_NaN();
}

bool ge(double n, const Value* v) {
  auto r = json::less_than(Value(n), operand(v));
  return r.has_value() && !*r;
}

bool lt(double n, const Value* v) {
  auto r = json::less_than(Value(n), operand(v));
  return r.has_value() && *r;
}

bool less(const Value* a, const Value* b) {
  auto r = json::less_than(operand(a), operand(b));
  return r.has_value() && *r;
}

bool greater_equal(const Value* a, const Value* b) {
  auto r = json::less_than(operand(a), operand(b));
  return r.has_value() && !*r;
}

std::optional<double> length(const Value* v) {
  if (!v) return std::nullopt;
  if (v->is_array()) return static_cast<double>(v->as_array().size());
  if (v->is_string()) return static_cast<double>(json::utf16_length(v->as_string()));
  return std::nullopt;
}

std::optional<json::Array> iterate(const Value& v) {
  if (v.is_array()) return v.as_array();
  if (!v.is_string()) return std::nullopt;
  const std::u16string units = json::to_utf16(v.as_string());
  json::Array out;
  for (size_t i = 0; i < units.size(); ++i) {
    size_t n = 1;
    if (units[i] >= 0xD800 && units[i] <= 0xDBFF && i + 1 < units.size() &&
        units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
      n = 2;
    }
    out.emplace_back(json::to_utf8(units.substr(i, n)));
    i += n - 1;
  }
  return out;
}

}  // namespace tailor::assign::js
