#include <iostream>
#include <string>
#include <vector>

#include "tools/cli/campaign_commands.h"
#include "tools/cli/commands.h"
#include "tools/cli/decide_lines.h"
#include "tools/cli/safety_commands.h"

namespace {

// `tailor --help`: every command's usage, each from the file that parses its options.
void print_all_usage(std::ostream& out) {
  using namespace tailor::cli;
  out << "tailor — Tailor's command-line tool (the same core as the browser SDK and the edge)\n\n"
         "Usage:\n"
      << kDecideUsage << kDecideLinesUsage << kValidateConfigUsage << kConformanceUsage
      << kStatsUsage << kScreenUsage << kAuditVerifyUsage << kAuditExportUsage << kAuditAppendUsage
      << kAuditCoverageUsage << kCampaignUsage << kGenDataUsage
      << "  tailor COMMAND --help\n"
         "      The usage of one command (tailor audit --help: every audit subcommand).\n"
         "  tailor --help\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || tailor::cli::is_help(args[0]) || args[0] == "help") {
    print_all_usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? 2 : 0;
  }
  std::ios::sync_with_stdio(false);
  const std::string command = args[0];
  args.erase(args.begin());
  using namespace tailor::cli;
  if (command == "conformance") return run_conformance(args, std::cin, std::cout, std::cerr);
  if (command == "stats") return run_stats(args, std::cin, std::cout, std::cerr);
  if (command == "decide" && !args.empty() && args[0] == "--lines") {
    return run_decide_lines(args, std::cin, std::cout, std::cerr);
  }
  if (command == "decide") return run_decide(args, std::cout, std::cerr);
  if (command == "validate-config") return run_validate_config(args, std::cout, std::cerr);
  if (command == "audit") return run_audit(args, std::cout, std::cerr);
  if (command == "screen") return run_screen(args, std::cin, std::cout, std::cerr);
  if (command == "campaign") return run_campaign(args, std::cout, std::cerr);
  if (command == "gen-data") return run_gen_data(args, std::cout, std::cerr);
  std::cerr << "tailor: unknown command \"" << command
            << "\"; expected decide, validate-config, conformance, stats, screen, audit, campaign or gen-data\n\n";
  print_all_usage(std::cerr);
  return 2;
}
