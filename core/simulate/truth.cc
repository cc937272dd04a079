#include "core/simulate/truth.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "core/json/js.h"
#include "core/text/civil.h"

namespace tailor::simulate {
namespace {

using json::Value;

constexpr size_t kMaxEntries = 200;
constexpr double kMaxSeed = 9007199254740991.0;  // 2^53 - 1

std::string got(const Value& v) {
  if (v.is_string()) return json::quoted(v.as_string());
  return json::stringify(v);
}

std::string keyed(std::string_view path, std::string_view key) {
  return std::string(path) + "[" + json::quoted(key) + "]";
}

Status fail(const std::string& path, std::string_view what, const Value& v) {
  return Status::invalid_argument(path + " must be " + std::string(what) + ", got " + got(v));
}

// kInvalidArgument when `v` has a member outside `valid`.
Status check_members(const Value& v, const std::string& path,
                     std::initializer_list<std::string_view> valid) {
  for (const auto& [key, _] : v.as_object()) {
    if (std::find(valid.begin(), valid.end(), key) != valid.end()) continue;
    std::string list;
    for (auto name : valid) list += (list.empty() ? "" : ", ") + std::string(name);
    return Status::invalid_argument(path + " has an unknown member " + json::quoted(key) +
                                    "; valid members are " + list);
  }
  return {};
}

// A finite number member; `fallback` when absent or null.
Status number_member(const Value& object, std::string_view name, const std::string& path,
                     double& out, double fallback) {
  const Value* v = object.find(name);
  if (!v || v->is_null()) {
    out = fallback;
    return {};
  }
  if (!v->is_number() || !std::isfinite(v->as_number())) {
    return fail(path + "." + std::string(name), "a finite number", *v);
  }
  out = v->as_number();
  return {};
}

Status effect_members(const Value& object, const std::string& path, Effect& e) {
  if (auto s = number_member(object, "open", path, e.open, 0); !s) return s;
  if (auto s = number_member(object, "click", path, e.click, 0); !s) return s;
  if (auto s = number_member(object, "purchase", path, e.purchase, 0); !s) return s;
  return number_member(object, "unsubscribe", path, e.unsubscribe, 0);
}

Status parse_base(const Value& v, const std::string& path, Base& base) {
  if (!v.is_object()) {
    return fail(path, "an object {open, click, purchase, unsubscribe, revenue, revenue_sigma?}", v);
  }
  if (auto s = check_members(
          v, path, {"open", "click", "purchase", "unsubscribe", "revenue", "revenue_sigma"});
      !s) {
    return s;
  }
  struct Probability {
    std::string_view name;
    double* out;
  };
  for (auto [name, out] :
       {Probability{"open", &base.open}, Probability{"click", &base.click},
        Probability{"purchase", &base.purchase}, Probability{"unsubscribe", &base.unsubscribe}}) {
    const Value* p = v.find(name);
    const std::string at = path + "." + std::string(name);
    if (!p || p->is_null()) return Status::invalid_argument(at + " is required: a probability");
    if (!p->is_number() || !(p->as_number() > 0 && p->as_number() < 1)) {
      return fail(at, "a probability between 0 and 1 (exclusive)", *p);
    }
    *out = p->as_number();
  }
  const Value* revenue = v.find("revenue");
  if (!revenue || revenue->is_null()) {
    return Status::invalid_argument(path + ".revenue is required: the mean revenue of a purchase");
  }
  if (!revenue->is_number() || !(revenue->as_number() > 0) ||
      !std::isfinite(revenue->as_number())) {
    return fail(path + ".revenue", "a number > 0", *revenue);
  }
  base.revenue = revenue->as_number();
  if (auto s = number_member(v, "revenue_sigma", path, base.revenue_sigma, 0.5); !s) return s;
  if (base.revenue_sigma < 0 || base.revenue_sigma > 3) {
    return fail(path + ".revenue_sigma", "a number from 0 to 3", *v.find("revenue_sigma"));
  }
  return {};
}

// Checks that `v` is an object of at most kMaxEntries members of objects.
Status entries(const Value& v, const std::string& path, std::string_view what) {
  if (!v.is_object()) return fail(path, "an object of " + std::string(what), v);
  if (v.as_object().size() > kMaxEntries) {
    return Status::invalid_argument(path + " has " + std::to_string(v.as_object().size()) +
                                    " members; at most " + std::to_string(kMaxEntries) +
                                    " are allowed");
  }
  return {};
}

bool known_strategy(std::string_view name) {
  return std::find(std::begin(kStrategies), std::end(kStrategies), name) != std::end(kStrategies);
}

Status unknown_strategy(const std::string& path, std::string_view name) {
  return Status::invalid_argument(path + " names the strategy " + json::quoted(name) +
                                  "; valid strategies are benefit, social_proof, loyalty, "
                                  "urgency");
}

Status parse_segments(const Value& v, const std::string& path, std::vector<SegmentTruth>& out) {
  if (auto s = entries(v, path, "segments by display name"); !s) return s;
  for (const auto& [name, seg] : v.as_object()) {
    const std::string at = keyed(path, name);
    if (!seg.is_object()) {
      return fail(at, "an object {open?, click?, purchase?, unsubscribe?, revenue?, strategies?}",
                  seg);
    }
    if (auto s = check_members(
            seg, at, {"open", "click", "purchase", "unsubscribe", "revenue", "strategies"});
        !s) {
      return s;
    }
    SegmentTruth t;
    t.name = name;
    if (auto s = effect_members(seg, at, t.effect); !s) return s;
    if (const Value* r = seg.find("revenue"); r && !r->is_null()) {
      if (!r->is_number() || !(r->as_number() > 0) || !std::isfinite(r->as_number())) {
        return fail(at + ".revenue", "a number > 0", *r);
      }
      t.revenue = r->as_number();
    }
    if (const Value* st = seg.find("strategies"); st && !st->is_null()) {
      const std::string sp = at + ".strategies";
      if (!st->is_object()) return fail(sp, "an object of strategy log-odds shifts", *st);
      for (const auto& [strategy, shift] : st->as_object()) {
        if (!known_strategy(strategy)) return unknown_strategy(sp, strategy);
        if (!shift.is_number() || !std::isfinite(shift.as_number())) {
          return fail(keyed(sp, strategy), "a finite number (a log-odds shift)", shift);
        }
        t.strategies.emplace_back(strategy, shift.as_number());
      }
    }
    out.push_back(std::move(t));
  }
  return {};
}

Status parse_strategies(const Value& v, const std::string& path, std::vector<StrategyTruth>& out) {
  if (auto s = entries(v, path, "strategy effects"); !s) return s;
  for (const auto& [name, effect] : v.as_object()) {
    const std::string at = keyed(path, name);
    if (!known_strategy(name)) return unknown_strategy(path, name);
    if (!effect.is_object())
      return fail(at, "an object {open?, click?, purchase?, unsubscribe?}", effect);
    if (auto s = check_members(effect, at, {"open", "click", "purchase", "unsubscribe"}); !s) {
      return s;
    }
    StrategyTruth t;
    t.name = name;
    if (auto s = effect_members(effect, at, t.effect); !s) return s;
    out.push_back(std::move(t));
  }
  return {};
}

Status parse_attributes(const Value& v, const std::string& path, std::vector<AttributeTruth>& out) {
  if (auto s = entries(v, path, "attribute effects by column name"); !s) return s;
  for (const auto& [column, a] : v.as_object()) {
    const std::string at = keyed(path, column);
    if (column.empty()) return Status::invalid_argument(path + " has an empty column name");
    if (!a.is_object()) {
      return fail(at,
                  "an object {center?, scale?, open?, click?, purchase?, unsubscribe?, "
                  "uplift?}",
                  a);
    }
    if (auto s = check_members(
            a, at, {"center", "scale", "open", "click", "purchase", "unsubscribe", "uplift"});
        !s) {
      return s;
    }
    AttributeTruth t;
    t.column = column;
    if (auto s = number_member(a, "center", at, t.center, 0); !s) return s;
    if (auto s = number_member(a, "scale", at, t.scale, 1); !s) return s;
    if (!(t.scale > 0)) return fail(at + ".scale", "a number > 0", *a.find("scale"));
    if (auto s = effect_members(a, at, t.effect); !s) return s;
    if (auto s = number_member(a, "uplift", at, t.uplift, 0); !s) return s;
    out.push_back(std::move(t));
  }
  return {};
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
double logit(double p) { return std::log(p / (1 - p)); }

}  // namespace

const SegmentTruth* Truth::segment(std::string_view name) const {
  for (const auto& s : segments) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const StrategyTruth* Truth::strategy(std::string_view name) const {
  for (const auto& s : strategies) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::optional<int64_t> parse_utc_time(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't') ||
      t[13] != ':' || t[16] != ':' || (t[19] != 'Z' && t[19] != 'z')) {
    return std::nullopt;
  }
  auto digits = [&](size_t at, size_t n) -> int {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
  const int h = digits(11, 2), mi = digits(14, 2), s = digits(17, 2);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 ||
      s > 59) {
    return std::nullopt;
  }
  const auto days = text::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  // A day past the month's end comes back as another month.
  if (text::civil_from_days(days).day != static_cast<unsigned>(d)) return std::nullopt;
  return ((days * 24 + h) * 60 + mi) * 60000 + s * 1000;
}

Result<Truth> parse_truth(const json::Value& v, std::string_view path_view) {
  const std::string path(path_view);
  Truth truth;
  if (!v.is_object())
    return fail(path,
                "an object {seed, start, days?, base, segments?, "
                "strategies?, attributes?}",
                v);
  if (auto s = check_members(
          v, path, {"seed", "start", "days", "base", "segments", "strategies", "attributes"});
      !s) {
    return s;
  }
  const Value* seed = v.find("seed");
  if (!seed || seed->is_null()) {
    return Result<Truth>::failure(path + ".seed is required: a whole number from 0 to 2^53-1");
  }
  if (!seed->is_number() || !(seed->as_number() >= 0 && seed->as_number() <= kMaxSeed) ||
      std::floor(seed->as_number()) != seed->as_number()) {
    return fail(path + ".seed", "a whole number from 0 to 9007199254740991", *seed);
  }
  truth.seed = static_cast<uint64_t>(seed->as_number());

  const Value* start = v.find("start");
  if (!start || start->is_null()) {
    return Result<Truth>::failure(path +
                                  ".start is required: the send time, an RFC 3339 UTC "
                                  "time like 2026-12-01T09:00:00Z");
  }
  std::optional<int64_t> start_ms =
      start->is_string() ? parse_utc_time(start->as_string()) : std::nullopt;
  if (!start_ms) {
    return fail(path + ".start", "an RFC 3339 UTC time like 2026-12-01T09:00:00Z", *start);
  }
  truth.start = start->as_string();
  truth.start_ms = *start_ms;

  if (const Value* days = v.find("days"); days && !days->is_null()) {
    if (!days->is_number() || !(days->as_number() >= 1 && days->as_number() <= 90) ||
        std::floor(days->as_number()) != days->as_number()) {
      return fail(path + ".days", "a whole number from 1 to 90", *days);
    }
    truth.days = static_cast<int>(days->as_number());
  }

  const Value* base = v.find("base");
  if (!base || base->is_null()) {
    return Result<Truth>::failure(path +
                                  ".base is required: {open, click, purchase, "
                                  "unsubscribe, revenue}");
  }
  if (auto s = parse_base(*base, path + ".base", truth.base); !s) return s;
  if (const Value* m = v.find("segments"); m && !m->is_null()) {
    if (auto s = parse_segments(*m, path + ".segments", truth.segments); !s) return s;
  }
  if (const Value* m = v.find("strategies"); m && !m->is_null()) {
    if (auto s = parse_strategies(*m, path + ".strategies", truth.strategies); !s) return s;
  }
  if (const Value* m = v.find("attributes"); m && !m->is_null()) {
    if (auto s = parse_attributes(*m, path + ".attributes", truth.attributes); !s) return s;
  }
  return truth;
}

ArmTerms arm_terms(const Truth& truth, std::string_view segment, std::string_view arm) {
  ArmTerms t;
  t.treated = arm != kControl;
  const SegmentTruth* seg = truth.segment(segment);
  const StrategyTruth* strategy = t.treated ? truth.strategy(arm) : nullptr;
  t.eta = {logit(truth.base.open), logit(truth.base.click), logit(truth.base.purchase),
           logit(truth.base.unsubscribe)};
  auto add = [&t](const Effect& e) {
    t.eta.open += e.open;
    t.eta.click += e.click;
    t.eta.purchase += e.purchase;
    t.eta.unsubscribe += e.unsubscribe;
  };
  if (seg) {
    add(seg->effect);
    if (t.treated) {
      for (const auto& [name, shift] : seg->strategies) {
        if (name == arm) t.shared += shift;
      }
    }
  }
  if (strategy) add(strategy->effect);
  t.revenue_mean = seg && seg->revenue ? *seg->revenue : truth.base.revenue;
  return t;
}

Probabilities evaluate(const Truth& truth, const ArmTerms& terms, std::span<const double> z) {
  Effect eta = terms.eta;
  double shared = terms.shared;
  for (size_t k = 0; k < truth.attributes.size() && k < z.size(); ++k) {
    const AttributeTruth& a = truth.attributes[k];
    eta.open += a.effect.open * z[k];
    eta.click += a.effect.click * z[k];
    eta.purchase += a.effect.purchase * z[k];
    eta.unsubscribe += a.effect.unsubscribe * z[k];
    if (terms.treated) shared += a.uplift * z[k];
  }
  Probabilities p;
  p.open = sigmoid(eta.open + shared);
  p.click = sigmoid(eta.click + shared);
  p.purchase = sigmoid(eta.purchase + shared);
  p.unsubscribe = sigmoid(eta.unsubscribe);
  p.revenue_mean = terms.revenue_mean;
  return p;
}

Probabilities probabilities(const Truth& truth, std::string_view segment, std::string_view arm,
                            std::span<const double> z) {
  return evaluate(truth, arm_terms(truth, segment, arm), z);
}

std::string planted_best_strategy(const Truth& truth, std::string_view segment,
                                  std::span<const std::string> arms) {
  const std::vector<double> z(truth.attributes.size(), 0.0);
  std::string best;
  double best_conversion = -1;
  for (const auto& arm : arms) {
    const double c = probabilities(truth, segment, arm, z).conversion();
    if (c > best_conversion) {
      best_conversion = c;
      best = arm;
    }
  }
  return best;
}

std::string planted_best_strategy(const Truth& truth, std::string_view segment) {
  std::vector<std::string> arms{std::string(kControl)};
  for (auto s : kStrategies) arms.emplace_back(s);
  return planted_best_strategy(truth, segment, arms);
}

std::vector<std::string> planted_attribute_ranking(const Truth& truth) {
  std::vector<const AttributeTruth*> order;
  for (const auto& a : truth.attributes) order.push_back(&a);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    const double x = std::fabs(a->uplift), y = std::fabs(b->uplift);
    return x != y ? x > y : a->column < b->column;
  });
  std::vector<std::string> out;
  for (const auto* a : order) out.push_back(a->column);
  return out;
}

}  // namespace tailor::simulate
