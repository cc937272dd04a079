// The compiled form of a feature (compiled.cc builds it, compiled_decide.cc runs it).
// Internal to core/assign.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/assign/bucket.h"
#include "core/json/value.h"
#include "core/targeting/compiled_condition.h"

namespace tailor::assign::compiled_internal {

// GrowthBook's hash(seed, attributeValue, version) with the seed and version fixed.
struct Hasher {
  json::Value seed;
  json::Value version_value;  // the hashVersion as configured (|| 1)
  int version = 0;            // 1 or 2; 0: invalid (hash() is null)
  bool seed_ascii = false;    // seed is an ASCII string: hash without temporaries
  json::Value attribute;      // hashAttribute as configured (|| "id")
  int slot = -1;              // its interned name
};

// Every answer a compiled feature can give, written once at compile time.
struct Answer {
  std::string text;   // the answer's JSON, or for experiments its start up to `"hashValue":`
  std::string table;  // a complete JSON object (experiments: without hashValue and bucket)
  bool experiment = false;
};

enum class RuleKind { kSkip, kForce, kExperiment };

struct Rule {
  RuleKind kind = RuleKind::kSkip;
  std::optional<targeting::CompiledCondition> condition;  // present when truthy
  Hasher hash;

  // kForce: isIncludedInRollout.
  bool always_included = false;           // no range and no coverage
  bool never_included = false;            // no range and coverage === 0
  const json::Value* range = nullptr;     // when truthy
  const json::Value* coverage = nullptr;  // rule.coverage (may be null)
  int answer = -1;                        // the forced answer

  // kExperiment: runExperiment on the experiment built from the rule.
  bool has_namespace = false;
  std::string namespace_seed;  // "__" + namespace[0]
  double namespace_start = 0, namespace_end = 0;
  bool explicit_ranges = false;
  const json::Value* ranges_value = nullptr;  // exp.ranges (explicit_ranges)
  std::vector<BucketRange> ranges;            // from coverage and weights
  std::vector<bool> passthrough;
  std::vector<int> variation_answers;  // per variation
};

struct Feature {
  std::string key;
  std::string key_json;  // "key":
  bool interpreted = false;
  std::vector<Rule> rules;
  int default_answer = -1;
};

}  // namespace tailor::assign::compiled_internal
