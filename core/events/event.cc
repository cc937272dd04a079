#include "core/events/event.h"

#include <cmath>
#include <string_view>
#include <utility>

#include "core/json/js.h"
#include "core/text/shorten.h"

namespace tailor::events {
namespace {

using json::Value;

// The member, or nullptr when absent or null.
const Value* present(const Value& e, const char* name) {
  const Value* v = e.find(name);
  return v && !v->is_null() ? v : nullptr;
}

// A string member of 1..max bytes. Sets `out` and returns "" or the message.
std::string text(const Value& e, const char* name, size_t max, bool required, std::string& out) {
  const Value* v = present(e, name);
  if (!v) return required ? std::string("event.") + name + " is required" : std::string();
  if (!v->is_string() || v->as_string().empty() || v->as_string().size() > max) {
    return std::string("event.") + name + " must be a non-empty string of at most " +
           std::to_string(max) + " bytes";
  }
  out = v->as_string();
  return {};
}

bool whole(double d) { return std::isfinite(d) && std::floor(d) == d; }

}  // namespace

Result<Event> parse_event(const json::Value& e) {
  using R = Result<Event>;
  if (!e.is_object()) return R::failure("an event must be a JSON object");
  static constexpr std::string_view kMembers[] = {
      "id", "type", "ts", "user", "experiment", "variant", "name", "value", "attributes"};
  for (const auto& [key, unused] : e.as_object()) {
    bool known = false;
    for (std::string_view m : kMembers) known = known || key == m;
    if (!known) {
      return R::failure("event has an unknown member \"" + key +
                        "\"; expected id, type, ts, user, experiment, variant, name, value, "
                        "attributes");
    }
  }
  Event out;
  if (std::string why = text(e, "id", kMaxIdBytes, true, out.id); !why.empty()) {
    return R::failure(why);
  }
  const Value* type = present(e, "type");
  if (!type || !type->is_string() ||
      (type->as_string() != "exposure" && type->as_string() != "conversion" &&
       type->as_string() != "custom")) {
    std::string given = type ? json::stringify(*type) : "absent";
    given = text::shorten(given, 43);
    return R::failure("event.type is " + given +
                      ", expected \"exposure\", \"conversion\" or \"custom\"");
  }
  out.type = type->as_string();
  const Value* ts = present(e, "ts");
  if (!ts || !ts->is_number() || !whole(ts->as_number()) || ts->as_number() < 0 ||
      ts->as_number() > kMaxTs) {
    return R::failure("event.ts must be epoch milliseconds: a whole number from 0 to " +
                      json::number_to_string(kMaxTs));
  }
  out.ts = ts->as_number() + 0.0;  // -0 -> 0
  if (std::string why = text(e, "user", kMaxUserBytes, true, out.user); !why.empty()) {
    return R::failure(why);
  }
  if (out.exposure()) {
    if (std::string why = text(e, "experiment", kMaxNameBytes, true, out.experiment);
        !why.empty()) {
      return R::failure(why + " for an exposure");
    }
    const Value* variant = present(e, "variant");
    if (variant && variant->is_number() && whole(variant->as_number()) &&
        variant->as_number() >= 0 && variant->as_number() < 1e9) {
      out.variant = json::number_to_string(variant->as_number() + 0.0);
    } else if (variant && variant->is_string() && !variant->as_string().empty() &&
               variant->as_string().size() <= kMaxNameBytes) {
      out.variant = variant->as_string();
    } else {
      return R::failure("event.variant must be a variation key (a string of 1.." +
                        std::to_string(kMaxNameBytes) +
                        " bytes) or a variation id (a whole number >= 0) for an exposure");
    }
    if (present(e, "name") || present(e, "value")) {
      return R::failure(
          "an exposure has no name or value (those are for conversion and "
          "custom events)");
    }
  } else {
    if (std::string why = text(e, "name", kMaxNameBytes, true, out.name); !why.empty()) {
      return R::failure(why + " for a " + out.type + " event");
    }
    if (present(e, "experiment") || present(e, "variant")) {
      return R::failure("only exposures carry experiment and variant");
    }
    if (const Value* v = present(e, "value")) {
      if (!v->is_number() || !std::isfinite(v->as_number())) {
        return R::failure("event.value must be a finite number");
      }
      out.value = v->as_number();
    }
  }
  if (const Value* a = present(e, "attributes")) {
    if (!a->is_object()) return R::failure("event.attributes must be an object");
    out.attributes_json = json::stringify(*a);
    if (out.attributes_json.size() > kMaxAttributesBytes) {
      return R::failure("event.attributes is " + std::to_string(out.attributes_json.size()) +
                        " bytes as JSON, at most " + std::to_string(kMaxAttributesBytes) +
                        " are allowed");
    }
  }
  return out;
}

std::string to_json(const Event& e) {
  std::string out = "{\"id\":";
  json::append_quoted(out, e.id);
  out += ",\"type\":\"" + e.type + "\",\"ts\":" + json::number_to_string(e.ts) + ",\"user\":";
  json::append_quoted(out, e.user);
  for (const auto& [member, text] :
       {std::pair{"experiment", &e.experiment}, std::pair{"variant", &e.variant},
        std::pair{"name", &e.name}}) {
    if (text->empty()) continue;
    out += ",\"";
    out += member;
    out += "\":";
    json::append_quoted(out, *text);
  }
  if (e.value) out += ",\"value\":" + json::number_to_string(*e.value);
  if (!e.attributes_json.empty()) out += ",\"attributes\":" + e.attributes_json;
  return out + "}";
}

Result<Batch> parse_batch(const json::Value& body) {
  using R = Result<Batch>;
  if (!body.is_object()) {
    return R::failure(StatusCode::kMalformed,
                      "the body must be a JSON object {\"sdkKey\", \"events\"}");
  }
  const Value* key = body.find("sdkKey");
  if (!key || !key->is_string() || key->as_string().empty()) {
    return R::failure(StatusCode::kMalformed, "field \"sdkKey\" must be a non-empty string");
  }
  const Value* events = body.find("events");
  if (!events || !events->is_array()) {
    return R::failure(StatusCode::kMalformed, "field \"events\" must be an array of events");
  }
  const json::Array& list = events->as_array();
  if (list.size() > kMaxEventsPerBatch) {
    return R::failure(StatusCode::kResourceExhausted,
                      "field \"events\" has " + std::to_string(list.size()) + " events, at most " +
                          std::to_string(kMaxEventsPerBatch) + " are allowed per request");
  }
  Batch out;
  out.sdk_key = key->as_string();
  out.total = list.size();
  for (size_t i = 0; i < list.size(); ++i) {
    auto e = parse_event(list[i]);
    if (e.ok()) {
      out.events.push_back(std::move(e).value());
      out.event_index.push_back(i);
      continue;
    }
    const Value* id = list[i].is_object() ? list[i].find("id") : nullptr;
    std::string usable = id && id->is_string() && id->as_string().size() <= kMaxIdBytes
                             ? id->as_string()
                             : std::string();
    out.rejected.push_back({i, std::move(usable), e.error()});
  }
  return out;
}

}  // namespace tailor::events
