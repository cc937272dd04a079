#include "core/targeting/condition.h"

#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/json/array_index.h"
#include "core/json/js.h"
#include "core/targeting/regex.h"

namespace tailor::targeting {
namespace {

using json::Type;
using json::Value;

// The value at a dotted path, as GrowthBook's getPath finds it: objects by member, arrays by
// index or "length"; anything else ends the walk with null.
struct PathValue {
  const Value* ref = nullptr;
  Value owned;
  const Value& get() const { return ref ? *ref : owned; }
};

PathValue get_path(const Value& obj, std::string_view path) {
  PathValue out;
  const Value* current = &obj;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string_view part = path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    const Value* next = nullptr;
    if (current->is_object()) {
      next = current->find(part);
    } else if (current->is_array()) {
      const auto& items = current->as_array();
      if (part == "length") {
        if (dot != std::string_view::npos) {
          // A number has no members: the rest of the path reads as null.
          return PathValue{};
        }
        out.owned = Value(static_cast<double>(items.size()));
        return out;
      }
      if (json::is_array_index(part)) {
        size_t index = json::array_index_value(part);
        if (index < items.size()) next = &items[index];
      }
    }
    if (next == nullptr) return PathValue{};
    current = next;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  out.ref = current;
  return out;
}

// Structural equality; equal exactly when JSON.stringify of both sides is equal (where
// Infinity and -Infinity, which a literal beyond the double range parses to, are null).
bool json_equal(const Value& a, const Value& b) {
  const bool a_null = a.is_null() || (a.is_number() && !std::isfinite(a.as_number()));
  const bool b_null = b.is_null() || (b.is_number() && !std::isfinite(b.as_number()));
  if (a_null || b_null) return a_null == b_null;
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Type::kArray: {
      const auto& x = a.as_array();
      const auto& y = b.as_array();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!json_equal(x[i], y[i])) return false;
      }
      return true;
    }
    case Type::kObject: {
      const auto& x = a.as_object();
      const auto& y = b.as_object();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (x[i].first != y[i].first || !json_equal(x[i].second, y[i].second)) return false;
      }
      return true;
    }
    default:
      return json::strict_equals(a, b);  // null, booleans, numbers, strings: ===
  }
}

bool is_operator_object(const Value& v) {
  if (!v.is_object() || v.as_object().empty()) return false;
  for (const auto& [k, _] : v.as_object()) {
    if (k.empty() || k[0] != '$') return false;
  }
  return true;
}

// Compiled regular expressions, per thread, bounded.
const Regex* cached_regex(const std::string& source, bool ignore_case, std::string* error) {
  struct Entry {
    std::optional<Regex> regex;
    std::string error;
  };
  thread_local std::map<std::string, Entry, std::less<>> cache;
  std::string key = (ignore_case ? "i/" : "-/") + source;
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() >= 4096) cache.clear();
    Entry e;
    e.regex = Regex::compile(json::to_utf16(source), ignore_case, &e.error);
    it = cache.emplace(std::move(key), std::move(e)).first;
  }
  if (!it->second.regex) {
    *error = it->second.error;
    return nullptr;
  }
  return &*it->second.regex;
}

class Evaluator {
 public:
  Evaluator(const Value& saved_groups, std::string* reason)
      : saved_groups_(json::truthy(saved_groups) ? saved_groups : empty_), reason_(reason) {}

  bool failed() const { return failed_; }

  // Evaluates against {value: undefined} (a prerequisite whose parent value is JavaScript's
  // undefined): the path "value" of `root` then reads as undefined, not null.
  void set_undefined_value_root(const Value* root) { undefined_root_ = root; }

  // evalCondition: every entry of `condition` must hold.
  // The depth is counted by hand, without a guard object: under emscripten's exceptions a
  // destructor in these recursive frames routes every call through a JavaScript trampoline,
  // which halves the depth the browser's stack allows.
  bool condition(const Value& obj, const Value& cond) {
    if (failed_) return false;
    if (depth_ >= kMaxConditionDepth) return fail_depth();
    ++depth_;
    const bool result = condition_at_depth(obj, cond);
    --depth_;
    return result;
  }

 private:
  bool condition_at_depth(const Value& obj, const Value& cond) {
    if (cond.is_null()) return fail("a condition is null; expected an object");
    if (cond.is_object()) {
      for (const auto& [k, v] : cond.as_object()) {
        if (!entry(obj, k, v)) return false;
      }
      return true;
    }
    if (cond.is_array()) {
      const auto& items = cond.as_array();
      for (size_t i = 0; i < items.size(); ++i) {
        if (!entry(obj, std::to_string(i), items[i])) return false;
      }
      return true;
    }
    if (cond.is_string()) {
      // Object.entries("ab") is [["0","a"],["1","b"]].
      std::u16string units = json::to_utf16(cond.as_string());
      for (size_t i = 0; i < units.size(); ++i) {
        Value unit(json::to_utf8(std::u16string_view(&units[i], 1)));
        if (!entry(obj, std::to_string(i), unit)) return false;
      }
      return true;
    }
    return true;  // numbers and booleans have no entries
  }

  bool fail(std::string message) {
    if (reason_ != nullptr && reason_->empty()) *reason_ = std::move(message);
    failed_ = true;
    return false;
  }
  bool note(std::string message) {
    if (reason_ != nullptr && reason_->empty()) *reason_ = std::move(message);
    return false;
  }

  bool entry(const Value& obj, std::string_view key, const Value& v) {
    if (key == "$or") return any_of(obj, v, "$or");
    if (key == "$nor") return !any_of(obj, v, "$nor") && !failed_;
    if (key == "$and") return all_of(obj, v);
    if (key == "$not") return !condition(obj, v) && !failed_;
    if (key == "$savedGroup") return saved_group(obj, v);
    if (&obj == undefined_root_ && key == "value") return value(v, undefined_, false);
    PathValue actual = get_path(obj, key);
    return value(v, actual.get(), false);
  }

  // `undefined_` stands for JavaScript's undefined by its address (its content is null).
  static bool is_undefined(const Value& v) { return &v == &undefined_; }

  // The length and elements of an array-like operand, as evalOr/evalAnd read them.
  bool length_of(const Value& list, std::string_view op, Value& length) {
    if (list.is_null()) return fail(std::string(op) + " operand is null; expected an array");
    return json::get_property(list, "length", length);
  }
  bool element(const Value& list, size_t i, Value& out) {
    if (json::get_property(list, std::to_string(i), out)) return true;
    return fail("condition list has no element " + std::to_string(i));
  }

  bool any_of(const Value& obj, const Value& list, std::string_view op) {
    Value length;
    bool has_length = length_of(list, op, length);
    if (failed_) return false;
    if (!has_length || !json::truthy(length)) return true;
    for (size_t i = 0; json::less_than(Value(static_cast<double>(i)), length).value_or(false); ++i) {
      Value item;
      if (!element(list, i, item)) return false;
      if (condition(obj, item)) return true;
      if (failed_) return false;
    }
    return false;
  }

  bool all_of(const Value& obj, const Value& list) {
    Value length;
    bool has_length = length_of(list, "$and", length);
    if (failed_ || !has_length) return !failed_;
    for (size_t i = 0; json::less_than(Value(static_cast<double>(i)), length).value_or(false); ++i) {
      Value item;
      if (!element(list, i, item)) return false;
      if (!condition(obj, item)) return false;
    }
    return true;
  }

  bool saved_group(const Value& obj, const Value& ref) {
    if (!ref.is_object()) return note("$savedGroup expects an object {id, attributeKey?}");
    const Value* id = ref.find("id");
    if (id == nullptr || !id->is_string()) return note("$savedGroup.id must be a string");
    for (const auto& seen : visited_) {
      if (seen == id->as_string()) return note("saved group \"" + seen + "\" refers to itself");
    }
    const Value* attribute_key = ref.find("attributeKey");
    if (attribute_key != nullptr && !attribute_key->is_string()) {
      return note("$savedGroup.attributeKey must be a string");
    }
    Value entry;
    if (!json::get_property(saved_groups_, id->as_string(), entry) || !entry.is_object()) {
      return note("saved group \"" + id->as_string() + "\" is unknown or not a v2 group");
    }
    const Value* type = entry.find("type");
    if (type != nullptr && type->is_string() && type->as_string() == "list") {
      const Value* key = attribute_key ? attribute_key : entry.find("attributeKey");
      const Value* values = entry.find("values");
      if (key == nullptr || !key->is_string()) return note("saved group has no attributeKey");
      if (values == nullptr || !values->is_array()) return note("saved group has no values");
      if (&obj == undefined_root_ && key->as_string() == "value") return false;  // isIn(undefined)
      return is_in(get_path(obj, key->as_string()).get(), values->as_array(), false);
    }
    if (type != nullptr && type->is_string() && type->as_string() == "condition") {
      const Value* inner = entry.find("condition");
      if (inner == nullptr || !(inner->is_object() || inner->is_array())) {
        return note("saved group has no condition");
      }
      visited_.push_back(id->as_string());
      bool ok = condition(obj, *inner);
      visited_.pop_back();
      return ok;
    }
    return note("saved group \"" + id->as_string() + "\" has an unknown type");
  }

  // evalConditionValue: compare one attribute value against a condition value.
  bool value(const Value& cond, const Value& actual, bool insensitive) {
    if (failed_) return false;
    if (depth_ >= kMaxConditionDepth) return fail_depth();
    ++depth_;
    const bool result = value_at_depth(cond, actual, insensitive);
    --depth_;
    return result;
  }

  bool value_at_depth(const Value& cond, const Value& actual, bool insensitive) {
    if (is_undefined(actual)) {
      switch (cond.type()) {
        case Type::kString:  // String(undefined) is "undefined"
          return cond.as_string() == "undefined" ||
                 (insensitive && json::to_lower(cond.as_string()) == "undefined");
        case Type::kNumber: return false;  // undefined * 1 is NaN
        case Type::kBool: return !cond.as_bool();
        case Type::kNull: return false;
        default: break;
      }
      if (!is_operator_object(cond)) return false;  // JSON.stringify(undefined) is undefined
      for (const auto& [op, expected] : cond.as_object()) {
        if (!op_holds(op, actual, expected)) return false;
      }
      return true;
    }
    switch (cond.type()) {
      case Type::kString:
        if (insensitive) return json::to_lower(json::to_js_string(actual)) == json::to_lower(cond.as_string());
        return json::to_js_string(actual) == cond.as_string();
      case Type::kNumber:
        return json::to_js_number(actual) == cond.as_number();
      case Type::kBool:
        return !actual.is_null() && json::truthy(actual) == cond.as_bool();
      case Type::kNull:
        return actual.is_null();
      default:
        break;
    }
    if (!is_operator_object(cond)) return json_equal(actual, cond);
    for (const auto& [op, expected] : cond.as_object()) {
      if (!op_holds(op, actual, expected)) return false;
    }
    return true;
  }

  static bool is_in(const Value& actual, const json::Array& expected, bool insensitive) {
    if (is_undefined(actual)) return false;  // no JSON value is undefined
    auto fold = [&](const Value& v) {
      return insensitive && v.is_string() ? Value(json::to_lower(v.as_string())) : v;
    };
    auto contains = [&](const Value& needle) {
      Value n = fold(needle);
      for (const auto& e : expected) {
        if (json::strict_equals(n, insensitive ? fold(e) : e)) return true;
      }
      return false;
    };
    if (actual.is_array()) {
      for (const auto& el : actual.as_array()) {
        if (contains(el)) return true;
      }
      return false;
    }
    return contains(actual);
  }

  // Values of a saved group used by $inGroup/$notInGroup; nullopt matches nobody.
  std::optional<json::Array> group_values(const Value& expected) {
    Value entry;
    if (!json::get_property(saved_groups_, json::to_js_string(expected), entry)) {
      return json::Array{};
    }
    if (entry.is_array()) return entry.as_array();
    if (entry.is_object()) {
      const Value* type = entry.find("type");
      if (type != nullptr && type->is_string() && type->as_string() == "list") {
        const Value* values = entry.find("values");
        if (values != nullptr && values->is_array()) return values->as_array();
      }
    }
    note("saved group \"" + json::to_js_string(expected) + "\" is not a list");
    return std::nullopt;
  }

  bool all(const Value& actual, const Value& expected, bool insensitive) {
    if (!expected.is_array()) return note("$all expects an array");
    if (!actual.is_array()) return false;
    for (const auto& want : expected.as_array()) {
      bool passed = false;
      for (const auto& have : actual.as_array()) {
        if (value(want, have, insensitive)) {
          passed = true;
          break;
        }
        if (failed_) return false;
      }
      if (!passed) return false;
    }
    return true;
  }

  bool elem_match(const Value& actual, const Value& expected) {
    if (!actual.is_array()) return false;
    if (expected.is_null()) return fail("$elemMatch operand is null; expected an object");
    bool operators = is_operator_object(expected);
    for (const auto& item : actual.as_array()) {
      if (item.is_null()) continue;
      if (operators ? value(expected, item, false) : condition(item, expected)) return true;
      if (failed_) return false;
    }
    return false;
  }

  bool regex(const Value& actual, const Value& expected, bool ignore_case) {
    if (!expected.is_string()) return note("$regex expects a string pattern");
    std::string error;
    const Regex* re = cached_regex(expected.as_string(), ignore_case, &error);
    if (re == nullptr) return note("invalid regular expression /" + expected.as_string() + "/: " + error);
    switch (re->search(json::to_utf16(json::to_js_string(actual)))) {
      case Regex::MatchResult::kMatch: return true;
      case Regex::MatchResult::kNoMatch: return false;
      case Regex::MatchResult::kBudgetExhausted:
        return note("regular expression /" + expected.as_string() + "/ exceeded its step budget");
    }
    return false;
  }

  bool op_holds(std::string_view op, const Value& actual, const Value& expected) {
    if (op.size() > 2 && op[1] == 'v' && op != "$vne") {
      int c = json::compare_utf16(padded_version_string(actual), padded_version_string(expected));
      if (op == "$veq") return c == 0;
      if (op == "$vgt") return c > 0;
      if (op == "$vgte") return c >= 0;
      if (op == "$vlt") return c < 0;
      if (op == "$vlte") return c <= 0;
    }
    if (op == "$vne") return padded_version_string(actual) != padded_version_string(expected);
    if (is_undefined(actual)) {
      // undefined is === to no JSON value and compares false with every one (NaN).
      if (op == "$eq" || op == "$lt" || op == "$gt" || op == "$lte" || op == "$gte") return false;
      if (op == "$ne") return true;
      if (op == "$type") return expected.is_string() && expected.as_string() == "undefined";
      if (op == "$regex" || op == "$regexi") {
        return regex(Value("undefined"), expected, op == "$regexi");
      }
    }
    if (op == "$eq") return json::strict_equals(actual, expected);
    if (op == "$ne") return !json::strict_equals(actual, expected);
    if (op == "$lt") return json::less_than(actual, expected).value_or(false);
    if (op == "$gt") return json::less_than(expected, actual).value_or(false);
    if (op == "$lte") {
      auto r = json::less_than(expected, actual);
      return r && !*r;
    }
    if (op == "$gte") {
      auto r = json::less_than(actual, expected);
      return r && !*r;
    }
    if (op == "$exists") return json::truthy(expected) ? !actual.is_null() : actual.is_null();
    if (op == "$in" || op == "$ini" || op == "$nin" || op == "$nini") {
      if (!expected.is_array()) return note(std::string(op) + " expects an array");
      bool in = is_in(actual, expected.as_array(), op == "$ini" || op == "$nini");
      return op[1] == 'i' ? in : !in;
    }
    if (op == "$inGroup" || op == "$notInGroup") {
      auto values = group_values(expected);
      if (!values) return false;
      bool in = is_in(actual, *values, false);
      return op == "$inGroup" ? in : !in;
    }
    if (op == "$not") return !value(expected, actual, false) && !failed_;
    if (op == "$size") {
      if (!actual.is_array()) return false;
      return value(expected, Value(static_cast<double>(actual.as_array().size())), false);
    }
    if (op == "$elemMatch") return elem_match(actual, expected);
    if (op == "$all") return all(actual, expected, false);
    if (op == "$alli") return all(actual, expected, true);
    if (op == "$regex") return regex(actual, expected, false);
    if (op == "$regexi") return regex(actual, expected, true);
    if (op == "$type") return expected.is_string() && expected.as_string() == type_name(actual);
    return note("unknown operator " + std::string(op));
  }

  // Nesting of evalCondition / evalConditionValue calls, saved-group references included
  // (they are not nested JSON, so json::kMaxDepth does not bound them): past kMaxDepth the
  // condition is invalid (false), never a stack overflow.
  [[gnu::noinline]] bool fail_depth() {
    return fail("condition nested deeper than " + std::to_string(kMaxConditionDepth) +
                " levels (saved-group references included)");
  }
  size_t depth_ = 0;

  static inline const Value empty_ = Value::empty_object();
  static inline const Value undefined_{};
  const Value* undefined_root_ = nullptr;
  const Value& saved_groups_;
  std::string* reason_;
  bool failed_ = false;
  std::vector<std::string> visited_;
};

}  // namespace

std::string_view type_name(const Value& v) {
  switch (v.type()) {
    case Type::kNull:
      return "null";
    case Type::kBool:
      return "boolean";
    case Type::kNumber:
      return "number";
    case Type::kString:
      return "string";
    case Type::kArray:
      return "array";
    case Type::kObject:
      return "object";
  }
  return "unknown";
}

bool eval_condition(const Value& attributes, const Value& condition, const Value& saved_groups,
                    std::string* reason) {
  Evaluator evaluator(saved_groups, reason);
  bool result = evaluator.condition(attributes, condition);
  return result && !evaluator.failed();
}

std::optional<bool> eval_condition_checked(const Value& attributes, const Value& condition,
                                           const Value& saved_groups) {
  Evaluator evaluator(saved_groups, nullptr);
  bool result = evaluator.condition(attributes, condition);
  if (evaluator.failed()) return std::nullopt;
  return result;
}

bool eval_prerequisite_condition(const Value* parent_value, const Value& condition,
                                 const Value& saved_groups) {
  json::Object members;
  members.emplace_back("value", parent_value ? *parent_value : Value());
  const Value obj = Value::object(std::move(members));
  Evaluator evaluator(saved_groups, nullptr);
  if (!parent_value) evaluator.set_undefined_value_root(&obj);
  bool result = evaluator.condition(obj, condition);
  return result && !evaluator.failed();
}

}  // namespace tailor::targeting
