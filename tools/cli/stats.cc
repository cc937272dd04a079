// `tailor stats`: the statistics protocol (core/stats/protocol.h) over stdin/stdout.
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/stats/protocol.h"
#include "tools/cli/commands.h"

namespace tailor::cli {

const std::string_view kStatsUsage = R"(  tailor stats
      Answer statistics requests (frequentist, sequential, bayesian, cuped, srm, adjust,
      sample_size, power, mde, thompson), one JSON object per line on stdin
      (docs/statistics.md).
)";

int run_stats(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
              std::ostream& err) {
  if (auto code = refuse_arguments(args, "tailor stats", kStatsUsage, out, err)) return *code;
  bool any_error = false;
  answer_lines(in, out, [&](const std::string& line, long number) -> std::optional<std::string> {
    if (line.find_first_not_of(" \t") == std::string::npos) return std::nullopt;  // no answer
    stats::Answer answer = stats::answer_with_status(line, number);
    any_error = any_error || !answer.ok;
    return std::move(answer.text);
  });
  return any_error ? 1 : 0;
}

}  // namespace tailor::cli
