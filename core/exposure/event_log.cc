#include "core/exposure/event_log.h"

#include <cmath>
#include <string_view>
#include <utility>

#include "core/events/event.h"
#include "core/json/js.h"

namespace tailor::exposure {

namespace {

using json::Value;

// An integer field in [lo, hi]; absent keeps `*out`. Returns the error text or "".
std::string read_int(const Value& obj, const char* field, const std::string& where, int64_t lo,
                     int64_t hi, int64_t* out) {
  const Value* v = obj.find(field);
  if (!v) return {};
  if (!v->is_number() || std::floor(v->as_number()) != v->as_number() ||
      v->as_number() < static_cast<double>(lo) || v->as_number() > static_cast<double>(hi)) {
    return where + field + " must be an integer from " + std::to_string(lo) + " to " +
           std::to_string(hi);
  }
  *out = static_cast<int64_t>(v->as_number());
  return {};
}

bool non_empty_string(const Value* v) { return v && v->is_string() && !v->as_string().empty(); }

std::string cap_key(const FrequencyCap& cap, const std::string& user) {
  return (cap.experiment ? "x:" : "e:") + cap.key + '\n' + user;
}

}  // namespace

Result<Settings> settings_from_config(const json::Value& config) {
  Settings s;
  const Value* events = config.find("events");
  if (!events) return s;
  if (!events->is_object()) return Result<Settings>::failure("events must be an object");
  int64_t batch = static_cast<int64_t>(s.batch_size), pending = static_cast<int64_t>(s.max_pending);
  for (std::string e :
       {read_int(*events, "batchSize", "events.", 1, 1000, &batch),
        read_int(*events, "flushIntervalMs", "events.", 0, 3600000, &s.flush_interval_ms),
        read_int(*events, "maxPending", "events.", 1, 100000, &pending)}) {
    if (!e.empty()) return Result<Settings>::failure(e);
  }
  s.batch_size = static_cast<size_t>(batch);
  s.max_pending = static_cast<size_t>(pending);
  const Value* caps = events->find("frequencyCaps");
  if (!caps) return s;
  if (!caps->is_array()) return Result<Settings>::failure("events.frequencyCaps must be an array");
  for (size_t i = 0; i < caps->as_array().size(); ++i) {
    const Value& c = caps->as_array()[i];
    const std::string where = "events.frequencyCaps[" + std::to_string(i) + "].";
    if (!c.is_object()) {
      return Result<Settings>::failure(where.substr(0, where.size() - 1) + " must be an object");
    }
    FrequencyCap cap;
    const Value* experiment = c.find("experiment");
    const Value* event = c.find("event");
    if (non_empty_string(experiment) == non_empty_string(event) || (experiment && event)) {
      return Result<Settings>::failure(where +
                                       "experiment or event: exactly one, a non-empty string");
    }
    cap.experiment = experiment != nullptr;
    cap.key = (experiment ? experiment : event)->as_string();
    int64_t max = -1, window = -1;
    for (std::string e : {read_int(c, "max", where, 0, 1000000, &max),
                          read_int(c, "windowMs", where, 1, 31536000000, &window)}) {
      if (!e.empty()) return Result<Settings>::failure(e);
    }
    if (max < 0 || window < 0)
      return Result<Settings>::failure(where + "max and windowMs are required");
    cap.max = static_cast<size_t>(max);
    cap.window_ms = window;
    s.caps.push_back(std::move(cap));
  }
  return s;
}

void EventLog::set_consent(bool granted) {
  consent_ = granted;
  if (granted) return;
  pending_.clear();
  exposed_.clear();
  counts_.clear();
}

Result<Recorded> EventLog::record(const json::Value& event) {
  auto parsed = events::parse_event(event);
  if (!parsed.ok()) return parsed.status();
  const events::Event& e = parsed.value();
  if (!consent_) return Recorded::kNoConsent;
  const bool exposure = e.exposure();
  const auto time = static_cast<int64_t>(e.ts);
  const std::string exposed_key = exposure ? e.user + '\n' + e.experiment : "";
  if (exposure && exposed_.count(exposed_key)) return Recorded::kDuplicate;
  std::vector<std::vector<int64_t>*> matching;
  for (const FrequencyCap& cap : settings_.caps) {
    const std::string& subject = exposure ? e.experiment : e.name;
    if (cap.experiment != exposure || cap.key != subject) continue;
    auto& times = counts_[cap_key(cap, e.user)];
    std::erase_if(times, [&](int64_t t) { return t <= time - cap.window_ms || t > time; });
    if (times.size() >= cap.max) return Recorded::kCapped;
    matching.push_back(&times);
  }
  for (auto* times : matching) times->push_back(time);
  if (exposure) exposed_.insert(exposed_key);
  pending_.push_back({time, events::to_json(e)});
  while (pending_.size() > settings_.max_pending) pending_.pop_front();
  return Recorded::kQueued;
}

bool EventLog::flush_due(int64_t now_ms) const {
  if (pending_.empty()) return false;
  return pending_.size() >= settings_.batch_size ||
         now_ms - pending_.front().ts >= settings_.flush_interval_ms;
}

std::string EventLog::take_batch(size_t max) {
  std::string out = "[";
  for (size_t i = 0; i < max && !pending_.empty(); ++i) {
    if (i > 0) out += ',';
    out += pending_.front().json;
    pending_.pop_front();
  }
  return out + "]";
}

std::string EventLog::state_json() const {
  Value exposed{json::Array{}};
  for (const auto& k : exposed_) exposed.push_back(Value(k));
  json::Object counts;
  for (const auto& [k, times] : counts_) {
    json::Array t;
    for (int64_t x : times) t.emplace_back(static_cast<double>(x));
    counts.emplace_back(k, Value(std::move(t)));
  }
  return json::stringify(Value::object(
      {{"exposed", std::move(exposed)}, {"counts", Value::object(std::move(counts))}}));
}

Result<bool> EventLog::restore_state(const json::Value& state) {
  using R = Result<bool>;
  const Value* exposed = state.find("exposed");
  const Value* counts = state.find("counts");
  if (!exposed || !exposed->is_array() || !counts || !counts->is_object()) {
    return R::failure("event state must be {\"exposed\": [...], \"counts\": {...}}");
  }
  std::set<std::string> e;
  for (const Value& k : exposed->as_array()) {
    if (!k.is_string()) return R::failure("event state: exposed entries must be strings");
    e.insert(k.as_string());
  }
  std::map<std::string, std::vector<int64_t>> c;
  for (const auto& [k, times] : counts->as_object()) {
    if (!times.is_array()) return R::failure("event state: counts must be arrays of times");
    for (const Value& t : times.as_array()) {
      if (!t.is_number()) return R::failure("event state: counts must be arrays of times");
      c[k].push_back(static_cast<int64_t>(t.as_number()));
    }
  }
  if (!consent_) return false;  // nothing is kept without consent
  exposed_ = std::move(e);
  counts_ = std::move(c);
  return true;
}

}  // namespace tailor::exposure
