// JSON text (any bytes) -> json::parse. Property: a parsed value survives
// stringify -> parse -> stringify unchanged (JSON.stringify output is JSON.parse's fixed point).
#include "core/json/js.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  auto value = fuzz::parse_json(fuzz::as_text(data, size));
  if (!value) return 0;
  std::string once = json::stringify(*value);
  auto again = fuzz::parse_json(once);
  if (!again) fuzz::fail("stringify output does not parse", once, "");
  std::string twice = json::stringify(*again);
  if (once != twice) fuzz::fail("stringify(parse(stringify(v))) != stringify(v)", once, twice);
  return 0;
}
