// The statistics protocol: one JSON request per line in, one JSON answer per line out, `id`
// echoed. Spoken identically by the native CLI (`tailor stats`) and the WASM build
// (`tailor_stats` in wasm/bindings.cc), so the studio computes the same numbers client-side.
// An edge results handler can call `answer_request` with a request it assembled itself from
// stored events, or call the typed functions in frequentist.h, sequential.h, ... directly.
// The requests and answers are documented in docs/statistics.md ("The stats protocol").
#pragma once

#include <string>
#include <string_view>

#include "core/json/value.h"

namespace tailor::stats {

// Answers one request line. Never throws. A bad request gives
// {"id":…,"error":"control.n is -1, expected a whole number >= 0"}; a line that is not JSON
// gives {"id":null,"error":"line 7: invalid JSON: …"} (`line_number` 1-based, 0 = omit).
std::string answer(std::string_view line, long line_number = 0);

// The same, also saying whether the answer is an error (for exit codes).
struct Answer {
  std::string text;
  bool ok = true;
};
Answer answer_with_status(std::string_view line, long line_number);

// The same for an already-parsed request; returns the answer object.
json::Value answer_request(const json::Value& request);

}  // namespace tailor::stats
