// Regular expression source and subject (two lines; UTF-8, read as UTF-16 code units the way
// JavaScript sees them) -> Regex::compile with and without the i flag, then one search each
// (a search that exhausts Regex::kMaxSteps takes seconds in this instrumented build, so one per
// flag keeps every input well inside tools/fuzz's timeout). Properties: nothing crashes, no
// search overruns its budget or the C++ stack, a failed compile says why, and a pattern that
// compiles once compiles again (compile is a pure function).
#include "core/json/js.h"
#include "core/targeting/regex.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  using targeting::Regex;
  auto parts = fuzz::split_lines(fuzz::as_text(data, size), 2);
  std::u16string pattern = json::to_utf16(parts[0]);
  std::u16string subject = json::to_utf16(parts[1]);
  for (bool ignore_case : {false, true}) {
    std::string error;
    auto regex = Regex::compile(pattern, ignore_case, &error);
    if (!regex) {
      if (error.empty()) fuzz::fail("compile failed without a message", parts[0], "");
      continue;
    }
    (void)regex->search(subject);
    if (!Regex::compile(pattern, ignore_case)) {
      fuzz::fail("a pattern compiled once and not twice", parts[0], "");
    }
  }
  return 0;
}
