#include "tools/net/moderation_client.h"

#include <charconv>
#include <cstdlib>

namespace tailor::net {

Result<std::unique_ptr<ModerationClient>> ModerationClient::create(ModerationOptions options) {
  using R = Result<std::unique_ptr<ModerationClient>>;
  auto protocol = safety::moderation_protocol_for_url(options.url);
  if (!protocol.ok()) return protocol.status();
  auto url = parse_url(options.url);
  if (!url.ok()) return url.status();
  if (options.model.empty()) return R::failure("the moderation model is empty");
  if (options.timeout.count() < 1) return R::failure("the moderation timeout must be >= 1 ms");
  if (options.trip_after < 1) return R::failure("trip_after must be at least 1");
  return std::unique_ptr<ModerationClient>(
      new ModerationClient(std::move(options), std::move(*url), *protocol));
}

std::string ModerationClient::name() const {
  return std::string(safety::moderation_protocol_name(protocol_)) + " " + options_.model;
}

Result<safety::ModerationVerdict> ModerationClient::moderate(const safety::Message& m) const {
  using R = Result<safety::ModerationVerdict>;
  {
    std::lock_guard lock(mutex_);
    if (failures_in_row_ >= options_.trip_after &&
        std::chrono::steady_clock::now() < down_until_) {
      return R::failure(StatusCode::kUnavailable,
                        "moderator down since " + std::to_string(failures_in_row_) +
                            " failures in a row; last: " + last_error_);
    }
  }
  Request request;
  request.url = url_;
  request.body = safety::moderation_request(protocol_, options_.model, safety::screened_text(m));
  request.timeout = options_.timeout;
  request.max_response_bytes = 1 << 20;
  request.headers.emplace_back("Content-Type", "application/json");
  if (!options_.api_key.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + options_.api_key);
  }
  R result = [&]() -> R {
    auto response = send(request);
    if (!response.ok()) return R::failure(StatusCode::kUnavailable, response.error());
    if (response->status != 200) {
      return R::failure(StatusCode::kUnavailable,
                        url_.host + " answered HTTP " + std::to_string(response->status) + ": " +
                            server_message(response->body));
    }
    auto verdict = safety::parse_moderation_answer(protocol_, response->body);
    if (!verdict.ok()) return R::failure(verdict.status().code(), url_.host + ": " + verdict.error());
    return verdict;
  }();
  std::lock_guard lock(mutex_);
  if (result.ok()) {
    failures_in_row_ = 0;
  } else {
    last_error_ = result.error();
    if (++failures_in_row_ >= options_.trip_after) {
      down_until_ = std::chrono::steady_clock::now() + options_.cool_down;
    }
  }
  return result;
}

Result<std::unique_ptr<ModerationClient>> moderation_client_from_flags(ModerationOptions options,
                                                                       const std::string& key_env) {
  using R = Result<std::unique_ptr<ModerationClient>>;
  if (!key_env.empty()) {
    const char* key = std::getenv(key_env.c_str());
    if (key == nullptr) {
      return R::failure("--moderation-key-env: the environment variable " + key_env +
                        " is not set");
    }
    options.api_key = key;
  }
  auto client = ModerationClient::create(std::move(options));
  if (!client.ok()) return R::failure("--moderation-url: " + client.error());
  return client;
}

std::string parse_moderation_timeout(std::string_view text, std::chrono::milliseconds& out) {
  long ms = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || ms < 1 ||
      ms > kMaxModerationTimeoutMs) {
    return "--moderation-timeout-ms is \"" + std::string(text) +
           "\", expected a whole number of milliseconds from 1 to " +
           std::to_string(kMaxModerationTimeoutMs);
  }
  out = std::chrono::milliseconds(ms);
  return {};
}

}  // namespace tailor::net
