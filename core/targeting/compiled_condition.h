// Compiled targeting conditions: a condition is analysed once (attribute names interned, paths
// split, operands pre-converted, $in lists indexed, saved groups resolved, regular expressions
// and version strings prepared) and then evaluated many times without re-reading its JSON.
//
// Contract: CompiledCondition::eval(user) == eval_condition(user.document(), condition,
// saved_groups) for every condition and every attribute document. Parts of a condition outside
// the compiled subset (for example $savedGroup, $ini, deep-equality operands, or anything
// malformed) are evaluated by eval_condition itself, one top-level entry at a time, which is
// exact because a top-level entry that fails evaluation makes the whole condition false either
// way.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.h"

namespace tailor::targeting {

// Top-level attribute names used by compiled conditions, each given a dense slot number.
class AttributeNames {
 public:
  int intern(std::string_view name);
  size_t size() const { return names_.size(); }
  const std::string& name(size_t slot) const { return names_[slot]; }

 private:
  std::vector<std::string> names_;
};

// One user's attribute document resolved against AttributeNames: slot -> member (or nullptr).
// Keeps pointers into `document`, which must outlive the view and stay unmodified. A document
// that is not an object has no members (as GrowthBook's `{...attributes}` of a scalar).
class AttributeView {
 public:
  void bind(const AttributeNames& names, const json::Value& document);
  const json::Value& document() const { return *document_; }
  const json::Value* slot(int i) const { return slots_[static_cast<size_t>(i)]; }

 private:
  const json::Value* document_ = nullptr;
  std::vector<const json::Value*> slots_;
};

namespace compiled_internal {
struct Program;
}

class CompiledCondition {
 public:
  // `saved_groups` must outlive the compiled condition (it is read again by the parts that
  // fall back to eval_condition). Never fails: see the contract above.
  static CompiledCondition compile(const json::Value& condition, const json::Value& saved_groups,
                                   AttributeNames& names);
  bool eval(const AttributeView& user) const;

 private:
  std::shared_ptr<const compiled_internal::Program> program_;
};

}  // namespace tailor::targeting
