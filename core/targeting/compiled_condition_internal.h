// The compiled form of a condition (compiled_condition.cc builds it, compiled_condition_eval.cc
// runs it). Internal to core/targeting.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/json/value.h"
#include "core/targeting/regex.h"

namespace tailor::targeting::compiled_internal {

using json::Type;
using json::Value;

// Membership by JavaScript ===: strings and numbers indexed, arrays/objects never equal.
struct ValueSet {
  std::vector<std::string> strings;  // sorted
  std::vector<double> numbers;
  bool has_true = false, has_false = false, has_null = false;

  void add(const Value& v) {
    switch (v.type()) {
      case Type::kString:
        strings.push_back(v.as_string());
        break;
      case Type::kNumber:
        numbers.push_back(v.as_number());
        break;
      case Type::kBool:
        (v.as_bool() ? has_true : has_false) = true;
        break;
      case Type::kNull:
        has_null = true;
        break;
      default:
        break;
    }
  }
  void finish() { std::sort(strings.begin(), strings.end()); }
  bool contains(const Value& v) const {
    switch (v.type()) {
      case Type::kString:
        return std::binary_search(strings.begin(), strings.end(), v.as_string());
      case Type::kNumber:
        for (double d : numbers) {
          if (d == v.as_number()) return true;
        }
        return false;
      case Type::kBool:
        return v.as_bool() ? has_true : has_false;
      case Type::kNull:
        return has_null;
      default:
        return false;
    }
  }
  // is_in: an array actual matches when any element does.
  bool is_in(const Value& actual) const {
    if (!actual.is_array()) return contains(actual);
    for (const Value& e : actual.as_array()) {
      if (contains(e)) return true;
    }
    return false;
  }
};

enum class OpKind {
  kFalse,
  kEq,
  kNe,
  kLt,
  kGt,
  kLte,
  kGte,
  kExists,
  kIn,
  kNin,
  kNot,
  kSize,
  kElemMatchValue,
  kElemMatchCondition,
  kAll,
  kRegex,
  kType,
  kVersion,
  kVne
};

struct Op {
  OpKind kind = OpKind::kFalse;
  Value expected;
  bool flag = false;          // $exists: truthy(expected)
  int child = -1;             // matcher ($not, $size, $elemMatch value) or node ($elemMatch)
  std::vector<int> children;  // $all matchers
  ValueSet set;
  std::optional<Regex> regex;
  std::string padded;  // $v*: padded_version_string(expected)
  int version_op = 0;  // 0 eq, 1 gt, 2 gte, 3 lt, 4 lte
};

enum class MatcherKind { kString, kNumber, kBool, kNull, kOps };

struct Matcher {
  MatcherKind kind = MatcherKind::kOps;
  Value literal;
  std::vector<Op> ops;
};

enum class NodeKind { kAll, kAny, kNone, kNot, kField, kGeneric };

struct Node {
  NodeKind kind = NodeKind::kAll;
  std::vector<int> children;
  int slot = -1;  // path[0]'s slot when evaluated against the user's document
  std::vector<std::string> path;
  int matcher = -1;
  Value generic;  // {key: value}, evaluated by eval_condition
};

struct Program {
  std::vector<Node> nodes;
  std::vector<Matcher> matchers;
  const Value* saved_groups = nullptr;
  int root = -1;
};

}  // namespace tailor::targeting::compiled_internal
