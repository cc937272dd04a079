// Repeated values in a column of a million ids, found by sorting hashes: one sequential pass
// and a sort, where a hash set would take a cache miss per row (several times slower on a
// table much larger than the caches).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tailor::dataset {

class DuplicateFinder {
 public:
  // Values inside `stable` are kept as views; others are copied.
  explicit DuplicateFinder(std::string_view stable = {}) : stable_(stable) {}

  void reserve(size_t n);
  // The value of `row` (rows added in increasing order), which starts on `line`.
  void add(std::string_view value, size_t row, size_t line);
  size_t size() const { return values_.size(); }

  struct Repeat {
    size_t row;         // a row whose value appeared on an earlier row
    size_t first_line;  // the line of the value's first appearance
  };
  // Every appearance of a value but its first, by row.
  std::vector<Repeat> repeats() const;

 private:
  std::string_view stable_;
  std::vector<std::string_view> values_;
  std::vector<size_t> rows_;
  std::vector<size_t> lines_;
  std::deque<std::string> copies_;
};

}  // namespace tailor::dataset
