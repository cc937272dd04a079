// GrowthBook evaluation: feature flags and experiments decided exactly as GrowthBook's
// JavaScript SDK v1.8.0 (core.mjs evalFeature / runExperiment) decides them, so a team moving
// from GrowthBook keeps every user in the same bucket and every feature value.
//
// Context (a JSON object; every field optional; a field of the wrong JSON type is ignored, as
// if absent):
//   attributes        {name: value} the user's attributes (hash attributes, conditions)
//   features          {key: {defaultValue, rules: [...]}} GrowthBook's feature definitions
//   savedGroups       {id: [...] | {...}} for $inGroup / $savedGroup
//   forcedVariations  {experimentKey: variationIndex}
//   forcedFeatureValues {featureKey: value} (source "override")
//   url               the page URL; query-string overrides (?experimentKey=1)
//   enabled           false turns every experiment off
//   qaMode            truthy: nobody is enrolled by hashing (forced variations still apply)
//   groups            {groupName: truthy} for an experiment's `groups`
//   stickyBucketAssignmentDocs {"attr||value": {attributeName, attributeValue, assignments}}
//                     present => sticky bucketing is on (see `sticky_docs` below)
//   contextualBandits {ref: {banditVersion, contexts: [{leafId, condition, weights}]}}: a
//                     rule with contextualBanditRef buckets on the weights of the first leaf
//                     whose condition the user passes, else (no leaf, no contexts, or a leaf
//                     GrowthBook's selection throws on) on the rule's own weights as leaf -1;
//                     the experiment gets contextualBandit {leafId, variationWeights,
//                     banditVersion} and an enrolled result leafId, variationWeights and
//                     banditVersion (GrowthBook's buildContextualBanditExperiment)
//
// sticky_docs: nullptr => sticky bucketing is on iff the context has the key
//   stickyBucketAssignmentDocs; assignments made during the call are visible within it and
//   then dropped. Non-null => sticky bucketing is on, *sticky_docs is the document store (a
//   non-object is replaced by {}), read and updated in place (GrowthBook's
//   saveStickyBucketAssignmentDoc); the context's key is then not read.
//
// Results are json::Values with GrowthBook's own key order, so json::stringify(result) equals
// JSON.stringify of the SDK's object: FeatureResult {value, on, off, source, ruleId,
// experiment?, experimentResult?}; ExperimentResult {key, featureId, inExperiment, hashUsed,
// variationId, value, hashAttribute, hashValue, stickyBucketUsed, name?, bucket?,
// passthrough?} (a key whose JavaScript value would be undefined is absent).
//
// URL targeting: urlPatterns ("simple" and "regex") are matched against the context url as
// GrowthBook's isURLTargeted does, with URLs parsed as core/assign/url.h describes; a user the
// patterns exclude gets reason "urlTargeting".
//
// Not supported (documented limitations, each reported with its own reason, never guessed):
//   * old-style `url` regex: without a context url the user is excluded ("urlTargeting"); with
//     one, GrowthBook itself throws (a JSON string has no .test), so it is invalid input.
//   * `include` functions, `overrides`, `attributeOverrides`, `changeId`, tracking callbacks
//     (the core has no side effects).
//
// Fields of the wrong type are read as JavaScript reads them: variations or
// contextualVariations that are a string are indexed by UTF-16 unit; another non-array (an
// object, a number, true) has no length, so only forced variations, `ranges` or a sticky
// bucket choose an index (an object's index members are the values); a string meta is
// indexed too (its characters have no key); a string parentConditions is iterated by code
// point (each names the feature "undefined" with an empty condition).
//
// Invalid input: where GrowthBook's SDK would throw a TypeError (rules that are not an array,
// a null rule, variations null, a meta entry missing for the chosen variation, filters/ranges
// of the wrong shape, parentConditions that are not iterable, ...), the call returns a null
// result, reason "invalidConfig" and `error` naming the field. A prerequisite chain deeper
// than 256 features is invalid too (bounded recursion). A condition nested deeper than
// targeting::kMaxConditionDepth (saved-group references included) is false.
// Properties inherited from Object.prototype ("constructor", "toString", ...) are never
// attribute values, groups or forced variations here (in JavaScript they would be).
#pragma once

#include <string>
#include <string_view>

#include "core/json/value.h"

namespace tailor::assign {

struct FeatureEvaluation {
  json::Value result;  // FeatureResult, or null on invalid input
  // "override", "unknownFeature", "force", "experiment", "defaultValue", "prerequisite",
  // "cyclicPrerequisite", "invalidConfig".
  std::string reason;
  // For source "experiment": the reason the experiment gave (see ExperimentEvaluation).
  std::string experiment_reason;
  std::string error;  // non-empty only with reason "invalidConfig"
  // The rule trace, when asked for (eval_feature_explained with trace = true); otherwise null.
  // An array with one entry per rule of the feature, in order, up to and including the one
  // that decided, then (when no rule decided) one for what did:
  //   {"ruleId": rule.id or null, "index": rule index or null, "outcome": code,
  //    "experimentReason"?: the experiment's reason, "prerequisite"?: the parent feature id}
  // Outcome codes, each one branch of GrowthBook's evalFeature:
  //   a rule skipped: "prerequisiteFailed" (a non-gating parent condition is false),
  //     "filteredOut", "conditionFailed" (a force rule's condition), "notInRollout" (a force
  //     rule's coverage or range excludes the user), "missingHashAttribute" (a force rule's
  //     rollout has no hash value), "invalidHashVersion" (a force rule's rollout hash version
  //     is neither 1 nor 2), "invalidRule" (neither force nor variations),
  //     "experimentNotEnrolled" (with "experimentReason": runExperiment's reason),
  //     "passthrough" (enrolled in a passthrough variation: evaluation goes on);
  //   the evaluation ends: "applied" (the rule decided; experiment rules add
  //     "experimentReason"), "blockedByPrerequisite" (a gating parent condition is false:
  //     source "prerequisite"), "cyclicPrerequisite", "invalidConfig" (index of the rule being
  //     evaluated, or null), and with index null: "defaultValue", "override",
  //     "unknownFeature".
  json::Value trace;
};

struct ExperimentEvaluation {
  json::Value result;  // ExperimentResult, or null on invalid input
  // Enrolled: "assigned", "stickyBucket". Forced: "queryStringOverride", "forcedVariation",
  // "force" (the experiment's own `force`). Not enrolled: "tooFewVariations", "disabled",
  // "urlTargeting", "draft", "inactive", "missingHashAttribute",
  // "filteredOut", "notInNamespace", "conditionFailed", "cyclicPrerequisite",
  // "prerequisiteFailed", "notInGroups", "invalidHashVersion", "stickyBucketVersionBlocked",
  // "notInCoverage", "qaMode", "stopped". Invalid input: "invalidConfig".
  std::string reason;
  std::string error;
};

// GrowthBook's evalFeature(feature_key) over `context`: the FeatureResult, or null on invalid
// input.
json::Value eval_feature(const json::Value& context, std::string_view feature_key,
                         json::Value* sticky_docs);
// The same, with the reason code and the error message for invalid input, and with trace =
// true the rule trace (FeatureEvaluation::trace). The trace never changes the result.
FeatureEvaluation eval_feature_explained(const json::Value& context, std::string_view feature_key,
                                         json::Value* sticky_docs, bool trace = false);

// GrowthBook's runExperiment(experiment, featureId = null) over `context`: the
// ExperimentResult, or null on invalid input. `experiment` is a GrowthBook Experiment object
// {key, variations, weights?, coverage?, ...}.
json::Value run_experiment(const json::Value& context, const json::Value& experiment,
                           json::Value* sticky_docs);
ExperimentEvaluation run_experiment_explained(const json::Value& context,
                                              const json::Value& experiment,
                                              json::Value* sticky_docs);

// GrowthBook's sticky-bucket loading (getStickyBucketAttributes, then a
// StickyBucketService's getAllAssignments): the documents of `stored` (an array of
// {attributeName, attributeValue, assignments}, as saved; a later one replaces an earlier one
// with the same attribute and value) that belong to this user: for each identifier attribute
// (every experiment rule's hashAttribute, default "id", and fallbackAttribute; then every
// context.experiments entry's), the document saved for that attribute and the user's value
// of it (GrowthBook's toString: strings as they are, anything else JSON). Keyed
// "attr||value", ready to be passed as sticky_docs. Documents without a truthy
// attributeName, attributeValue and assignments are not returned.
json::Value load_sticky_docs(const json::Value& context, const json::Value& stored);

}  // namespace tailor::assign
