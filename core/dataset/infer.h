// Type inference for one column (the rule is documented in core/dataset/read.h): values are
// seen one at a time, in a first pass over the file, and the type decided at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "core/dataset/string_index.h"
#include "core/dataset/types.h"

namespace tailor::dataset {

bool is_id_name(std::string_view name);
bool is_email_name(std::string_view name);

class Inference {
 public:
  Inference(std::string_view name, size_t max_category_values);

  void add(std::string_view value);
  // Whether the column may be an id: its name says so and no value is empty. The caller checks
  // that the values are distinct (DuplicateFinder) and says so to type().
  bool id_candidate() const;
  ColumnType type(bool values_distinct) const;

 private:
  enum : uint8_t {
    kBoolean = 1,
    kInteger = 2,
    kNumber = 4,
    kDate = 8,
    kEmail = 16,
    kCategory = 32,
    kId = 64,
  };
  uint8_t can_;
  bool saw_word_ = false;
  bool email_name_;
  size_t non_empty_ = 0;
  size_t empty_ = 0;
  size_t max_category_values_;
  StringIndex distinct_;  // views into distinct_copies_
  std::deque<std::string> distinct_copies_;
};

}  // namespace tailor::dataset
