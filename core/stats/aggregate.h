// From events to sufficient statistics: the aggregation step of an experiment's results.
//
// Statistics are over units (users), so events are first summed per unit: a unit's metric
// value is the sum of its event values (1 per conversion event, or the amount for revenue),
// and a unit exposed but never converting contributes 0. The aggregator is incremental: feed
// events as they arrive (in any order) and read statistics at any time in O(units).
//
// Units exposed to more than one variant are excluded from every arm and counted (they
// signal broken assignment, like an SRM). Values for units never exposed are ignored and
// counted. Time windows, consent and deduplication by event id happen before this step.
//
// Time windows relative to exposure (the edge's results): give exposures their time and use
// `add_value_after_exposure`, which counts a value only when the unit was exposed at or before
// the value's time, and says why when it does not.
//
// Scaling out: partition units by a hash of the unit id so each unit lives in exactly one
// aggregator; the per-arm statistics of the partitions then `merge` exactly (sufficient.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/stats/sufficient.h"

namespace tailor::stats {

struct ArmAggregate {
  int variant = 0;
  std::string segment;        // "" = all units of the variant
  MeanStats value;            // per-unit sums of event values
  ProportionStats converted;  // units with a positive value
};

class UnitAggregator {
 public:
  // `variants` arms, numbered 0 (control) .. variants - 1.
  explicit UnitAggregator(int variants);

  // Records an exposure; the first exposure's segment is the unit's segment. Returns false
  // (and records nothing) for a variant outside 0 .. variants - 1.
  bool expose(std::string_view unit, int variant, std::string_view segment = {});
  // The same, remembering the earliest exposure time seen for the unit (any unit of time).
  bool expose(std::string_view unit, int variant, std::string_view segment, double time);
  // Adds a metric event's value (1 for a conversion). Non-finite values are ignored (false).
  bool add_value(std::string_view unit, double value);

  enum class ValueStatus { kCounted, kNotExposed, kBeforeExposure, kNonFinite };
  // Adds `value` only to a unit already exposed at or before `time`; never creates a unit.
  // When counted and `variant` is not null, *variant is the unit's arm (-2: exposed to two
  // variants, so in no arm).
  ValueStatus add_value_after_exposure(std::string_view unit, double value, double time,
                                       int* variant = nullptr);
  // True when `unit` has been exposed (a later exposure will not change its segment).
  bool exposed(std::string_view unit) const;
  // Adds units summed elsewhere (a store that aggregates per unit in SQL): `units` units of
  // `variant` and `segment` ("" = none), whose values total `sum` with squares totalling
  // `sum_squares`, `positive` of them with a value > 0. They must be disjoint from the units
  // fed one by one. A call with `units` = 0 adds values to units added by an earlier call.
  // Returns false (and adds nothing) for a variant outside 0 .. variants - 1.
  bool add_units(int variant, std::string_view segment, double units, double sum,
                 double sum_squares, double positive);

  // One entry per variant for all units (segment ""), then one per (variant, segment) seen,
  // segments in first-seen order.
  std::vector<ArmAggregate> arms() const;
  // Exposed units per variant (conflicted units excluded): the SRM input.
  std::vector<double> exposed_counts() const;
  // The same per period of first exposure: `period_starts` ascending (any unit of time, as
  // given to expose); a unit first exposed before starts[1] counts in period 0 (also before
  // starts[0]), from starts[p] on in period p. Result [period][variant]: srm_check_by_period's
  // input.
  std::vector<std::vector<double>> exposed_counts_by_period(
      const std::vector<double>& period_starts) const;
  // arms() per period of first exposure (periods as exposed_counts_by_period's): the input of
  // a post-stratified comparison (stratified.h). Units added by add_units carry no exposure
  // time and are in no period. Result [period][arm], each period laid out as arms().
  std::vector<std::vector<ArmAggregate>> arms_by_period(
      const std::vector<double>& period_starts) const;
  double conflicted_units() const { return conflicted_; }
  double values_without_exposure() const;

 private:
  struct Unit {
    double value = 0;
    double first_time = 0;  // earliest exposure time given (when variant != -1)
    int variant = -1;       // -1 not exposed yet, -2 exposed to two variants
    int segment = -1;
  };
  // Open addressing (linear probing) over unit ids stored in one arena: ten million lookups
  // on a million units are cache-bound, and a node-based map costs two misses per lookup.
  // A slot is 8 bytes (eight to a cache line): the hash's high 32 bits, checked before the id,
  // and the unit's index; its low bits pick the slot. Growing reads the full hashes from
  // hashes_ in unit order rather than hashing the ids again (a cache miss per id).
  struct Slot {
    std::uint32_t tag = 0;
    std::uint32_t index_plus_one = 0;  // 0 = empty
  };
  Unit& unit(std::string_view id);
  // arms()' layout with nothing in it, and one unit added to its arms (overall and segment).
  std::vector<ArmAggregate> empty_arms() const;
  void add_to_arms(const Unit& u, std::vector<ArmAggregate>& arms) const;
  std::string_view id_of(size_t k) const;
  // The slot holding `id` (hash `h`), or the empty slot where it would go.
  size_t find_slot(std::string_view id, std::uint64_t h) const;
  // The unit's index plus one; 0 when it has never been seen.
  std::uint32_t find(std::string_view id) const;
  void grow();

  int variants_;
  std::vector<Slot> slots_;
  std::vector<Unit> units_;
  std::vector<std::uint64_t> hashes_;  // by unit index
  std::vector<std::uint64_t> id_offsets_;  // id i is arena_[id_offsets_[i], id_offsets_[i+1])
  std::string arena_;
  // Units added by add_units, by variant then segment index + 1 (0 = no segment).
  std::vector<std::vector<ArmAggregate>> summed_;
  std::vector<std::string> segments_;
  std::unordered_map<std::string, int> segment_index_;
  double conflicted_ = 0;
  int segment_of(std::string_view segment);
};

}  // namespace tailor::stats
