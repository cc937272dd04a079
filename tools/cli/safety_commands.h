// `tailor screen` and `tailor audit` (docs/safety.md). Exit codes as in commands.h:
// 0 success, 1 the work itself failed (a bad audit trail, a blocked message with --strict),
// 2 bad usage (message on stderr).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "tools/cli/commands.h"

namespace tailor::cli {

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

}  // namespace tailor::cli
