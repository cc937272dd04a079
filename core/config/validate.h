// THE validation of a Tailor config document: what the edge publishes (POST
// /admin/v1/configs/{key}), what the browser SDK accepts (setConfig, and every version pushed
// over the config stream) and what `tailor validate-config FILE` checks. All three call
// validate(), so a config is publishable if and only if every SDK accepts it.
//
// A config is a GrowthBook SDK payload plus Tailor's sections (docs/config.md):
//   {"features": {key: Feature}, "experiments": [Experiment], "savedGroups": {id: group},
//    "segments": [Segment] (core/segment), "events": {...} (core/exposure settings)}
// Unknown top-level members (a "version", a "dateUpdated") are ignored. GrowthBook's encrypted
// members (encryptedFeatures, encryptedSavedGroups, ...; config/encrypted.h) are checked for
// the shape an SDK can decrypt, never decrypted: what is inside is validated by the SDK after
// decrypting (with encryptedSavedGroups, $inGroup names are checked there too).
//
// What is checked, for EVERY rule and experiment (not only those a given user reaches):
// - the shape and type of each member the core reads (rules an array of objects, variations an
//   array, weights finite numbers >= 0 with one per variation, coverage in [0, 1], hashVersion
//   1 or 2, namespace [id, start, end] with 0 <= start <= end <= 1, ranges/filters/meta/
//   parentConditions/urlPatterns as GrowthBook defines them, seeds and keys strings);
// - every condition: known operators only, operands of the operator's type ($in an array,
//   $type a type name, $size a number or a condition), regular expressions that compile with
//   JavaScript's syntax, and $inGroup/$notInGroup/$savedGroup naming a group in savedGroups;
// - segments (segment::validate) and events settings (exposure::settings_from_config).
// Where GrowthBook would quietly fall back (weights not summing to 1 become equal weights) the
// config is accepted and evaluated as GrowthBook does; what GrowthBook would throw on, or
// evaluate as "never", is refused here instead of silently at decision time.
//
// Returns ok, or kInvalidArgument with the path of the first problem and what would be valid:
//   features["hero"].rules[2].weights: has 3 entries for 2 variations
// (a config that is not an object is kInvalidArgument too; JSON syntax is json::parse's job).
#pragma once

#include <string_view>

#include "core/json/value.h"
#include "core/status.h"

namespace tailor::config {

Status validate(const json::Value& config);

// One condition checked exactly as validate() checks every condition inside a config, for the
// other documents that carry conditions (a campaign spec's segment rules), so there is one
// contract for what a valid condition is. `path` names the condition in the message:
//   segmentation.rules[1].condition.spend.$gtee: is not a condition operator (...)
// $inGroup/$notInGroup/$savedGroup must name a group of `saved_groups` (an object of groups;
// anything else has none).
Status validate_condition(const json::Value& condition, std::string_view path,
                          const json::Value& saved_groups = json::Value());

}  // namespace tailor::config
