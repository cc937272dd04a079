#include "core/json/merge_patch.h"

#include <string>

namespace tailor::json {

Value merge_patch(Value target, const Value& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = Value::empty_object();
  Object members;
  // Members of the target in their order, patched or removed; then the patch's new members.
  for (const auto& [key, value] : target.as_object()) {
    const Value* change = patch.find(key);
    if (change == nullptr) {
      members.emplace_back(key, value);
    } else if (!change->is_null()) {
      members.emplace_back(key, merge_patch(value, *change));
    }
  }
  for (const auto& [key, change] : patch.as_object()) {
    if (change.is_null() || target.contains(key)) continue;
    members.emplace_back(key, merge_patch(Value(), change));
  }
  return Value::object(std::move(members));
}

}  // namespace tailor::json
