// Private to core/content: an item's fields as read from either format, before validation.
// Markdown (front_matter.cc) and JSON (json_item.cc) both produce these; item.cc checks them
// once, so the two formats accept exactly the same items with the same messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/content/item.h"
#include "core/result.h"

namespace tailor::content::internal {

struct Field {
  enum class Kind { kScalar, kList, kMap };
  std::string key;
  int line = 0;  // 1-based line in the file; 0 when unknown (JSON)
  Kind kind = Kind::kScalar;
  std::string scalar;
  std::vector<std::string> list;
  std::vector<Field> members;  // kMap (offer)
};

// "content/c12.md:3: " or "content/c12.json: ".
std::string where(std::string_view file, int line);

// Validates `fields` (keys unique, as front_matter.cc and json_item.cc guarantee) into an
// item. `body` is the Markdown body, or empty when the body is one of the fields (JSON).
Result<Item> item_from_fields(std::string_view file, const std::vector<Field>& fields,
                              std::string body, int body_line);

Result<std::vector<Field>> fields_from_front_matter(std::string_view file, std::string_view text,
                                                    std::string& body, int& body_line);
Result<std::vector<Field>> fields_from_json(std::string_view file, std::string_view text);

}  // namespace tailor::content::internal
