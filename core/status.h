// Status: success, or a failure with a code and a message. Errors inside the core are values,
// never exceptions crossing a module boundary; each door turns a Status into what its caller
// understands (an HTTP problem document at the edge: edge/http.h `problem(const Status&)`; a
// JavaScript Error in the SDK; a message and exit status in the CLI).
//
// The message is for people: it names the input, the field and what would be valid
// (`features["x"].rules[2].weights: ...`). The code is for programs: it decides the HTTP status
// and whether retrying can help.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace tailor {

enum class StatusCode {
  kOk,
  kMalformed,          // not the expected syntax (JSON, CSV, HTTP): fix the bytes
  kInvalidArgument,    // well-formed, but the content breaks the contract (a field, a range)
  kNotFound,           // what was named does not exist
  kConflict,           // the request contradicts the current state
  kResourceExhausted,  // a stated limit was exceeded (size, count)
  kUnavailable,        // a dependency (the store, a remote service) failed: retrying may help
  kInternal,           // a broken invariant: a defect
};

// "invalid_argument", ...: the code's name as it appears in messages and JSON.
std::string_view status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status malformed(std::string m) { return {StatusCode::kMalformed, std::move(m)}; }
  static Status invalid_argument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status not_found(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
  static Status resource_exhausted(std::string m) {
    return {StatusCode::kResourceExhausted, std::move(m)};
  }
  static Status unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return ok(); }
  StatusCode code() const { return code_; }
  // Empty when ok().
  const std::string& message() const { return message_; }

  // The same failure with `context` before the message ("config for \"demo\": " + message).
  Status prefixed(std::string_view context) const {
    return ok() ? *this : Status(code_, std::string(context) + message_);
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline std::string_view status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kMalformed:
      return "malformed";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kConflict:
      return "conflict";
    case StatusCode::kResourceExhausted:
      return "resource_exhausted";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace tailor
