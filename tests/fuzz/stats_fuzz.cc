// One stats protocol line -> stats::answer_with_status. Property: never throws or crashes,
// and the answer is one line of JSON that is an error exactly when it says so.
#include "core/stats/protocol.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  std::string_view line = fuzz::as_text(data, size);
  auto answer = stats::answer_with_status(line, 1);
  auto parsed = fuzz::parse_json(answer.text);
  if (answer.text.find('\n') != std::string::npos || !parsed) {
    fuzz::fail("answer is not one line of JSON", line, answer.text);
  }
  if (answer.ok == parsed->contains("error")) {
    fuzz::fail("ok flag disagrees with the answer's \"error\"", line, answer.text);
  }
  return 0;
}
