// Evaluating compiled conditions (compiled_condition.h): the decision hot path.
#include "core/json/array_index.h"
#include "core/json/js.h"
#include "core/targeting/compiled_condition.h"
#include "core/targeting/compiled_condition_internal.h"
#include "core/targeting/condition.h"

namespace tailor::targeting {

void AttributeView::bind(const AttributeNames& names, const json::Value& document) {
  document_ = &document;
  slots_.assign(names.size(), nullptr);
  if (!document.is_object()) return;
  for (size_t i = 0; i < names.size(); ++i) slots_[i] = document.find(names.name(i));
}

namespace compiled_internal {

using json::Type;
using json::Value;

namespace {

class Runner {
 public:
  Runner(const Program& p, const AttributeView& user) : p_(p), user_(user) {}

  bool node(int index, const Value* root) const {
    const Node& n = p_.nodes[static_cast<size_t>(index)];
    switch (n.kind) {
      case NodeKind::kAll:
        for (int c : n.children) {
          if (!node(c, root)) return false;
        }
        return true;
      case NodeKind::kAny:
        if (n.children.empty()) return true;
        for (int c : n.children) {
          if (node(c, root)) return true;
        }
        return false;
      case NodeKind::kNone:
        if (n.children.empty()) return false;
        for (int c : n.children) {
          if (node(c, root)) return false;
        }
        return true;
      case NodeKind::kNot:
        return !node(n.children[0], root);
      case NodeKind::kField: {
        double length = 0;
        const Value* v = path(n, root, &length);
        if (v) return match(n.matcher, *v);
        return match_number(n.matcher, length);
      }
      case NodeKind::kGeneric:
        return eval_condition(user_.document(), n.generic, *p_.saved_groups);
    }
    return false;
  }

 private:
  // GrowthBook's getPath: objects by member, arrays by index or "length"; else null.
  // nullptr when the path ends at an array's "length" (*length is set then).
  const Value* path(const Node& n, const Value* root, double* length) const {
    static const Value kNull;
    const Value* current = nullptr;
    size_t i = 0;
    if (root == nullptr) {
      current = user_.slot(n.slot);
      i = 1;
    } else {
      current = root;
    }
    for (; current != nullptr && i < n.path.size(); ++i) {
      const std::string& part = n.path[i];
      if (current->is_object()) {
        current = current->find(part);
      } else if (current->is_array()) {
        const auto& items = current->as_array();
        if (part == "length") {
          if (i + 1 != n.path.size()) return &kNull;
          *length = static_cast<double>(items.size());
          return nullptr;
        }
        current = nullptr;
        if (json::is_array_index(part)) {
          size_t index = json::array_index_value(part);
          if (index < items.size()) current = &items[index];
        }
      } else {
        current = nullptr;
      }
    }
    return current ? current : &kNull;
  }

  // match() of a number that is not stored in any Value (an array's length). Kept out of
  // line: building a Value is rare and costly next to the rest of the hot path.
  [[gnu::noinline]] bool match_number(int index, double n) const { return match(index, Value(n)); }

  bool match(int index, const Value& actual) const {
    const Matcher& m = p_.matchers[static_cast<size_t>(index)];
    switch (m.kind) {
      case MatcherKind::kString:
        if (actual.is_string()) return actual.as_string() == m.literal.as_string();
        return json::to_js_string(actual) == m.literal.as_string();
      case MatcherKind::kNumber:
        if (actual.is_number()) return actual.as_number() == m.literal.as_number();
        return json::to_js_number(actual) == m.literal.as_number();
      case MatcherKind::kBool:
        return !actual.is_null() && json::truthy(actual) == m.literal.as_bool();
      case MatcherKind::kNull:
        return actual.is_null();
      case MatcherKind::kOps:
        for (const Op& op : m.ops) {
          if (!holds(op, actual)) return false;
        }
        return true;
    }
    return false;
  }

  bool holds(const Op& op, const Value& actual) const {
    switch (op.kind) {
      case OpKind::kFalse:
        return false;
      case OpKind::kEq:
        return json::strict_equals(actual, op.expected);
      case OpKind::kNe:
        return !json::strict_equals(actual, op.expected);
      case OpKind::kLt:
        return json::less_than(actual, op.expected).value_or(false);
      case OpKind::kGt:
        return json::less_than(op.expected, actual).value_or(false);
      case OpKind::kLte: {
        auto r = json::less_than(op.expected, actual);
        return r && !*r;
      }
      case OpKind::kGte: {
        auto r = json::less_than(actual, op.expected);
        return r && !*r;
      }
      case OpKind::kExists:
        return op.flag ? !actual.is_null() : actual.is_null();
      case OpKind::kIn:
        return op.set.is_in(actual);
      case OpKind::kNin:
        return !op.set.is_in(actual);
      case OpKind::kNot:
        return !match(op.child, actual);
      case OpKind::kSize:
        return actual.is_array() &&
               match_number(op.child, static_cast<double>(actual.as_array().size()));
      case OpKind::kElemMatchValue:
      case OpKind::kElemMatchCondition:
        if (!actual.is_array()) return false;
        for (const Value& item : actual.as_array()) {
          if (item.is_null()) continue;
          if (op.kind == OpKind::kElemMatchValue ? match(op.child, item) : node(op.child, &item)) {
            return true;
          }
        }
        return false;
      case OpKind::kAll:
        if (!actual.is_array()) return false;
        for (int want : op.children) {
          bool passed = false;
          for (const Value& have : actual.as_array()) {
            if (match(want, have)) {
              passed = true;
              break;
            }
          }
          if (!passed) return false;
        }
        return true;
      case OpKind::kRegex:
        return regex(*op.regex, actual);
      case OpKind::kType:
        return op.expected.as_string() == type_name(actual);
      case OpKind::kVersion: {
        int c = json::compare_utf16(padded_version_string(actual), op.padded);
        switch (op.version_op) {
          case 0:
            return c == 0;
          case 1:
            return c > 0;
          case 2:
            return c >= 0;
          case 3:
            return c < 0;
          default:
            return c <= 0;
        }
      }
      case OpKind::kVne:
        return padded_version_string(actual) != op.padded;
    }
    return false;
  }

  static bool regex(const Regex& re, const Value& actual) {
    thread_local std::u16string units;
    units.clear();
    bool ascii = actual.is_string();
    if (ascii) {
      for (char c : actual.as_string()) {
        if (static_cast<unsigned char>(c) >= 0x80) {
          ascii = false;
          break;
        }
        units.push_back(static_cast<char16_t>(c));
      }
    }
    if (!ascii) units = json::to_utf16(json::to_js_string(actual));
    return re.search(units) == Regex::MatchResult::kMatch;
  }

  const Program& p_;
  const AttributeView& user_;
};

}  // namespace

}  // namespace compiled_internal

bool CompiledCondition::eval(const AttributeView& user) const {
  return compiled_internal::Runner(*program_, user).node(program_->root, nullptr);
}

}  // namespace tailor::targeting
