// `tailor stats`: the statistics protocol (core/stats/protocol.h) over stdin/stdout.
#include <istream>
#include <ostream>
#include <string>

#include "core/stats/protocol.h"
#include "tools/cli/commands.h"

namespace tailor::cli {

int run_stats(std::istream& in, std::ostream& out) {
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
