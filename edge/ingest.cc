#include "edge/ingest.h"

#include <algorithm>
#include <cmath>

#include "core/json/js.h"
#include "edge/worker_pool.h"

namespace tailor::edge {
namespace {

bool string_field(const json::Value& e, const char* name, size_t max, bool required,
                  std::string& out, std::string& reason) {
  const json::Value* v = e.find(name);
  if (!v || v->is_null()) {
    if (required) reason = std::string("field \"") + name + "\" is required";
    return !required;
  }
  if (!v->is_string() || v->as_string().empty() || v->as_string().size() > max) {
    reason = std::string("field \"") + name + "\" must be a non-empty string of at most " +
             std::to_string(max) + " bytes";
    return false;
  }
  out = v->as_string();
  return true;
}

std::string validate_event(const json::Value& e, StoredEvent& out) {
  if (!e.is_object()) return "an event must be a JSON object";
  std::string reason;
  if (!string_field(e, "id", kMaxEventIdBytes, true, out.id, reason)) return reason;
  if (!string_field(e, "type", 32, true, out.type, reason)) return reason;
  if (out.type != "exposure" && out.type != "conversion" && out.type != "custom") {
    return "field \"type\" is \"" + out.type + "\", expected \"exposure\", \"conversion\" or "
           "\"custom\"";
  }
  const json::Value* ts = e.find("ts");
  if (!ts || !ts->is_number() || !std::isfinite(ts->as_number()) || ts->as_number() < 0) {
    return "field \"ts\" must be a finite number of milliseconds since the Unix epoch";
  }
  out.ts = ts->as_number();
  if (!string_field(e, "user", kMaxUserBytes, true, out.user, reason)) return reason;
  bool exposure = out.type == "exposure";
  if (!string_field(e, "experiment", kMaxNameBytes, exposure, out.experiment, reason)) {
    return reason + (exposure ? " for an exposure" : "");
  }
  if (const json::Value* v = e.find("variant"); v && !v->is_null()) {
    if (v->is_number() && std::isfinite(v->as_number())) {
      out.variant = json::number_to_string(v->as_number());
    } else if (v->is_string() && !v->as_string().empty() &&
               v->as_string().size() <= kMaxNameBytes) {
      out.variant = v->as_string();
    } else {
      return "field \"variant\" must be a variation id (number) or key (string of 1.." +
             std::to_string(kMaxNameBytes) + " bytes)";
    }
  } else if (exposure) {
    return "field \"variant\" is required for an exposure";
  }
  bool named = !exposure;
  if (!string_field(e, "name", kMaxNameBytes, named, out.name, reason)) {
    return reason + (named ? " for a " + out.type + " event" : "");
  }
  if (const json::Value* v = e.find("value"); v && !v->is_null()) {
    if (!v->is_number() || !std::isfinite(v->as_number())) {
      return "field \"value\" must be a finite number";
    }
    out.value = v->as_number();
  }
  if (const json::Value* a = e.find("attributes"); a && !a->is_null()) {
    if (!a->is_object()) return "field \"attributes\" must be an object";
    out.attributes_json = json::stringify(*a);
    if (out.attributes_json.size() > kMaxAttributesBytes) {
      return "field \"attributes\" is " + std::to_string(out.attributes_json.size()) +
             " bytes serialised, at most " + std::to_string(kMaxAttributesBytes) + " allowed";
    }
  }
  return {};
}

}  // namespace

std::string parse_event_batch(const json::Value& body, ParsedBatch& out) {
  if (!body.is_object()) return "the body must be a JSON object {\"sdkKey\", \"events\"}";
  const json::Value* key = body.find("sdkKey");
  if (!key || !key->is_string() || key->as_string().empty()) {
    return "field \"sdkKey\" must be a non-empty string";
  }
  out.sdk_key = key->as_string();
  const json::Value* events = body.find("events");
  if (!events || !events->is_array()) return "field \"events\" must be an array of events";
  const json::Array& list = events->as_array();
  if (list.size() > kMaxEventsPerBatch) {
    return "field \"events\" has " + std::to_string(list.size()) + " events, at most " +
           std::to_string(kMaxEventsPerBatch) + " are allowed per request";
  }
  out.total = list.size();
  for (size_t i = 0; i < list.size(); ++i) {
    StoredEvent e;
    e.sdk_key = out.sdk_key;
    std::string reason = validate_event(list[i], e);
    if (reason.empty()) {
      out.events.push_back(std::move(e));
      out.event_index.push_back(i);
    } else {
      out.rejected.push_back({i, e.id, std::move(reason)});
    }
  }
  return {};
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
