// core/exposure: consent gating, session dedupe, frequency caps, batching and settings errors.
#include "core/exposure/event_log.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/json/parse.h"

using namespace tailor;
using exposure::EventLog;
using exposure::Recorded;

namespace {

json::Value parse(const std::string& text) {
  auto r = json::parse(text);
  REQUIRE(r.ok());
  return r.value();
}

json::Value exposure_event(const std::string& id, int ts, const std::string& user,
                           const std::string& experiment) {
  return parse(R"({"id":")" + id + R"(","type":"exposure","ts":)" + std::to_string(ts) +
               R"(,"user":")" + user + R"(","experiment":")" + experiment +
               R"(","variant":"control"})");
}

}  // namespace

TEST_CASE("consent gates everything and is never retroactive", "[exposure]") {
  EventLog log;
  CHECK(*log.record(exposure_event("e1", 1, "u1", "x")) == Recorded::kNoConsent);
  CHECK(log.pending() == 0);
  log.set_consent(true);
  CHECK(log.pending() == 0);  // what happened before consent is not sent
  CHECK(*log.record(exposure_event("e2", 2, "u1", "x")) == Recorded::kQueued);
  log.set_consent(false);
  CHECK(log.pending() == 0);
  CHECK(log.take_batch(10) == "[]");
}

TEST_CASE("exposures are deduplicated per user and experiment", "[exposure]") {
  EventLog log;
  log.set_consent(true);
  CHECK(*log.record(exposure_event("a", 1, "u1", "x")) == Recorded::kQueued);
  CHECK(*log.record(exposure_event("b", 2, "u1", "x")) == Recorded::kDuplicate);
  CHECK(*log.record(exposure_event("c", 3, "u2", "x")) == Recorded::kQueued);
  CHECK(*log.record(exposure_event("d", 4, "u1", "y")) == Recorded::kQueued);
  CHECK(log.take_batch(2) ==
        R"([{"id":"a","type":"exposure","ts":1,"user":"u1","experiment":"x","variant":"control"},)"
        R"({"id":"c","type":"exposure","ts":3,"user":"u2","experiment":"x","variant":"control"}])");
  CHECK(log.pending() == 1);

  // The dedupe memory survives a reload through state_json / restore_state.
  EventLog next;
  next.set_consent(true);
  REQUIRE(next.restore_state(parse(log.state_json())).ok());
  CHECK(*next.record(exposure_event("e", 5, "u1", "x")) == Recorded::kDuplicate);
}

TEST_CASE("frequency caps and batching follow the config", "[exposure]") {
  auto settings = exposure::settings_from_config(parse(R"({"events": {"batchSize": 2,
      "flushIntervalMs": 100, "frequencyCaps": [{"event": "click", "max": 2, "windowMs": 1000}]}})"));
  REQUIRE(settings.ok());
  EventLog log(*settings);
  log.set_consent(true);
  auto click = [](int ts) {
    return parse(R"({"id":"c)" + std::to_string(ts) + R"(","type":"custom","ts":)" +
                 std::to_string(ts) + R"(,"user":"u1","name":"click","value":1.5})");
  };
  CHECK(*log.record(click(0)) == Recorded::kQueued);
  CHECK_FALSE(log.flush_due(50));
  CHECK(log.flush_due(100));
  CHECK(*log.record(click(10)) == Recorded::kQueued);
  CHECK(log.flush_due(11));  // batch full
  CHECK(*log.record(click(20)) == Recorded::kCapped);
  CHECK(*log.record(click(1001)) == Recorded::kQueued);  // the first left the window
}

TEST_CASE("invalid events and settings are errors naming the field", "[exposure]") {
  EventLog log;
  log.set_consent(true);
  CHECK(log.record(parse(R"({"id":"","type":"custom","ts":1,"user":"u","name":"n"})")).error() ==
        "event.id must be a non-empty string of at most 128 bytes");
  CHECK(
      log.record(parse(R"({"id":"i","type":"custom","ts":1,"user":"u","name":"n","email":"a@b"})"))
          .error() ==
      "event has an unknown member \"email\"; expected id, type, ts, user, experiment, variant, "
      "name, value, attributes");
  CHECK(log.record(parse(R"({"id":"i","type":"exposure","ts":1,"user":"u","experiment":"x"})"))
            .error() ==
        "event.variant must be a variation key (a string of 1..256 bytes) or a variation id (a "
        "whole number >= 0) for an exposure");
  CHECK(exposure::settings_from_config(parse(R"({"events":{"batchSize":0}})")).error() ==
        "events.batchSize must be an integer from 1 to 1000");
  CHECK(exposure::settings_from_config(parse(R"({"events":{"frequencyCaps":[{"max":1}]}})"))
            .error() ==
        "events.frequencyCaps[0].experiment or event: exactly one, a non-empty string");
  CHECK(log.pending() == 0);
}
