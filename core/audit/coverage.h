// Coverage check: proof that screening is 100%. A message may be sent only when the audit
// trail shows its exact content (by content_hash) screened and cleared:
//   - the latest screening record for (campaign, message_id, content_hash) says allow, or
//   - it says review and a later review record for the same content says approved;
// and no later review/approval record for that content says rejected. A block, a pending
// review, a rejection, no screening at all, or a screening of different content (the message
// changed after it was screened) leaves the message uncovered, and the pipeline refuses it.
#pragma once

#include <string>
#include <vector>

#include "core/audit/record.h"

namespace tailor::audit {

struct Sendable {
  std::string campaign;
  std::string message_id;
  std::string content_hash;  // content_hash(subject, body) of what would be sent
};

struct CoverageGap {
  std::string campaign;
  std::string message_id;
  std::string reason;  // "never screened", "blocked", "review pending", ...
};

// Gaps in input order; empty means every sendable message is covered.
std::vector<CoverageGap> check_coverage(const std::vector<Sendable>& messages,
                                        const std::vector<Record>& records);

}  // namespace tailor::audit
