// An event batch body (JSON) -> events::parse_batch. Properties: every event accepted and
// written back with to_json() parses again to the same event (what the SDK's outbox sends is
// what the edge accepts), and the accepted and rejected events account for the whole batch.
#include "core/events/event.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  auto body = fuzz::parse_json(fuzz::as_text(data, size));
  if (!body) return 0;
  auto batch = events::parse_batch(*body);
  if (!batch) return 0;
  if (batch.value().events.size() + batch.value().rejected.size() != batch.value().total) {
    fuzz::fail("accepted + rejected != total", fuzz::as_text(data, size), "");
  }
  for (const events::Event& event : batch.value().events) {
    std::string text = events::to_json(event);
    auto reparsed = fuzz::parse_json(text);
    if (!reparsed) fuzz::fail("to_json output is not JSON", text, "");
    auto again = events::parse_event(*reparsed);
    if (!again) fuzz::fail("to_json output is refused", text, again.error());
    if (events::to_json(again.value()) != text) {
      fuzz::fail("event changes on a round trip", text, events::to_json(again.value()));
    }
  }
  return 0;
}
