// THE event schema (ARCHITECTURE.md "Contracts"): what the SDK's outbox keeps and sends
// (core/exposure EventLog) and what the edge ingests (POST /v1/events) are checked by this
// one parser, with one set of messages.
//
// Event: {"id", "type", "ts", "user", "experiment"?, "variant"?, "name"?, "value"?, "attributes"?}
//   id          string of 1..kMaxIdBytes bytes, client-generated: the idempotency key
//   type        "exposure" | "conversion" | "custom"
//   ts          epoch milliseconds: a whole number from 0 to kMaxTs (JavaScript's Date range)
//   user        the pseudonymous user id, 1..kMaxUserBytes bytes
//   experiment  exposures only, required: 1..kMaxNameBytes bytes
//   variant     exposures only, required: a variation key (1..kMaxNameBytes bytes) or a
//               variation id (a whole number >= 0, kept as its decimal text)
//   name        conversion and custom events only, required: 1..kMaxNameBytes bytes
//   value       conversion and custom events only, optional: a finite number
//   attributes  optional: an object of at most kMaxAttributesBytes as compact JSON
// A member whose value is null counts as absent. Unknown members are an error (nothing is
// stored or sent that was not meant). Messages name the member and what would be valid:
//   event.ts must be epoch milliseconds: a whole number from 0 to 8640000000000000
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::events {

inline constexpr size_t kMaxIdBytes = 128;
inline constexpr size_t kMaxUserBytes = 256;
inline constexpr size_t kMaxNameBytes = 256;
inline constexpr size_t kMaxAttributesBytes = 8192;
inline constexpr double kMaxTs = 8.64e15;
// Most events one batch (one POST /v1/events) may carry.
inline constexpr size_t kMaxEventsPerBatch = 1000;

struct Event {
  std::string id;
  std::string type;  // "exposure" | "conversion" | "custom"
  double ts = 0;     // whole milliseconds since the Unix epoch
  std::string user;
  std::string experiment;  // "" when absent
  std::string variant;     // "" when absent
  std::string name;        // "" when absent
  std::optional<double> value;
  std::string attributes_json;  // compact JSON of the attributes object; "" when absent

  bool exposure() const { return type == "exposure"; }
};

// Checks one event against the schema above. Failure: kInvalidArgument naming the member.
Result<Event> parse_event(const json::Value& event);

// The event as compact JSON in the schema's member order (what the SDK sends).
std::string to_json(const Event& event);

// One request body {"sdkKey": string, "events": [Event, ...]}, split into valid events and
// per-event rejections (a batch is accepted event by event: one bad event does not lose the
// others).
struct Rejection {
  size_t index;        // position in the request
  std::string id;      // "" when the event had no usable id
  std::string reason;  // parse_event's message
};
struct Batch {
  std::string sdk_key;
  std::vector<Event> events;
  std::vector<size_t> event_index;  // position in the request of events[i]
  std::vector<Rejection> rejected;
  size_t total = 0;  // events in the request
};

// Failure, for the batch as a whole: kMalformed when the body is not {"sdkKey", "events"}
// with a non-empty string and an array; kResourceExhausted when "events" holds more than
// kMaxEventsPerBatch.
Result<Batch> parse_batch(const json::Value& body);

}  // namespace tailor::events
