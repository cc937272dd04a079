// Publish (stage 10 of the campaign pipeline): the campaign's web arm as a Tailor config that
// `tailor validate-config` accepts and tailor-edge publishes, so the browser SDK shows each
// visitor the copy of their segment and arm and logs the exposures the edge's results route
// analyses.
//
// The config holds
//   "segments": the fitted segment models (core/segmentation), scored by the SDK itself;
//   "features": {"<campaign>-web": {"defaultValue": null, "rules": [one experiment rule per
//     segment, in segment order]}}
// Rule i is the segment's experiment exactly as design.h assigned it: key = the experiment,
// seed, hashAttribute = the customers' id column, hashVersion 2, coverage 1, the design
// weights, meta keys = the arm names ("control", "loyalty", ...: the exposures' variants),
// variations = the arms' web copy. Its condition is segment i's condition AND NOT any earlier
// segment's, so the rules are mutually exclusive and a visitor lands in the segment the
// pipeline put them in, whatever rule the SDK tries first. With the design's "web_bandit", each
// rule also carries that "bandit" declaration: the edge's controller reallocates it live.
//
// Approval (stage 7): nothing is simulated, exported or published before a named approver
// approves the design; the approval is an audit record (kind "approval", message_id "design",
// content_hash = design_hash, decision "approved", actor "approver:<name>").
#pragma once

#include <string>
#include <vector>

#include "core/audit/record.h"
#include "core/campaign/design.h"
#include "core/json/value.h"
#include "core/result.h"

namespace tailor::campaign {

// `conditions[i]` is segment i's targeting condition ({} for a default segment);
// `arm_values[i][a]` is the feature value for segment i, arm a (control's included).
// Failure: sizes that do not match the design.
Result<json::Value> build_config(const Design& design, const json::Value& config_segments,
                                 const std::vector<json::Value>& conditions,
                                 const std::vector<std::vector<json::Value>>& arm_values);

// The feature key of a campaign's web copy: "<campaign>-web".
std::string web_feature_key(const std::string& campaign);

// An approver's name: 1..100 bytes of letters, digits, space, ".", "-", "_", "@".
Result<std::string> check_approver(std::string_view name);

// The audit entry recording that `approver` approved the design with this hash at `ts`.
audit::Entry approval_entry(const std::string& campaign, const std::string& design_hash,
                            const std::string& approver, const std::string& ts);

}  // namespace tailor::campaign
