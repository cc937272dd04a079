// The model moderator's wire (core/safety/moderation.h decides what is sent and how the answer
// is read): POST the request to the moderation URL with a bearer key, one attempt per message
// with a deadline, because screening must not wait on a moderator: a failure falls back to
// rules only and the audit record says so.
//
// Failures (all kUnavailable, the message names the host): no connection, the deadline
// passed, an HTTP status other than 200 (quoting the server's error message), an answer the
// core cannot read (kMalformed from parse_moderation_answer, passed on as it is). After
// `trip_after` failures in a row the moderator is taken to be down for `cool_down`: messages
// in that time fail at once ("moderator down since 3 failures in a row; last: ...") instead of
// each waiting out its deadline; the first message after it tries again.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/safety/moderation.h"
#include "tools/net/http_client.h"

namespace tailor::net {

struct ModerationOptions {
  std::string url;    // ".../v1/moderations" or ".../v1/chat/completions" (the protocol)
  std::string model;  // "omni-moderation-latest", "llama-guard3:1b", ...
  std::string api_key;                      // "Authorization: Bearer ..." when not empty
  std::chrono::milliseconds timeout{5000};  // per message
  int trip_after = 3;
  std::chrono::milliseconds cool_down{30000};
};

class ModerationClient final : public safety::Moderator {
 public:
  // Failure: a URL parse_url refuses or whose path names neither protocol, an empty model,
  // a timeout below 1 ms, trip_after below 1.
  static Result<std::unique_ptr<ModerationClient>> create(ModerationOptions options);

  Result<safety::ModerationVerdict> moderate(const safety::Message& message) const override;
  std::string name() const override;
  safety::ModerationProtocol protocol() const { return protocol_; }

 private:
  ModerationClient(ModerationOptions options, Url url, safety::ModerationProtocol protocol)
      : options_(std::move(options)), url_(std::move(url)), protocol_(protocol) {}
  ModerationOptions options_;
  Url url_;
  safety::ModerationProtocol protocol_;
  mutable std::mutex mutex_;  // guards the three below
  mutable int failures_in_row_ = 0;
  mutable std::chrono::steady_clock::time_point down_until_{};
  mutable std::string last_error_;
};

// The longest per-message deadline a door accepts (--moderation-timeout-ms), in ms.
inline constexpr long kMaxModerationTimeoutMs = 600000;

// The moderator a door's flags describe (tailor-edge, tailor screen, tailor campaign): the
// bearer key is read from the environment variable `key_env` unless it is "" (no key); a
// variable named and not set is an error. Errors name the flag: "--moderation-key-env: ...",
// "--moderation-url: ..." (create's failures).
Result<std::unique_ptr<ModerationClient>> moderation_client_from_flags(ModerationOptions options,
                                                                       const std::string& key_env);

// --moderation-timeout-ms as typed: "" and `out` set when it is a whole number of milliseconds
// from 1 to kMaxModerationTimeoutMs; otherwise why not (naming the flag).
std::string parse_moderation_timeout(std::string_view text, std::chrono::milliseconds& out);

}  // namespace tailor::net
