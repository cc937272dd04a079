#include "tools/net/chat_client.h"

#include <algorithm>
#include <thread>

namespace tailor::net {
namespace {

bool retryable(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

// Retry-After in whole seconds (the HTTP-date form is not used by these servers).
std::chrono::milliseconds retry_after(const std::string& header) {
  if (header.empty() || header.size() > 6 ||
      header.find_first_not_of("0123456789") != std::string::npos) {
    return std::chrono::milliseconds(0);
  }
  return std::chrono::milliseconds(std::stoll(header) * 1000);
}

}  // namespace

Result<ChatClient> ChatClient::create(ChatOptions options) {
  std::string base = options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto url = parse_url(base + "/chat/completions");
  if (!url.ok()) return url.status();
  if (options.max_attempts < 1) {
    return Result<ChatClient>::failure("max_attempts must be at least 1");
  }
  return ChatClient(std::move(options), std::move(*url));
}

Result<std::string> ChatClient::complete(const std::string& request_json) const {
  Request request;
  request.url = url_;
  request.body = request_json;
  request.timeout = options_.timeout;
  request.headers.emplace_back("Content-Type", "application/json");
  if (!options_.api_key.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + options_.api_key);
  }
  std::chrono::milliseconds wait = options_.backoff;
  std::string last_error;
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    auto response = send(request);
    std::chrono::milliseconds asked{0};
    if (!response.ok()) {
      last_error = response.error();
    } else if (response->status == 200) {
      return std::move(response->body);
    } else if (!retryable(response->status)) {
      return Result<std::string>::failure(
          url_.host + " answered HTTP " + std::to_string(response->status) + ": " +
          server_message(response->body));
    } else {
      last_error =
          "HTTP " + std::to_string(response->status) + ": " + server_message(response->body);
      asked = retry_after(response->retry_after);
    }
    if (attempt == options_.max_attempts) break;
    const auto pause = std::max(wait, std::min(asked, options_.max_backoff));
    if (sleep_) {
      sleep_(pause);
    } else {
      std::this_thread::sleep_for(pause);
    }
    wait = std::min(wait * 2, options_.max_backoff);
  }
  return Result<std::string>::failure(
      StatusCode::kUnavailable, url_.host + ": no answer after " +
                                    std::to_string(options_.max_attempts) +
                                    " attempts; last: " + last_error);
}

}  // namespace tailor::net
