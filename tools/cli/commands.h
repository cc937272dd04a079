// Subcommands of the `tailor` CLI. Each returns the process exit code: 0 success,
// 1 failure of the work itself, 2 bad usage (message on stderr).
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::cli {

// Each command's usage, printed by `tailor COMMAND --help` (or -h) and listed by `tailor --help`:
// "  tailor COMMAND ..." lines, each followed by what it does, indented by six spaces.
extern const std::string_view kDecideUsage;
extern const std::string_view kValidateConfigUsage;
extern const std::string_view kConformanceUsage;
extern const std::string_view kStatsUsage;

// True for "--help" and "-h".
bool is_help(std::string_view arg);
// Writes "Usage:\n" and `usage` on `out`; returns 0, the exit code of a --help.
int print_usage(std::ostream& out, std::string_view usage);
// Writes `message`, a blank line and the usage on `err`; returns 2, the exit code of bad usage.
int usage_error(std::ostream& err, std::string_view message, std::string_view usage);

// The stdin protocols (conformance, stats) take no arguments but --help. nullopt when `args` is
// empty; else the exit code, after printing `usage` (0, --help) or naming the stray argument
// with the usage on `err` (2). `command` is "tailor stats" etc.
std::optional<int> refuse_arguments(const std::vector<std::string>& args, std::string_view command,
                                    std::string_view usage, std::ostream& out, std::ostream& err);

// Answers line-based requests as they come: calls `answer(line, number)` for every line of `in`
// (numbered from 1, a final '\r' dropped) and writes what it returns as one line (nothing for
// nullopt). Flushes whenever no more input is buffered, so a driver can stream requests
// through pipes without deadlocking.
void answer_lines(
    std::istream& in, std::ostream& out,
    const std::function<std::optional<std::string>(const std::string& line, long number)>& answer);

// `tailor conformance`: JSON-lines requests on `in`, answers on `out` (docs/conformance.md).
// Takes no arguments but --help.
int run_conformance(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                    std::ostream& err);

// `tailor stats`: statistics requests as JSON lines on `in`, one answer per line on `out`
// (docs/statistics.md). Returns 1 when any line was answered with an error, else 0. Takes no
// arguments but --help.
int run_stats(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
              std::ostream& err);

// `tailor decide --config FILE (--attributes JSON | --users FILE.jsonl) [--sticky JSON] [--table]
// [--explain]`
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
