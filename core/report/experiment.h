// Experiment reports: from stored exposure and metric rows to the answer of the edge's
// GET /v1/experiments/{key}/results and /summary (docs/edge-api.md), the campaign report and
// the studio. The rows are summed per user by the core's UnitAggregator, reduced to per-variant
// (and per-segment) sufficient statistics and handed to the core's tests (core/stats); this
// module decides which rows count and shapes the answer, and computes no statistic itself.
//
// Which rows count:
// - A user's variant is that of their exposures; a user exposed to two variants is left out
//   of every arm and counted (`conflictedUsers`).
// - Their segment (with a segment attribute) is that attribute's value on their first exposure
//   (by ts); users whose first exposure lacks it (or has null or "") count in the overall rows
//   only.
// - A metric event (conversion or custom, `name` = metric) counts when its ts is at or after
//   the user's first exposure; its value defaults to 1. A user's metric value is the sum.
//
// Variants and control: with a design (report/design.h: the experiment as a published config
// defines it), variation i has id i and key keys[i]; an exposure's variant matches by key or by
// id, and control is variation 0. Without one, the variants are the values stored, and control
// is "0" when present, else "control", else the bytewise first.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/report/design.h"
#include "core/stats/aggregate.h"
#include "core/status.h"

namespace tailor::report {

enum class Method { kFrequentist, kBayesian, kSequential };

// "frequentist", "bayesian", "sequential".
std::string_view method_name(Method m);

struct Options {
  std::string metric;  // the metric events' name; "" = every name (the summary)
  Method method = Method::kFrequentist;
  std::string segment;  // exposure attribute to split by; "" = none
  double alpha = 0.05;
  bool relative = true;
  double n_star = 5000;  // sequential: the expected sample size the sequence is tuned for
};

// One stored row. Views are valid only during the call that receives them.
struct Row {
  std::string_view user;
  double ts = 0;
  std::string_view variant;     // exposures
  std::string_view attributes;  // exposures, when a segment is asked for; "" when absent
  std::string_view name;        // metric events: the event's name
  double value = 1;             // metric events: the value, 1 when absent
  // How many stored rows this row stands for (1 for a plain row). A store that sums rows
  // before sending them (ClickHouse: one exposure row per user and variant, one metric row
  // per user, name and place relative to the first exposure) says how many it summed, so
  // the counts of data quality and of events per variant stay those of the stored rows.
  double rows = 1;
};

// Users a store summed itself (ClickHouse, in SQL): every user of a group has exposures of one
// stored variant only, and the same first exposure (by ts, then id) attributes. A group with
// `name` "" holds the users and their exposure rows; a group with a metric name holds, for the
// same users, the statistics of their per-user sums of that metric's values at or after their
// first exposure (their `users` and `exposure_rows` are not read). A group of users never
// exposed has `exposed` false: only its metric rows (`counted` + `before`) are read. Views are
// valid only during the call that receives them.
struct UnitGroup {
  bool exposed = true;
  std::string_view variant;
  std::string_view attributes;  // the first exposure's, when a segment is asked for; else ""
  std::string_view name;        // "" or the metric's name
  double users = 0, exposure_rows = 0;
  double sum = 0, sum_squares = 0, positive = 0;  // of the users' values; positive: value > 0
  double counted = 0;  // metric rows at or after the first exposure (all rows when not exposed)
  double before = 0;   // metric rows before it
};

// What a store streams rows into: every exposure first (ordered by ts, ties by id), then the
// metric events in any order. A sink that takes groups (unit_groups() not null) may receive,
// before any row, the groups of every user with a single stored variant, those with name ""
// first; then the rows of the other users only.
class UnitGroupSink {
 public:
  virtual ~UnitGroupSink() = default;
  virtual void unit_group(const UnitGroup& group) = 0;
};

class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void exposure(const Row& row) = 0;
  virtual void metric_event(const Row& row) = 0;
  // Not null when this sink also takes groups of users summed by the store.
  virtual UnitGroupSink* unit_groups() { return nullptr; }
};

class ExperimentAggregator final : public RowSink, public UnitGroupSink {
 public:
  // More distinct stored variants than this (without a design) is an error, and so are more
  // distinct values of the segment attribute (each is a group of tests) and, for the summary,
  // more distinct metric names.
  static constexpr int kMaxVariants = 64;
  static constexpr size_t kMaxSegments = 200;
  static constexpr size_t kMaxMetrics = 50;

  // kResults: the results and summary documents. kUnits: what the edge's experiment controller
  // reads (edge/automation.cc) by the same rules, units() with no statistic; it takes rows only
  // (its periods need every user's first-exposure time), and with `metric` "" it reads the
  // exposures alone (metric events are skipped).
  enum class Mode { kResults, kUnits };

  // `metric` "" aggregates every metric name seen (the summary); otherwise only that metric's
  // rows count (a row with an empty name counts as the metric's).
  ExperimentAggregator(std::optional<Design> design, std::string segment_attribute,
                       std::string metric, Mode mode = Mode::kResults);
  ExperimentAggregator(const ExperimentAggregator&) = delete;  // holds pointers into itself
  ExperimentAggregator& operator=(const ExperimentAggregator&) = delete;

  void exposure(const Row& row) override;
  void metric_event(const Row& row) override;
  // Groups carry no first-exposure times, which a design with periods needs (the SRM counts
  // each user in the period of their first exposure): such a design takes rows only.
  UnitGroupSink* unit_groups() override {
    return mode_ == Mode::kUnits || (design_ && design_->periods.size() >= 2) ? nullptr : this;
  }
  // The same decisions as for rows (variant, segment, which metric rows count), once per group.
  void unit_group(const UnitGroup& group) override;

  // False when neither a design nor any stored exposure names the experiment.
  bool known() const { return design_.has_value() || exposure_rows_ > 0; }
  // Ok unless there are more variants than kMaxVariants, segment values than kMaxSegments or
  // metric names than kMaxMetrics (kInvalidArgument, naming the limit); then `error_slug()`
  // is "too-many-variants", "too-many-segments" or "too-many-metrics".
  const Status& status() const { return status_; }
  const std::string& error_slug() const { return error_slug_; }

  // The users of every variation with their per-user sums of the metric's values counted by
  // the rules above (its overall arms, exposed counts by period, ...): the results' input.
  const stats::UnitAggregator& units() const;

  // The results document for `options.metric` (docs/edge-api.md, "Experiment results").
  std::string results_json(const std::string& experiment, const Options& options) const;
  // The summary document: per variant, its users and per metric the same counts as the
  // results' (docs/edge-api.md, "Experiment summary").
  std::string summary_json(const std::string& experiment) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  struct Metric {
    stats::UnitAggregator units;
    std::vector<double> events;  // counted events per variant
    double counted = 0, without_exposure = 0, before_exposure = 0, non_finite = 0;
  };
  int variant_index(std::string_view variant);
  std::string segment_of(std::string_view attributes) const;
  // The segment of a user whose first exposure has `attributes`; false after a limit error.
  bool first_segment(std::string_view attributes, std::string& segment);
  std::vector<int> output_order() const;
  Metric* metric_for(std::string_view name);
  const Metric* metric(const std::string& name) const;
  void set_error(std::string slug, std::string message);

  std::optional<Design> design_;
  std::string segment_attribute_;
  std::string metric_;
  Mode mode_;
  std::vector<std::string> keys_;  // by aggregator index
  std::unordered_map<std::string, int, Hash, std::equal_to<>> key_index_;
  // Exposures; with a metric given, its values too. The summary copies it per metric name.
  stats::UnitAggregator exposures_;
  std::map<std::string, Metric, std::less<>> metrics_;  // nodes never move
  Metric* last_ = nullptr;  // the metric of the last metric row, and its name
  std::string_view last_name_;
  std::unordered_map<std::string, int, Hash, std::equal_to<>> segments_seen_;
  Status status_;
  std::string error_slug_;
  double exposure_rows_ = 0;
  double unknown_variant_exposures_ = 0;
};

}  // namespace tailor::report
