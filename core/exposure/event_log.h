// Exposure and custom events in the browser: consent gating, per-session exposure dedupe,
// frequency caps, and batching, with time and event ids passed in (the core has no clock and
// no randomness). Transport, storage and retries are the SDK's job (web/sdk); this decides
// what is kept and when a batch is due.
//
// Events follow THE event schema (core/events/event.h): record() checks them with
// events::parse_event, the same parser the edge's ingest uses, and keeps them as
// events::to_json writes them.
//
// Settings come from the config's optional "events" object:
//   {"batchSize": 20, "flushIntervalMs": 5000, "maxPending": 500,
//    "frequencyCaps": [{"experiment": "k" | "event": "name", "max": 3, "windowMs": 86400000}]}
// A cap limits how many events of that experiment's exposures (or with that event name) are
// kept per user within any window of windowMs ending now; the rest are dropped.
//
// Consent: while denied, record() keeps nothing (no queue, no dedupe memory, no cap counts),
// so granting later never sends what happened before. Denying clears everything pending.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::exposure {

struct FrequencyCap {
  bool experiment = false;  // true: exposures of experiment `key`; false: events named `key`
  std::string key;
  size_t max = 0;
  int64_t window_ms = 0;
};

struct Settings {
  size_t batch_size = 20;            // a flush is due once this many events wait
  int64_t flush_interval_ms = 5000;  // ...or once the oldest waiting event is this old
  size_t max_pending = 500;          // beyond it the oldest waiting events are dropped
  std::vector<FrequencyCap> caps;
};

// Reads config["events"] (absent: defaults). Errors name the field and the valid range:
// `events.batchSize must be an integer from 1 to 1000`.
Result<Settings> settings_from_config(const json::Value& config);

enum class Recorded { kQueued, kNoConsent, kDuplicate, kCapped };

class EventLog {
 public:
  explicit EventLog(Settings settings = {}) : settings_(std::move(settings)) {}

  void set_settings(Settings settings) { settings_ = std::move(settings); }
  void set_consent(bool granted);
  bool consent() const { return consent_; }

  // Validates `event` (see above) and keeps it unless consent is denied, it is an exposure of
  // a user x experiment already exposed in this session, or a frequency cap is reached.
  // An invalid event is an error naming the field; nothing is kept.
  Result<Recorded> record(const json::Value& event);

  size_t pending() const { return pending_.size(); }
  bool flush_due(int64_t now_ms) const;
  // Removes up to `max` waiting events, oldest first, as a JSON array.
  std::string take_batch(size_t max);

  // The dedupe and cap memory as JSON ({"exposed": [...], "counts": {...}}) so the SDK can
  // keep it for the session, and its inverse (malformed state is an error, nothing changes).
  std::string state_json() const;
  Result<bool> restore_state(const json::Value& state);

 private:
  struct Pending {
    int64_t ts;
    std::string json;
  };
  Settings settings_;
  bool consent_ = false;
  std::deque<Pending> pending_;
  std::set<std::string> exposed_;                       // user + '\n' + experiment
  std::map<std::string, std::vector<int64_t>> counts_;  // cap key + '\n' + user -> times
};

}  // namespace tailor::exposure
