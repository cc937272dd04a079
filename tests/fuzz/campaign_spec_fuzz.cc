// A campaign spec file (JSON) -> campaign::read_spec. Property: never crashes; a failure is
// a message, and a spec read successfully keeps the document it was read from.
#include "core/campaign/spec.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  std::string_view text = fuzz::as_text(data, size);
  auto spec = campaign::read_spec(text);
  if (!spec) {
    if (spec.error().empty()) fuzz::fail("failure without a message", text, "");
    return 0;
  }
  if (!spec.value().document.is_object()) fuzz::fail("spec document is not an object", text, "");
  return 0;
}
