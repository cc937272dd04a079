#include <iostream>
#include <string>
#include <vector>

#include "tools/cli/commands.h"

namespace {

constexpr const char* kUsage = R"(tailor — Tailor's command-line tool (the same core as the browser SDK and the edge)

Usage:
  tailor decide --config FILE --attributes JSON [--sticky JSON]
      Print every feature value and experiment assignment for one user, with reasons.
  tailor decide --config FILE --users FILE.jsonl [--table]
      Decide for every user (one attribute document per line); JSON lines, or a table.
  tailor conformance
      Answer conformance requests, one JSON object per line on stdin (docs/conformance.md).
  tailor stats
      Answer statistics requests (frequentist, sequential, bayesian, cuped, srm, adjust,
      sample_size, power, mde, thompson), one JSON object per line on stdin
      (docs/statistics.md).
  tailor --help
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  std::ios::sync_with_stdio(false);
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "conformance") return tailor::cli::run_conformance(std::cin, std::cout);
  if (command == "stats") return tailor::cli::run_stats(std::cin, std::cout);
  if (command == "decide") return tailor::cli::run_decide(args, std::cout, std::cerr);
  std::cerr << "tailor: unknown command \"" << command << "\"; expected decide, conformance or stats\n\n"
            << kUsage;
  return 2;
}
