// Event validation and the group committer behind POST /v1/events.
//
// parse_event_batch checks a request body against the wire contract and splits it into
// valid events and per-event rejections. The IngestQueue gives each accepted batch to one
// committer thread, which writes everything queued at that moment in a single durable store
// transaction (group commit) and then completes each batch: a 202 is only ever sent after
// its events are on disk.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/json/value.h"
#include "edge/store/store.h"

namespace tailor::edge {

inline constexpr size_t kMaxEventsPerBatch = 1000;
inline constexpr size_t kMaxEventIdBytes = 128;
inline constexpr size_t kMaxUserBytes = 256;
inline constexpr size_t kMaxNameBytes = 256;
inline constexpr size_t kMaxAttributesBytes = 8192;

struct EventRejection {
  size_t index;
  std::string id;      // "" when the event had no usable id
  std::string reason;  // "field \"ts\" must be a finite number of milliseconds since the epoch"
};

struct ParsedBatch {
  std::string sdk_key;
  std::vector<StoredEvent> events;
  std::vector<size_t> event_index;  // position in the request of events[i]
  std::vector<std::string> ids;     // ids of events[i], kept when events move to the committer
  std::vector<EventRejection> rejected;
  size_t total = 0;
};

// Validates {"sdkKey": string, "events": [Event, ...]}. Event:
//   id string 1..128 bytes; type "exposure" | "conversion" | "custom"; ts finite number >= 0
//   (ms since the epoch); user string 1..256 bytes; exposure: experiment string and variant
//   (string or number); conversion: name string; custom: name string; value finite number
//   (optional); attributes object (optional, at most 8 KiB serialised).
// Returns "" and fills `out`, or a message naming what is wrong with the batch as a whole
// (not an object, "events" missing or longer than kMaxEventsPerBatch).
std::string parse_event_batch(const json::Value& body, ParsedBatch& out);

class IngestQueue {
 public:
  // `done` gets one bool per event (true: new, false: duplicate id), or an error message.
  using Completion = std::function<void(Result<std::vector<bool>>)>;

  IngestQueue(Store& store, size_t max_events_per_commit);
  ~IngestQueue();
  void submit(std::vector<StoredEvent> events, Completion done);
  // Events queued and not yet committed.
  size_t depth() const;
  // Commits everything queued, then stops the committer thread.
  void stop();

 private:
  struct Pending {
    std::vector<StoredEvent> events;
    Completion done;
  };
  void run();

  Store& store_;
  size_t max_events_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  size_t queued_events_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tailor::edge
