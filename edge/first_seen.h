// The first value recorded per user id (the results scan's first-exposure time), in one
// open-addressing table over an arena of ids: millions of lookups without a node per user
// (a node-based map spent about half of a results request hashing, allocating and freeing).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::edge {

class FirstSeen {
 public:
  FirstSeen() : slots_(1024) {}

  // Records `value` for `id` unless it already has one.
  void insert(std::string_view id, double value) {
    const std::uint64_t h = hash(id);
    size_t i = find_slot(id, h);
    if (slots_[i].index_plus_one != 0) return;
    slots_[i] = Slot{h, static_cast<std::uint32_t>(values_.size() + 1)};
    values_.push_back(value);
    arena_.append(id);
    offsets_.push_back(arena_.size());
    if (values_.size() * 10 > slots_.size() * 7) grow();
  }
  // The value recorded for `id`, or nullptr.
  const double* find(std::string_view id) const {
    const Slot& s = slots_[find_slot(id, hash(id))];
    return s.index_plus_one == 0 ? nullptr : &values_[s.index_plus_one - 1];
  }
  size_t size() const { return values_.size(); }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t index_plus_one = 0;  // 0 = empty
  };
  static std::uint64_t hash(std::string_view id) { return std::hash<std::string_view>()(id); }
  std::string_view id(size_t k) const {
    return std::string_view(arena_).substr(offsets_[k], offsets_[k + 1] - offsets_[k]);
  }
  // The slot holding `id`, or the empty slot where it would go.
  size_t find_slot(std::string_view key, std::uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.index_plus_one == 0 || (s.hash == h && id(s.index_plus_one - 1) == key)) return i;
    }
  }
  void grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    const size_t mask = bigger.size() - 1;
    for (const Slot& s : slots_) {
      if (s.index_plus_one == 0) continue;
      size_t i = static_cast<size_t>(s.hash) & mask;
      while (bigger[i].index_plus_one != 0) i = (i + 1) & mask;
      bigger[i] = s;
    }
    slots_.swap(bigger);
  }

  std::vector<Slot> slots_;
  std::vector<double> values_;
  std::vector<size_t> offsets_{0};  // id k is arena_[offsets_[k], offsets_[k + 1])
  std::string arena_;
};

}  // namespace tailor::edge
