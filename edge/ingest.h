// The group committer behind POST /v1/events (events are validated by core/events).
//
// The IngestQueue gives each accepted batch to one
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

// A request's events after events::parse_batch, as the ingest route keeps them: the valid
// ones ready for the store, and what the answer needs once they are handed to the committer.
struct ParsedBatch {
  std::string sdk_key;
  std::vector<StoredEvent> events;
  std::vector<size_t> event_index;  // position in the request of events[i]
  std::vector<std::string> ids;     // ids of events[i], kept when events move to the committer
  std::vector<events::Rejection> rejected;
  size_t total = 0;
};

// events::parse_batch (THE event schema) with each valid event stamped with the batch's SDK key.
Result<ParsedBatch> parse_event_batch(const json::Value& body);

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
