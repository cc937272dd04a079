#include "core/dataset/duplicates.h"

#include <algorithm>
#include <functional>

#include "core/dataset/string_index.h"

namespace tailor::dataset {

void DuplicateFinder::reserve(size_t n) {
  values_.reserve(n);
  rows_.reserve(n);
  lines_.reserve(n);
}

void DuplicateFinder::add(std::string_view value, size_t row, size_t line) {
  const bool in_stable =
      std::greater_equal<const char*>()(value.data(), stable_.data()) &&
      std::less_equal<const char*>()(value.data() + value.size(), stable_.data() + stable_.size());
  values_.push_back(in_stable ? value : std::string_view(copies_.emplace_back(value)));
  rows_.push_back(row);
  lines_.push_back(line);
}

std::vector<DuplicateFinder::Repeat> DuplicateFinder::repeats() const {
  struct Entry {
    uint64_t hash;
    uint64_t row;
  };
  std::vector<Entry> entries(values_.size());
  for (size_t i = 0; i < values_.size(); ++i) {
    entries[i] = {StringIndex::hash(values_[i]), i};
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.row < b.row;
  });
  std::vector<Repeat> out;
  for (size_t begin = 0; begin < entries.size();) {
    size_t end = begin + 1;
    while (end < entries.size() && entries[end].hash == entries[begin].hash) ++end;
    if (end - begin > 1) {
      // Equal hashes: nearly always one value, but sorted by value, then row, so that even
      // colliding values cost O(n log n): each run's first row is the value's first appearance.
      std::sort(entries.begin() + static_cast<std::ptrdiff_t>(begin),
                entries.begin() + static_cast<std::ptrdiff_t>(end),
                [&](const Entry& a, const Entry& b) {
                  const std::string_view va = values_[a.row], vb = values_[b.row];
                  return va != vb ? va < vb : a.row < b.row;
                });
      size_t first = begin;
      for (size_t j = begin + 1; j < end; ++j) {
        if (values_[entries[j].row] != values_[entries[first].row]) {
          first = j;
        } else {
          out.push_back({rows_[entries[j].row], lines_[entries[first].row]});
        }
      }
    }
    begin = end;
  }
  std::sort(out.begin(), out.end(), [](const Repeat& a, const Repeat& b) { return a.row < b.row; });
  return out;
}

}  // namespace tailor::dataset
