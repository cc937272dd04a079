#include "core/json/value.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

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

// Value::object's two orders of member positions in one comparator type, so the sort is
// instantiated once (the browser's module carries one copy, not two).
struct MemberOrder {
  const Object& members;
  const std::vector<bool>* index;  // null: by key, repeats in position order
  bool operator()(uint32_t a, uint32_t b) const {
    if (index == nullptr) {
      int c = members[a].first.compare(members[b].first);
      return c != 0 ? c < 0 : a < b;
    }
    if ((*index)[a] != (*index)[b]) return static_cast<bool>((*index)[a]);
    return (*index)[a] ? index_less(members[a].first, members[b].first) : a < b;
  }
};

// Sorts positions by `less` (a strict total order): a bottom-up merge sort, 3 KB smaller in the
// browser's module than std::sort's introsort, for a sort that runs at parse time only, once
// per object of more than 16 members.
void sort_positions(std::vector<uint32_t>& v, const MemberOrder& less) {
  std::vector<uint32_t> merged(v.size());
  for (size_t width = 1; width < v.size(); width *= 2) {
    for (size_t lo = 0; lo < v.size(); lo += 2 * width) {
      const size_t mid = std::min(lo + width, v.size());
      const size_t hi = std::min(lo + 2 * width, v.size());
      std::merge(v.begin() + lo, v.begin() + mid, v.begin() + mid, v.begin() + hi,
                 merged.begin() + lo, less);
    }
    v.swap(merged);
  }
}

}  // namespace

Value Value::object(Object members) {
  Value v;
  v.type_ = Type::kObject;
  if (members.size() <= 16) {
    for (auto& m : members) v.set(std::move(m.first), std::move(m.second));
    return v;
  }
  // Many members (a parsed document's saved groups, say): sorting positions by key finds the
  // repeats in n log n, where set()'s search per member is quadratic.
  const auto n = static_cast<uint32_t>(members.size());
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i;
  sort_positions(order, MemberOrder{members, nullptr});
  // first[i]: the position of the first member with member i's key.
  std::vector<uint32_t> first(n);
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t i = order[k];
    first[i] = k > 0 && members[order[k - 1]].first == members[i].first ? first[order[k - 1]] : i;
  }
  std::vector<uint32_t> kept;  // first occurrences, holding the last value (JSON.parse)
  for (uint32_t i = 0; i < n; ++i) {
    if (first[i] == i) {
      kept.push_back(i);
    } else {
      members[first[i]].second = std::move(members[i].second);
    }
  }
  // JavaScript property order: array indices ascending, then strings in insertion order.
  std::vector<bool> index(n);
  for (uint32_t i : kept) index[i] = is_array_index(members[i].first);
  sort_positions(kept, MemberOrder{members, &index});
  v.object_.reserve(kept.size());
  for (uint32_t i : kept) v.object_.push_back(std::move(members[i]));
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
