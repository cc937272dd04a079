#include "edge/request_id.h"

#include <cstdint>
#include <random>

#include "core/bandit/random.h"
#include "core/json/js.h"
#include "core/text/hex.h"

namespace tailor::edge {

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

std::string new_request_id() {
  // The core's seeded xoshiro256**, one per thread, seeded once from the OS.
  thread_local bandit::Rng rng = [] {
    std::random_device rd;
    return bandit::Rng((static_cast<uint64_t>(rd()) << 32) ^ rd());
  }();
  std::string id;
  id.reserve(32);
  text::append_hex(id, rng.next(), 16);
  text::append_hex(id, rng.next(), 16);
  return id;
}

std::string request_id_for(std::string_view header) {
  return valid_request_id(header) ? std::string(header) : new_request_id();
}

std::string_view stamp_request_id(Response& r, std::string id) {
  if (r.content_type == "application/problem+json" && r.body && r.body->size() >= 2 &&
      r.body->back() == '}') {
    std::string doc = *r.body;
    doc.pop_back();
    doc += ",\"requestId\":";
    json::append_quoted(doc, id);
    doc += '}';
    r.body = std::make_shared<const std::string>(std::move(doc));
    r.body_fd = -1;  // the file holds the old bytes
  }
  r.request_id = std::move(id);
  return r.request_id;
}

}  // namespace tailor::edge
