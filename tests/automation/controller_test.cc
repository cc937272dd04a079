// The controller on a simulated clock with planted truth: a bandit converges to the planted
// best arm; an A/A bandit keeps every arm at or above minWeight and promotes no more often than
// its stated false-positive rate over many fixed seeds; a guardrail breach planted at stage 2
// of 4 rolls back; a clean rollout advances through every stage. Simulated users come from the
// core's seeded generator, so every run (native and wasm) is the same.
#include "core/automation/controller.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "core/bandit/random.h"
#include "core/json/js.h"
#include "core/json/parse.h"

namespace tailor::automation {
namespace {

constexpr double kMinute = 60000;

config::AutomatedExperiment automated(const std::string& config_json) {
  auto parsed = json::parse(config_json);
  REQUIRE(parsed.ok());
  auto list = config::automated_experiments(*parsed);
  REQUIRE(list.ok());
  REQUIRE(list->size() == 1);
  return (*list)[0];
}

// A simulated deployment: users arrive, the served allocation assigns them, their outcomes
// come from the planted rates, and the controller's decisions are "published" back.
struct Simulation {
  config::AutomatedExperiment e;
  State state;
  Observations obs;
  bandit::Rng rng;
  double now = 1.8e12;  // ms, any fixed start
  std::vector<Decision> changes;
  double min_weight_seen = 1;

  Simulation(config::AutomatedExperiment exp, std::uint64_t seed) : e(std::move(exp)), rng(seed) {
    const size_t k = e.variations;
    state = initial_state(e, now);
    obs.units.assign(k, 0);
    obs.metric.assign(k, {});
    obs.guardrails.assign(e.rollout.guardrails.size(), std::vector<stats::MeanStats>(k));
    obs.units_by_period.assign(1, std::vector<double>(k, 0));
  }

  // `users` arrive over one interval; arm i converts with rates[i] (bandit metric, or each
  // guardrail's metric when guard_rates is given).
  void arrive(int users, const std::vector<double>& rates,
              const std::vector<double>& guard_rates = {}) {
    for (int u = 0; u < users; ++u) {
      if (rng.uniform() >= e.coverage) continue;
      double x = rng.uniform(), acc = 0;
      size_t arm = e.variations - 1;
      for (size_t i = 0; i < e.variations; ++i) {
        acc += e.weights[i];
        if (x < acc) {
          arm = i;
          break;
        }
      }
      obs.units[arm] += 1;
      obs.units_by_period.back()[arm] += 1;
      auto add = [&](stats::MeanStats& m, double v) {
        m.n += 1;
        m.sum += v;
        m.sum_squares += v * v;
      };
      if (!rates.empty()) add(obs.metric[arm], rng.uniform() < rates[arm] ? 1 : 0);
      for (auto& g : obs.guardrails) add(g[arm], rng.uniform() < guard_rates[arm] ? 1 : 0);
    }
  }

  Decision tick(double minutes, std::uint64_t seed = 7, int draws = 1000) {
    now += minutes * kMinute;
    Decision d = step(e, state, obs, now, seed, draws);
    state = d.state;
    if (d.publish) {
      e.coverage = state.coverage;
      e.weights = state.weights;
      obs.units_by_period.push_back(std::vector<double>(e.variations, 0));
      changes.push_back(d);
      for (double w : state.weights) {
        if (d.action == Action::kReallocate) min_weight_seen = std::min(min_weight_seen, w);
      }
    }
    return d;
  }
};

const char* kBandit = R"({"experiments": [{"key": "subject-line", "variations": [0, 1, 2],
  "weights": [0.3, 0.35, 0.35],
  "bandit": {"metric": "purchase", "intervalMinutes": 60, "burnInExposures": 600,
             "minWeight": 0.05, "controlFloor": 0.3, "stopAt": {"chanceToWin": 0.95}}}]})";

TEST_CASE("a bandit's weights converge to the planted best arm, which is promoted",
          "[automation]") {
  Simulation sim(automated(kBandit), 11);
  const std::vector<double> truth = {0.05, 0.05, 0.10};
  int promoted_at = -1;
  for (int interval = 0; interval < 60 && promoted_at < 0; ++interval) {
    sim.arrive(1000, truth);
    Decision d = sim.tick(60);
    if (interval == 0) CHECK(d.action == Action::kReallocate);  // 1000 units > burn-in
    if (d.action == Action::kPromote) promoted_at = interval;
  }
  REQUIRE(promoted_at >= 0);
  const Decision& last = sim.changes.back();
  CHECK(last.numbers.find("winner")->as_number() == 2);
  CHECK(sim.state.status == "promoted");
  CHECK(sim.state.weights == std::vector<double>{0, 0, 1});
  // Before promotion the best arm already held most of the traffic.
  const Decision& before = sim.changes[sim.changes.size() - 2];
  REQUIRE(before.action == Action::kReallocate);
  CHECK(before.state.weights[2] > 0.5);
  CHECK(sim.min_weight_seen >= 0.05 - 1e-12);
  // A promoted plan holds from then on.
  sim.arrive(1000, truth);
  CHECK(sim.tick(60).action == Action::kHold);
}

TEST_CASE("the bandit holds during burn-in and reallocates after it", "[automation]") {
  Simulation sim(automated(kBandit), 5);
  sim.arrive(300, {0.1, 0.1, 0.1});
  Decision d = sim.tick(60);
  CHECK(d.action == Action::kHold);
  CHECK(d.rule == "bandit.burn_in");
  CHECK(d.numbers.find("burnInExposures")->as_number() == 600);
  sim.arrive(400, {0.1, 0.1, 0.1});
  CHECK(sim.tick(30).action == Action::kHold);  // not due: 30 of 60 minutes
  CHECK(sim.tick(30).action == Action::kReallocate);
  CHECK(sim.state.periods.size() == 2);
}

TEST_CASE("an A/A bandit keeps every arm >= minWeight and rarely promotes", "[automation]") {
  // Stated false-positive rate: 1 - chanceToWin = 5 %. 100 fixed seeds, 24 looks each; more
  // than 10 promotions would have probability 1.1 % even at exactly 5 %.
  int promotions = 0;
  double min_weight = 1;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    Simulation sim(automated(kBandit), 1000 + seed);
    for (int interval = 0; interval < 24; ++interval) {
      sim.arrive(500, {0.1, 0.1, 0.1});
      if (sim.tick(60, seed).action == Action::kPromote) {
        ++promotions;
        break;
      }
    }
    min_weight = std::min(min_weight, sim.min_weight_seen);
  }
  CHECK(promotions <= 10);
  CHECK(min_weight >= 0.05 - 1e-12);
}

const char* kRollout = R"({"features": {"checkout": {"defaultValue": "old", "rules": [
  {"key": "new-checkout", "variations": ["old", "new"], "coverage": 0.05,
   "rollout": {"intervalMinutes": 5, "alpha": 0.05,
     "stages": [{"coverage": 0.05, "minExposures": 300, "minMinutes": 30},
                {"coverage": 0.25, "minExposures": 300, "minMinutes": 30},
                {"coverage": 0.5, "minExposures": 300, "minMinutes": 30},
                {"coverage": 1, "minExposures": 300, "minMinutes": 30}],
     "guardrails": [{"metric": "unsubscribe", "direction": "lowerIsBetter", "bound": 0.1}]}}
]}}})";

TEST_CASE("a clean rollout advances through every stage and completes", "[automation]") {
  Simulation sim(automated(kRollout), 21);
  std::vector<double> coverages;
  for (int interval = 0; interval < 200 && sim.state.status == "running"; ++interval) {
    sim.arrive(2000, {}, {0.05, 0.05});
    Decision d = sim.tick(5);
    if (d.action == Action::kAdvance) {
      coverages.push_back(d.state.coverage);
      CHECK(d.numbers.find("stageMinutes")->as_number() >= 30);
      CHECK(d.numbers.find("stageUnits")->as_number() >= 300);
    }
    CHECK(d.action != Action::kRollback);
  }
  CHECK(coverages == std::vector<double>{0.25, 0.5, 1});
  CHECK(sim.state.status == "completed");
  CHECK(sim.changes.size() == 3);
}

TEST_CASE("a guardrail breach planted at stage 2 of 4 rolls back", "[automation]") {
  Simulation sim(automated(kRollout), 33);
  int rollback_interval = -1, stage2_interval = -1;
  for (int interval = 0; interval < 200 && sim.state.status == "running"; ++interval) {
    // The harm ships with stage 2: unsubscribes quadruple in the new variation.
    const bool harmed = sim.state.stage >= 1;
    if (harmed && stage2_interval < 0) stage2_interval = interval;
    sim.arrive(4000, {}, {0.02, harmed ? 0.08 : 0.02});
    Decision d = sim.tick(5);
    if (d.action == Action::kRollback) {
      rollback_interval = interval;
      CHECK(d.rule == "rollout.guardrail");
      CHECK(d.state.stage == 1);
      CHECK(d.numbers.find("metric")->as_string() == "unsubscribe");
      CHECK(d.numbers.find("ciLower")->as_number() > 0.1);
      CHECK(d.numbers.find("lift")->as_number() > 0.1);
      CHECK(d.reason.find("stage 2 of 4") != std::string::npos);
    }
  }
  REQUIRE(rollback_interval >= 0);
  REQUIRE(stage2_interval >= 0);
  CHECK(sim.state.status == "rolled_back");
  CHECK(sim.state.coverage == 0);
  CHECK(sim.e.coverage == 0);
  // Caught within a few intervals of the harm starting, before stage 3.
  CHECK(rollback_interval - stage2_interval <= 6);
}

const char* kAaRollout = R"({"experiments": [{"key": "aa", "variations": [0, 1, 2],
  "rollout": {"intervalMinutes": 5, "alpha": 0.05,
    "stages": [{"coverage": 1, "minExposures": 1000000000}],
    "guardrails": [{"metric": "unsubscribe", "direction": "lowerIsBetter", "bound": 0},
                   {"metric": "complaint", "direction": "lowerIsBetter", "bound": 0},
                   {"metric": "bounce", "direction": "lowerIsBetter", "bound": 0}]}}]})";

TEST_CASE("an A/A rollout with 3 guardrails and 2 challengers rarely rolls back",
          "[automation]") {
  // Six (guardrail, challenger) pairs, no harm anywhere, bound 0 (any harm counts), 30 looks
  // of 1,000 users each. The plan's alpha (5 %) bounds the chance of any false rollback:
  // over 200 fixed seeds, more than 18 would have probability 1.1 % even at exactly 5 %.
  // (Measured when written: 0 with the correction; 9 with each pair at the plan's alpha.)
  int rollbacks = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    Simulation sim(automated(kAaRollout), 5000 + seed);
    for (int look = 0; look < 30 && sim.state.status == "running"; ++look) {
      sim.arrive(1000, {}, {0.1, 0.1, 0.1});
      if (sim.tick(5).action == Action::kRollback) ++rollbacks;
    }
  }
  CHECK(rollbacks <= 18);
  // The breach record names the alpha each pair was tested at.
  Simulation harmed(automated(kAaRollout), 77);
  Decision d;
  for (int look = 0; look < 30 && harmed.state.status == "running"; ++look) {
    harmed.arrive(1000, {}, {0.1, 0.1, 0.3});
    d = harmed.tick(5);
  }
  REQUIRE(d.action == Action::kRollback);
  CHECK(d.numbers.find("alpha")->as_number() == Catch::Detail::Approx(0.05 / 6));
}

TEST_CASE("operators pause, resume, advance and roll back", "[automation]") {
  Simulation sim(automated(kRollout), 3);
  auto paused = operate(sim.e, sim.state, "pause", 0, sim.now);
  REQUIRE(paused.ok());
  CHECK(paused->action == Action::kPause);
  CHECK(operate(sim.e, paused->state, "pause", 0, sim.now).status().code() ==
        StatusCode::kConflict);
  sim.state = paused->state;
  sim.arrive(2000, {}, {0.05, 0.05});
  CHECK(sim.tick(60).rule == "operator.paused");
  sim.state = operate(sim.e, sim.state, "resume", 0, sim.now)->state;
  auto adv = operate(sim.e, sim.state, "advance", 120, sim.now);
  REQUIRE(adv.ok());
  CHECK(adv->publish);
  CHECK(adv->state.stage == 1);
  CHECK(adv->state.coverage == 0.25);
  CHECK(adv->state.stage_start_units == 120);
  auto back = operate(sim.e, adv->state, "rollback", 120, sim.now);
  REQUIRE(back.ok());
  CHECK(back->state.coverage == 0);
  CHECK(back->state.status == "rolled_back");
  CHECK(operate(sim.e, back->state, "advance", 120, sim.now).status().code() ==
        StatusCode::kConflict);
  CHECK(!operate(sim.e, sim.state, "explode", 0, sim.now).ok());
  Simulation bandit(automated(kBandit), 1);
  CHECK(operate(bandit.e, bandit.state, "advance", 0, 0).status().code() ==
        StatusCode::kConflict);
}

TEST_CASE("a served allocation that differs from the plan's is synced", "[automation]") {
  auto e = automated(kRollout);
  e.coverage = 1;  // an admin published coverage 1 while the plan is at stage 1 (0.05)
  State s = initial_state(e, 0);
  Decision d = step(e, s, Observations{}, 1000, 1);
  CHECK(d.action == Action::kSync);
  CHECK(d.publish);
  CHECK(d.state.coverage == 0.05);
}

TEST_CASE("state survives its JSON form", "[automation]") {
  Simulation sim(automated(kRollout), 9);
  for (int i = 0; i < 12; ++i) {
    sim.arrive(2000, {}, {0.05, 0.05});
    sim.tick(5);
  }
  REQUIRE(sim.state.stage >= 1);
  auto back = state_from_json(state_to_json(sim.state));
  REQUIRE(back.ok());
  CHECK(json::stringify(state_to_json(*back)) == json::stringify(state_to_json(sim.state)));
  CHECK(back->stage == sim.state.stage);
  CHECK(back->periods.size() == sim.state.periods.size());
  CHECK(!state_from_json(json::Value(1.0)).ok());
}

}  // namespace
}  // namespace tailor::automation
