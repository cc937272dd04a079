// Experiment results at the edge (GET /v1/experiments/{key}/results): the store's exposures and
// metric events are summed per user by the core's UnitAggregator, reduced to per-variant (and
// per-segment) sufficient statistics and handed to the core's tests (core/stats). Nothing here
// computes a statistic itself; it decides which rows count and shapes the answer.
//
// Which rows count:
// - A user's variant is that of their exposures; a user exposed to two variants is left out
//   of every arm and counted (`conflictedUsers`), as the core's aggregator does.
// - Their segment (with `segment=<attribute>`) is that attribute's value on their first
//   exposure (by ts); users whose first exposure lacks it (or has null or "") count in the
//   overall rows only.
// - A metric event (conversion or custom, `name` = metric) counts when its ts is at or after
//   the user's first exposure; its value defaults to 1. A user's metric value is the sum.
//
// Variants and control: when a published config defines the experiment (a feature rule with
// that `key`, or the feature's id when the rule has none, or an entry of `experiments`),
// variation i has id i and key meta[i].key; an exposure's variant matches by key or by id, and
// control is variation 0. Otherwise the variants are the values stored, and control is "0"
// when present, else "control", else the bytewise first.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/stats/aggregate.h"
#include "edge/config_registry.h"
#include "edge/store/store.h"

namespace tailor::edge {

enum class ResultsMethod { kFrequentist, kBayesian, kSequential };

struct ResultsQuery {
  std::string metric;
  ResultsMethod method = ResultsMethod::kFrequentist;
  std::string segment;  // exposure attribute to split by; "" = none
  double alpha = 0.05;
  bool relative = true;
  double n_star = 5000;  // sequential: the expected sample size the sequence is tuned for
};

// Reads metric, method, segment, alpha, relative and nStar. On a bad value returns the
// parameter's name and sets `detail`; "" when the query is valid.
std::string parse_results_query(std::string_view query, ResultsQuery& out, std::string& detail);

// An experiment as published: variation keys (index = variation id) and traffic weights.
struct ExperimentDesign {
  std::string sdk_key;
  std::vector<std::string> keys;
  std::vector<double> weights;
};

// The first definition of `experiment` in the published configs (SDK keys in bytewise order).
std::optional<ExperimentDesign> find_design(const ConfigRegistry::Snapshot& configs,
                                            std::string_view experiment);

class ResultsAggregator final : public ExperimentRowSink {
 public:
  // More distinct stored variants than this (without a published design) is an error, and so
  // are more distinct values of the segment attribute (each is a group of tests).
  static constexpr int kMaxVariants = 64;
  static constexpr size_t kMaxSegments = 200;

  ResultsAggregator(std::optional<ExperimentDesign> design, std::string segment_attribute);

  void exposure(const ExperimentRow& row) override;
  void metric_event(const ExperimentRow& row) override;

  // False when neither a published design nor any stored exposure names the experiment.
  bool known() const { return design_.has_value() || exposure_rows_ > 0; }
  // "" unless there are more variants than kMaxVariants ("too-many-variants") or segment
  // values than kMaxSegments ("too-many-segments"); then the problem's slug, and `error()`.
  const std::string& error_slug() const { return error_slug_; }
  const std::string& error() const { return error_; }

  // The answer document (see docs/edge-api.md, "Experiment results").
  std::string to_json(const std::string& experiment, const ResultsQuery& query) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  int variant_index(std::string_view variant);
  std::string segment_of(std::string_view attributes) const;
  std::vector<int> output_order() const;

  std::optional<ExperimentDesign> design_;
  std::string segment_attribute_;
  std::vector<std::string> keys_;  // by aggregator index
  std::unordered_map<std::string, int, Hash, std::equal_to<>> key_index_;
  stats::UnitAggregator aggregator_;
  std::unordered_map<std::string, int, Hash, std::equal_to<>> segments_seen_;
  std::string error_slug_, error_;
  double exposure_rows_ = 0;
  double unknown_variant_exposures_ = 0;
  double metric_events_ = 0;
  double events_without_exposure_ = 0;
  double events_before_exposure_ = 0;
  double non_finite_values_ = 0;
};

}  // namespace tailor::edge
