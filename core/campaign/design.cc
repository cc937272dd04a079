#include "core/campaign/design.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/assign/bucket.h"
#include "core/assign/hash.h"
#include "core/audit/canonical.h"
#include "core/audit/sha256.h"
#include "core/bandit/thompson.h"
#include "core/campaign/fields.h"
#include "core/config/automation.h"
#include "core/json/js.h"
#include "core/stats/power.h"

namespace tailor::campaign {
namespace {

constexpr int kMaxTreatments = 8;

Result<bool> parse_weights(const Fields& fields, DesignSpec& spec) {
  const json::Value* w = fields.get("weights");
  if (w == nullptr) return true;
  const std::string path = fields.path("weights");
  const size_t arms = static_cast<size_t>(spec.treatments) + 1;
  if (!w->is_array() || w->as_array().size() != arms) {
    return Result<bool>::failure(path + " must be an array of " + std::to_string(arms) +
                                 " numbers (control first, then each treatment), got " +
                                 show(*w));
  }
  double sum = 0;
  for (size_t i = 0; i < arms; ++i) {
    const json::Value& x = w->as_array()[i];
    if (!x.is_number() || !(x.as_number() > 0) || !std::isfinite(x.as_number())) {
      return Result<bool>::failure(path + "[" + std::to_string(i) +
                                   "] must be a number > 0, got " + show(x));
    }
    spec.weights.push_back(x.as_number());
    sum += x.as_number();
  }
  if (std::fabs(sum - 1) > 1e-9) {
    return Result<bool>::failure(path + " must sum to 1, got " + json::number_to_string(sum));
  }
  return true;
}

Result<bool> parse_baseline(const Fields& fields, DesignSpec& spec) {
  const json::Value* b = fields.get("baseline");
  if (b == nullptr) return true;
  auto baseline = Fields::open(*b, fields.path("baseline"), {"metric", "rate"});
  if (!baseline.ok()) return baseline.status();
  auto metric = baseline->optional_string("metric", 16);
  if (!metric.ok()) return metric.status();
  if (metric->has_value()) {
    if (**metric != "purchase" && **metric != "click" && **metric != "open") {
      return Result<bool>::failure(baseline->path("metric") + " is \"" + **metric +
                                   "\", expected \"purchase\", \"click\" or \"open\"");
    }
    spec.baseline_metric = **metric;
  }
  auto rate = baseline->optional_number("rate", 1e-6, 0.999);
  if (!rate.ok()) return rate.status();
  if (rate->has_value()) spec.baseline_rate = **rate;
  return true;
}

Result<bool> parse_cap(const Fields& fields, DesignSpec& spec) {
  const json::Value* c = fields.get("frequency_cap");
  if (c == nullptr) return true;
  auto cap = Fields::open(*c, fields.path("frequency_cap"), {"column", "max"});
  if (!cap.ok()) return cap.status();
  auto column = cap->string("column", 256);
  if (!column.ok()) return column.status();
  auto max = cap->optional_whole("max", 1, 1000000);
  if (!max.ok()) return max.status();
  if (!max->has_value()) return Result<bool>::failure(cap->path("max") + " is required");
  spec.cap_column = *column;
  spec.cap_max = **max;
  return true;
}

Result<bool> parse_thompson(const Fields& fields, DesignSpec& spec) {
  const json::Value* t = fields.get("thompson");
  if (t == nullptr) return true;
  auto thompson = Fields::open(*t, fields.path("thompson"),
                               {"control_floor", "min_weight", "draws", "seed"});
  if (!thompson.ok()) return thompson.status();
  auto floor = thompson->optional_number("control_floor", 0, 0.9);
  if (!floor.ok()) return floor.status();
  if (floor->has_value()) spec.control_floor = **floor;
  auto min_weight = thompson->optional_number("min_weight", 0, 0.2);
  if (!min_weight.ok()) return min_weight.status();
  if (min_weight->has_value()) spec.min_weight = **min_weight;
  auto draws = thompson->optional_whole("draws", 100, 1000000);
  if (!draws.ok()) return draws.status();
  if (draws->has_value()) spec.draws = static_cast<int>(**draws);
  auto seed = thompson->optional_whole("seed", 0, (1LL << 53) - 1);
  if (!seed.ok()) return seed.status();
  if (seed->has_value()) spec.thompson_seed = static_cast<uint64_t>(**seed);
  return true;
}

// Thompson weights of one segment from the prior wave's counts (see design.h).
Result<bandit::Allocation> thompson_weights(const DesignSpec& spec, const SegmentPlan& plan,
                                            const Prior& prior) {
  std::vector<bandit::BernoulliArm> arms;
  const auto segment = prior.find(plan.name);
  for (const ArmPlan& arm : plan.arms) {
    bandit::BernoulliArm counts;
    if (segment != prior.end()) {
      if (auto it = segment->second.find(arm.variant); it != segment->second.end()) {
        counts = {it->second.sends, it->second.purchases};
      }
    }
    arms.push_back(counts);
  }
  bandit::ThompsonOptions options;
  options.seed = spec.thompson_seed;
  options.draws = spec.draws;
  options.control_floor = spec.control_floor;
  options.min_weight = spec.min_weight;
  auto allocation = bandit::thompson_bernoulli(arms, options);
  if (!allocation.ok()) {
    return Result<bandit::Allocation>::failure("segment \"" + plan.name +
                                               "\": thompson allocation: " + allocation.error());
  }
  return allocation;
}

PowerCheck check_power(const DesignSpec& spec, const std::vector<double>& weights,
                       size_t eligible, size_t comparisons) {
  PowerCheck check;
  const double min_weight = *std::min_element(weights.begin(), weights.end());
  check.expected_per_arm = static_cast<double>(eligible) * min_weight;
  const double alpha = spec.alpha / static_cast<double>(std::max<size_t>(comparisons, 1));
  const double p_c = spec.baseline_rate;
  const double p_t = std::min(p_c * (1 + spec.mde), 0.999999);
  if (auto n = stats::sample_size_proportions(p_c, p_t, alpha, spec.power); n.ok()) {
    check.required_per_arm = *n;
  }
  if (check.expected_per_arm >= 1) {
    if (auto p = stats::power_proportions(p_c, p_t, check.expected_per_arm, alpha); p.ok()) {
      check.achieved_power = *p;
    }
    if (auto d = stats::mde_proportions(p_c, check.expected_per_arm, alpha, spec.power);
        d.ok()) {
      check.detectable_relative_effect = *d / p_c;
    }
  }
  check.underpowered = check.achieved_power < spec.power;
  return check;
}

}  // namespace

Result<DesignSpec> parse_design_spec(const json::Value& section, std::string_view path) {
  auto fields = Fields::open(section, std::string(path),
                             {"treatments", "weights", "allocation", "thompson", "seed", "alpha",
                              "power", "mde", "baseline", "frequency_cap", "web_bandit"});
  if (!fields.ok()) return fields.status();
  DesignSpec spec;
  auto treatments = fields->optional_whole("treatments", 1, kMaxTreatments);
  if (!treatments.ok()) return treatments.status();
  if (treatments->has_value()) spec.treatments = static_cast<int>(**treatments);
  if (auto w = parse_weights(*fields, spec); !w.ok()) return w.status();
  if (spec.weights.empty()) {
    spec.weights.assign(static_cast<size_t>(spec.treatments) + 1, 1.0 / (spec.treatments + 1));
  }
  auto allocation = fields->optional_string("allocation", 16);
  if (!allocation.ok()) return allocation.status();
  if (*allocation == "thompson") {
    spec.allocation = Allocation::kThompson;
  } else if (allocation->has_value() && **allocation != "fixed") {
    return Result<DesignSpec>::failure(fields->path("allocation") + " is \"" + **allocation +
                                       "\", expected \"fixed\" or \"thompson\"");
  }
  if (auto t = parse_thompson(*fields, spec); !t.ok()) return t.status();
  if (spec.min_weight * (spec.treatments + 1) > 1) {
    return Result<DesignSpec>::failure(fields->path("thompson.min_weight") + " x " +
                                       std::to_string(spec.treatments + 1) +
                                       " arms must not exceed 1");
  }
  auto seed = fields->optional_string("seed", 200);
  if (!seed.ok()) return seed.status();
  spec.seed = seed->value_or("");
  for (auto [key, slot] : {std::pair{"alpha", &spec.alpha}, std::pair{"power", &spec.power}}) {
    auto x = fields->optional_number(key, 1e-6, 0.999);
    if (!x.ok()) return x.status();
    if (x->has_value()) *slot = **x;
  }
  auto mde = fields->optional_number("mde", 0.001, 10);
  if (!mde.ok()) return mde.status();
  if (mde->has_value()) spec.mde = **mde;
  if (auto b = parse_baseline(*fields, spec); !b.ok()) return b.status();
  if (auto c = parse_cap(*fields, spec); !c.ok()) return c.status();
  if (const json::Value* bandit = fields->get("web_bandit")) {
    auto checked = config::parse_bandit(*bandit, fields->path("web_bandit"),
                                        static_cast<size_t>(spec.treatments) + 1);
    if (!checked.ok()) return checked.status();
    spec.web_bandit = *bandit;
  }
  return spec;
}

std::string_view send_status_name(SendStatus status) {
  switch (status) {
    case SendStatus::kAssigned: return "assigned";
    case SendStatus::kNoConsent: return "no_consent";
    case SendStatus::kCapped: return "capped";
    case SendStatus::kUnassigned: return "unassigned";
  }
  return "unassigned";
}

Result<Prior> prior_from_report(const json::Value& report) {
  using R = Result<Prior>;
  const json::Value* segments = report.find("segments");
  if (segments == nullptr || !segments->is_array()) {
    return R::failure("report.json: \"segments\" must be an array");
  }
  Prior prior;
  for (size_t s = 0; s < segments->as_array().size(); ++s) {
    const json::Value& segment = segments->as_array()[s];
    const std::string path = "report.json: segments[" + std::to_string(s) + "]";
    const json::Value* name = segment.find("name");
    const json::Value* arms = segment.find("arms");
    if (name == nullptr || !name->is_string() || arms == nullptr || !arms->is_array()) {
      return R::failure(path + " needs \"name\" and \"arms\"");
    }
    for (size_t a = 0; a < arms->as_array().size(); ++a) {
      const json::Value& arm = arms->as_array()[a];
      const json::Value* variant = arm.find("variant");
      const json::Value* sends = arm.find("sends");
      const json::Value* purchases = arm.find("purchases");
      const auto whole = [](const json::Value* v) {
        return v != nullptr && v->is_number() && v->as_number() >= 0 &&
               std::floor(v->as_number()) == v->as_number();
      };
      if (variant == nullptr || !variant->is_string() || !whole(sends) || !whole(purchases) ||
          purchases->as_number() > sends->as_number()) {
        return R::failure(path + ".arms[" + std::to_string(a) +
                          "] needs \"variant\" and whole \"sends\" >= \"purchases\" >= 0");
      }
      prior[name->as_string()][variant->as_string()] = {sends->as_number(),
                                                        purchases->as_number()};
    }
  }
  return prior;
}

Result<Design> make_design(const std::string& campaign, const dataset::Table& table,
                           const std::vector<uint32_t>& row_segment,
                           const std::vector<SegmentPlan>& segments, const DesignSpec& spec,
                           const Prior& prior) {
  using R = Result<Design>;
  const auto id_column = table.id_column();
  if (!id_column) return R::failure("the customer table has no id column to hash on");
  if (row_segment.size() != table.row_count()) {
    return R::failure("row_segment has " + std::to_string(row_segment.size()) +
                      " entries for " + std::to_string(table.row_count()) + " rows");
  }
  std::optional<size_t> cap_column;
  if (!spec.cap_column.empty()) {
    cap_column = table.find_column(spec.cap_column);
    if (!cap_column || table.column_type(*cap_column) != dataset::ColumnType::kInteger) {
      return R::failure("design.frequency_cap.column \"" + spec.cap_column +
                        "\" must name an integer column of the customer table");
    }
  }
  Design design;
  design.campaign = campaign;
  design.hash_attribute = table.column_name(*id_column);
  design.spec = spec;
  const std::string seed = spec.seed.empty() ? campaign : spec.seed;
  const size_t arms = static_cast<size_t>(spec.treatments) + 1;
  std::vector<std::vector<assign::BucketRange>> ranges;
  for (const SegmentPlan& plan : segments) {
    if (plan.arms.size() != arms) {
      return R::failure("segment \"" + plan.name + "\" has " + std::to_string(plan.arms.size()) +
                        " arms, the design asks for " + std::to_string(arms));
    }
    SegmentDesign s;
    s.plan = plan;
    s.experiment = campaign + "-" + plan.slug;
    s.seed = seed + ":" + plan.slug;
    s.weights = spec.weights;
    if (spec.allocation == Allocation::kThompson) {
      auto allocation = thompson_weights(spec, plan, prior);
      if (!allocation.ok()) return allocation.status();
      s.weights = allocation->weights;
      s.win_probability = allocation->win_probability;
    }
    s.arm_counts.assign(arms, 0);
    ranges.push_back(assign::bucket_ranges(static_cast<int>(arms), 1.0, &s.weights));
    design.segments.push_back(std::move(s));
  }
  design.rows.resize(table.row_count());
  for (size_t row = 0; row < table.row_count(); ++row) {
    const uint32_t seg = row_segment[row];
    if (seg >= segments.size()) {
      return R::failure("row " + std::to_string(row) + " is in segment " + std::to_string(seg) +
                        " of " + std::to_string(segments.size()));
    }
    SegmentDesign& s = design.segments[seg];
    Assignment& a = design.rows[row];
    a.segment = seg;
    ++s.customers;
    if (!table.may_contact(row)) {
      a.status = SendStatus::kNoConsent;
      ++s.no_consent;
      continue;
    }
    if (cap_column && !table.missing(row, *cap_column) &&
        table.integer(row, *cap_column) >= spec.cap_max) {
      a.status = SendStatus::kCapped;
      ++s.capped;
      continue;
    }
    const auto n = assign::hash(s.seed, table.text(row, *id_column), 2);
    const int arm = n ? assign::choose_variation(*n, ranges[seg]) : -1;
    if (arm < 0) {
      a.status = SendStatus::kUnassigned;
      ++s.unassigned;
      continue;
    }
    a.status = SendStatus::kAssigned;
    a.arm = arm;
    ++s.arm_counts[static_cast<size_t>(arm)];
  }
  const size_t comparisons = segments.size() * static_cast<size_t>(spec.treatments);
  for (SegmentDesign& s : design.segments) {
    const size_t eligible = s.customers - s.no_consent - s.capped;
    s.power = check_power(spec, s.weights, eligible, comparisons);
    if (s.power.underpowered) {
      std::string warning = "segment \"" + s.plan.name + "\" is underpowered: about " +
                            json::number_to_string(std::floor(s.power.expected_per_arm)) +
                            " customers per arm, " +
                            json::number_to_string(s.power.required_per_arm) +
                            " needed to detect a " + json::number_to_string(spec.mde * 100) +
                            "% relative change in " + spec.baseline_metric + " (power " +
                            json::number_to_string(std::round(s.power.achieved_power * 100)) +
                            "%)";
      design.warnings.push_back(std::move(warning));
    }
  }
  return design;
}

json::Value design_to_json(const Design& design) {
  json::Array segments;
  for (const SegmentDesign& s : design.segments) {
    json::Array arms;
    for (size_t i = 0; i < s.plan.arms.size(); ++i) {
      arms.push_back(json::Value::object({
          {"variant", s.plan.arms[i].variant},
          {"variantId", s.plan.arms[i].variant_id.empty() ? json::Value()
                                                           : json::Value(s.plan.arms[i].variant_id)},
          {"contentHash", s.plan.arms[i].content_hash.empty()
                              ? json::Value()
                              : json::Value(s.plan.arms[i].content_hash)},
          {"weight", s.weights[i]},
          {"winProbability",
           s.win_probability.empty() ? json::Value() : json::Value(s.win_probability[i])},
          {"assigned", static_cast<double>(s.arm_counts[i])},
      }));
    }
    json::Value power = json::Value::object({
        {"expectedPerArm", s.power.expected_per_arm},
        {"requiredPerArm", s.power.required_per_arm},
        {"achievedPower", s.power.achieved_power},
        {"detectableRelativeEffect", s.power.detectable_relative_effect
                                         ? json::Value(*s.power.detectable_relative_effect)
                                         : json::Value()},
        {"underpowered", s.power.underpowered},
    });
    segments.push_back(json::Value::object({
        {"segment", s.plan.name},
        {"slug", s.plan.slug},
        {"experiment", s.experiment},
        {"seed", s.seed},
        {"customers", static_cast<double>(s.customers)},
        {"noConsent", static_cast<double>(s.no_consent)},
        {"capped", static_cast<double>(s.capped)},
        {"unassigned", static_cast<double>(s.unassigned)},
        {"arms", json::Value(std::move(arms))},
        {"power", std::move(power)},
    }));
  }
  json::Array weights;
  for (double w : design.spec.weights) weights.push_back(w);
  json::Array warnings;
  for (const std::string& w : design.warnings) warnings.push_back(w);
  json::Value thompson;
  if (design.spec.allocation == Allocation::kThompson) {
    thompson = json::Value::object({{"controlFloor", design.spec.control_floor},
                                    {"minWeight", design.spec.min_weight},
                                    {"draws", design.spec.draws},
                                    {"seed", static_cast<double>(design.spec.thompson_seed)}});
  }
  json::Value out = json::Value::object({
      {"campaign", design.campaign},
      {"hashAttribute", design.hash_attribute},
      {"hashVersion", 2},
      {"allocation", design.spec.allocation == Allocation::kThompson ? "thompson" : "fixed"},
      {"treatments", design.spec.treatments},
      {"weights", json::Value(std::move(weights))},
      {"thompson", std::move(thompson)},
      {"alpha", design.spec.alpha},
      {"power", design.spec.power},
      {"mde", design.spec.mde},
      {"baseline", json::Value::object({{"metric", design.spec.baseline_metric},
                                        {"rate", design.spec.baseline_rate}})},
      {"frequencyCap", design.spec.cap_column.empty()
                           ? json::Value()
                           : json::Value::object(
                                 {{"column", design.spec.cap_column},
                                  {"max", static_cast<double>(design.spec.cap_max)}})},
      {"segments", json::Value(std::move(segments))},
      {"warnings", json::Value(std::move(warnings))},
  });
  // Only when declared, so the hashes of designs without one stay what they were. The
  // approver approves it with the rest: it is in the hashed document.
  if (!design.spec.web_bandit.is_null()) out.set("webBandit", design.spec.web_bandit);
  return out;
}

Result<std::string> design_hash(const json::Value& design_json) {
  auto canonical = audit::canonical_json(design_json);
  if (!canonical.ok()) return canonical.status();
  return audit::sha256_hex(*canonical);
}

}  // namespace tailor::campaign
