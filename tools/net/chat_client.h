// The transport of an OpenAI-compatible chat-completions endpoint (OpenAI, llama.cpp's server,
// vLLM, ...): POST {base}/chat/completions with a bearer key, retried with exponential backoff
// on what is worth retrying. What goes in the request and how the answer is read are the pure
// core's business (core/generate); this is only the wire.
//
//   retried:      no connection, a timeout, 429, 500, 502, 503, 504 — up to max_attempts in
//                 all, waiting backoff, 2 x backoff, 4 x backoff, ... (capped at max_backoff),
//                 or the server's Retry-After (seconds) when it asks for longer
//   not retried:  any other status (400, 401, 404, ...): a kInvalidArgument failure quoting
//                 the server's error message ({"error": {"message"}}, else the start of its
//                 answer), since asking again cannot help
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "core/result.h"
#include "tools/net/http_client.h"

namespace tailor::net {

struct ChatOptions {
  std::string base_url;  // "http://127.0.0.1:8080/v1": the path up to /chat/completions
  std::string api_key;   // sent as "Authorization: Bearer ..." when not empty
  std::chrono::milliseconds timeout{60000};  // per attempt
  int max_attempts = 4;
  std::chrono::milliseconds backoff{500};
  std::chrono::milliseconds max_backoff{8000};
};

class ChatClient {
 public:
  // Failure: a base URL parse_url refuses, or max_attempts < 1.
  static Result<ChatClient> create(ChatOptions options);

  // The body of a 200 answer to `request_json`. Thread-safe (each call its own connection).
  Result<std::string> complete(const std::string& request_json) const;

  // For tests: replaces the sleep between attempts.
  void set_sleep(std::function<void(std::chrono::milliseconds)> sleep) { sleep_ = std::move(sleep); }

 private:
  ChatClient(ChatOptions options, Url url) : options_(std::move(options)), url_(std::move(url)) {}
  ChatOptions options_;
  Url url_;
  std::function<void(std::chrono::milliseconds)> sleep_;
};

}  // namespace tailor::net
