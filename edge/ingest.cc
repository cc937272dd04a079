#include "edge/ingest.h"

#include <algorithm>

#include "edge/worker_pool.h"

namespace tailor::edge {
Result<ParsedBatch> parse_event_batch(const json::Value& body) {
  auto parsed = events::parse_batch(body);
  if (!parsed.ok()) return parsed.status();
  events::Batch& batch = parsed.value();
  ParsedBatch out;
  out.sdk_key = std::move(batch.sdk_key);
  out.total = batch.total;
  out.event_index = std::move(batch.event_index);
  out.rejected = std::move(batch.rejected);
  out.events.reserve(batch.events.size());
  for (events::Event& e : batch.events) {
    StoredEvent stored;
    static_cast<events::Event&>(stored) = std::move(e);
    stored.sdk_key = out.sdk_key;
    out.events.push_back(std::move(stored));
  }
  return out;
}

IngestQueue::IngestQueue(Store& store, size_t max_events_per_commit)
    : store_(store), max_events_(max_events_per_commit ? max_events_per_commit : 1) {
  for (unsigned i = 0; i < std::max(1u, store.writers()); ++i) {
    threads_.emplace_back([this] { run(); });
  }
}

IngestQueue::~IngestQueue() { stop(); }

void IngestQueue::submit(std::vector<StoredEvent> events, Completion done) {
  {
    std::lock_guard lock(mutex_);
    queued_events_ += events.size();
    queue_.push_back({std::move(events), std::move(done)});
  }
  cv_.notify_one();
}

size_t IngestQueue::depth() const {
  std::lock_guard lock(mutex_);
  return queued_events_;
}

void IngestQueue::stop() { stop_and_join(mutex_, stopping_, cv_, threads_); }

void IngestQueue::run() {
  while (true) {
    std::vector<Pending> group;
    size_t count = 0;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      while (!queue_.empty() && (group.empty() || count + queue_.front().events.size() <=
                                                      max_events_)) {
        count += queue_.front().events.size();
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<StoredEvent> all;
    all.reserve(count);
    for (Pending& p : group) {
      for (StoredEvent& e : p.events) all.push_back(std::move(e));
    }
    Result<std::vector<bool>> result = store_.insert_events(all);
    {
      std::lock_guard lock(mutex_);
      queued_events_ -= count;
    }
    size_t offset = 0;
    for (Pending& p : group) {
      size_t n = p.events.size();
      if (result.ok()) {
        std::vector<bool> mine(result.value().begin() + static_cast<std::ptrdiff_t>(offset),
                               result.value().begin() + static_cast<std::ptrdiff_t>(offset + n));
        p.done(std::move(mine));
      } else {
        p.done(Result<std::vector<bool>>::failure(result.error()));
      }
      offset += n;
    }
  }
}

}  // namespace tailor::edge
