#include "core/exposure/event_log.h"

#include <cmath>
#include <string_view>
#include <utility>

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
  using R = Result<Recorded>;
  if (!event.is_object()) return R::failure("event must be an object");
  static constexpr std::string_view kFields[] = {
      "id", "type", "ts", "user", "experiment", "variant", "name", "value", "attributes"};
  for (const auto& [key, unused] : event.as_object()) {
    bool known = false;
    for (std::string_view f : kFields) known = known || key == f;
    if (!known) return R::failure("event has an unknown field \"" + key + "\"");
  }
  const Value* id = event.find("id");
  const Value* type = event.find("type");
  const Value* ts = event.find("ts");
  const Value* user = event.find("user");
  if (!non_empty_string(id) || id->as_string().size() > 128) {
    return R::failure("event.id must be a non-empty string of at most 128 bytes");
  }
  if (!type || !type->is_string() ||
      (type->as_string() != "exposure" && type->as_string() != "conversion" &&
       type->as_string() != "custom")) {
    return R::failure("event.type must be \"exposure\", \"conversion\" or \"custom\"");
  }
  if (!ts || !ts->is_number() || !(ts->as_number() >= 0) || ts->as_number() > 9e15 ||
      std::floor(ts->as_number()) != ts->as_number()) {
    return R::failure("event.ts must be epoch milliseconds (a non-negative integer)");
  }
  if (!non_empty_string(user) || user->as_string().size() > 256) {
    return R::failure("event.user must be a non-empty string of at most 256 bytes");
  }
  const bool exposure = type->as_string() == "exposure";
  const Value* experiment = event.find("experiment");
  const Value* variant = event.find("variant");
  const Value* name = event.find("name");
  const Value* value = event.find("value");
  const Value* attributes = event.find("attributes");
  if (exposure) {
    if (!non_empty_string(experiment))
      return R::failure("event.experiment must be a non-empty string");
    if (!non_empty_string(variant)) return R::failure("event.variant must be a non-empty string");
    if (name || value) return R::failure("an exposure event has no name or value");
  } else {
    if (!non_empty_string(name) || name->as_string().size() > 256) {
      return R::failure("event.name must be a non-empty string of at most 256 bytes");
    }
    if (experiment || variant)
      return R::failure("only exposure events carry experiment and variant");
  }
  if (value && (!value->is_number() || !std::isfinite(value->as_number()))) {
    return R::failure("event.value must be a finite number");
  }
  if (attributes && (!attributes->is_object() || json::stringify(*attributes).size() > 8192)) {
    return R::failure("event.attributes must be an object of at most 8 KiB as JSON");
  }

  if (!consent_) return Recorded::kNoConsent;
  const std::string& who = user->as_string();
  const auto time = static_cast<int64_t>(ts->as_number());
  const std::string exposed_key = exposure ? who + '\n' + experiment->as_string() : "";
  if (exposure && exposed_.count(exposed_key)) return Recorded::kDuplicate;
  std::vector<std::vector<int64_t>*> matching;
  for (const FrequencyCap& cap : settings_.caps) {
    const std::string& subject = exposure ? experiment->as_string() : name->as_string();
    if (cap.experiment != exposure || cap.key != subject) continue;
    auto& times = counts_[cap_key(cap, who)];
    std::erase_if(times, [&](int64_t t) { return t <= time - cap.window_ms || t > time; });
    if (times.size() >= cap.max) return Recorded::kCapped;
    matching.push_back(&times);
  }
  for (auto* times : matching) times->push_back(time);
  if (exposure) exposed_.insert(exposed_key);

  std::string out = "{\"id\":";
  json::append_quoted(out, id->as_string());
  out +=
      ",\"type\":\"" + type->as_string() + "\",\"ts\":" + json::number_to_string(ts->as_number());
  out += ",\"user\":";
  json::append_quoted(out, who);
  for (const auto& [field, v] :
       {std::pair{"experiment", experiment}, std::pair{"variant", variant}, std::pair{"name", name},
        std::pair{"value", value}, std::pair{"attributes", attributes}}) {
    if (!v) continue;
    out += ",\"";
    out += field;
    out += "\":" + json::stringify(*v);
  }
  out += '}';
  pending_.push_back({time, std::move(out)});
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
