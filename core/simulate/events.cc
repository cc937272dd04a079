#include "core/simulate/events.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/json/js.h"
#include "core/text/hex.h"

namespace tailor::simulate {
namespace {

// FNV-1a 64 of the bytes of [first, last).
template <class It>
uint64_t fnv1a64(It first, It last) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (; first != last; ++first) {
    h ^= static_cast<unsigned char>(*first);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string event_id(const Unit& u, std::string_view kind) {
  std::string id;
  id.reserve(u.experiment.size() + u.customer.size() + kind.size() + 2);
  id.append(u.experiment).append(":").append(u.customer).append(":").append(kind);
  if (id.size() <= events::kMaxIdBytes) return id;
  // 128 bits: FNV-1a 64 of the natural id read forwards, then backwards.
  const std::string natural = u.experiment + ":" + u.customer;
  std::string out = "sim:";
  text::append_hex(out, fnv1a64(natural.begin(), natural.end()), 16);
  text::append_hex(out, fnv1a64(natural.rbegin(), natural.rend()), 16);
  out.append(":").append(kind);
  return out;
}

events::Event conversion(const Unit& u, std::string_view kind, double ts) {
  events::Event e;
  e.id = event_id(u, kind);
  e.type = "conversion";
  e.ts = ts;
  e.user = u.customer;
  e.name = std::string(kind);
  return e;
}

std::string at(size_t i, const events::Event& e) {
  return "events[" + std::to_string(i) + "] (id " + json::quoted(e.id) + ")";
}

}  // namespace

Result<std::vector<events::Event>> to_events(const std::vector<Unit>& units,
                                             const std::vector<Outcome>& outcomes) {
  using R = Result<std::vector<events::Event>>;
  if (units.size() != outcomes.size()) {
    return R::failure("to_events: " + std::to_string(units.size()) + " units but " +
                      std::to_string(outcomes.size()) + " outcomes");
  }
  std::vector<events::Event> out;
  size_t count = units.size();
  for (const auto& o : outcomes) count += o.opened + o.clicked + o.purchased + o.unsubscribed;
  out.reserve(count);
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    const Outcome& o = outcomes[i];
    if (u.customer.empty() || u.customer.size() > events::kMaxUserBytes || u.experiment.empty() ||
        u.experiment.size() > events::kMaxNameBytes || u.variant.empty() ||
        u.variant.size() > events::kMaxNameBytes) {
      return R::failure("units[" + std::to_string(i) +
                        "]: customer, experiment and variant must be 1 to 256 bytes");
    }
    events::Event exposure;
    exposure.id = event_id(u, "exposure");
    exposure.type = "exposure";
    exposure.ts = o.send_ms;
    exposure.user = u.customer;
    exposure.experiment = u.experiment;
    exposure.variant = u.variant;
    exposure.attributes_json = "{\"segment\":" + json::quoted(u.segment_name) + "}";
    if (exposure.attributes_json.size() > events::kMaxAttributesBytes) {
      return R::failure("units[" + std::to_string(i) + "]: the segment name is too long");
    }
    out.push_back(std::move(exposure));
    if (o.opened) out.push_back(conversion(u, "open", o.open_ms));
    if (o.clicked) out.push_back(conversion(u, "click", o.click_ms));
    if (o.purchased) {
      out.push_back(conversion(u, "purchase", o.purchase_ms));
      out.back().value = o.revenue;
    }
    if (o.unsubscribed) out.push_back(conversion(u, "unsubscribe", o.unsubscribe_ms));
  }
  return out;
}

Result<std::vector<Outcome>> outcomes_from_events(const std::vector<Unit>& units,
                                                  const std::vector<events::Event>& events) {
  using R = Result<std::vector<Outcome>>;
  std::unordered_map<std::string_view, size_t> unit_of;
  unit_of.reserve(units.size());
  for (size_t i = 0; i < units.size(); ++i) {
    if (!unit_of.emplace(units[i].customer, i).second) {
      return R::failure("units[" + std::to_string(i) + "] repeats customer " +
                        json::quoted(units[i].customer));
    }
  }
  std::vector<Outcome> out(units.size());
  std::vector<uint8_t> exposed(units.size(), 0);
  // Only purchases add up; every other event sets a flag and keeps the earliest time, so a
  // repeat changes nothing and only purchase ids need remembering.
  std::unordered_set<std::string_view> purchase_ids;
  // The earliest time wins; a flag not yet set has no time to compare with.
  auto earliest = [](bool& flag, double& time, double ts) {
    if (!flag || ts < time) time = ts;
    flag = true;
  };
  for (size_t i = 0; i < events.size(); ++i) {
    const events::Event& e = events[i];
    const auto it = unit_of.find(e.user);
    if (it == unit_of.end()) {
      return R::failure(at(i, e) + " is about user " + json::quoted(e.user) +
                        ", who is not a simulated customer");
    }
    const Unit& u = units[it->second];
    Outcome& o = out[it->second];
    if (e.type == "exposure") {
      if (e.experiment != u.experiment || e.variant != u.variant) {
        return R::failure(at(i, e) + " exposes " + json::quoted(e.user) + " to " +
                          json::quoted(e.experiment) + "/" + json::quoted(e.variant) +
                          ", but the unit is " + json::quoted(u.experiment) + "/" +
                          json::quoted(u.variant));
      }
      bool flag = exposed[it->second] != 0;
      earliest(flag, o.send_ms, e.ts);
      exposed[it->second] = 1;
      continue;
    }
    if (e.type != "conversion") {
      return R::failure(at(i, e) + " is a " + json::quoted(e.type) +
                        " event; expected exposure or conversion");
    }
    if (e.name == "open") {
      earliest(o.opened, o.open_ms, e.ts);
    } else if (e.name == "click") {
      earliest(o.clicked, o.click_ms, e.ts);
    } else if (e.name == "purchase") {
      if (!e.value) return R::failure(at(i, e) + " is a purchase without a value (the revenue)");
      if (!purchase_ids.insert(e.id).second) continue;
      earliest(o.purchased, o.purchase_ms, e.ts);
      o.revenue += *e.value;
    } else if (e.name == "unsubscribe") {
      earliest(o.unsubscribed, o.unsubscribe_ms, e.ts);
    } else {
      return R::failure(at(i, e) + " is a conversion named " + json::quoted(e.name) +
                        "; expected open, click, purchase or unsubscribe");
    }
  }
  for (size_t i = 0; i < units.size(); ++i) {
    if (!exposed[i]) {
      return R::failure("customer " + json::quoted(units[i].customer) +
                        " has no exposure event (every simulated send has one)");
    }
  }
  return out;
}

}  // namespace tailor::simulate
