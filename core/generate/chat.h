// The pure parts of an OpenAI-compatible chat-completions backend (POST {base}/chat/completions;
// any server speaking that API: OpenAI, llama.cpp's server, vLLM). The HTTP client, the key
// (from an environment variable), timeouts, retries with backoff on 429/5xx and the
// concurrency limit live outside core (tools/, edge/); they call these two functions.
//
// Request: {"model", "temperature": 0, "response_format": {"type": "json_object"},
//           "messages": [{"role": "system", ...}, {"role": "user", ...}]}
//   The system message carries the rules (use only the passages' facts, cite each factual
//   sentence with [id], the allowed placeholders, the channel's shape and limits, answer with
//   one JSON object {"subject", "body"}); the user message carries the campaign, segment,
//   profile facts (as context, not facts to state), strategy, channel, brand and every
//   passage with its id, title, text, claims and offer.
// Response: the standard body {"choices": [{"message": {"content": "...", "refusal": ...},
//   "finish_reason": "..."}], ...}. choices[0].message.content holds the JSON object, bare or
//   inside a ```json fence; "citations" may be present (it is recomputed from the text).
// Errors: kMalformed when the body is not a chat-completions response (not JSON, no choices,
//   no message content), with what was found; kUnavailable for an {"error": {...}} body (the
//   server's message); kInvalidArgument when the model refused (message.refusal, or an
//   answer that is prose starting "I'm sorry"/"I can't"/"I cannot"/"I won't"), stopped at the
//   token limit (finish_reason "length"), answered with something other than the JSON object,
//   or wrote a draft validate_draft rejects (its message, prefixed "the model's draft: ").
//   The caller retries kInvalidArgument within its regeneration budget.
#pragma once

#include <string>
#include <string_view>

#include "core/generate/draft.h"

namespace tailor::generate {

std::string chat_request_json(const Request& request, std::string_view model);

Result<Draft> parse_chat_response(std::string_view body, const Request& request);

}  // namespace tailor::generate
