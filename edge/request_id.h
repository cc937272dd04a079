// Request ids: every response carries X-Request-Id, and a problem document carries the same id
// as its "requestId" member, so a user reporting an error can quote it and an operator can find
// the access-log line (access_log.h).
//
// A client's (or a proxy's) id is kept when it is 1-128 visible ASCII characters (0x21-0x7E);
// anything else is replaced by a fresh id: 32 lower-case hex digits (128 bits) from a per-thread
// xoshiro256** generator (the core's bandit::Rng) seeded from std::random_device. Fresh ids are
// unique in practice but guessable: they name requests, they are not secrets.
#pragma once

#include <string>
#include <string_view>

#include "edge/http.h"

namespace tailor::edge {

// True when `id` is 1-128 characters, each 0x21-0x7E.
bool valid_request_id(std::string_view id);

// A fresh id: 32 hex digits. Lock-free; each thread has its own generator.
std::string new_request_id();

// `header` (the request's X-Request-Id, "" when absent) when valid, else a fresh id.
std::string request_id_for(std::string_view header);

// Sets r.request_id (sent as X-Request-Id) and, when `r` is an application/problem+json object,
// adds "requestId": id as its last member. Returns a view of r.request_id (valid until r moves).
std::string_view stamp_request_id(Response& r, std::string id);

}  // namespace tailor::edge
