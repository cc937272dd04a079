// The controller of automated experiments (docs/experiments.md): one pure step that, given an
// experiment's declaration (config/automation.h), the state kept for it, the statistics of its
// stored events and the time, decides what to do next and says why with the numbers. The edge
// runs it on a schedule and publishes what it decides; tests run it on a simulated clock.
//
// Actions (each with a `rule` naming what fired and `numbers` holding what it fired on):
//   hold        nothing changes (not due, burn-in, too few units, stage conditions unmet,
//               sample-ratio mismatch, paused, finished)
//   sync        the served coverage/weights differ from the state's: publish the state's
//               (the first step of a new declaration, or after a publish that reset them)
//   reallocate  bandit: new Thompson weights (core/bandit), each >= minWeight
//   promote     bandit: the winner gets all traffic; its chance to win reached stopAt and the
//               always-valid sequential test (core/stats/sequential.h, two-sided, absolute
//               difference, alpha = (1 - chanceToWin)/(variations - 1)) puts it above every
//               other arm, so repeated looks keep the false-promotion rate below
//               1 - chanceToWin (docs/experiments.md, "Why promotion is honest")
//   advance     rollout: the stage's minimum units and minutes are met and no guardrail is
//               breached: the next stage's coverage or weights
//   complete    rollout: the last stage's conditions are met; the plan is done
//   rollback    rollout: a guardrail is breached — the one-sided always-valid confidence
//               sequence of the relative change (at alpha / (guardrails x challengers),
//               Bonferroni, so the plan's alpha bounds the chance of any false rollback)
//               lies entirely beyond the bound in the harmful direction; coverage becomes 0
//   pause / resume   operator actions (operate())
// Every action that changes the allocation starts a new period in the state (start time,
// coverage, weights), the periods results and SRM are computed over.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/automation.h"
#include "core/json/value.h"
#include "core/result.h"
#include "core/stats/sufficient.h"

namespace tailor::automation {

enum class Action {
  kHold,
  kSync,
  kReallocate,
  kPromote,
  kAdvance,
  kComplete,
  kRollback,
  kPause,
  kResume
};
// "hold", "sync", "reallocate", "promote", "advance", "complete", "rollback", "pause",
// "resume".
std::string_view action_name(Action a);

// A stretch of time with one allocation.
struct Period {
  double start_ms = 0;
  double coverage = 1;
  std::vector<double> weights;
};

// What the edge keeps per (SDK key, experiment key). Times are milliseconds since the epoch.
struct State {
  std::string declaration;         // AutomatedExperiment::declaration it runs
  std::string status = "running";  // running | promoted | completed | rolled_back
  bool paused = false;
  int stage = 0;  // rollout: index into stages
  double stage_started_ms = 0;
  double stage_start_units = 0;  // units exposed when the stage began
  double last_evaluated_ms = -1;
  double coverage = 1;
  std::vector<double> weights;
  std::vector<Period> periods;  // oldest first; the last is the current allocation
  int64_t reallocations = 0;    // seeds the bandit's draws: each reallocation differs
};

json::Value state_to_json(const State& s);
// Failure names the member that is missing or of the wrong type.
Result<State> state_from_json(const json::Value& v);

// The statistics of an experiment's stored events, arms indexed like its variations. A unit
// is a user; a unit's metric value is 0/1 (binomial: converted) or the sum of its values
// (mean), counted from its first exposure on (report/experiment.h's rules).
struct Observations {
  std::vector<double> units;                              // exposed units per arm
  std::vector<stats::MeanStats> metric;                   // the bandit's metric per arm
  std::vector<std::vector<stats::MeanStats>> guardrails;  // [guardrail][arm]
  // [period][arm]: units by the period of their first exposure, periods as in State (may be
  // empty: no SRM check).
  std::vector<std::vector<double>> units_by_period;
};

struct Decision {
  Action action = Action::kHold;
  State state;              // the state after the decision
  bool publish = false;     // the allocation changed: serve state.coverage / state.weights
  std::string rule;         // what fired: "bandit.burn_in", "rollout.guardrail", ...
  std::string reason;       // one sentence with the numbers
  json::Value numbers = json::Value::empty_object();
};

// Thompson draws per reallocation.
inline constexpr int kThompsonDraws = 10000;

// The state a new declaration starts from: stage 0 (a rollout) or the served weights (a
// bandit), one period from `now_ms`.
State initial_state(const config::AutomatedExperiment& e, double now_ms);

// One evaluation. `e` is the experiment as served now (its coverage and weights are compared
// with the state's), `seed` the deployment's bandit seed. Pure: the same input gives the same
// decision. Observations of the wrong width are a hold naming the problem. `draws` is the
// Thompson draws per reallocation (tests simulating thousands of steps use fewer).
Decision step(const config::AutomatedExperiment& e, const State& state,
              const Observations& obs, double now_ms, std::uint64_t seed,
              int draws = kThompsonDraws);

// Operator actions: "pause", "resume", "advance" (rollout: the next stage now) and "rollback"
// (coverage 0). `observed_units` is the units exposed so far (a new stage counts from there).
// Failure (kConflict) when the action does not apply: pausing a paused plan, advancing a
// bandit or past the last stage, anything but pause/resume on a finished plan.
Result<Decision> operate(const config::AutomatedExperiment& e, const State& state,
                         std::string_view action, double observed_units, double now_ms);

}  // namespace tailor::automation
