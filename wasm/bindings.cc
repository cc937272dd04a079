// The wasm boundary: strings in, strings out, no logic (see docs/architecture.md).
// Returned strings are malloc'd; the JavaScript side frees them with _free.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "core/conformance/protocol.h"
#include "core/stats/protocol.h"

namespace {

char* to_heap(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out != nullptr) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE char* tailor_conformance(const char* line, int line_number) {
  return to_heap(tailor::conformance::answer(line, line_number));
}

// One statistics request (docs/statistics.md) in, one JSON answer out.
EMSCRIPTEN_KEEPALIVE char* tailor_stats(const char* line, int line_number) {
  return to_heap(tailor::stats::answer(line, line_number));
}

}  // extern "C"
