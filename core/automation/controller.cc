#include "core/automation/controller.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/bandit/thompson.h"
#include "core/json/js.h"
#include "core/stats/sequential.h"
#include "core/stats/srm.h"

namespace tailor::automation {
namespace {

using config::AutomatedExperiment;
using config::MetricType;
using json::Value;

std::string fmt(double x) {
  if (!std::isfinite(x)) return x > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

Value num(double x) { return std::isfinite(x) ? Value(x) : Value(); }

Value array(const std::vector<double>& xs) {
  json::Array a;
  for (double x : xs) a.push_back(num(x));
  return Value(std::move(a));
}

std::string list(const std::vector<double>& xs) {
  std::string out = "[";
  for (size_t i = 0; i < xs.size(); ++i) out += (i ? ", " : "") + fmt(xs[i]);
  return out + "]";
}

double sum(const std::vector<double>& xs) {
  double s = 0;
  for (double x : xs) s += x;
  return s;
}

bool same_allocation(double c1, const std::vector<double>& w1, double c2,
                     const std::vector<double>& w2) {
  if (std::fabs(c1 - c2) > 1e-9 || w1.size() != w2.size()) return false;
  for (size_t i = 0; i < w1.size(); ++i) {
    if (std::fabs(w1[i] - w2[i]) > 1e-9) return false;
  }
  return true;
}

Decision hold(const State& s, std::string rule, std::string reason,
              Value numbers = Value::empty_object()) {
  Decision d;
  d.state = s;
  d.rule = std::move(rule);
  d.reason = std::move(reason);
  d.numbers = std::move(numbers);
  return d;
}

// The allocation changes to (coverage, weights) from now on.
void reallocate(State& s, double coverage, std::vector<double> weights, double now_ms) {
  s.coverage = coverage;
  s.weights = std::move(weights);
  s.periods.push_back(Period{now_ms, s.coverage, s.weights});
}

void enter_stage(const config::RolloutPlan& plan, State& s, int stage, double units,
                 double now_ms) {
  const config::RolloutStage& st = plan.stages[static_cast<size_t>(stage)];
  s.stage = stage;
  s.stage_started_ms = now_ms;
  s.stage_start_units = units;
  reallocate(s, st.has_coverage ? st.coverage : s.coverage,
             st.has_coverage ? s.weights : st.weights, now_ms);
}

Result<stats::ArmSummary> summary(const stats::MeanStats& m, MetricType type) {
  if (type == MetricType::kBinomial) return stats::summarize(stats::ProportionStats{m.n, m.sum});
  return stats::summarize(m);
}

std::string arm_name(size_t i) { return "variation " + std::to_string(i); }

Decision bandit_step(const AutomatedExperiment& e, const State& state, const Observations& obs,
                     double now_ms, std::uint64_t seed, int draws) {
  const config::BanditSpec& b = e.bandit;
  const size_t k = e.variations;
  const double units = sum(obs.units);
  if (units < b.burn_in_exposures) {
    Value n = Value::empty_object();
    n.set("units", num(units));
    n.set("burnInExposures", num(b.burn_in_exposures));
    return hold(state, "bandit.burn_in",
                "burn-in: " + fmt(units) + " of " + fmt(b.burn_in_exposures) + " units exposed",
                std::move(n));
  }
  if (!obs.units_by_period.empty()) {
    std::vector<std::vector<double>> weights;
    for (const Period& p : state.periods) weights.push_back(p.weights);
    auto srm = stats::srm_check_by_period(obs.units_by_period, weights);
    if (!srm.ok()) return hold(state, "bandit.srm", "SRM not computable: " + srm.error());
    if (srm->mismatch) {
      Value n = Value::empty_object();
      n.set("chi2", num(srm->chi2));
      n.set("dof", num(srm->dof));
      n.set("pValue", num(srm->p_value));
      return hold(state, "bandit.srm",
                  "sample-ratio mismatch (chi2 " + fmt(srm->chi2) + ", p " + fmt(srm->p_value) +
                      " < 0.001): weights are held until assignment is explained",
                  std::move(n));
    }
  }
  bandit::ThompsonOptions options;
  options.seed = seed ^ (0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(state.reallocations + 1));
  options.draws = draws;
  options.control_floor = b.control_floor;
  options.min_weight = b.min_weight;
  Result<bandit::Allocation> alloc = Status::internal("unset");
  if (b.metric_type == MetricType::kBinomial) {
    std::vector<bandit::BernoulliArm> arms;
    for (size_t i = 0; i < k; ++i) arms.push_back({obs.metric[i].n, obs.metric[i].sum});
    alloc = bandit::thompson_bernoulli(arms, options);
  } else {
    std::vector<bandit::GaussianArm> arms;
    for (size_t i = 0; i < k; ++i) {
      arms.push_back({obs.metric[i].n, obs.metric[i].sum, obs.metric[i].sum_squares});
    }
    alloc = bandit::thompson_gaussian(arms, options);
  }
  if (!alloc.ok()) {
    return hold(state, "bandit.too_few_units", "weights not computable: " + alloc.error());
  }
  Value n = Value::empty_object();
  n.set("units", array(obs.units));
  std::vector<double> means;
  for (size_t i = 0; i < k; ++i) {
    means.push_back(obs.metric[i].n > 0 ? obs.metric[i].sum / obs.metric[i].n : 0);
  }
  n.set("means", array(means));
  n.set("chanceToWin", array(alloc->win_probability));

  const auto& p = alloc->win_probability;
  const size_t best = static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin());
  if (b.chance_to_win > 0 && p[best] >= b.chance_to_win) {
    // Promotion also needs the always-valid test: the winner above every other arm.
    stats::TestOptions t;
    t.alpha = (1 - b.chance_to_win) / static_cast<double>(k - 1);
    t.relative = false;
    auto winner = summary(obs.metric[best], b.metric_type);
    bool all = winner.ok();
    json::Array tests;
    for (size_t j = 0; j < k && all; ++j) {
      if (j == best) continue;
      auto other = summary(obs.metric[j], b.metric_type);
      if (!other.ok()) {
        all = false;
        break;
      }
      auto r = stats::sequential_test(*other, *winner, t, b.sequential_tuning);
      if (!r.ok()) {
        all = false;
        break;
      }
      Value x = Value::empty_object();
      x.set("against", Value(static_cast<double>(j)));
      x.set("difference", num(r->effect));
      x.set("ciLower", num(r->ci_lower));
      x.set("ciUpper", num(r->ci_upper));
      x.set("pValue", num(r->p_value));
      tests.push_back(std::move(x));
      all = r->effect > 0 && r->p_value < t.alpha;
    }
    n.set("sequential", Value(std::move(tests)));
    n.set("alpha", num(t.alpha));
    if (all) {
      Decision d;
      d.action = Action::kPromote;
      d.state = state;
      d.state.status = "promoted";
      std::vector<double> w(k, 0);
      w[best] = 1;
      reallocate(d.state, state.coverage, std::move(w), now_ms);
      d.publish = true;
      d.rule = "bandit.stop_at";
      d.reason = arm_name(best) + " promoted: chance to win " + fmt(p[best]) + " >= " +
                 fmt(b.chance_to_win) + " and the sequential test puts it above every other " +
                 "arm at alpha " + fmt(t.alpha);
      n.set("winner", Value(static_cast<double>(best)));
      d.numbers = std::move(n);
      return d;
    }
  }
  Decision d;
  d.action = Action::kReallocate;
  d.state = state;
  d.state.reallocations += 1;
  reallocate(d.state, state.coverage, alloc->weights, now_ms);
  d.publish = true;
  d.rule = "bandit.reallocate";
  d.reason = "Thompson weights " + list(alloc->weights) + " from chance to win " + list(p) +
             " over " + fmt(units) + " units";
  n.set("weights", array(alloc->weights));
  d.numbers = std::move(n);
  return d;
}

Decision rollout_step(const AutomatedExperiment& e, const State& state, const Observations& obs,
                      double now_ms) {
  const config::RolloutPlan& plan = e.rollout;
  const size_t k = e.variations;
  const double units = sum(obs.units);
  // Bonferroni over every (guardrail, challenger) pair: each always-valid sequence runs at
  // alpha / (guardrails x challengers), so the chance that any of them ever rolls back a
  // harmless plan stays below the plan's alpha however often it is looked at.
  const double alpha =
      plan.alpha / static_cast<double>(std::max<size_t>(1, plan.guardrails.size() * (k - 1)));
  json::Array checked;
  for (size_t g = 0; g < plan.guardrails.size(); ++g) {
    const config::Guardrail& guard = plan.guardrails[g];
    auto control = summary(obs.guardrails[g][0], guard.metric_type);
    for (size_t i = 1; i < k; ++i) {
      auto arm = summary(obs.guardrails[g][i], guard.metric_type);
      Value c = Value::empty_object();
      c.set("metric", Value(guard.metric));
      c.set("variation", Value(static_cast<double>(i)));
      if (!control.ok() || !arm.ok()) {
        c.set("testable", Value(false));
        c.set("reason", Value(!control.ok() ? "control: " + control.error()
                                            : arm_name(i) + ": " + arm.error()));
        checked.push_back(std::move(c));
        continue;
      }
      stats::TestOptions t;
      t.alpha = alpha;
      t.relative = true;
      t.alternative =
          guard.higher_is_better ? stats::Alternative::kLess : stats::Alternative::kGreater;
      auto r = stats::sequential_test(*control, *arm, t, plan.sequential_tuning);
      if (!r.ok()) {
        c.set("testable", Value(false));
        c.set("reason", Value(r.error()));
        checked.push_back(std::move(c));
        continue;
      }
      const bool breach = guard.higher_is_better ? r->ci_upper < -guard.bound
                                                 : r->ci_lower > guard.bound;
      c.set("testable", Value(true));
      c.set("controlMean", num(control->mean));
      c.set("variationMean", num(arm->mean));
      c.set("lift", num(r->effect));
      c.set("ciLower", num(r->ci_lower));
      c.set("ciUpper", num(r->ci_upper));
      c.set("pValue", num(r->p_value));
      c.set("bound", num(guard.bound));
      c.set("alpha", num(alpha));
      c.set("breached", Value(breach));
      if (breach) {
        Decision d;
        d.action = Action::kRollback;
        d.state = state;
        d.state.status = "rolled_back";
        reallocate(d.state, 0, state.weights, now_ms);
        d.publish = true;
        d.rule = "rollout.guardrail";
        const std::string side = guard.higher_is_better ? "upper" : "lower";
        d.reason = "guardrail " + guard.metric + " breached at stage " +
                   std::to_string(state.stage + 1) + " of " +
                   std::to_string(plan.stages.size()) + ": " + arm_name(i) + " lift " +
                   fmt(r->effect) + ", always-valid " + side + " bound " +
                   fmt(guard.higher_is_better ? r->ci_upper : r->ci_lower) + " beyond " +
                   (guard.higher_is_better ? "-" : "+") + fmt(guard.bound) + " (control " +
                   fmt(control->mean) + ", variation " + fmt(arm->mean) + ", alpha " +
                   fmt(alpha) + ")";
        c.set("stage", Value(static_cast<double>(state.stage)));
        d.numbers = std::move(c);
        return d;
      }
      checked.push_back(std::move(c));
    }
  }
  const config::RolloutStage& st = plan.stages[static_cast<size_t>(state.stage)];
  const double stage_units = units - state.stage_start_units;
  const double minutes = (now_ms - state.stage_started_ms) / 60000.0;
  Value n = Value::empty_object();
  n.set("stage", Value(static_cast<double>(state.stage)));
  n.set("stageUnits", num(stage_units));
  n.set("minExposures", num(st.min_exposures));
  n.set("stageMinutes", num(minutes));
  n.set("minMinutes", num(st.min_minutes));
  n.set("guardrails", Value(std::move(checked)));
  if (stage_units < st.min_exposures || minutes < st.min_minutes) {
    return hold(state, "rollout.stage_conditions",
                "stage " + std::to_string(state.stage + 1) + " of " +
                    std::to_string(plan.stages.size()) + ": " + fmt(stage_units) + " of " +
                    fmt(st.min_exposures) + " units, " + fmt(minutes) + " of " +
                    fmt(st.min_minutes) + " minutes",
                std::move(n));
  }
  Decision d;
  d.state = state;
  d.numbers = std::move(n);
  if (static_cast<size_t>(state.stage) + 1 < plan.stages.size()) {
    d.action = Action::kAdvance;
    enter_stage(plan, d.state, state.stage + 1, units, now_ms);
    d.publish = true;
    d.rule = "rollout.advance";
    d.reason = "stage " + std::to_string(state.stage + 1) + " met (" + fmt(stage_units) +
               " units, " + fmt(minutes) + " minutes, no guardrail breached): stage " +
               std::to_string(state.stage + 2) + " serves coverage " + fmt(d.state.coverage) +
               ", weights " + list(d.state.weights);
  } else {
    d.action = Action::kComplete;
    d.state.status = "completed";
    d.rule = "rollout.complete";
    d.reason = "last stage met (" + fmt(stage_units) + " units, " + fmt(minutes) +
               " minutes, no guardrail breached): the rollout is complete";
  }
  return d;
}

std::string width_problem(const AutomatedExperiment& e, const State& s, const Observations& o) {
  const size_t k = e.variations;
  auto bad = [&](size_t n) { return n != k; };
  if (bad(o.units.size())) return "units has " + std::to_string(o.units.size()) + " arms";
  if (e.is_bandit && bad(o.metric.size())) return "metric has the wrong number of arms";
  if (!e.is_bandit) {
    if (o.guardrails.size() != e.rollout.guardrails.size()) return "guardrails do not match";
    for (const auto& g : o.guardrails) {
      if (bad(g.size())) return "a guardrail has the wrong number of arms";
    }
  }
  if (!o.units_by_period.empty() && o.units_by_period.size() != s.periods.size()) {
    return "units_by_period has " + std::to_string(o.units_by_period.size()) + " periods for " +
           std::to_string(s.periods.size());
  }
  return {};
}

}  // namespace

std::string_view action_name(Action a) {
  switch (a) {
    case Action::kHold: return "hold";
    case Action::kSync: return "sync";
    case Action::kReallocate: return "reallocate";
    case Action::kPromote: return "promote";
    case Action::kAdvance: return "advance";
    case Action::kComplete: return "complete";
    case Action::kRollback: return "rollback";
    case Action::kPause: return "pause";
    case Action::kResume: return "resume";
  }
  return "hold";
}

State initial_state(const AutomatedExperiment& e, double now_ms) {
  State s;
  s.declaration = e.declaration;
  s.coverage = e.coverage;
  s.weights = e.weights;
  s.stage_started_ms = now_ms;
  if (!e.is_bandit) {
    const config::RolloutStage& st = e.rollout.stages[0];
    if (st.has_coverage) s.coverage = st.coverage;
    else s.weights = st.weights;
  }
  s.periods.push_back(Period{now_ms, s.coverage, s.weights});
  return s;
}

Decision step(const AutomatedExperiment& e, const State& state, const Observations& obs,
              double now_ms, std::uint64_t seed, int draws) {
  if (state.paused) return hold(state, "operator.paused", "paused by an operator");
  if (!same_allocation(e.coverage, e.weights, state.coverage, state.weights)) {
    Decision d;
    d.action = Action::kSync;
    d.state = state;
    d.publish = true;
    d.rule = "controller.sync";
    d.reason = "served coverage " + fmt(e.coverage) + ", weights " + list(e.weights) +
               "; the plan's are coverage " + fmt(state.coverage) + ", weights " +
               list(state.weights);
    return d;
  }
  if (state.status != "running") {
    return hold(state, "controller.finished", "the plan is " + state.status);
  }
  const double interval_ms =
      60000.0 * (e.is_bandit ? e.bandit.interval_minutes : e.rollout.interval_minutes);
  if (state.last_evaluated_ms >= 0 && now_ms - state.last_evaluated_ms < interval_ms) {
    return hold(state, "controller.not_due", "next evaluation at " +
                                                 fmt(state.last_evaluated_ms + interval_ms));
  }
  State evaluated = state;
  evaluated.last_evaluated_ms = now_ms;
  if (std::string problem = width_problem(e, state, obs); !problem.empty()) {
    return hold(evaluated, "controller.observations", "observations do not fit: " + problem);
  }
  return e.is_bandit ? bandit_step(e, evaluated, obs, now_ms, seed, draws)
                     : rollout_step(e, evaluated, obs, now_ms);
}

Result<Decision> operate(const AutomatedExperiment& e, const State& state,
                         std::string_view action, double observed_units, double now_ms) {
  auto conflict = [](std::string m) { return Result<Decision>::failure(StatusCode::kConflict, m); };
  Decision d;
  d.state = state;
  d.rule = "operator." + std::string(action);
  if (action == "pause" || action == "resume") {
    const bool pause = action == "pause";
    if (state.paused == pause) return conflict(pause ? "already paused" : "not paused");
    d.action = pause ? Action::kPause : Action::kResume;
    d.state.paused = pause;
    d.reason = pause ? "paused by an operator" : "resumed by an operator";
    return d;
  }
  if (state.status != "running") {
    return conflict("the plan is " + state.status + "; only pause and resume apply");
  }
  if (action == "advance") {
    if (e.is_bandit) return conflict("a bandit has no stages to advance");
    if (static_cast<size_t>(state.stage) + 1 >= e.rollout.stages.size()) {
      return conflict("already at the last stage (" + std::to_string(state.stage + 1) + " of " +
                      std::to_string(e.rollout.stages.size()) + ")");
    }
    d.action = Action::kAdvance;
    enter_stage(e.rollout, d.state, state.stage + 1, observed_units, now_ms);
    d.publish = true;
    d.reason = "advanced by an operator to stage " + std::to_string(state.stage + 2) + " of " +
               std::to_string(e.rollout.stages.size());
  } else if (action == "rollback") {
    d.action = Action::kRollback;
    d.state.status = "rolled_back";
    reallocate(d.state, 0, state.weights, now_ms);
    d.publish = true;
    d.reason = "rolled back by an operator: coverage 0";
  } else {
    return Result<Decision>::failure("action \"" + std::string(action) +
                                     "\" is not one of pause, resume, advance, rollback");
  }
  d.numbers.set("stage", Value(static_cast<double>(d.state.stage)));
  d.numbers.set("units", num(observed_units));
  return d;
}

json::Value state_to_json(const State& s) {
  Value v = Value::empty_object();
  v.set("declaration", Value(s.declaration));
  v.set("status", Value(s.status));
  v.set("paused", Value(s.paused));
  v.set("stage", Value(static_cast<double>(s.stage)));
  v.set("stageStartedMs", Value(s.stage_started_ms));
  v.set("stageStartUnits", Value(s.stage_start_units));
  v.set("lastEvaluatedMs", Value(s.last_evaluated_ms));
  v.set("coverage", Value(s.coverage));
  v.set("weights", array(s.weights));
  v.set("reallocations", Value(static_cast<double>(s.reallocations)));
  json::Array periods;
  for (const Period& p : s.periods) {
    Value x = Value::empty_object();
    x.set("startMs", Value(p.start_ms));
    x.set("coverage", Value(p.coverage));
    x.set("weights", array(p.weights));
    periods.push_back(std::move(x));
  }
  v.set("periods", Value(std::move(periods)));
  return v;
}

Result<State> state_from_json(const json::Value& v) {
  using R = Result<State>;
  if (!v.is_object()) return R::failure("state: must be an object");
  auto number = [&](const Value& o, const char* name, double& out) {
    const Value* x = o.find(name);
    if (!x || !x->is_number()) return false;
    out = x->as_number();
    return true;
  };
  auto numbers = [&](const Value& o, const char* name, std::vector<double>& out) {
    const Value* x = o.find(name);
    if (!x || !x->is_array()) return false;
    for (const Value& e : x->as_array()) {
      if (!e.is_number()) return false;
      out.push_back(e.as_number());
    }
    return true;
  };
  State s;
  const Value* decl = v.find("declaration");
  const Value* status = v.find("status");
  const Value* paused = v.find("paused");
  const Value* periods = v.find("periods");
  double stage = 0, reallocations = 0;
  if (!decl || !decl->is_string()) return R::failure("state.declaration: must be a string");
  if (!status || !status->is_string()) return R::failure("state.status: must be a string");
  if (!paused || !paused->is_bool()) return R::failure("state.paused: must be true or false");
  if (!number(v, "stage", stage) || !number(v, "stageStartedMs", s.stage_started_ms) ||
      !number(v, "stageStartUnits", s.stage_start_units) ||
      !number(v, "lastEvaluatedMs", s.last_evaluated_ms) ||
      !number(v, "coverage", s.coverage) || !number(v, "reallocations", reallocations) ||
      !numbers(v, "weights", s.weights)) {
    return R::failure("state: a number member (stage, stageStartedMs, stageStartUnits, "
                      "lastEvaluatedMs, coverage, reallocations, weights) is missing");
  }
  if (!periods || !periods->is_array()) return R::failure("state.periods: must be an array");
  for (const Value& p : periods->as_array()) {
    Period x;
    if (!p.is_object() || !number(p, "startMs", x.start_ms) ||
        !number(p, "coverage", x.coverage) || !numbers(p, "weights", x.weights)) {
      return R::failure("state.periods: each must be {startMs, coverage, weights}");
    }
    s.periods.push_back(std::move(x));
  }
  s.declaration = decl->as_string();
  s.status = status->as_string();
  s.paused = paused->as_bool();
  s.stage = static_cast<int>(stage);
  s.reallocations = static_cast<int64_t>(reallocations);
  return s;
}

}  // namespace tailor::automation
