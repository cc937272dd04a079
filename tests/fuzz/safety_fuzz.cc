// One screening request line (a message as JSON) -> safety::screen_line under the default
// policy. Property: never throws or crashes, and the answer is one line of JSON.
#include "core/safety/protocol.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  std::string_view line = fuzz::as_text(data, size);
  std::string answer = safety::screen_line(line, 1);
  if (answer.find('\n') != std::string::npos || !fuzz::parse_json(answer)) {
    fuzz::fail("answer is not one line of JSON", line, answer);
  }
  return 0;
}
