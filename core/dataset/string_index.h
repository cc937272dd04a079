// StringIndex: string_view -> size_t, open addressing with linear probing. The module's hot
// loops (distinct ids, category codes, value counts) look up one key per cell; this table
// allocates only when it grows, where std::unordered_map allocates a node per key.
// Keys are views: the caller keeps their bytes alive and unmoved while the index is used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace tailor::dataset {

class StringIndex {
 public:
  explicit StringIndex(size_t expected = 0) { rehash(capacity_for(expected)); }

  // Eight bytes at a time, then splitmix64's finaliser: inline and cheap for the short keys
  // of a customer table (std::hash is an out-of-line call per key). The same on every target.
  static uint64_t hash(std::string_view key) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ key.size();
    const char* p = key.data();
    size_t n = key.size();
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      h = (h ^ word) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    uint64_t tail = 0;
    for (size_t i = 0; i < n; ++i)
      tail |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    h ^= tail;
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBull;
    h ^= h >> 31;
    return h;
  }

  // The value stored for `key`; when absent, `value` is stored first and `inserted` is set.
  // The reference is valid until the next insertion.
  size_t& emplace(std::string_view key, size_t value, bool& inserted) {
    return emplace(key, hash(key), value, inserted);
  }
  size_t& emplace(std::string_view key, uint64_t h, size_t value, bool& inserted) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
    size_t i = static_cast<size_t>(h) & (slots_.size() - 1);
    const auto tag = static_cast<uint32_t>(h >> 32);
    while (slots_[i].data != nullptr) {
      if (slots_[i].tag == tag && view(slots_[i]) == key) {
        inserted = false;
        return values_[i];
      }
      i = (i + 1) & (slots_.size() - 1);
    }
    slots_[i] = {key.data() == nullptr ? "" : key.data(), static_cast<uint32_t>(key.size()), tag};
    values_[i] = value;
    ++size_;
    inserted = true;
    return values_[i];
  }

  const size_t* find(std::string_view key) const { return find(key, hash(key)); }
  const size_t* find(std::string_view key, uint64_t h) const {
    size_t i = static_cast<size_t>(h) & (slots_.size() - 1);
    const auto tag = static_cast<uint32_t>(h >> 32);
    while (slots_[i].data != nullptr) {
      if (slots_[i].tag == tag && view(slots_[i]) == key) return &values_[i];
      i = (i + 1) & (slots_.size() - 1);
    }
    return nullptr;
  }

  size_t size() const { return size_; }

  // f(key, value) for every entry, in no particular order.
  template <class F>
  void for_each(F f) const {
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].data != nullptr) f(view(slots_[i]), values_[i]);
    }
  }

 private:
  // 16 bytes, so that a probe touches one cache line; the values live apart and are read
  // only on a match. Keys are at most 4 GiB (fields are far smaller: Limits::max_field_bytes).
  struct Slot {
    const char* data = nullptr;  // nullptr: empty slot
    uint32_t size = 0;
    uint32_t tag = 0;  // the hash's high half (the low bits choose the slot)
  };

  static std::string_view view(const Slot& s) { return std::string_view(s.data, s.size); }
  static size_t capacity_for(size_t expected) {
    size_t capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    return capacity;
  }

  void rehash(size_t capacity) {
    std::vector<Slot> old(capacity);
    std::vector<size_t> old_values(capacity);
    old.swap(slots_);
    old_values.swap(values_);
    for (size_t k = 0; k < old.size(); ++k) {
      if (old[k].data == nullptr) continue;
      size_t i = static_cast<size_t>(hash(view(old[k]))) & (slots_.size() - 1);
      while (slots_[i].data != nullptr) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = old[k];
      values_[i] = old_values[k];
    }
  }

  std::vector<Slot> slots_;
  std::vector<size_t> values_;
  size_t size_ = 0;
};

}  // namespace tailor::dataset
