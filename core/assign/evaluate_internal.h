// Evaluation state and the steps shared by evaluate.cc, experiment.cc and sticky.cc.
// Internal to core/assign. `const Value*` nullptr stands for JavaScript's undefined.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/assign/evaluate.h"
#include "core/json/value.h"

namespace tailor::assign::detail {

using json::Object;
using json::Value;

// One entry of GrowthBook's ctx.stack.evaluatedFeatures (a Set compared by SameValueZero):
// the id's type tells "5" from 5.
struct StackEntry {
  int type;  // json::Type, or -1 for undefined
  std::string key;
  bool operator==(const StackEntry&) const = default;
};

struct Ctx {
  Value attributes;  // {...context.attributes}
  const Value* features = nullptr;
  const Value* saved_groups = nullptr;
  const Value* forced_variations = nullptr;
  const Value* forced_feature_values = nullptr;
  const Value* groups = nullptr;
  const Value* contextual_bandits = nullptr;  // context.contextualBandits
  std::string url;
  bool enabled = true;
  bool qa_mode = false;
  bool sticky = false;    // GrowthBook: ctx.user.saveStickyBucketAssignmentDoc is set
  Value* docs = nullptr;  // the sticky document store (an object) when sticky
  Value local_docs;
  // evaluatedFeatures: entries are only ever appended between a copy and its restore, so a
  // copy is a size and a restore a truncation.
  std::vector<StackEntry> stack;
  std::string error;  // set where JavaScript would throw; evaluation then unwinds
  bool failed() const { return !error.empty(); }
  void fail(std::string message) {
    if (error.empty()) error = std::move(message);
  }
};

Ctx make_ctx(const Value& context, Value* sticky_docs);

struct HashAttribute {
  Value attribute;  // the attribute name as given (usually a string)
  Value value;      // the attribute's value, or "" when it has none
};
// GrowthBook's getHashAttribute(ctx, attr, fallback).
HashAttribute get_hash_attribute(const Ctx& ctx, const Value* attr, const Value* fallback);

// GrowthBook's hash(seed, value, version) for any JSON seed/value/version (seed + value is
// JavaScript's +; version must be the number 1 or 2).
std::optional<double> gb_hash(const Value* seed, const Value& value, const Value* version);

// `n >= range[0] && n < range[1]`.
bool in_range_value(double n, const Value& range);

// GrowthBook's isFilteredOut; sets ctx.error on malformed filters.
bool is_filtered_out(Ctx& ctx, const Value& filters);

// The rule trace of one feature evaluation (FeatureEvaluation::trace). `index`/`rule_id` name
// the rule being evaluated, so that a caller seeing ctx.failed() can close the trace with
// finish(ctx).
struct RuleTrace {
  json::Array steps;
  int index = -1;
  const Value* rule_id = nullptr;
  void add(const char* outcome, const Value* prerequisite = nullptr,
           const std::string* experiment_reason = nullptr);
  // Appends the "invalidConfig" step when ctx failed; returns the trace as a JSON array.
  Value finish(const Ctx& ctx);
};

// GrowthBook's evalFeature (id may be undefined: nullptr). Sets `reason`; records each rule's
// outcome in *trace when non-null (prerequisites evaluated on the way are not traced).
Value eval_feature_impl(Ctx& ctx, const Value* id, std::string* reason,
                        std::string* experiment_reason, RuleTrace* trace = nullptr);

// GrowthBook's runExperiment; result is null when ctx.failed().
Value run_experiment_impl(Ctx& ctx, const Value& experiment, const Value* feature_id,
                          std::string* reason);

// Sticky bucketing (GrowthBook's getStickyBucketVariation / generateStickyBucketAssignmentDoc).
struct StickyLookup {
  int variation = -1;
  bool version_blocked = false;
};
StickyLookup sticky_variation(Ctx& ctx, const Value& experiment);
void save_sticky_assignment(Ctx& ctx, const Value& experiment, const HashAttribute& hash,
                            const Value& variation_key);

}  // namespace tailor::assign::detail
