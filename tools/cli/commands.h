// Subcommands of the `tailor` CLI. Each returns the process exit code: 0 success,
// 1 failure of the work itself, 2 bad usage (message on stderr).
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::cli {

// `tailor conformance`: JSON-lines requests on `in`, answers on `out` (docs/conformance.md).
int run_conformance(std::istream& in, std::ostream& out);

// `tailor stats`: statistics requests as JSON lines on `in`, one answer per line on `out`
// (docs/statistics.md). Returns 1 when any line was answered with an error, else 0.
int run_stats(std::istream& in, std::ostream& out);

// `tailor decide --config FILE (--attributes JSON | --users FILE.jsonl) [--sticky JSON] [--table]`
int run_decide(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// `tailor validate-config FILE`: config::validate (the edge's publish and the SDK's setConfig
// call it too). 0 and "FILE: valid" on out; 1 and the first problem on err; 2 for bad usage.
int run_validate_config(const std::vector<std::string>& args, std::ostream& out,
                        std::ostream& err);

// Reads a whole file; false (with "tailor: cannot open PATH" on err) when it cannot be opened.
bool read_whole_file(const std::string& path, std::string& out, std::ostream& err);

// Reads JSON lines: calls `on_line(number, document)` for every line of `in` that is not empty
// (lines numbered from 1, a final '\r' dropped), `document` the line parsed as JSON or the
// parse error. Returns false as soon as on_line does, true at the end of `in`.
bool for_each_json_line(
    std::istream& in,
    const std::function<bool(long number, Result<json::Value> document)>& on_line);

}  // namespace tailor::cli
