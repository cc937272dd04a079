// Reading the members of one spec object with messages that name the member's path
// ("design.alpha must be a number in (0, 1), got 2"). Used by the campaign's own sections.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::campaign {

class Fields {
 public:
  // Fails when `value` is not an object, or has a member not in `known` (the message lists
  // the valid members). `path` is "" for the document itself.
  static Result<Fields> open(const json::Value& value, std::string path,
                             std::initializer_list<std::string_view> known);

  // The path of a member: "design.alpha" ("alpha" at the root).
  std::string path(std::string_view key) const;
  // The member, or nullptr when absent or null.
  const json::Value* get(std::string_view key) const;

  // A required / optional string of 1..max_bytes bytes.
  Result<std::string> string(std::string_view key, size_t max_bytes = 1000) const;
  Result<std::optional<std::string>> optional_string(std::string_view key,
                                                     size_t max_bytes = 1000) const;
  // A number in [min, max] (optional: nullopt when absent).
  Result<std::optional<double>> optional_number(std::string_view key, double min,
                                                double max) const;
  // A whole number in [min, max].
  Result<std::optional<long long>> optional_whole(std::string_view key, long long min,
                                                  long long max) const;
  // A YYYY-MM-DD date, as days since 1970-01-01.
  Result<int32_t> date(std::string_view key) const;

 private:
  Fields(const json::Value& value, std::string path) : value_(&value), path_(std::move(path)) {}
  const json::Value* value_;
  std::string path_;
};

// A JSON value for a message: strings quoted, others as JSON text, cut at 64 bytes.
std::string show(const json::Value& value);

}  // namespace tailor::campaign
