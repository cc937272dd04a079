// Result<T>: a value, or a failed Status (core/status.h). Errors inside the core are values,
// never exceptions crossing a module boundary (see docs/architecture.md).
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "core/status.h"

namespace tailor {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}
  // From a failed status (an ok status without a value is a defect: it becomes kInternal).
  Result(Status status) : status_(std::move(status)) {
    if (status_.ok()) status_ = Status::internal("Result built from an ok Status without a value");
  }
  // A failure with code kInvalidArgument (the common case inside the core: bad input).
  static Result failure(std::string message) {
    return Result(Status::invalid_argument(std::move(message)));
  }
  static Result failure(StatusCode code, std::string message) {
    return Result(Status(code, std::move(message)));
  }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  // Ok when ok().
  const Status& status() const { return status_; }
  // The failure's message; empty when ok().
  const std::string& error() const { return status_.message(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace tailor
