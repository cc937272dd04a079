#include "core/config/automation.h"

#include <cmath>
#include <initializer_list>

#include "core/json/js.h"

namespace tailor::config {
namespace {

using json::Value;

bool finite_number(const Value* v) {
  return v && v->is_number() && std::isfinite(v->as_number());
}

// Reads members one by one; the first problem is kept with its path.
class Reader {
 public:
  Reader(const Value& obj, std::string path) : obj_(obj), path_(std::move(path)) {}

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  void fail(std::string_view member, std::string_view what) {
    if (failed()) return;
    error_ = path_ + (member.empty() ? "" : "." + std::string(member)) + ": " + std::string(what);
  }
  // Members other than `known` are refused: a misspelt "minWieght" would otherwise be a
  // silent default.
  void only(std::initializer_list<std::string_view> known, std::string_view shape) {
    if (failed()) return;
    for (const auto& [name, v] : obj_.as_object()) {
      bool ok = false;
      for (std::string_view k : known) ok = ok || k == name;
      if (!ok) return fail(name, "is not a member of " + std::string(shape));
    }
  }
  // A number in [lo, hi]; `required` or else `fallback`.
  double number(const char* name, double lo, double hi, bool required, double fallback,
                std::string_view valid) {
    if (failed()) return fallback;
    const Value* v = obj_.find(name);
    if (!v) {
      if (required) fail(name, "is required: " + std::string(valid));
      return fallback;
    }
    if (!finite_number(v) || v->as_number() < lo || v->as_number() > hi) {
      fail(name, "must be " + std::string(valid));
      return fallback;
    }
    return v->as_number();
  }
  double count(const char* name, bool required) {
    double x = number(name, 0, 9007199254740992.0, required, 0, "a whole number >= 0");
    if (!failed() && std::floor(x) != x) fail(name, "must be a whole number >= 0");
    return x;
  }
  std::string string(const char* name) {
    if (failed()) return {};
    const Value* v = obj_.find(name);
    if (!v || !v->is_string() || v->as_string().empty()) {
      fail(name, "must be a non-empty string (an event name)");
      return {};
    }
    return v->as_string();
  }
  MetricType metric_type() {
    const Value* v = obj_.find("metricType");
    if (failed() || !v) return MetricType::kBinomial;
    if (v->is_string() && v->as_string() == "binomial") return MetricType::kBinomial;
    if (v->is_string() && v->as_string() == "mean") return MetricType::kMean;
    fail("metricType", "must be \"binomial\" (converted or not) or \"mean\" (sum of values)");
    return MetricType::kBinomial;
  }
  double interval() {
    return number("intervalMinutes", kMinIntervalMinutes, kMaxIntervalMinutes, true, 0,
                  "a number of minutes from 1/60 (one second) to 43200 (30 days)");
  }

 private:
  const Value& obj_;
  std::string path_;
  std::string error_;
};

Status weights_error(const Value& w, const std::string& path, size_t variations,
                     std::vector<double>& out) {
  if (!w.is_array()) return Status::invalid_argument(path + ": must be an array of numbers");
  if (w.as_array().size() != variations) {
    return Status::invalid_argument(path + ": has " + std::to_string(w.as_array().size()) +
                                    " entries for " + std::to_string(variations) +
                                    " variations");
  }
  double sum = 0;
  for (size_t i = 0; i < variations; ++i) {
    const Value& x = w.as_array()[i];
    if (!finite_number(&x) || x.as_number() < 0 || x.as_number() > 1) {
      return Status::invalid_argument(path + "[" + std::to_string(i) +
                                      "]: must be a number from 0 to 1");
    }
    out.push_back(x.as_number());
    sum += x.as_number();
  }
  if (std::fabs(sum - 1) > 1e-6) {
    return Status::invalid_argument(path + ": must sum to 1 (within 1e-6)");
  }
  return Status();
}

}  // namespace

Result<BanditSpec> parse_bandit(const Value& value, const std::string& path, size_t variations) {
  if (!value.is_object()) {
    return Result<BanditSpec>::failure(
        path + ": must be an object {metric, intervalMinutes, burnInExposures, minWeight, ...}");
  }
  if (variations < 2) {
    return Result<BanditSpec>::failure(path + ": a bandit needs at least 2 variations");
  }
  Reader r(value, path);
  r.only({"metric", "metricType", "intervalMinutes", "burnInExposures", "minWeight",
          "controlFloor", "sequentialTuning", "stopAt"},
         "a bandit (metric, metricType, intervalMinutes, burnInExposures, minWeight, "
         "controlFloor, sequentialTuning, stopAt)");
  BanditSpec b;
  b.metric = r.string("metric");
  b.metric_type = r.metric_type();
  b.interval_minutes = r.interval();
  b.burn_in_exposures = r.count("burnInExposures", true);
  const double k = static_cast<double>(variations);
  b.min_weight = r.number("minWeight", 0, 1 / k, true, 0,
                          "a number from 0 to 1/" + std::to_string(variations) + " (" +
                              std::to_string(variations) + " variations)");
  b.control_floor = r.number("controlFloor", 0, 1 - (k - 1) * b.min_weight, false, 0,
                             "a number from 0 to 1 - (variations - 1) x minWeight");
  if (!r.failed() && b.control_floor >= 1) r.fail("controlFloor", "must be below 1");
  b.sequential_tuning = r.number("sequentialTuning", 1, 1e12, false, 5000,
                                 "a number of units >= 1 (the expected sample size)");
  if (r.failed()) return Result<BanditSpec>::failure(r.error());
  if (const Value* stop = value.find("stopAt")) {
    const std::string at = path + ".stopAt";
    if (!stop->is_object()) return Result<BanditSpec>::failure(at + ": must be {chanceToWin}");
    Reader s(*stop, at);
    s.only({"chanceToWin"}, "stopAt (chanceToWin)");
    b.chance_to_win = s.number("chanceToWin", 0.5, 0.999999, true, 0,
                               "a probability above 0.5 and below 1 (0.95)");
    if (!s.failed() && b.chance_to_win <= 0.5) s.fail("chanceToWin", "must be above 0.5");
    if (s.failed()) return Result<BanditSpec>::failure(s.error());
  }
  return b;
}

Result<RolloutPlan> parse_rollout(const Value& value, const std::string& path,
                                  size_t variations) {
  if (!value.is_object()) {
    return Result<RolloutPlan>::failure(
        path + ": must be an object {intervalMinutes, stages, guardrails?, alpha?}");
  }
  if (variations < 2) {
    return Result<RolloutPlan>::failure(path + ": a rollout needs at least 2 variations");
  }
  Reader r(value, path);
  r.only({"intervalMinutes", "alpha", "sequentialTuning", "stages", "guardrails"},
         "a rollout (intervalMinutes, alpha, sequentialTuning, stages, guardrails)");
  RolloutPlan p;
  p.interval_minutes = r.interval();
  p.alpha = r.number("alpha", 1e-9, 0.4999, false, 0.05, "a number above 0 and below 0.5");
  p.sequential_tuning = r.number("sequentialTuning", 1, 1e12, false, 5000,
                                 "a number of units >= 1 (the expected sample size)");
  if (r.failed()) return Result<RolloutPlan>::failure(r.error());
  const Value* stages = value.find("stages");
  if (!stages || !stages->is_array() || stages->as_array().empty() ||
      stages->as_array().size() > kMaxRolloutStages) {
    return Result<RolloutPlan>::failure(path + ".stages: must be an array of 1 to " +
                                        std::to_string(kMaxRolloutStages) + " stages");
  }
  for (size_t i = 0; i < stages->as_array().size(); ++i) {
    const Value& s = stages->as_array()[i];
    const std::string at = path + ".stages[" + std::to_string(i) + "]";
    if (!s.is_object()) {
      return Result<RolloutPlan>::failure(
          at + ": must be an object {coverage or weights, minExposures?, minMinutes?}");
    }
    Reader sr(s, at);
    sr.only({"coverage", "weights", "minExposures", "minMinutes"},
            "a stage (coverage or weights, minExposures, minMinutes)");
    RolloutStage stage;
    stage.min_exposures = sr.count("minExposures", false);
    stage.min_minutes = sr.number("minMinutes", 0, kMaxIntervalMinutes * 12, false, 0,
                                  "a number of minutes >= 0");
    if (sr.failed()) return Result<RolloutPlan>::failure(sr.error());
    const Value* cov = s.find("coverage");
    const Value* w = s.find("weights");
    if ((cov != nullptr) == (w != nullptr)) {
      return Result<RolloutPlan>::failure(at + ": must have exactly one of coverage or weights");
    }
    if (cov) {
      stage.has_coverage = true;
      stage.coverage = sr.number("coverage", 0, 1, true, 0, "a number from 0 to 1");
      if (sr.failed()) return Result<RolloutPlan>::failure(sr.error());
      if (stage.coverage == 0) {
        return Result<RolloutPlan>::failure(at + ".coverage: must be above 0 (0 is a rollback)");
      }
    } else if (Status e = weights_error(*w, at + ".weights", variations, stage.weights);
               !e.ok()) {
      return Result<RolloutPlan>::failure(e.message());
    }
    p.stages.push_back(std::move(stage));
  }
  if (const Value* g = value.find("guardrails")) {
    if (!g->is_array() || g->as_array().size() > kMaxGuardrails) {
      return Result<RolloutPlan>::failure(path + ".guardrails: must be an array of at most " +
                                          std::to_string(kMaxGuardrails) + " guardrails");
    }
    for (size_t i = 0; i < g->as_array().size(); ++i) {
      const Value& x = g->as_array()[i];
      const std::string at = path + ".guardrails[" + std::to_string(i) + "]";
      if (!x.is_object()) {
        return Result<RolloutPlan>::failure(at + ": must be an object {metric, direction, bound}");
      }
      Reader gr(x, at);
      gr.only({"metric", "metricType", "direction", "bound"},
              "a guardrail (metric, metricType, direction, bound)");
      Guardrail guard;
      guard.metric = gr.string("metric");
      guard.metric_type = gr.metric_type();
      guard.bound = gr.number("bound", 0, 1e6, true, 0,
                              "a relative change >= 0 (0.1 = 10 % worse than control)");
      if (gr.failed()) return Result<RolloutPlan>::failure(gr.error());
      const Value* d = x.find("direction");
      if (!d || !d->is_string() ||
          (d->as_string() != "lowerIsBetter" && d->as_string() != "higherIsBetter")) {
        return Result<RolloutPlan>::failure(
            at + ".direction: must be \"lowerIsBetter\" or \"higherIsBetter\"");
      }
      guard.higher_is_better = d->as_string() == "higherIsBetter";
      p.guardrails.push_back(std::move(guard));
    }
  }
  return p;
}

namespace {

// Fills `out` from experiment `e` at `path`; false when it declares neither. Without `full`,
// only what the key check needs (validate() runs in the SDK's size-optimised module).
Result<bool> read_automated(const Value& e, const std::string& path, AutomatedExperiment& out,
                            bool full) {
  const Value* bandit = e.find("bandit");
  const Value* rollout = e.find("rollout");
  if (!bandit && !rollout) return false;
  const Value* variations = e.find("variations");
  out.variations = variations && variations->is_array() ? variations->as_array().size() : 0;
  out.path = path;
  if (bandit && rollout) {
    return Result<bool>::failure(path + ": declares both bandit and rollout; keep one");
  }
  if (!full) return true;
  if (bandit) {
    auto b = parse_bandit(*bandit, path + ".bandit", out.variations);
    if (!b.ok()) return b.status();
    out.is_bandit = true;
    out.bandit = std::move(b).value();
    out.declaration = json::stringify(*bandit);
  } else {
    auto r = parse_rollout(*rollout, path + ".rollout", out.variations);
    if (!r.ok()) return r.status();
    out.rollout = std::move(r).value();
    out.declaration = json::stringify(*rollout);
  }
  const Value* cov = e.find("coverage");
  out.coverage = finite_number(cov) ? cov->as_number() : 1;
  const Value* w = e.find("weights");
  out.weights.clear();
  if (w && w->is_array() && w->as_array().size() == out.variations) {
    for (const Value& x : w->as_array()) out.weights.push_back(x.as_number());
  } else {
    out.weights.assign(out.variations, 1.0 / static_cast<double>(out.variations));
  }
  return true;
}

Value allocated(Value e, double coverage, const std::vector<double>& weights) {
  e.set("coverage", Value(coverage));
  if (!weights.empty()) {
    json::Array w;
    for (double x : weights) w.push_back(Value(x));
    e.set("weights", Value(std::move(w)));
  }
  return e;
}

}  // namespace

namespace {

Result<std::vector<AutomatedExperiment>> walk(const Value& config, bool full) {
  std::vector<AutomatedExperiment> out;
  auto add = [&](AutomatedExperiment a) -> Status {
    for (const AutomatedExperiment& b : out) {
      if (b.key == a.key) {
        return Status::invalid_argument(a.path + ".key: \"" + a.key + "\" is automated at " +
                                        b.path + " already; automated experiments need " +
                                        "distinct keys");
      }
    }
    out.push_back(std::move(a));
    return Status();
  };
  if (const Value* exps = config.find("experiments"); exps && exps->is_array()) {
    for (size_t i = 0; i < exps->as_array().size(); ++i) {
      const Value& e = exps->as_array()[i];
      if (!e.is_object()) continue;
      AutomatedExperiment a;
      auto got = read_automated(e, "experiments[" + std::to_string(i) + "]", a, full);
      if (!got.ok()) return got.status();
      if (!*got) continue;
      const Value* key = e.find("key");
      a.key = key && key->is_string() ? key->as_string() : "";
      a.rule = i;
      if (Status s = add(std::move(a)); !s.ok()) return s;
    }
  }
  if (const Value* features = config.find("features"); features && features->is_object()) {
    for (const auto& [fkey, feature] : features->as_object()) {
      const Value* rules = feature.is_object() ? feature.find("rules") : nullptr;
      if (!rules || !rules->is_array()) continue;
      for (size_t i = 0; i < rules->as_array().size(); ++i) {
        const Value& r = rules->as_array()[i];
        if (!r.is_object() || !r.find("variations")) continue;
        std::string path = "features[";
        json::append_quoted(path, fkey);
        path += "].rules[" + std::to_string(i) + "]";
        AutomatedExperiment a;
        auto got = read_automated(r, path, a, full);
        if (!got.ok()) return got.status();
        if (!*got) continue;
        const Value* key = r.find("key");
        a.key = key && key->is_string() && !key->as_string().empty() ? key->as_string() : fkey;
        a.feature = fkey;
        a.rule = i;
        if (Status s = add(std::move(a)); !s.ok()) return s;
      }
    }
  }
  return out;
}

}  // namespace

Result<std::vector<AutomatedExperiment>> automated_experiments(const Value& config) {
  return walk(config, true);
}

Status check_automated_keys(const Value& config) {
  auto r = walk(config, false);
  return r.ok() ? Status() : r.status();
}

Result<Value> with_allocation(const Value& config, const AutomatedExperiment& where,
                              double coverage, const std::vector<double>& weights) {
  auto gone = [&] {
    return Result<Value>::failure(where.path + ": no longer an experiment with " +
                                  std::to_string(where.variations) + " variations");
  };
  auto fits = [&](const Value& e) {
    const Value* v = e.find("variations");
    return e.is_object() && v && v->is_array() && v->as_array().size() == where.variations &&
           (weights.empty() || weights.size() == where.variations);
  };
  Value out = config;
  if (where.feature.empty()) {
    const Value* exps = config.find("experiments");
    if (!exps || !exps->is_array() || where.rule >= exps->as_array().size()) return gone();
    json::Array list = exps->as_array();
    if (!fits(list[where.rule])) return gone();
    list[where.rule] = allocated(list[where.rule], coverage, weights);
    out.set("experiments", Value(std::move(list)));
    return out;
  }
  const Value* features = config.find("features");
  const Value* feature = features ? features->find(where.feature) : nullptr;
  const Value* rules = feature ? feature->find("rules") : nullptr;
  if (!rules || !rules->is_array() || where.rule >= rules->as_array().size()) return gone();
  json::Array list = rules->as_array();
  if (!fits(list[where.rule])) return gone();
  list[where.rule] = allocated(list[where.rule], coverage, weights);
  Value f = *feature;
  f.set("rules", Value(std::move(list)));
  Value fs = *features;
  fs.set(where.feature, std::move(f));
  out.set("features", std::move(fs));
  return out;
}

}  // namespace tailor::config
