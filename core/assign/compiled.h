// Parse once, decide many: a config compiled for decide().
//
// CompiledConfig analyses a GrowthBook-style config once: per feature, every rule's condition
// is compiled (targeting/compiled_condition.h), hash attributes are interned, seeds, hash
// versions, bucket ranges, namespaces and variation keys are precomputed, and the JSON text of
// every possible answer (a forced value, a default, a variation) is written in advance. A
// decision then walks those structures with no JSON building and no copies of the config or
// the attributes; only the user-dependent parts (hash value, bucket) are formatted.
//
// Contract: for every config, attributes and sticky_docs,
//   decide_json(bind(attributes), sticky_docs) == json::stringify(decide(config, attributes,
//   sticky_docs))
// byte for byte (decide.h describes the answer). Features whose rules fall outside the
// compiled subset (prerequisites, filters, contextual variations, non-numeric weights,
// malformed rules, ...), the "experiments" list, and every call with sticky bucketing on (a
// sticky_docs object) or array-shaped attributes are decided by the interpreter itself, so the
// contract holds for them by construction; the differential tests check the rest.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.h"
#include "core/targeting/compiled_condition.h"

namespace tailor::assign {

namespace compiled_internal {
struct Answer;
struct Feature;
}  // namespace compiled_internal

// A user's attributes resolved against one CompiledConfig. Holds pointers into `attributes`
// (which must outlive it and stay unmodified) and is valid only with the config that made it.
// With segments in the config, `attributes` points at a copy carrying them (owned here).
struct BoundUser {
  const json::Value* attributes = nullptr;
  std::shared_ptr<const json::Value> with_segments;
  targeting::AttributeView view;
};

class CompiledConfig {
 public:
  // Takes the config by value and keeps it: compiled parts point into it. Never fails: any
  // JSON is a config (what decide() would call invalid, it still answers for).
  explicit CompiledConfig(json::Value config);
  ~CompiledConfig();
  CompiledConfig(const CompiledConfig&) = delete;
  CompiledConfig& operator=(const CompiledConfig&) = delete;

  const json::Value& config() const { return config_; }

  BoundUser bind(const json::Value& attributes) const;

  // Appends json::stringify(decide(config, *user.attributes, sticky_docs)) to `out`.
  void decide_json(const BoundUser& user, const json::Value& sticky_docs, std::string& out) const;

  // Features in config order, and one feature's member of decide_json's "features" (the text
  // after `"key":`), sticky bucketing off. False when the config has no feature `key`.
  size_t feature_count() const { return features_.size(); }
  const std::string& feature_key(size_t index) const;
  bool feature_json(std::string_view key, const BoundUser& user, std::string& out) const;

  // The compact form of decide_json's "features" for the SDK boundary (sticky bucketing off),
  // which lets a caller build answers from a table it parses once per config:
  //   answers_json: a JSON array; element i is answer i's JSON object, except that experiment
  //     answers lack experiment.hashValue and experiment.bucket (those depend on the user).
  //   decide_compact: per feature in config order, answers[i] >= 0 is the answer id; for an
  //     experiment answer, buckets[i] is experiment.bucket and experiment.hashValue is the
  //     caller's attribute named experiment.hashAttribute. answers[i] == -1: the feature's
  //     JSON is the next element of the JSON array `interpreted` (features that run
  //     interpreted, and experiments hashing "segments" in a config with segments, whose
  //     hashValue is the computed scores rather than any attribute the caller passed).
  // Same decisions as decide_json (the SDK's tests check the reconstruction).
  void answers_json(std::string& out) const;
  void decide_compact(const BoundUser& user, std::vector<int>& answers,
                      std::vector<double>& buckets, std::string& interpreted) const;

  // How many features run compiled (the rest are interpreted); for benchmarks and tests.
  size_t compiled_feature_count() const;

 private:
  struct Outcome {
    int answer = -1;
    const json::Value* hash_value = nullptr;  // experiment answers
    double bucket = 0;
  };
  Outcome outcome(size_t index, const BoundUser& user) const;
  void feature_at(size_t index, const BoundUser& user, std::string& out) const;

  json::Value config_;
  json::Value empty_object_;
  const json::Value* saved_groups_ = nullptr;
  targeting::AttributeNames names_;
  std::vector<std::unique_ptr<compiled_internal::Feature>> features_;
  std::vector<compiled_internal::Answer> answers_;
  bool has_experiments_ = false;
  bool has_segments_ = false;
};

}  // namespace tailor::assign
