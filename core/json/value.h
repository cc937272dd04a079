// A JSON value with JavaScript's data model.
//
// Why not nlohmann::json directly: decisions must equal what a JavaScript SDK computes, so
// every number is an IEEE double (nlohmann keeps int64/uint64 apart), and object members keep
// the order a JavaScript engine would give them (integer-like keys first, ascending, then the
// rest in insertion order), which matters wherever JSON.stringify output is compared.
// Strings are UTF-8; helpers in js.h give their UTF-16 view where JavaScript semantics need it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tailor::json {

enum class Type : unsigned char { kNull, kBool, kNumber, kString, kArray, kObject };

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Object = std::vector<Member>;

class Value {
 public:
  Value() = default;  // null
  Value(std::nullptr_t) {}
  Value(bool b) : type_(Type::kBool), bool_(b) {}
  Value(double d) : type_(Type::kNumber), number_(d) {}
  Value(int i) : type_(Type::kNumber), number_(i) {}
  Value(std::string s) : type_(Type::kString), string_(std::move(s)) {}
  Value(std::string_view s) : type_(Type::kString), string_(s) {}
  Value(const char* s) : type_(Type::kString), string_(s) {}
  Value(Array a) : type_(Type::kArray), array_(std::move(a)) {}
  // Members are reordered into JavaScript property order; a repeated key keeps its first
  // position and its last value (as JSON.parse does).
  static Value object(Object members);
  static Value empty_object() { return object({}); }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return string_; }
  const Array& as_array() const { return array_; }
  Array& as_array() { return array_; }
  const Object& as_object() const { return object_; }

  // Object member lookup; nullptr when absent or when this is not an object.
  const Value* find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // Sets (or replaces) a member, keeping JavaScript property order. Turns null into {}.
  void set(std::string key, Value v);
  // Appends to an array. Turns null into [].
  void push_back(Value v);

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  Array array_;
  Object object_;
};

// True when `key` is a canonical array index ("0", "17"; not "01", "-1", "4294967295").
bool is_array_index(std::string_view key);

}  // namespace tailor::json
