#include "edge/results.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "core/json/js.h"
#include "core/json/member.h"
#include "core/json/parse.h"
#include "core/stats/adjust.h"
#include "core/stats/bayesian.h"
#include "core/stats/frequentist.h"
#include "core/stats/sequential.h"
#include "core/stats/srm.h"
#include "edge/http.h"

namespace tailor::edge {
namespace {

using json::Value;

std::string_view method_name(ResultsMethod m) {
  switch (m) {
    case ResultsMethod::kBayesian:
      return "bayesian";
    case ResultsMethod::kSequential:
      return "sequential";
    case ResultsMethod::kFrequentist:
      break;
  }
  return "frequentist";
}

bool parse_number(const std::string& text, double& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

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

// A design from an experiment rule or auto experiment with a `variations` array.
std::optional<ExperimentDesign> design_of(const Value& def, const std::string& sdk_key) {
  const Value* variations = def.find("variations");
  if (!variations || !variations->is_array() || variations->as_array().empty()) return {};
  const size_t k = variations->as_array().size();
  ExperimentDesign d{sdk_key, {}, std::vector<double>(k, 1.0 / static_cast<double>(k))};
  const Value* meta = def.find("meta");
  for (size_t i = 0; i < k; ++i) {
    const Value* key = meta && meta->is_array() && i < meta->as_array().size()
                           ? meta->as_array()[i].find("key")
                           : nullptr;
    d.keys.push_back(key && key->is_string() ? key->as_string() : std::to_string(i));
  }
  const Value* weights = def.find("weights");
  if (weights && weights->is_array() && weights->as_array().size() == k) {
    bool numbers = std::all_of(weights->as_array().begin(), weights->as_array().end(),
                               [](const Value& w) { return w.is_number(); });
    for (size_t i = 0; numbers && i < k; ++i) d.weights[i] = weights->as_array()[i].as_number();
  }
  return d;
}

Value num(double d) { return Value(d); }

Value object(json::Object members) { return Value::object(std::move(members)); }

// One treatment-versus-control comparison.
struct Comparison {
  std::string error;
  double effect = 0, se = 0, lower = 0, upper = 0;
  double p_value = -1, adjusted = -1;  // -1: no p-value (Bayesian, or an error)
  double chance_to_win = 0, risk_control = 0, risk_treatment = 0;
};

Comparison compare(const stats::ArmAggregate* control, const stats::ArmAggregate* treatment,
                   const ResultsQuery& q) {
  Comparison c;
  stats::MeanStats empty;
  auto cs = stats::summarize(control ? control->value : empty);
  auto ts = stats::summarize(treatment ? treatment->value : empty);
  if (!cs) return c.error = "control: " + cs.error(), c;
  if (!ts) return c.error = "treatment: " + ts.error(), c;
  if (q.method == ResultsMethod::kBayesian) {
    auto r = stats::bayesian_test(*cs, *ts, q.relative, q.alpha, stats::GaussianPrior{});
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
  auto r = q.method == ResultsMethod::kSequential
               ? stats::sequential_test(*cs, *ts, options, q.n_star)
               : stats::welch_t_test(*cs, *ts, options);
  if (!r) return c.error = r.error(), c;
  c.effect = r->effect;
  c.se = r->se;
  c.lower = r->ci_lower;
  c.upper = r->ci_upper;
  c.p_value = r->p_value;
  return c;
}

}  // namespace

std::string parse_results_query(std::string_view query, ResultsQuery& out, std::string& detail) {
  std::string v;
  if (!query_param(query, "metric", out.metric) || out.metric.empty()) {
    detail =
        "query parameter \"metric\" is required: the name of the conversion or custom "
        "events to analyse";
    return "metric";
  }
  if (query_param(query, "method", v)) {
    if (v == "frequentist") {
      out.method = ResultsMethod::kFrequentist;
    } else if (v == "bayesian") {
      out.method = ResultsMethod::kBayesian;
    } else if (v == "sequential") {
      out.method = ResultsMethod::kSequential;
    } else {
      detail = "method is \"" + v + "\", expected frequentist, bayesian or sequential";
      return "method";
    }
  }
  if (query_param(query, "segment", out.segment) && out.segment.empty()) {
    detail = "segment is empty, expected the name of an exposure attribute";
    return "segment";
  }
  if (query_param(query, "alpha", v) &&
      (!parse_number(v, out.alpha) || !(out.alpha > 0) || !(out.alpha < 1))) {
    detail = "alpha is \"" + v + "\", expected a number between 0 and 1 (exclusive)";
    return "alpha";
  }
  if (query_param(query, "relative", v)) {
    if (v != "true" && v != "false") {
      detail = "relative is \"" + v + "\", expected true or false";
      return "relative";
    }
    out.relative = v == "true";
  }
  if (query_param(query, "nStar", v) &&
      (!parse_number(v, out.n_star) || !(out.n_star > 0) || out.n_star > 1e15)) {
    detail = "nStar is \"" + v + "\", expected a number > 0 (the expected sample size)";
    return "nStar";
  }
  return {};
}

std::optional<ExperimentDesign> find_design(const ConfigRegistry::Snapshot& configs,
                                            std::string_view experiment) {
  for (const auto& [sdk_key, config] : configs) {
    auto parsed = json::parse(*config->bytes);
    if (!parsed) continue;
    const Value& doc = parsed.value();
    if (const Value* features = doc.find("features"); features && features->is_object()) {
      for (const auto& [id, feature] : features->as_object()) {
        const Value* rules = feature.find("rules");
        if (!rules || !rules->is_array()) continue;
        for (const Value& rule : rules->as_array()) {
          const Value* key = rule.find("key");
          std::string_view name = key && key->is_string() ? key->as_string() : id;
          if (name != experiment || !rule.find("variations")) continue;
          if (auto d = design_of(rule, sdk_key)) return d;
        }
      }
    }
    if (const Value* exps = doc.find("experiments"); exps && exps->is_array()) {
      for (const Value& e : exps->as_array()) {
        const Value* key = e.find("key");
        if (!key || !key->is_string() || key->as_string() != experiment) continue;
        if (auto d = design_of(e, sdk_key)) return d;
      }
    }
  }
  return std::nullopt;
}

ResultsAggregator::ResultsAggregator(std::optional<ExperimentDesign> design,
                                     std::string segment_attribute)
    : design_(std::move(design)),
      segment_attribute_(std::move(segment_attribute)),
      aggregator_(design_ ? static_cast<int>(design_->keys.size()) : kMaxVariants) {
  if (design_) keys_ = design_->keys;
}

int ResultsAggregator::variant_index(std::string_view variant) {
  if (design_) {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] == variant) return static_cast<int>(i);
    }
    return variation_id(variant, keys_.size());
  }
  if (auto it = key_index_.find(variant); it != key_index_.end()) return it->second;
  if (keys_.size() >= static_cast<size_t>(kMaxVariants)) {
    error_slug_ = "too-many-variants";
    error_ = "more than " + std::to_string(kMaxVariants) +
             " distinct variants are stored for this experiment and no published config "
             "defines it";
    return -1;
  }
  keys_.emplace_back(variant);
  key_index_.emplace(keys_.back(), static_cast<int>(keys_.size() - 1));
  return static_cast<int>(keys_.size() - 1);
}

std::string ResultsAggregator::segment_of(std::string_view attributes) const {
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

void ResultsAggregator::exposure(const ExperimentRow& row) {
  exposure_rows_ += 1;
  int v = variant_index(row.variant);
  if (v < 0) {
    unknown_variant_exposures_ += 1;
    return;
  }
  // Rows come in time order, so only a user's first exposure decides their segment: later
  // ones skip reading the attributes.
  std::string segment = segment_attribute_.empty() || aggregator_.exposed(row.user)
                            ? std::string()
                            : segment_of(row.attributes);
  if (!segment.empty() && segments_seen_.find(segment) == segments_seen_.end()) {
    if (segments_seen_.size() == kMaxSegments) {
      error_slug_ = "too-many-segments";
      error_ = "segment attribute \"" + segment_attribute_ + "\" has more than " +
               std::to_string(kMaxSegments) + " distinct values; choose a coarser attribute";
      return;
    }
    segments_seen_.emplace(segment, 0);
  }
  aggregator_.expose(row.user, v, segment, row.ts);
}

void ResultsAggregator::metric_event(const ExperimentRow& row) {
  using Status = stats::UnitAggregator::ValueStatus;
  switch (aggregator_.add_value_after_exposure(row.user, row.value, row.ts)) {
    case Status::kNotExposed:
      events_without_exposure_ += 1;
      break;
    case Status::kBeforeExposure:
      events_before_exposure_ += 1;
      break;
    case Status::kNonFinite:
      non_finite_values_ += 1;
      break;
    case Status::kCounted:
      metric_events_ += 1;
      break;
  }
}

std::vector<int> ResultsAggregator::output_order() const {
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

std::string ResultsAggregator::to_json(const std::string& experiment, const ResultsQuery& q) const {
  const std::vector<int> order = output_order();
  const std::vector<stats::ArmAggregate> arms = aggregator_.arms();
  std::map<std::pair<std::string, int>, const stats::ArmAggregate*> arm_of;
  std::vector<std::string> groups{""};
  for (const stats::ArmAggregate& a : arms) {
    arm_of[{a.segment, a.variant}] = &a;
    if (!a.segment.empty() && a.variant == 0) groups.push_back(a.segment);
  }
  std::sort(groups.begin() + 1, groups.end());

  // Every comparison first, so Holm's family is known before the answer is written.
  std::vector<std::vector<Comparison>> comparisons(groups.size());
  std::vector<double> p_values;
  for (size_t g = 0; g < groups.size(); ++g) {
    auto find = [&](int v) {
      auto it = arm_of.find({groups[g], v});
      return it == arm_of.end() ? nullptr : it->second;
    };
    for (size_t i = 1; i < order.size(); ++i) {
      comparisons[g].push_back(compare(find(order[0]), find(order[i]), q));
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
          m.emplace_back(q.method == ResultsMethod::kBayesian ? "sd" : "se", num(c.se));
          m.emplace_back("ci", Value(json::Array{num(c.lower), num(c.upper)}));
          if (q.method == ResultsMethod::kBayesian) {
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

  // SRM over the exposed users of every variant (overall), against the published weights.
  std::vector<double> counts = aggregator_.exposed_counts(), observed, weights;
  for (int v : order) {
    observed.push_back(counts[static_cast<size_t>(v)]);
    weights.push_back(design_ ? design_->weights[static_cast<size_t>(v)] : 1.0);
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
                   {"weightsFrom", Value(design_ ? "config" : "equal")}};
  if (auto s = stats::srm_check(observed, weights)) {
    srm.emplace_back("chi2", num(s->chi2));
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
  if (q.method == ResultsMethod::kSequential) doc.emplace_back("nStar", num(q.n_star));
  doc.emplace_back("segment", q.segment.empty() ? Value() : Value(q.segment));
  doc.emplace_back("variationsFrom", Value(design_ ? "config" : "events"));
  if (design_) doc.emplace_back("sdkKey", Value(design_->sdk_key));
  doc.emplace_back("control", order.empty() ? Value() : Value(keys_[order[0]]));
  doc.emplace_back("srm", object(std::move(srm)));
  doc.emplace_back("adjustment",
                   object({{"method", Value("holm")},
                           {"comparisons", num(static_cast<double>(p_values.size()))}}));
  doc.emplace_back("dataQuality",
                   object({{"exposureRows", num(exposure_rows_)},
                           {"conflictedUsers", num(aggregator_.conflicted_units())},
                           {"unknownVariantExposures", num(unknown_variant_exposures_)},
                           {"metricEvents", num(metric_events_)},
                           {"eventsWithoutExposure", num(events_without_exposure_)},
                           {"eventsBeforeExposure", num(events_before_exposure_)},
                           {"nonFiniteValues", num(non_finite_values_)}}));
  doc.emplace_back("results", std::move(results));
  return json::stringify(object(std::move(doc)));
}

}  // namespace tailor::edge
