// `tailor screen` and `tailor audit` (docs/safety.md). Exit codes as in commands.h:
// 0 success, 1 the work itself failed (a bad audit trail, a blocked message with --strict),
// 2 bad usage (message on stderr).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/record.h"
#include "tools/cli/commands.h"

namespace tailor::cli {

// Usage texts, as in commands.h: `tailor screen --help`, `tailor audit SUBCOMMAND --help`.
// `tailor audit --help` prints the four audit ones.
extern const std::string_view kScreenUsage;
extern const std::string_view kAuditVerifyUsage;
extern const std::string_view kAuditExportUsage;
extern const std::string_view kAuditAppendUsage;
extern const std::string_view kAuditCoverageUsage;

// `tailor screen [--policy FILE] [--audit FILE --campaign ID --ts RFC3339 [--actor NAME]]`
// `tailor screen --eval LABELED.jsonl [--policy FILE]`
int run_screen(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
               std::ostream& err);

// `tailor audit verify FILE [--format csv|jsonl] [--head HASH] [--count N]`
// `tailor audit export FILE --to csv|jsonl`
// `tailor audit coverage FILE --messages FILE.jsonl`
// `tailor audit append TRAIL --kind review|approval|regeneration --campaign C --id M --ts T
//    --actor A --decision D (--content-hash H | --subject S --body B) [--policy-version V]`
int run_audit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The audit chain continued from the trail at `path` (JSON lines; a file that cannot be read is
// an empty chain), verified first. nullopt when the trail does not verify, after writing
// "`who`: PATH record N (line L): REASON; refusing to extend a broken chain" on `err`.
std::optional<audit::Chain> open_chain(const std::string& path, std::string_view who,
                                       std::ostream& err);

}  // namespace tailor::cli
