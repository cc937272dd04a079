// JSON items: one object whose members are the fields of item.h, as strings or string arrays.
#include <string>

#include "core/content/fields.h"
#include "core/json/js.h"
#include "core/json/parse.h"

namespace tailor::content::internal {
namespace {

std::string_view type_name(const json::Value& v) {
  switch (v.type()) {
    case json::Type::kNull:
      return "null";
    case json::Type::kBool:
      return "a boolean";
    case json::Type::kNumber:
      return "a number";
    case json::Type::kString:
      return "a string";
    case json::Type::kArray:
      return "an array";
    case json::Type::kObject:
      return "an object";
  }
  return "a value";
}

Result<Field> to_field(std::string_view file, const std::string& path, const std::string& key,
                       const json::Value& v, bool nested) {
  Field f{key, 0, Field::Kind::kScalar, {}, {}, {}};
  if (v.is_string()) {
    f.scalar = v.as_string();
  } else if (v.is_array()) {
    f.kind = Field::Kind::kList;
    for (size_t i = 0; i < v.as_array().size(); ++i) {
      const json::Value& e = v.as_array()[i];
      if (!e.is_string()) {
        return Result<Field>::failure(where(file, 0) + path + "[" + std::to_string(i) + "] is " +
                                      std::string(type_name(e)) + ", expected a string");
      }
      f.list.push_back(e.as_string());
    }
  } else if (v.is_object() && !nested) {
    f.kind = Field::Kind::kMap;
    for (const auto& [k, m] : v.as_object()) {
      auto member = to_field(file, path + "." + k, k, m, true);
      if (!member) return member;
      f.members.push_back(std::move(*member));
    }
  } else {
    return Result<Field>::failure(where(file, 0) + path + " is " + std::string(type_name(v)) +
                                  ", expected a string" + (nested ? "" : " or a list of strings"));
  }
  return f;
}

}  // namespace

Result<std::vector<Field>> fields_from_json(std::string_view file, std::string_view text) {
  using R = Result<std::vector<Field>>;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto value = json::parse(text);
  if (!value) return R::failure(StatusCode::kMalformed, std::string(file) + ": " + value.error());
  if (!value->is_object()) {
    return R::failure(where(file, 0) + "the file holds " + std::string(type_name(*value)) +
                      ", expected an object with id, title, body, ...");
  }
  std::vector<Field> fields;
  for (const auto& [key, v] : value->as_object()) {
    auto f = to_field(file, key, key, v, false);
    if (!f) return R(f.status());
    fields.push_back(std::move(*f));
  }
  return fields;
}

}  // namespace tailor::content::internal
