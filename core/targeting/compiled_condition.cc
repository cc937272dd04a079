// Compiling conditions (compiled_condition.h). Every rule here mirrors one branch of the
// Evaluator in condition.cc; where a branch could set its "failed" state (which poisons the
// whole condition), the part is not compiled and falls back to eval_condition.
#include "core/targeting/compiled_condition.h"

#include <optional>
#include <utility>

#include "core/json/js.h"
#include "core/targeting/compiled_condition_internal.h"
#include "core/targeting/condition.h"

namespace tailor::targeting {

int AttributeNames::intern(std::string_view name) {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return static_cast<int>(i);
  }
  names_.emplace_back(name);
  return static_cast<int>(names_.size() - 1);
}

namespace compiled_internal {

using json::Type;
using json::Value;

namespace {

bool is_operator_object(const Value& v) {
  if (!v.is_object() || v.as_object().empty()) return false;
  for (const auto& [k, _] : v.as_object()) {
    if (k.empty() || k[0] != '$') return false;
  }
  return true;
}

class Compiler {
 public:
  Compiler(Program& p, AttributeNames& names) : p_(p), names_(names) {}

  // A condition object evaluated against the user's document (user_root) or an element.
  std::optional<int> condition(const Value& cond, bool user_root) {
    if (!cond.is_object()) return std::nullopt;
    Node all;
    all.kind = NodeKind::kAll;
    for (const auto& [key, v] : cond.as_object()) {
      auto child = entry(key, v, user_root);
      if (!child) return std::nullopt;
      all.children.push_back(*child);
    }
    return add(std::move(all));
  }

  // The top level: each entry compiled, or else evaluated by eval_condition on its own.
  int top(const Value& cond) {
    Node all;
    all.kind = NodeKind::kAll;
    for (const auto& [key, v] : cond.as_object()) {
      auto child = entry(key, v, true);
      if (!child) {
        Node generic;
        generic.kind = NodeKind::kGeneric;
        generic.generic = Value::object({{key, v}});
        child = add(std::move(generic));
      }
      all.children.push_back(*child);
    }
    return add(std::move(all));
  }

  int generic(const Value& cond) {
    Node node;
    node.kind = NodeKind::kGeneric;
    node.generic = cond;
    return add(std::move(node));
  }

 private:
  int add(Node n) {
    p_.nodes.push_back(std::move(n));
    return static_cast<int>(p_.nodes.size() - 1);
  }
  int add(Matcher m) {
    p_.matchers.push_back(std::move(m));
    return static_cast<int>(p_.matchers.size() - 1);
  }

  std::optional<int> entry(const std::string& key, const Value& v, bool user_root) {
    if (key == "$or" || key == "$nor" || key == "$and") {
      if (!v.is_array()) return std::nullopt;
      Node list;
      list.kind = key == "$or" ? NodeKind::kAny : key == "$nor" ? NodeKind::kNone : NodeKind::kAll;
      for (const Value& item : v.as_array()) {
        auto child = condition(item, user_root);
        if (!child) return std::nullopt;
        list.children.push_back(*child);
      }
      // evalOr: an empty list holds ($nor of it does not); evalAnd of it holds.
      return add(std::move(list));
    }
    if (key == "$not") {
      auto child = condition(v, user_root);
      if (!child) return std::nullopt;
      Node n;
      n.kind = NodeKind::kNot;
      n.children.push_back(*child);
      return add(std::move(n));
    }
    if (key == "$savedGroup") return std::nullopt;
    Node field;
    field.kind = NodeKind::kField;
    size_t start = 0;
    while (true) {
      size_t dot = key.find('.', start);
      field.path.push_back(key.substr(start, dot == std::string::npos ? dot : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    if (user_root) field.slot = names_.intern(field.path[0]);
    auto m = matcher(v);
    if (!m) return std::nullopt;
    field.matcher = *m;
    return add(std::move(field));
  }

  std::optional<int> matcher(const Value& cond) {
    Matcher m;
    m.literal = cond;
    switch (cond.type()) {
      case Type::kString:
        m.kind = MatcherKind::kString;
        return add(std::move(m));
      case Type::kNumber:
        m.kind = MatcherKind::kNumber;
        return add(std::move(m));
      case Type::kBool:
        m.kind = MatcherKind::kBool;
        return add(std::move(m));
      case Type::kNull:
        m.kind = MatcherKind::kNull;
        return add(std::move(m));
      default:
        break;
    }
    if (!is_operator_object(cond)) return std::nullopt;  // deep equality: left to the evaluator
    m.literal = Value();
    for (const auto& [name, expected] : cond.as_object()) {
      auto op = compile_op(name, expected);
      if (!op) return std::nullopt;
      m.ops.push_back(std::move(*op));
    }
    return add(std::move(m));
  }

  std::optional<Op> compile_op(std::string_view name, const Value& expected) {
    Op op;
    op.expected = expected;
    static constexpr std::pair<std::string_view, int> kVersionOps[] = {
        {"$veq", 0}, {"$vgt", 1}, {"$vgte", 2}, {"$vlt", 3}, {"$vlte", 4}};
    for (const auto& [vname, code] : kVersionOps) {
      if (name == vname) {
        op.kind = OpKind::kVersion;
        op.version_op = code;
        op.padded = padded_version_string(expected);
        return op;
      }
    }
    if (name == "$vne") {
      op.kind = OpKind::kVne;
      op.padded = padded_version_string(expected);
    } else if (name == "$eq") {
      op.kind = OpKind::kEq;
    } else if (name == "$ne") {
      op.kind = OpKind::kNe;
    } else if (name == "$lt") {
      op.kind = OpKind::kLt;
    } else if (name == "$gt") {
      op.kind = OpKind::kGt;
    } else if (name == "$lte") {
      op.kind = OpKind::kLte;
    } else if (name == "$gte") {
      op.kind = OpKind::kGte;
    } else if (name == "$exists") {
      op.kind = OpKind::kExists;
      op.flag = json::truthy(expected);
    } else if (name == "$in" || name == "$nin") {
      if (!expected.is_array()) return op;  // kFalse: "expects an array"
      op.kind = name == "$in" ? OpKind::kIn : OpKind::kNin;
      for (const Value& e : expected.as_array()) op.set.add(e);
      op.set.finish();
    } else if (name == "$inGroup" || name == "$notInGroup") {
      return group_op(name == "$inGroup", expected);
    } else if (name == "$not") {
      auto m = matcher(expected);
      if (!m) return std::nullopt;
      op.kind = OpKind::kNot;
      op.child = *m;
    } else if (name == "$size") {
      auto m = matcher(expected);
      if (!m) return std::nullopt;
      op.kind = OpKind::kSize;
      op.child = *m;
    } else if (name == "$elemMatch") {
      if (expected.is_null()) return std::nullopt;  // fails the whole condition
      auto child = is_operator_object(expected) ? matcher(expected) : condition(expected, false);
      if (!child) return std::nullopt;
      op.kind =
          is_operator_object(expected) ? OpKind::kElemMatchValue : OpKind::kElemMatchCondition;
      op.child = *child;
    } else if (name == "$all") {
      if (!expected.is_array()) return op;
      for (const Value& want : expected.as_array()) {
        auto m = matcher(want);
        if (!m) return std::nullopt;
        op.children.push_back(*m);
      }
      op.kind = OpKind::kAll;
    } else if (name == "$regex" || name == "$regexi") {
      if (!expected.is_string()) return op;
      op.regex = Regex::compile(json::to_utf16(expected.as_string()), name == "$regexi");
      if (op.regex) op.kind = OpKind::kRegex;
    } else if (name == "$type") {
      if (expected.is_string()) op.kind = OpKind::kType;
    } else {
      return std::nullopt;  // $ini, $nini, $alli and unknown operators: the evaluator's own rules
    }
    return op;
  }

  // $inGroup / $notInGroup: the saved group's values, resolved now (they are config).
  std::optional<Op> group_op(bool in_group, const Value& expected) {
    Op op;
    static const Value kEmpty = Value::empty_object();
    const Value& groups = json::truthy(*p_.saved_groups) ? *p_.saved_groups : kEmpty;
    Value entry;
    const json::Array* values = nullptr;
    json::Array none;
    if (!json::get_property(groups, json::to_js_string(expected), entry)) {
      values = &none;
    } else if (entry.is_array()) {
      values = &entry.as_array();
    } else if (entry.is_object()) {
      const Value* type = entry.find("type");
      const Value* list = entry.find("values");
      if (type && type->is_string() && type->as_string() == "list" && list && list->is_array()) {
        values = &list->as_array();
      }
    }
    if (values == nullptr) return op;  // not a list: matches nobody either way
    op.kind = in_group ? OpKind::kIn : OpKind::kNin;
    for (const Value& e : *values) op.set.add(e);
    op.set.finish();
    return op;
  }

  Program& p_;
  AttributeNames& names_;
};

}  // namespace

}  // namespace compiled_internal

CompiledCondition CompiledCondition::compile(const json::Value& condition,
                                             const json::Value& saved_groups,
                                             AttributeNames& names) {
  auto program = std::make_shared<compiled_internal::Program>();
  program->saved_groups = &saved_groups;
  compiled_internal::Compiler compiler(*program, names);
  program->root = condition.is_object() ? compiler.top(condition) : compiler.generic(condition);
  CompiledCondition out;
  out.program_ = std::move(program);
  return out;
}

}  // namespace tailor::targeting
