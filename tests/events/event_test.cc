// THE event schema (core/events): one parser for the SDK's outbox and the edge's ingest.
#include "core/events/event.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/parse_json.h"

using tailor::StatusCode;
using tailor::events::parse_batch;
using tailor::events::parse_event;
using tailor::events::to_json;
using tailor::testing::parse;

namespace {

std::string error_of(const std::string& event_text) {
  auto r = parse_event(parse(event_text));
  return r.ok() ? "ok" : r.error();
}

}  // namespace

TEST_CASE("valid events parse and are written back in the schema's order", "[events]") {
  auto e = parse_event(parse(
      R"({"user":"u1","ts":1700000000000,"variant":2,"type":"exposure","id":"e1",
          "experiment":"hero","attributes":{"country":"US"}})"));
  REQUIRE(e.ok());
  CHECK(e->variant == "2");  // a variation id is kept as its decimal text
  CHECK(to_json(*e) ==
        R"({"id":"e1","type":"exposure","ts":1700000000000,"user":"u1","experiment":"hero",)"
        R"("variant":"2","attributes":{"country":"US"}})");
  auto c = parse_event(parse(R"({"id":"c1","type":"conversion","ts":0,"user":"u","name":"buy",
                                 "value":12.5,"experiment":null})"));
  REQUIRE(c.ok());  // null counts as absent
  CHECK(to_json(*c) ==
        R"({"id":"c1","type":"conversion","ts":0,"user":"u","name":"buy","value":12.5})");
}

TEST_CASE("the two disagreements the edge and the SDK had are decided once", "[events]") {
  // ts: whole milliseconds only (the edge used to accept 1.5, the SDK did not).
  CHECK(error_of(R"({"id":"i","type":"custom","ts":1.5,"user":"u","name":"n"})") ==
        "event.ts must be epoch milliseconds: a whole number from 0 to 8640000000000000");
  CHECK(error_of(R"({"id":"i","type":"custom","ts":8640000000000001,"user":"u","name":"n"})") ==
        "event.ts must be epoch milliseconds: a whole number from 0 to 8640000000000000");
  // variant: a key or a whole-number id (the SDK used to refuse numbers, the edge took 1.5).
  CHECK(
      error_of(R"({"id":"i","type":"exposure","ts":1,"user":"u","experiment":"x","variant":0})") ==
      "ok");
  CHECK(error_of(R"({"id":"i","type":"exposure","ts":1,"user":"u","experiment":"x","variant":1.5})")
            .rfind("event.variant must be a variation key", 0) == 0);
}

TEST_CASE("every member's rule is enforced with a message naming it", "[events]") {
  CHECK(error_of("[]") == "an event must be a JSON object");
  CHECK(error_of(R"({"id":"i","type":"custom","ts":1,"user":"u","name":"n","email":"a@b"})")
            .rfind("event has an unknown member \"email\"", 0) == 0);
  CHECK(error_of(R"({"type":"custom","ts":1,"user":"u","name":"n"})") == "event.id is required");
  CHECK(error_of(R"({"id":")" + std::string(129, 'x') +
                 R"(","type":"custom","ts":1,"user":"u","name":"n"})") ==
        "event.id must be a non-empty string of at most 128 bytes");
  CHECK(error_of(R"({"id":"i","type":"click","ts":1,"user":"u"})") ==
        "event.type is \"click\", expected \"exposure\", \"conversion\" or \"custom\"");
  CHECK(error_of(R"({"id":"i","ts":1,"user":"u"})") ==
        "event.type is absent, expected \"exposure\", \"conversion\" or \"custom\"");
  // A long type is quoted cut to 43 bytes, never inside a character: the JSON of the type is
  // a quote then 38 x then 獺 (E7 8D BA) at bytes 39-41, so the cut backs up to byte 39.
  CHECK(error_of(R"({"id":"i","type":")" + std::string(38, 'x') + "\xE7\x8D\xBA" +
                 R"(yyyy","ts":1,"user":"u"})") ==
        "event.type is \"" + std::string(38, 'x') +
            "..., expected \"exposure\", \"conversion\" or \"custom\"");
  CHECK(error_of(R"({"id":"i","type":"custom","ts":-1,"user":"u","name":"n"})")
            .rfind("event.ts must be", 0) == 0);
  CHECK(error_of(R"({"id":"i","type":"custom","ts":1,"user":"","name":"n"})") ==
        "event.user must be a non-empty string of at most 256 bytes");
  CHECK(error_of(R"({"id":"i","type":"exposure","ts":1,"user":"u","variant":"a"})") ==
        "event.experiment is required for an exposure");
  CHECK(error_of(R"({"id":"i","type":"exposure","ts":1,"user":"u","experiment":"x","variant":"a",
                     "value":3})")
            .rfind("an exposure has no name or value", 0) == 0);
  CHECK(error_of(R"({"id":"i","type":"conversion","ts":1,"user":"u"})") ==
        "event.name is required for a conversion event");
  CHECK(error_of(R"({"id":"i","type":"custom","ts":1,"user":"u","name":"n","variant":"a"})") ==
        "only exposures carry experiment and variant");
  CHECK(error_of(R"({"id":"i","type":"custom","ts":1,"user":"u","name":"n","value":"3"})") ==
        "event.value must be a finite number");
  CHECK(error_of(R"({"id":"i","type":"custom","ts":1,"user":"u","name":"n","attributes":[]})") ==
        "event.attributes must be an object");
  // 8,192 bytes allowed: {"k":"<8184 x>"} is 8 + 8184 = 8192 bytes, one more is too many.
  const std::string fits = R"({"k":")" + std::string(8184, 'x') + R"("})";
  const std::string over = R"({"k":")" + std::string(8185, 'x') + R"("})";
  CHECK(error_of(R"({"id":"i","type":"custom","ts":1,"user":"u","name":"n","attributes":)" + fits +
                 "}") == "ok");
  CHECK(error_of(R"({"id":"i","type":"custom","ts":1,"user":"u","name":"n","attributes":)" + over +
                 "}") == "event.attributes is 8193 bytes as JSON, at most 8192 are allowed");
}

TEST_CASE("a batch is checked as a whole, then event by event", "[events]") {
  CHECK(parse_batch(parse("[]")).status().code() == StatusCode::kMalformed);
  CHECK(parse_batch(parse(R"({"events":[]})")).error() ==
        "field \"sdkKey\" must be a non-empty string");
  CHECK(parse_batch(parse(R"({"sdkKey":"k","events":{}})")).status().code() ==
        StatusCode::kMalformed);
  std::string many = R"({"sdkKey":"k","events":[)";
  for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + "{}";
  auto too_many = parse_batch(parse(many + "]}"));
  CHECK(too_many.status().code() == StatusCode::kResourceExhausted);
  CHECK(too_many.error() ==
        "field \"events\" has 1001 events, at most 1000 are allowed per request");

  auto b = parse_batch(parse(R"({"sdkKey":"k","events":[
      {"id":"a","type":"custom","ts":1,"user":"u","name":"n"},
      {"id":"b","type":"custom","ts":1,"user":"u"},
      {"id":7},
      {"id":"d","type":"exposure","ts":2,"user":"u","experiment":"x","variant":"1"}]})"));
  REQUIRE(b.ok());
  CHECK(b->sdk_key == "k");
  CHECK(b->total == 4);
  REQUIRE(b->events.size() == 2);
  CHECK(b->event_index == std::vector<size_t>{0, 3});
  REQUIRE(b->rejected.size() == 2);
  CHECK(b->rejected[0].index == 1);
  CHECK(b->rejected[0].id == "b");
  CHECK(b->rejected[0].reason == "event.name is required for a custom event");
  CHECK(b->rejected[1].index == 2);
  CHECK(b->rejected[1].id.empty());  // 7 is no usable id
}
