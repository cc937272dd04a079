// The wasm boundary: strings in, strings out, no logic (see docs/architecture.md).
// Returned strings are malloc'd; the JavaScript side frees them with _free.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "core/audit/export.h"
#include "core/conformance/protocol.h"
#include "core/safety/protocol.h"
#include "core/stats/protocol.h"

namespace {

char* to_heap(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out != nullptr) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

}  // namespace

extern "C" {

// Exports are chosen per module by -sEXPORTED_FUNCTIONS (wasm/CMakeLists.txt) rather than by
// EMSCRIPTEN_KEEPALIVE, so each module links only the engine it exports.
char* tailor_conformance(const char* line, int line_number) {
  return to_heap(tailor::conformance::answer(line, line_number));
}

// One statistics request (docs/statistics.md) in, one JSON answer out. Only the studio's
// module (tailor_stats.wasm) exports it, so the visitor-facing SDK module drops the whole
// statistics engine (Boost.Math included): about 300 KB of wasm the browser SDK never runs.
char* tailor_stats(const char* line, int line_number) {
  return to_heap(tailor::stats::answer(line, line_number));
}

// One message in, its screening out (docs/safety.md), for the studio's preview. Exported by
// the studio module (tailor_stats.wasm) only.
char* tailor_screen(const char* line, int line_number) {
  return to_heap(tailor::safety::screen_line(line, line_number));
}

// An audit trail's text in, its verification report out (core/audit/export.h verify_json), for
// the studio's audit view. Exported by the studio module (tailor_stats.wasm) only.
char* tailor_audit_verify(const char* text, const char* format) {
  return to_heap(tailor::audit::verify_json(text, format));
}

}  // extern "C"
