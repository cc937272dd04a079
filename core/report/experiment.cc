#include "core/report/experiment.h"

#include <algorithm>

#include "core/json/js.h"
#include "core/json/member.h"
#include "core/json/parse.h"
#include "core/stats/adjust.h"
#include "core/stats/bayesian.h"
#include "core/stats/frequentist.h"
#include "core/stats/sequential.h"
#include "core/stats/srm.h"
#include "core/stats/stratified.h"

namespace tailor::report {
namespace {

using json::Value;

// "0", "1", ... (no sign, no leading zeros) below `limit`; -1 otherwise.
int variation_id(std::string_view s, size_t limit) {
  if (s.empty() || s.size() > 9 || (s.size() > 1 && s[0] == '0')) return -1;
  int id = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    id = id * 10 + (c - '0');
  }
  return static_cast<size_t>(id) < limit ? id : -1;
}

Value num(double d) { return Value(d); }

Value object(json::Object members) { return Value::object(std::move(members)); }

// One treatment-versus-control comparison.
struct Comparison {
  std::string error;
  double effect = 0, se = 0, lower = 0, upper = 0;
  double p_value = -1, adjusted = -1;  // -1: no p-value (Bayesian, or an error)
  double chance_to_win = 0, risk_control = 0, risk_treatment = 0;
  int periods_used = -1;  // post-stratified: the periods compared (-1: pooled)
};

// The method's answer from an effect estimate over `n` units in all.
Comparison conclude(const stats::EffectEstimate& e, double n, const Options& q, Comparison c) {
  if (q.method == Method::kBayesian) {
    auto r = stats::bayesian_test_from_estimate(e, q.alpha, stats::GaussianPrior{});
    if (!r) return c.error = r.error(), c;
    c.effect = r->effect;
    c.se = r->sd;
    c.lower = r->ci_lower;
    c.upper = r->ci_upper;
    c.chance_to_win = r->chance_to_win;
    c.risk_control = r->risk_control;
    c.risk_treatment = r->risk_treatment;
    return c;
  }
  stats::TestOptions options{q.alpha, stats::Alternative::kTwoSided, q.relative};
  auto r = q.method == Method::kSequential
               ? stats::sequential_test_from_estimate(e, n, options, q.n_star)
               : stats::t_test_from_estimate(e, options);
  if (!r) return c.error = r.error(), c;
  c.effect = r->effect;
  c.se = r->se;
  c.lower = r->ci_lower;
  c.upper = r->ci_upper;
  c.p_value = r->p_value;
  return c;
}

// All units of each arm together.
Comparison compare(const stats::ArmAggregate* control, const stats::ArmAggregate* treatment,
                   const Options& q) {
  Comparison c;
  stats::MeanStats empty;
  auto cs = stats::summarize(control ? control->value : empty);
  auto ts = stats::summarize(treatment ? treatment->value : empty);
  if (!cs) return c.error = "control: " + cs.error(), c;
  if (!ts) return c.error = "treatment: " + ts.error(), c;
  auto e = stats::estimate_effect(*cs, *ts, q.relative);
  if (!e) return c.error = e.error(), c;
  return conclude(*e, cs->n + ts->n, q, c);
}

// Post-stratified by period of first exposure (stats/stratified.h), for allocations that
// changed over time: arms are compared within each period and the periods combined by their
// share of the pair's units. `periods[p][i]` is period p's arm at arms()' index i. A period
// where either arm has fewer than 2 users is left out.
Comparison compare_by_period(const std::vector<std::vector<stats::ArmAggregate>>& periods,
                             size_t control, size_t treatment, const Options& q) {
  Comparison c;
  std::vector<stats::PeriodArms> strata;
  double n = 0;
  for (const auto& arms : periods) {
    auto cs = stats::summarize(arms[control].value);
    auto ts = stats::summarize(arms[treatment].value);
    if (!cs || !ts) continue;
    strata.push_back({*cs, *ts});
    n += cs->n + ts->n;
  }
  c.periods_used = static_cast<int>(strata.size());
  if (strata.empty()) {
    c.error = "no period of the allocation has at least 2 users in both groups";
    return c;
  }
  auto e = stats::stratified_effect(strata, q.relative);
  if (!e) return c.error = e.error(), c;
  return conclude(*e, n, q, c);
}

}  // namespace

std::string_view method_name(Method m) {
  switch (m) {
    case Method::kBayesian:
      return "bayesian";
    case Method::kSequential:
      return "sequential";
    case Method::kFrequentist:
      break;
  }
  return "frequentist";
}

ExperimentAggregator::ExperimentAggregator(std::optional<Design> design,
                                           std::string segment_attribute, std::string metric,
                                           Mode mode)
    : design_(std::move(design)),
      segment_attribute_(std::move(segment_attribute)),
      metric_(std::move(metric)),
      mode_(mode),
      exposures_(design_ ? static_cast<int>(design_->keys.size()) : kMaxVariants) {
  if (design_) keys_ = design_->keys;
}

void ExperimentAggregator::set_error(std::string slug, std::string message) {
  if (!status_.ok()) return;
  error_slug_ = std::move(slug);
  status_ = Status::invalid_argument(std::move(message));
}

int ExperimentAggregator::variant_index(std::string_view variant) {
  if (design_) {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] == variant) return static_cast<int>(i);
    }
    return variation_id(variant, keys_.size());
  }
  if (auto it = key_index_.find(variant); it != key_index_.end()) return it->second;
  if (keys_.size() >= static_cast<size_t>(kMaxVariants)) {
    set_error("too-many-variants", "more than " + std::to_string(kMaxVariants) +
                                       " distinct variants are stored for this experiment and "
                                       "no published config defines it");
    return -1;
  }
  keys_.emplace_back(variant);
  key_index_.emplace(keys_.back(), static_cast<int>(keys_.size() - 1));
  return static_cast<int>(keys_.size() - 1);
}

std::string ExperimentAggregator::segment_of(std::string_view attributes) const {
  if (attributes.empty()) return {};
  auto text = [](const Value& v) -> std::string {
    if (v.is_null()) return {};
    if (v.is_string()) return v.as_string();
    return v.is_array() || v.is_object() ? json::stringify(v) : json::to_js_string(v);
  };
  // Only the segment's member is parsed; the whole document when the scanner cannot tell.
  std::string_view raw;
  switch (json::find_member(attributes, segment_attribute_, raw)) {
    case json::MemberScan::kAbsent:
      return {};
    case json::MemberScan::kFound: {
      auto value = json::parse(raw);
      return value ? text(*value) : std::string();
    }
    case json::MemberScan::kUnsure:
      break;
  }
  auto parsed = json::parse(attributes);
  if (!parsed) return {};
  const Value* v = parsed->find(segment_attribute_);
  return v ? text(*v) : std::string();
}

bool ExperimentAggregator::first_segment(std::string_view attributes, std::string& segment) {
  segment = segment_attribute_.empty() ? std::string() : segment_of(attributes);
  if (!segment.empty() && segments_seen_.find(segment) == segments_seen_.end()) {
    if (segments_seen_.size() == kMaxSegments) {
      set_error("too-many-segments", "segment attribute \"" + segment_attribute_ +
                                         "\" has more than " + std::to_string(kMaxSegments) +
                                         " distinct values; choose a coarser attribute");
      return false;
    }
    segments_seen_.emplace(segment, 0);
  }
  return true;
}

void ExperimentAggregator::unit_group(const UnitGroup& g) {
  if (!g.exposed) {
    // Users never exposed: the summary reads only exposed users' events.
    if (metric_.empty() || (!g.name.empty() && g.name != metric_)) return;
    if (Metric* m = metric_for(g.name)) m->without_exposure += g.counted + g.before;
    return;
  }
  if (g.name.empty()) exposure_rows_ += g.exposure_rows;
  const int v = variant_index(g.variant);
  if (v < 0) {
    if (g.name.empty()) {
      unknown_variant_exposures_ += g.exposure_rows;
    } else if (!metric_.empty() && g.name == metric_) {
      // Exposed to no variation of the experiment: their events count as without exposure.
      if (Metric* m = metric_for(g.name)) m->without_exposure += g.counted + g.before;
    }
    return;
  }
  std::string segment;
  if (!first_segment(g.attributes, segment)) return;
  if (g.name.empty()) {
    exposures_.add_units(v, segment, g.users, 0, 0, 0);
    for (auto& [name, m] : metrics_) m.units.add_units(v, segment, g.users, 0, 0, 0);
    return;
  }
  if (!metric_.empty() && g.name != metric_) return;
  Metric* m = metric_for(g.name);
  if (!m) return;
  m->units.add_units(v, segment, 0, g.sum, g.sum_squares, g.positive);
  m->counted += g.counted;
  m->before_exposure += g.before;
  if (m->events.size() < keys_.size()) m->events.resize(keys_.size(), 0);
  m->events[static_cast<size_t>(v)] += g.counted;
}

void ExperimentAggregator::exposure(const Row& row) {
  exposure_rows_ += row.rows;
  int v = variant_index(row.variant);
  if (v < 0) {
    unknown_variant_exposures_ += row.rows;
    return;
  }
  // Rows come in time order, so only a user's first exposure decides their segment: later
  // ones skip reading the attributes.
  std::string segment;
  if (!exposures_.exposed(row.user) && !first_segment(row.attributes, segment)) return;
  exposures_.expose(row.user, v, segment, row.ts);
  // Stores send exposures first; one arriving after metric events still counts for them.
  for (auto& [name, m] : metrics_) m.units.expose(row.user, v, segment, row.ts);
}

ExperimentAggregator::Metric* ExperimentAggregator::metric_for(std::string_view name) {
  if (!metric_.empty()) name = metric_;
  // Rows of one metric come together (a results scan has only one): skip the map lookup.
  if (last_ && last_name_ == name) return last_;
  auto it = metrics_.find(name);
  if (it == metrics_.end()) {
    if (metrics_.size() == kMaxMetrics) {
      set_error("too-many-metrics", "the experiment's users have events of more than " +
                                        std::to_string(kMaxMetrics) +
                                        " metric names; ask for one metric's results instead");
      return nullptr;
    }
    // Every metric starts from the exposures. One metric's results take them over instead of
    // copying a table that can hold millions of users; the summary copies them per metric.
    Metric m{metric_.empty() ? exposures_ : std::move(exposures_), {}};
    if (!metric_.empty()) exposures_ = stats::UnitAggregator(1);
    m.events.assign(keys_.size(), 0);
    it = metrics_.emplace(std::string(name), std::move(m)).first;
  }
  last_ = &it->second;
  last_name_ = it->first;
  return last_;
}

const ExperimentAggregator::Metric* ExperimentAggregator::metric(const std::string& name) const {
  auto it = metrics_.find(name);
  return it == metrics_.end() ? nullptr : &it->second;
}

void ExperimentAggregator::metric_event(const Row& row) {
  if (mode_ == Mode::kUnits && metric_.empty()) return;  // the exposures alone
  // The summary reads every metric's events: only those of exposed users make a metric.
  if (metric_.empty() && !exposures_.exposed(row.user)) return;
  // One metric's results: another name's rows (a store may send them) are not this metric.
  if (!metric_.empty() && !row.name.empty() && row.name != metric_) return;
  Metric* m = metric_for(row.name);
  if (!m) return;
  using S = stats::UnitAggregator::ValueStatus;
  int variant = -1;
  switch (m->units.add_value_after_exposure(row.user, row.value, row.ts, &variant)) {
    case S::kNotExposed:
      m->without_exposure += row.rows;
      break;
    case S::kBeforeExposure:
      m->before_exposure += row.rows;
      break;
    case S::kNonFinite:
      m->non_finite += row.rows;
      break;
    case S::kCounted:
      m->counted += row.rows;
      if (variant >= 0) {
        if (m->events.size() < keys_.size()) m->events.resize(keys_.size(), 0);
        m->events[static_cast<size_t>(variant)] += row.rows;
      }
      break;
  }
}

std::vector<int> ExperimentAggregator::output_order() const {
  std::vector<int> order(keys_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  if (design_ || order.empty()) return order;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return keys_[a] < keys_[b]; });
  auto control = std::find_if(order.begin(), order.end(), [&](int i) { return keys_[i] == "0"; });
  if (control == order.end()) {
    control =
        std::find_if(order.begin(), order.end(), [&](int i) { return keys_[i] == "control"; });
  }
  if (control != order.end()) std::rotate(order.begin(), control, control + 1);
  return order;
}

const stats::UnitAggregator& ExperimentAggregator::units() const {
  const Metric* chosen = metric(metric_);
  return chosen ? chosen->units : exposures_;
}

std::string ExperimentAggregator::results_json(const std::string& experiment,
                                               const Options& q) const {
  const Metric* chosen = metric(q.metric);
  const stats::UnitAggregator& units = chosen ? chosen->units : exposures_;
  const std::vector<int> order = output_order();
  const std::vector<stats::ArmAggregate> arms = units.arms();
  std::map<std::pair<std::string, int>, const stats::ArmAggregate*> arm_of;
  std::vector<std::string> groups{""};
  for (const stats::ArmAggregate& a : arms) {
    arm_of[{a.segment, a.variant}] = &a;
    if (!a.segment.empty() && a.variant == 0) groups.push_back(a.segment);
  }
  std::sort(groups.begin() + 1, groups.end());

  // When the weights changed over time (the design's periods), effects are post-stratified
  // by each user's period of first exposure, and the SRM check holds each period to its own
  // weights (GrowthBook's bandit SRM); otherwise both pool every user.
  const bool by_period =
      design_ && design_->periods.size() >= 2 &&
      std::all_of(design_->periods.begin(), design_->periods.end(),
                  [&](const Period& p) { return p.weights.size() == keys_.size(); });
  std::vector<double> period_starts;
  if (by_period) {
    for (const Period& p : design_->periods) period_starts.push_back(p.start_ms);
  }
  const auto period_arms = by_period ? units.arms_by_period(period_starts)
                                     : std::vector<std::vector<stats::ArmAggregate>>{};

  // Every comparison first, so Holm's family is known before the answer is written.
  std::vector<std::vector<Comparison>> comparisons(groups.size());
  std::vector<double> p_values;
  for (size_t g = 0; g < groups.size(); ++g) {
    auto find = [&](int v) {
      auto it = arm_of.find({groups[g], v});
      return it == arm_of.end() ? nullptr : it->second;
    };
    for (size_t i = 1; i < order.size(); ++i) {
      const stats::ArmAggregate* control = find(order[0]);
      const stats::ArmAggregate* treatment = find(order[i]);
      if (by_period && control && treatment) {
        comparisons[g].push_back(compare_by_period(period_arms,
                                                   static_cast<size_t>(control - arms.data()),
                                                   static_cast<size_t>(treatment - arms.data()), q));
      } else {
        comparisons[g].push_back(compare(control, treatment, q));
      }
      if (comparisons[g].back().p_value >= 0) p_values.push_back(comparisons[g].back().p_value);
    }
  }
  auto adjusted = stats::holm_adjust(p_values);
  size_t next = 0;
  for (auto& group : comparisons) {
    for (Comparison& c : group) {
      if (c.p_value >= 0 && adjusted) c.adjusted = adjusted.value()[next++];
    }
  }

  Value results = Value(json::Array{});
  for (size_t g = 0; g < groups.size(); ++g) {
    Value variants = Value(json::Array{});
    for (size_t i = 0; i < order.size(); ++i) {
      auto it = arm_of.find({groups[g], order[i]});
      stats::ArmAggregate a = it == arm_of.end() ? stats::ArmAggregate{} : *it->second;
      json::Object m{{"variant", Value(keys_[order[i]])}};
      if (design_) m.emplace_back("variationId", num(order[i]));
      m.emplace_back("control", Value(i == 0));
      m.emplace_back("users", num(a.value.n));
      m.emplace_back("converted", num(a.converted.successes));
      m.emplace_back("sum", num(a.value.sum));
      m.emplace_back("sumSquares", num(a.value.sum_squares));
      m.emplace_back("mean", a.value.n > 0 ? num(a.value.sum / a.value.n) : Value());
      if (i > 0) {
        const Comparison& c = comparisons[g][i - 1];
        if (!c.error.empty()) {
          m.emplace_back("error", Value(c.error));
        } else {
          m.emplace_back("effect", num(c.effect));
          m.emplace_back("se", num(c.se));  // Bayesian: the posterior's standard deviation
          m.emplace_back("ci", Value(json::Array{num(c.lower), num(c.upper)}));
          if (c.periods_used >= 0) m.emplace_back("periodsUsed", num(c.periods_used));
          if (q.method == Method::kBayesian) {
            m.emplace_back("chanceToWin", num(c.chance_to_win));
            m.emplace_back("risk", object({{"control", num(c.risk_control)},
                                           {"treatment", num(c.risk_treatment)}}));
          } else {
            m.emplace_back("pValue", num(c.p_value));
            m.emplace_back("adjustedPValue", c.adjusted >= 0 ? num(c.adjusted) : Value());
          }
        }
      }
      variants.push_back(object(std::move(m)));
    }
    results.push_back(object(
        {{"segment", g == 0 ? Value() : Value(groups[g])}, {"variants", std::move(variants)}}));
  }

  // SRM over the exposed users of every variant (overall), against the design's weights;
  // variations of weight 0 are left out of the test (GrowthBook's checkSrm). With periods,
  // users count in the period of their first exposure.
  std::vector<double> counts = units.exposed_counts(), observed, weights;
  std::vector<std::vector<double>> period_observed, period_weights;
  json::Array periods_json;
  if (by_period) {
    const auto by = units.exposed_counts_by_period(period_starts);
    std::vector<double> expected(order.size(), 0);
    for (size_t p = 0; p < by.size(); ++p) {
      std::vector<double> o, w;
      double total = 0, total_weight = 0;
      for (int v : order) {
        o.push_back(by[p][static_cast<size_t>(v)]);
        w.push_back(design_->periods[p].weights[static_cast<size_t>(v)]);
        total += o.back();
        total_weight += w.back();
      }
      json::Array o_json, w_json;
      for (size_t i = 0; i < o.size(); ++i) {
        o_json.push_back(num(o[i]));
        w_json.push_back(num(total_weight > 0 ? w[i] / total_weight : 0));
        if (total_weight > 0) expected[i] += total * w[i] / total_weight;
      }
      periods_json.push_back(object({{"startMs", num(design_->periods[p].start_ms)},
                                     {"weights", Value(std::move(w_json))},
                                     {"observed", Value(std::move(o_json))}}));
      period_observed.push_back(std::move(o));
      period_weights.push_back(std::move(w));
    }
    for (int v : order) observed.push_back(counts[static_cast<size_t>(v)]);
    weights = expected;  // shown normalised: the expected share of each variant
  } else {
    for (int v : order) {
      observed.push_back(counts[static_cast<size_t>(v)]);
      weights.push_back(design_ ? design_->weights[static_cast<size_t>(v)] : 1.0);
    }
  }
  double total_weight = 0;
  for (double w : weights) total_weight += w;
  json::Array observed_json, weights_json;
  for (size_t i = 0; i < observed.size(); ++i) {
    observed_json.push_back(num(observed[i]));
    weights_json.push_back(num(total_weight > 0 ? weights[i] / total_weight : 0));
  }
  json::Object srm{{"observed", Value(std::move(observed_json))},
                   {"weights", Value(std::move(weights_json))},
                   {"weightsFrom", Value(by_period ? "periods" : design_ ? "config" : "equal")}};
  if (by_period) srm.emplace_back("periods", Value(std::move(periods_json)));
  if (auto s = by_period ? stats::srm_check_by_period(period_observed, period_weights)
                         : stats::srm_check(observed, weights)) {
    srm.emplace_back("chi2", num(s->chi2));
    srm.emplace_back("dof", num(s->dof));
    srm.emplace_back("pValue", num(s->p_value));
    srm.emplace_back("mismatch", Value(s->mismatch));
  } else {
    srm.emplace_back("error", Value(s.error()));
  }

  json::Object doc{{"experiment", Value(experiment)},
                   {"metric", Value(q.metric)},
                   {"method", Value(method_name(q.method))},
                   {"relative", Value(q.relative)},
                   {"alpha", num(q.alpha)}};
  if (q.method == Method::kSequential) doc.emplace_back("nStar", num(q.n_star));
  doc.emplace_back("segment", q.segment.empty() ? Value() : Value(q.segment));
  doc.emplace_back("variationsFrom", Value(design_ ? "config" : "events"));
  if (design_ && !design_->source.empty()) doc.emplace_back("sdkKey", Value(design_->source));
  doc.emplace_back("control", order.empty() ? Value() : Value(keys_[order[0]]));
  doc.emplace_back("effectsFrom", Value(by_period ? "periods" : "pooled"));
  doc.emplace_back("srm", object(std::move(srm)));
  doc.emplace_back("adjustment",
                   object({{"method", Value("holm")},
                           {"comparisons", num(static_cast<double>(p_values.size()))}}));
  const Metric none{stats::UnitAggregator(1), {}};
  const Metric& m = chosen ? *chosen : none;
  doc.emplace_back("dataQuality",
                   object({{"exposureRows", num(exposure_rows_)},
                           {"conflictedUsers", num(units.conflicted_units())},
                           {"unknownVariantExposures", num(unknown_variant_exposures_)},
                           {"metricEvents", num(m.counted)},
                           {"eventsWithoutExposure", num(m.without_exposure)},
                           {"eventsBeforeExposure", num(m.before_exposure)},
                           {"nonFiniteValues", num(m.non_finite)}}));
  doc.emplace_back("results", std::move(results));
  return json::stringify(object(std::move(doc)));
}

std::string ExperimentAggregator::summary_json(const std::string& experiment) const {
  const std::vector<int> order = output_order();
  const std::vector<double> users = exposures_.exposed_counts();
  // Per metric, its overall arms (segment "") by variant.
  std::vector<std::pair<const std::string*, std::vector<stats::ArmAggregate>>> per_metric;
  for (const auto& [name, m] : metrics_) per_metric.emplace_back(&name, m.units.arms());
  Value variants = Value(json::Array{});
  for (size_t i = 0; i < order.size(); ++i) {
    const auto v = static_cast<size_t>(order[i]);
    json::Object metrics;
    for (const auto& [name, arms] : per_metric) {
      const Metric& m = metrics_.find(*name)->second;
      const stats::ArmAggregate& a = arms[v];
      metrics.emplace_back(*name, object({{"converted", num(a.converted.successes)},
                                          {"events", num(v < m.events.size() ? m.events[v] : 0)},
                                          {"sum", num(a.value.sum)},
                                          {"sumSquares", num(a.value.sum_squares)}}));
    }
    json::Object entry{{"variant", Value(keys_[v])}};
    if (design_) entry.emplace_back("variationId", num(order[i]));
    entry.emplace_back("control", Value(i == 0));
    entry.emplace_back("users", num(v < users.size() ? users[v] : 0));
    entry.emplace_back("metrics", object(std::move(metrics)));
    variants.push_back(object(std::move(entry)));
  }
  return json::stringify(object({{"experiment", Value(experiment)},
                                 {"variationsFrom", Value(design_ ? "config" : "events")},
                                 {"control", order.empty() ? Value() : Value(keys_[order[0]])},
                                 {"conflictedUsers", num(exposures_.conflicted_units())},
                                 {"unknownVariantExposures", num(unknown_variant_exposures_)},
                                 {"variants", std::move(variants)}}));
}

}  // namespace tailor::report
