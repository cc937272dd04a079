#include "core/json/value.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

namespace tailor::json {

bool is_array_index(std::string_view key) {
  if (key.empty() || key.size() > 10) return false;
  if (key.size() > 1 && key[0] == '0') return false;
  unsigned long long n = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  return n < 4294967295ULL;  // 2^32 - 1 is not an index
}

namespace {

// JavaScript property order: array indices ascending, then strings in insertion order.
bool index_less(std::string_view a, std::string_view b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

}  // namespace

Value Value::object(Object members) {
  Value v;
  v.type_ = Type::kObject;
  if (members.size() <= 16) {
    for (auto& m : members) v.set(std::move(m.first), std::move(m.second));
    return v;
  }
  // Many members (a parsed document's saved groups, say): one pass with a hash of the keys,
  // not set()'s linear search per member, which is quadratic.
  Object indices, strings;
  std::unordered_map<std::string, std::pair<bool, size_t>> where;
  where.reserve(members.size());
  for (auto& m : members) {
    auto [it, inserted] = where.try_emplace(m.first, false, 0);
    if (!inserted) {
      auto [is_index, pos] = it->second;
      (is_index ? indices : strings)[pos].second = std::move(m.second);
      continue;
    }
    const bool is_index = is_array_index(m.first);
    Object& list = is_index ? indices : strings;
    it->second = {is_index, list.size()};
    list.push_back(std::move(m));
  }
  std::stable_sort(indices.begin(), indices.end(), [](const Member& a, const Member& b) {
    return index_less(a.first, b.first);
  });
  v.object_ = std::move(indices);
  v.object_.reserve(v.object_.size() + strings.size());
  for (auto& m : strings) v.object_.push_back(std::move(m));
  return v;
}

const Value* Value::find(std::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  for (const auto& m : object_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

void Value::set(std::string key, Value v) {
  if (type_ == Type::kNull) type_ = Type::kObject;
  for (auto& m : object_) {
    if (m.first == key) {
      m.second = std::move(v);
      return;
    }
  }
  if (is_array_index(key)) {
    auto pos = std::find_if(object_.begin(), object_.end(), [&](const Member& m) {
      return !is_array_index(m.first) || index_less(key, m.first);
    });
    object_.emplace(pos, std::move(key), std::move(v));
  } else {
    object_.emplace_back(std::move(key), std::move(v));
  }
}

void Value::push_back(Value v) {
  if (type_ == Type::kNull) type_ = Type::kArray;
  array_.push_back(std::move(v));
}

}  // namespace tailor::json
