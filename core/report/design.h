// An experiment's design as a published config defines it: its variation keys (index =
// variation id) and traffic weights. Reports use it to name variants, pick control (variation
// 0) and test the traffic split (SRM) against the weights actually published.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.h"

namespace tailor::report {

// A stretch of time with one allocation (the edge's experiment controller keeps them,
// docs/experiments.md): its start (ms since the epoch, as event ts) and weights per variation.
struct Period {
  double start_ms = 0;
  std::vector<double> weights;
};

struct Design {
  std::string source;  // where it was found (the edge: the SDK key); "" when unknown
  std::vector<std::string> keys;
  std::vector<double> weights;
  // The allocation history when the weights changed over time (a bandit), oldest first;
  // empty otherwise. With two or more, the SRM check counts units by the period of their
  // first exposure against each period's weights (stats::srm_check_by_period).
  std::vector<Period> periods;
};

// The first definition of `experiment` in `config`: a feature rule with that `key` (a rule
// without `key` is named by its feature's id) that has `variations`, else an entry of
// `experiments` with that key. Keys are meta[i].key, else "i"; weights are the rule's when they
// are one number per variation, else equal.
std::optional<Design> find_design(const json::Value& config, std::string_view experiment);

}  // namespace tailor::report
