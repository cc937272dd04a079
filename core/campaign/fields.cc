#include "core/campaign/fields.h"

#include <cmath>

#include "core/dataset/types.h"
#include "core/json/js.h"
#include "core/text/shorten.h"

namespace tailor::campaign {

std::string show(const json::Value& value) {
  return text::shorten(json::stringify(value), 64);
}

Result<Fields> Fields::open(const json::Value& value, std::string path,
                            std::initializer_list<std::string_view> known) {
  const std::string name = path.empty() ? "the spec" : path;
  if (!value.is_object()) {
    return Result<Fields>::failure(name + " must be an object, got " + show(value));
  }
  for (const auto& [key, member] : value.as_object()) {
    bool found = false;
    for (std::string_view k : known) found = found || k == key;
    if (found) continue;
    std::string valid;
    for (std::string_view k : known) {
      if (!valid.empty()) valid += ", ";
      valid += k;
    }
    return Result<Fields>::failure(name + " has an unknown member \"" + key +
                                   "\"; valid members: " + valid);
  }
  return Fields(value, std::move(path));
}

std::string Fields::path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const json::Value* Fields::get(std::string_view key) const {
  const json::Value* v = value_->find(key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

Result<std::optional<std::string>> Fields::optional_string(std::string_view key,
                                                           size_t max_bytes) const {
  const json::Value* v = get(key);
  if (v == nullptr) return std::optional<std::string>();
  if (!v->is_string() || v->as_string().empty() || v->as_string().size() > max_bytes) {
    return Result<std::optional<std::string>>::failure(
        path(key) + " must be a string of 1 to " + std::to_string(max_bytes) + " bytes, got " +
        show(*v));
  }
  return std::optional<std::string>(v->as_string());
}

Result<std::string> Fields::string(std::string_view key, size_t max_bytes) const {
  auto s = optional_string(key, max_bytes);
  if (!s.ok()) return s.status();
  if (!s->has_value()) return Result<std::string>::failure(path(key) + " is required");
  return **s;
}

Result<std::optional<double>> Fields::optional_number(std::string_view key, double min,
                                                      double max) const {
  const json::Value* v = get(key);
  if (v == nullptr) return std::optional<double>();
  if (!v->is_number() || !(v->as_number() >= min && v->as_number() <= max)) {
    return Result<std::optional<double>>::failure(
        path(key) + " must be a number from " + json::number_to_string(min) + " to " +
        json::number_to_string(max) + ", got " + show(*v));
  }
  return std::optional<double>(v->as_number());
}

Result<std::optional<long long>> Fields::optional_whole(std::string_view key, long long min,
                                                        long long max) const {
  const json::Value* v = get(key);
  if (v == nullptr) return std::optional<long long>();
  const bool whole = v->is_number() && std::floor(v->as_number()) == v->as_number();
  if (!whole || v->as_number() < static_cast<double>(min) ||
      v->as_number() > static_cast<double>(max)) {
    return Result<std::optional<long long>>::failure(
        path(key) + " must be a whole number from " + std::to_string(min) + " to " +
        std::to_string(max) + ", got " + show(*v));
  }
  return std::optional<long long>(static_cast<long long>(v->as_number()));
}

Result<int32_t> Fields::date(std::string_view key) const {
  const json::Value* v = get(key);
  if (v == nullptr) return Result<int32_t>::failure(path(key) + " is required");
  std::optional<int32_t> day;
  if (v->is_string()) day = dataset::parse_date(v->as_string());
  if (!day) {
    return Result<int32_t>::failure(path(key) + " is " + show(*v) +
                                    ", expected a date (YYYY-MM-DD)");
  }
  return *day;
}

}  // namespace tailor::campaign
