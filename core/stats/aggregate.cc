#include "core/stats/aggregate.h"

#include <algorithm>
#include <cmath>

namespace tailor::stats {

namespace {

// FNV-1a with a SplitMix64 finalizer so the low bits (the slot index) are well mixed.
std::uint64_t hash_id(std::string_view id) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : id) h = (h ^ c) * 0x100000001b3ULL;
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

}  // namespace

UnitAggregator::UnitAggregator(int variants)
    : variants_(variants < 0 ? 0 : variants), slots_(1024), id_offsets_{0} {}

std::string_view UnitAggregator::id_of(size_t k) const {
  return std::string_view(arena_.data() + id_offsets_[k],
                          static_cast<size_t>(id_offsets_[k + 1] - id_offsets_[k]));
}

// Slots keep 32 bits of the hash; the whole hash of unit k is hashes_[k], read in unit order
// (sequentially) when the table grows.
void UnitAggregator::grow() {
  std::vector<Slot> bigger(slots_.size() * 2);
  const size_t mask = bigger.size() - 1;
  for (size_t k = 0; k < hashes_.size(); ++k) {
    size_t i = static_cast<size_t>(hashes_[k]) & mask;
    while (bigger[i].index_plus_one != 0) i = (i + 1) & mask;
    bigger[i] = Slot{static_cast<std::uint32_t>(hashes_[k] >> 32),
                     static_cast<std::uint32_t>(k + 1)};
  }
  slots_.swap(bigger);
}

size_t UnitAggregator::find_slot(std::string_view id, std::uint64_t h) const {
  const size_t mask = slots_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.index_plus_one == 0) return i;
    if (s.tag == tag && id_of(s.index_plus_one - 1) == id) return i;
  }
}

std::uint32_t UnitAggregator::find(std::string_view id) const {
  return slots_[find_slot(id, hash_id(id))].index_plus_one;
}

UnitAggregator::Unit& UnitAggregator::unit(std::string_view id) {
  const std::uint64_t h = hash_id(id);
  const size_t i = find_slot(id, h);
  if (slots_[i].index_plus_one != 0) return units_[slots_[i].index_plus_one - 1];
  // Insert at the empty slot found, then keep the load factor below 0.7.
  slots_[i] =
      Slot{static_cast<std::uint32_t>(h >> 32), static_cast<std::uint32_t>(units_.size() + 1)};
  units_.push_back(Unit{});
  hashes_.push_back(h);
  arena_.append(id);
  id_offsets_.push_back(arena_.size());
  if (units_.size() * 10 > slots_.size() * 7) grow();
  return units_.back();
}

bool UnitAggregator::expose(std::string_view id, int variant, std::string_view segment) {
  return expose(id, variant, segment, 0);
}

bool UnitAggregator::expose(std::string_view id, int variant, std::string_view segment,
                            double time) {
  if (variant < 0 || variant >= variants_) return false;
  Unit& u = unit(id);
  if (u.variant == -1 || time < u.first_time) u.first_time = time;
  if (u.variant == -1) {
    u.variant = variant;
    if (!segment.empty()) u.segment = segment_of(segment);
  } else if (u.variant >= 0 && u.variant != variant) {
    u.variant = -2;
    conflicted_ += 1;
  }
  return true;
}

int UnitAggregator::segment_of(std::string_view segment) {
  auto [it, inserted] =
      segment_index_.emplace(std::string(segment), static_cast<int>(segments_.size()));
  if (inserted) segments_.emplace_back(segment);
  return it->second;
}

bool UnitAggregator::add_units(int variant, std::string_view segment, double units, double sum,
                               double sum_squares, double positive) {
  if (variant < 0 || variant >= variants_) return false;
  const size_t s = segment.empty() ? 0 : static_cast<size_t>(segment_of(segment)) + 1;
  if (summed_.size() < static_cast<size_t>(variants_)) summed_.resize(static_cast<size_t>(variants_));
  auto& row = summed_[static_cast<size_t>(variant)];
  if (row.size() <= s) row.resize(s + 1);
  ArmAggregate& a = row[s];
  a.value.n += units;
  a.value.sum += sum;
  a.value.sum_squares += sum_squares;
  a.converted.n += units;
  a.converted.successes += positive;
  return true;
}

bool UnitAggregator::add_value(std::string_view id, double value) {
  if (!std::isfinite(value)) return false;
  unit(id).value += value;
  return true;
}

UnitAggregator::ValueStatus UnitAggregator::add_value_after_exposure(std::string_view id,
                                                                     double value, double time,
                                                                     int* variant) {
  const std::uint32_t k = find(id);
  Unit* u = k == 0 ? nullptr : &units_[k - 1];
  if (!u || u->variant == -1) return ValueStatus::kNotExposed;
  if (time < u->first_time) return ValueStatus::kBeforeExposure;
  if (!std::isfinite(value)) return ValueStatus::kNonFinite;
  u->value += value;
  if (variant) *variant = u->variant;
  return ValueStatus::kCounted;
}

bool UnitAggregator::exposed(std::string_view id) const {
  const std::uint32_t k = find(id);
  return k != 0 && units_[k - 1].variant != -1;
}

namespace {

void add_unit(ArmAggregate& a, double x) {
  a.value.n += 1;
  a.value.sum += x;
  a.value.sum_squares += x * x;
  a.converted.n += 1;
  a.converted.successes += x > 0 ? 1 : 0;
}

}  // namespace

std::vector<ArmAggregate> UnitAggregator::empty_arms() const {
  const size_t k = static_cast<size_t>(variants_);
  const size_t segs = segments_.size();
  std::vector<ArmAggregate> out(k * (1 + segs));
  for (size_t v = 0; v < k; ++v) {
    out[v].variant = static_cast<int>(v);
    for (size_t s = 0; s < segs; ++s) {
      out[k + v * segs + s].variant = static_cast<int>(v);
      out[k + v * segs + s].segment = segments_[s];
    }
  }
  return out;
}

void UnitAggregator::add_to_arms(const Unit& u, std::vector<ArmAggregate>& arms) const {
  const size_t k = static_cast<size_t>(variants_);
  const size_t v = static_cast<size_t>(u.variant);
  add_unit(arms[v], u.value);
  if (u.segment >= 0) {
    add_unit(arms[k + v * segments_.size() + static_cast<size_t>(u.segment)], u.value);
  }
}

std::vector<ArmAggregate> UnitAggregator::arms() const {
  const size_t k = static_cast<size_t>(variants_);
  const size_t segs = segments_.size();
  std::vector<ArmAggregate> out = empty_arms();
  for (const Unit& u : units_) {
    if (u.variant >= 0) add_to_arms(u, out);
  }
  auto add_summed = [](ArmAggregate& a, const ArmAggregate& b) {
    a.value.n += b.value.n;
    a.value.sum += b.value.sum;
    a.value.sum_squares += b.value.sum_squares;
    a.converted.n += b.converted.n;
    a.converted.successes += b.converted.successes;
  };
  for (size_t v = 0; v < summed_.size(); ++v) {
    for (size_t s = 0; s < summed_[v].size(); ++s) {
      // Every unit is in its variant's overall arm, and in one segment's when it has one.
      add_summed(out[v], summed_[v][s]);
      if (s > 0) add_summed(out[k + v * segs + (s - 1)], summed_[v][s]);
    }
  }
  return out;
}

std::vector<double> UnitAggregator::exposed_counts() const {
  std::vector<double> counts(static_cast<size_t>(variants_), 0);
  for (const Unit& u : units_) {
    if (u.variant >= 0) counts[static_cast<size_t>(u.variant)] += 1;
  }
  for (size_t v = 0; v < summed_.size(); ++v) {
    for (const ArmAggregate& a : summed_[v]) counts[v] += a.value.n;
  }
  return counts;
}

namespace {

// The period of a unit first exposed at `time` (see exposed_counts_by_period).
size_t period_of(const std::vector<double>& starts, double time) {
  auto after = std::upper_bound(starts.begin() + 1, starts.end(), time);
  return static_cast<size_t>(after - starts.begin()) - 1;
}

}  // namespace

std::vector<std::vector<double>> UnitAggregator::exposed_counts_by_period(
    const std::vector<double>& period_starts) const {
  std::vector<std::vector<double>> counts(period_starts.size(),
                                          std::vector<double>(static_cast<size_t>(variants_), 0));
  if (counts.empty()) return counts;
  for (const Unit& u : units_) {
    if (u.variant < 0) continue;
    counts[period_of(period_starts, u.first_time)][static_cast<size_t>(u.variant)] += 1;
  }
  return counts;
}

std::vector<std::vector<ArmAggregate>> UnitAggregator::arms_by_period(
    const std::vector<double>& period_starts) const {
  std::vector<std::vector<ArmAggregate>> out(period_starts.size(), empty_arms());
  if (out.empty()) return out;
  for (const Unit& u : units_) {
    if (u.variant >= 0) add_to_arms(u, out[period_of(period_starts, u.first_time)]);
  }
  return out;
}

double UnitAggregator::values_without_exposure() const {
  double n = 0;
  for (const Unit& u : units_) n += (u.variant == -1 && u.value != 0) ? 1 : 0;
  return n;
}

}  // namespace tailor::stats
