// decide(): every feature and experiment of a config, decided for one user in one call.
//
// config      GrowthBook-style payload: {"features": {key: FeatureDefinition},
//             "experiments": [Experiment, ...], "savedGroups": {...}}; each part optional.
// attributes  the user's attributes ({"id": "u1", "country": "FR", ...}). When the config has
//             segments (core/segment/segments.h), decisions see them as the attribute
//             "segments" ({...attributes, segments: {key: value}}).
// sticky_docs GrowthBook sticky-bucket documents {"attr||value": {attributeName,
//             attributeValue, assignments}}. An object (even {}) turns sticky bucketing on;
//             anything else (null) turns it off.
//
// Returns
//   {"features": {key: {"value", "on", "source", "ruleId", "reason",
//                       "experiment"?: {"key", "variationId", "variationKey", "inExperiment",
//                                       "hashAttribute", "hashValue", "bucket"?,
//                                       "leafId"?, "variationWeights"?, "banditVersion"?},
//                       "error"?}},
//    "experiments": {key: {"inExperiment", "variationId", "variationKey", "value"?,
//                          "hashAttribute", "hashValue", "bucket"?, "stickyBucketUsed",
//                          "reason", "error"?}},
//    "stickyBucketAssignmentDocs"?: {...}}   (only when sticky bucketing is on)
// Features are decided in the config's key order, then experiments in array order; sticky
// assignments made by one are seen by the next (as GrowthBook's SDK does when an app
// evaluates them in that order). Values, sources and reasons are those of eval_feature /
// run_experiment (evaluate.h). A feature or experiment GrowthBook could not evaluate gets
// value null, reason "invalidConfig" and "error"; the others are unaffected. leafId,
// variationWeights and banditVersion are those of a contextual-bandit rule the user is enrolled
// in by hashing (config "contextualBandits", evaluate.h). An experiment key
// that repeats reports its first occurrence. Pure and deterministic: same input, same output.
//
// Explain (opt-in): with options.explain, every member of "features" also carries, last,
// "trace": the rule trace of FeatureEvaluation (evaluate.h): why each earlier rule was
// skipped and what decided. Everything else in the answer is unchanged. It costs one JSON
// object per rule evaluated, built while the rules are walked.
#pragma once

#include <string_view>

#include "core/json/value.h"

namespace tailor::assign {

struct DecideOptions {
  bool explain = false;  // add each feature's "trace"
};

json::Value decide(const json::Value& config, const json::Value& attributes,
                   const json::Value& sticky_docs);
json::Value decide(const json::Value& config, const json::Value& attributes,
                   const json::Value& sticky_docs, const DecideOptions& options);

// One feature's member of decide(..., {.explain = true})'s "features", with its "trace";
// sticky_docs are read, never written. A key the config lacks gets reason "unknownFeature".
// Features decided before `key` in config order can move sticky assignments: with sticky
// bucketing on, the answer can differ from decide()'s (the preview use needs no sticky docs).
json::Value explain_feature(const json::Value& config, const json::Value& attributes,
                            const json::Value& sticky_docs, std::string_view key);

}  // namespace tailor::assign
