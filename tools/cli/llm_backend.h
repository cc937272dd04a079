// The OpenAI-compatible chat-completions backend of `tailor campaign run --llm-url`: the pure
// protocol of core/generate/chat.h over tools/net/chat_client.h.
//
// Per request: the chat request is sent (the transport retries 429/5xx and timeouts with
// backoff); an answer the core rejects as a draft (a refusal, not JSON, an uncited fact, an
// unknown citation or placeholder: kInvalidArgument) or a 200 answer that is not a
// chat-completions response at all (a body cut short: kMalformed) is asked for again, up to
// max_invalid_answers more times, and then the last reason is the failure. generate_all runs
// up to `concurrency` requests at once (threads; each request its own connection).
//
// Once a request got no answer after all its transport attempts (no connection, timeouts,
// 429/5xx throughout: kUnavailable), the endpoint is taken to be down: requests not yet sent
// fail at once with that reason instead of each waiting out its own attempts (with the
// default 60 s timeout, a server that hangs would otherwise hold the run for many minutes).
#pragma once

#include <memory>
#include <string>

#include "core/generate/draft.h"
#include "core/result.h"

namespace tailor::cli {

struct LlmOptions {
  std::string url;    // base URL, e.g. http://127.0.0.1:8080/v1
  std::string model;
  std::string api_key;
  int concurrency = 4;          // 1..32
  int timeout_ms = 60000;       // per attempt
  int max_attempts = 4;         // transport attempts per request
  int backoff_ms = 500;         // first retry wait (doubles)
  int max_invalid_answers = 2;  // re-asks after a rejected answer
};

Result<std::unique_ptr<generate::Backend>> make_llm_backend(const LlmOptions& options);

}  // namespace tailor::cli
