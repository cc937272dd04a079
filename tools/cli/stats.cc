// `tailor stats`: the statistics protocol (core/stats/protocol.h) over stdin/stdout.
#include <istream>
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
  if (!args.empty()) {
    if (is_help(args[0])) return print_usage(out, kStatsUsage);
    return usage_error(
        err, "tailor stats: unexpected argument \"" + args[0] + "\"; requests come on stdin",
        kStatsUsage);
  }
  std::string line;
  long number = 0;
  bool any_error = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines: no answer
    stats::Answer answer = stats::answer_with_status(line, number);
    any_error = any_error || !answer.ok;
    out << answer.text << '\n';
    if (in.rdbuf()->in_avail() == 0) out.flush();
  }
  out.flush();
  return any_error ? 1 : 0;
}

}  // namespace tailor::cli
