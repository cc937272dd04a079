// Internal to core/segmentation: the per-method halves of fit() (core/segmentation/fit.h says
// what each writes). fit.cc evaluates the result on every row and profiles it.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "core/dataset/table.h"
#include "core/result.h"
#include "core/segmentation/fit.h"

namespace tailor::segmentation::internal {

constexpr uint32_t kNoSegment = std::numeric_limits<uint32_t>::max();

struct Model {
  json::Value config_segments;
  std::vector<NamedSegment> segments;
  json::Value diagnostics;
  // kmeans: per row, the named segment its nearest centroid computed here gives (kNoSegment
  // for an unscored row): fit() checks the SDK's evaluation agrees. Empty for the others.
  std::vector<uint32_t> expected;
};

Result<Model> rules_model(const Spec& spec);
Result<Model> rfm_model(const dataset::Table& table, const Spec& spec);
Result<Model> kmeans_model(const dataset::Table& table, const Spec& spec);

// {"segments.<key>": {"$exists": false}}: a customer the model could not score.
NamedSegment unscored(const char* key);

// The column named `name` if it is a number or integer column, else the message (`at` names
// the spec member).
Result<size_t> numeric_column(const dataset::Table& table, const std::string& name,
                              const std::string& at);

}  // namespace tailor::segmentation::internal
