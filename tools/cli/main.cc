#include <iostream>
#include <string>
#include <vector>

#include "tools/cli/commands.h"
#include "tools/cli/safety_commands.h"

namespace {

constexpr const char* kUsage = R"(tailor — Tailor's command-line tool (the same core as the browser SDK and the edge)

Usage:
  tailor decide --config FILE --attributes JSON [--sticky JSON] [--explain]
      Print every feature value and experiment assignment for one user, with reasons;
      --explain adds each feature's rule trace (docs/config.md "Explain: the rule trace").
  tailor decide --config FILE --users FILE.jsonl [--table] [--explain]
      Decide for every user (one attribute document per line); JSON lines, or a table.
  tailor validate-config FILE
      Check a config document as tailor-edge's publish and the browser SDK's setConfig do
      (docs/config.md "Validation"); exit 1 with the path of the first problem.
  tailor conformance
      Answer conformance requests, one JSON object per line on stdin (docs/conformance.md).
  tailor stats
      Answer statistics requests (frequentist, sequential, bayesian, cuped, srm, adjust,
      sample_size, power, mde, thompson), one JSON object per line on stdin
      (docs/statistics.md).
  tailor screen [--policy FILE] [--audit TRAIL.jsonl --campaign ID --ts RFC3339 [--actor NAME]]
      Screen JSON-lines messages from stdin (docs/safety.md); one decision per line, and one
      hash-chained audit record per message when --audit is given.
  tailor screen --eval LABELED.jsonl [--policy FILE] [--split NAME] [--misses]
      Block recall, false-block rate, review rate and per-category precision/recall.
  tailor audit verify FILE [--format csv|jsonl] [--head HASH] [--count N]
      Verify an audit trail or its CSV export; names the first bad record (exit 1).
  tailor audit export TRAIL.jsonl --to csv|jsonl
      Print the trail as CSV (RFC 4180, formula-injection safe) or canonical JSON lines.
  tailor audit append TRAIL.jsonl --kind review|approval|regeneration --campaign ID --id MSG
      --ts RFC3339 --actor NAME --decision approved|rejected|regenerated
      (--content-hash HEX | --subject S --body B) [--policy-version V]
      Append a manual review, approval or regeneration record to the chain.
  tailor audit coverage TRAIL.jsonl --messages FILE.jsonl
      Check every sendable message has an allow or approved review record (exit 1 if not).
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
  if (command == "validate-config") {
    return tailor::cli::run_validate_config(args, std::cout, std::cerr);
  }
  if (command == "audit") return tailor::cli::run_audit(args, std::cout, std::cerr);
  if (command == "screen") return tailor::cli::run_screen(args, std::cin, std::cout, std::cerr);
  std::cerr << "tailor: unknown command \"" << command
            << "\"; expected decide, validate-config, conformance, stats, screen or audit\n\n"
            << kUsage;
  return 2;
}
