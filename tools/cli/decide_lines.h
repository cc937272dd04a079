// `tailor decide --lines`: the native half of the SDK decide protocol (docs/conformance.md,
// "SDK module differential"). One JSON request per line on `in`, one answer per line on `out`,
// in order, flushed as it goes so a driver can stream requests through a pipe.
//
// Request: {"config": C, "attributes"?: A, "sticky"?: S, "explain"?: [featureKey, ...],
//           "events"?: [event, ...], "now"?: epochMs, "take"?: maxEvents}
// Answer:  {"features": …, "decide": …, "segments": …, "explain"?: [...],
//           "events"?: {"recorded": [...], "due": …, "batch": [...], "state": {...}}}
//          or {"error": "…"} (the message the SDK module's boundary would give).
// Each request is one fresh SDK client (wasm/sdk_bindings.cc) replayed with the same core
// calls: CompiledConfig for decisions (as the edge and the SDK), explain_feature, the
// segments the decisions saw, and an EventLog with consent granted. The node half is
// web/sdk/bin/tailor-sdk-decide.mjs; the two must answer byte for byte alike.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::cli {

// Its usage, for `tailor --help` and `tailor decide --lines --help`.
extern const std::string_view kDecideLinesUsage;

// `tailor decide --lines [--jobs N]`: parses the options (--help: the usage on `out`, 0; wrong
// ones: a message and the usage on `err`, 2), then answers as below with N threads (default 1).
int run_decide_lines(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                     std::ostream& err);

// Answers with `jobs` threads (>= 1); answers come out in request order whatever `jobs` is.
// Always returns 0: a bad request line is answered with {"error": "line N: …"}.
int run_decide_lines(std::istream& in, std::ostream& out, int jobs = 1);

}  // namespace tailor::cli
