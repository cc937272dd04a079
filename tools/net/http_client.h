// A small HTTP/1.1 client for the ports to the outside world (an OpenAI-compatible LLM
// endpoint, ...): one request per connection, http:// and https:// (OpenSSL, the peer verified
// against the system's CA store, SNI sent), a deadline covering resolve, connect, TLS
// handshake, write and read, and a response size limit. Blocking: call it from a worker thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace tailor::net {

struct Url {
  bool tls = false;
  std::string host;
  std::string port;    // "80" / "443" when the URL has none
  std::string target;  // path and query, "/" when empty
};

// http(s)://host[:port][/path]. Failure names what is wrong: `URL "ftp://x" must start with
// http:// or https://`.
Result<Url> parse_url(std::string_view url);

struct Request {
  std::string method = "POST";
  Url url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{30000};
  size_t max_response_bytes = 8 << 20;
};

struct Response {
  int status = 0;
  std::string body;
  std::string retry_after;  // the Retry-After header, "" when absent
};

// Failure: kUnavailable for a connection that could not be made, a TLS failure, a deadline
// that passed ("timed out after 30000 ms") or a response over the limit; the message names
// the host. An HTTP error status is NOT a failure: the caller decides what 429 or 500 means.
Result<Response> send(const Request& request);

// What a server says in an error answer: the message of an OpenAI-style
// {"error": {"message": ...}} body (OpenAI, vLLM, llama.cpp's server), else the start of the
// body; one line, at most 203 bytes: a longer text is cut at a character boundary within its
// first 200 bytes and ends in "...".
std::string server_message(const std::string& body);

}  // namespace tailor::net
