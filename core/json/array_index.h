// The value of an array index key (json::is_array_index, value.h), for the few places that
// read arrays by a property name: "17" -> 17.
#pragma once

#include <cstddef>
#include <string_view>

namespace tailor::json {

// `key` must be one is_array_index accepts (digits only, below 2^32 - 1). Not std::stoul,
// whose error path (never taken for such keys) links printf into the browser's module.
inline size_t array_index_value(std::string_view key) {
  size_t n = 0;
  for (char c : key) n = n * 10 + static_cast<size_t>(c - '0');
  return n;
}

}  // namespace tailor::json
