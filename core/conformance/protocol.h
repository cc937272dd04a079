// The conformance protocol: one JSON request per line in, one JSON answer per line out.
// Spoken identically by the native CLI (`tailor conformance`) and the WASM build
// (`node web/sdk/bin/tailor-conformance.mjs`), so any difference between them is a bug.
// The requests are documented in docs/conformance.md.
#pragma once

#include <string>
#include <string_view>

namespace tailor::conformance {

// Answers one request line. `line_number` (1-based) prefixes error messages:
// {"error":"line 7: field \"seed\" must be a string"}. Never throws.
std::string answer(std::string_view line, long line_number);

}  // namespace tailor::conformance
