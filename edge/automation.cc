#include "edge/automation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "core/json/js.h"
#include "core/json/parse.h"
#include "core/report/experiment.h"
#include "core/stats/aggregate.h"
#include "edge/app.h"

namespace tailor::edge {

struct Automation::Found {
  std::shared_ptr<const PublishedConfig> config;
  json::Value parsed;
  config::AutomatedExperiment experiment;
};

namespace {

using automation::Action;
using json::Value;

double now_ms() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A fixed seed per experiment, so a restarted edge draws the same weights for the same data.
std::uint64_t seed_of(const std::string& sdk_key, const std::string& key) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : sdk_key + "/" + key) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// The rows of one experiment summed per user: the variant of their exposures (a user seen in
// two variants counts in none, as in the results), and per tracked metric the sum of the values
// of their events at or after their first exposure.
std::string json_text(const Value& v) { return json::stringify(v); }

}  // namespace

Automation::Automation(App& app, std::unique_ptr<AutomationStore> store)
    : app_(app), store_(std::move(store)) {}

void Automation::start() {
  const unsigned tick = app_.options().automation_tick_s;
  if (tick == 0) return;
  ticker_.start(std::chrono::seconds(tick), false, [this] {
    if (stopped_.load() || pending_.exchange(true)) return;  // never stack passes
    app_.workers().submit([this] {
      if (!stopped_.load()) run_pass();
      pending_.store(false);
    });
  });
}

void Automation::stop() {
  stopped_.store(true);
  ticker_.stop();
}

bool Automation::find(const std::string& sdk_key, const std::string& key, Found& out) {
  out.config = app_.configs().find(sdk_key);
  if (!out.config) return false;
  auto parsed = json::parse(*out.config->bytes);
  if (!parsed.ok()) return false;
  out.parsed = std::move(parsed).value();
  auto list = config::automated_experiments(out.parsed);
  if (!list.ok()) return false;
  for (auto& e : *list) {
    if (e.key == key) {
      out.experiment = std::move(e);
      return true;
    }
  }
  return false;
}

void Automation::run_pass() {
  passes_ += 1;
  auto snapshot = app_.configs().snapshot();
  for (const auto& [sdk_key, config] : *snapshot) {
    auto parsed = json::parse(*config->bytes);
    if (!parsed.ok()) continue;
    auto list = config::automated_experiments(*parsed);
    if (!list.ok()) continue;
    for (const auto& e : *list) {
      if (stopped_.load()) return;
      evaluate(sdk_key, e.key, now_ms());
    }
  }
}

Result<automation::State> Automation::load_state(const std::string& sdk_key, const Found& f,
                                                 double now, bool& stored) {
  stored = false;
  auto row = store_->automation_state(sdk_key, f.experiment.key);
  if (!row.ok()) return row.status();
  if (*row) {
    auto parsed = json::parse((*row)->state);
    if (parsed.ok()) {
      auto state = automation::state_from_json(*parsed);
      if (state.ok() && state->declaration == f.experiment.declaration) {
        stored = true;
        return state;
      }
    }
  }
  return automation::initial_state(f.experiment, now);
}

Result<automation::Observations> Automation::observe(const Found& f,
                                                     const automation::State& state) {
  const config::AutomatedExperiment& e = f.experiment;
  std::vector<std::string> metrics;
  std::vector<config::MetricType> types;
  if (e.is_bandit) {
    metrics.push_back(e.bandit.metric);
    types.push_back(e.bandit.metric_type);
  } else {
    for (const auto& g : e.rollout.guardrails) {
      metrics.push_back(g.metric);
      types.push_back(g.metric_type);
    }
  }
  // Which rows count is the results route's decision (report::ExperimentAggregator): a user's
  // variation is that of their exposures (meta[i].key or the index), a user exposed to two is
  // left out, a metric event counts from the user's first exposure on. One scan per metric
  // (the store filters by name); a plan without metrics reads the exposures alone.
  auto design = report::find_design(f.parsed, e.key);
  if (!design || design->keys.size() != e.variations) {
    return Status::internal("automation: no design of " + e.key + " with " +
                            std::to_string(e.variations) + " variations in the served config");
  }
  std::vector<double> starts;
  for (const automation::Period& p : state.periods) starts.push_back(p.start_ms);
  const size_t k = e.variations;
  automation::Observations obs;
  std::vector<std::vector<stats::MeanStats>> per_metric;
  for (size_t m = 0; m < std::max<size_t>(metrics.size(), 1); ++m) {
    const std::string metric = metrics.empty() ? std::string() : metrics[m];
    report::ExperimentAggregator rows(design, "", metric,
                                      report::ExperimentAggregator::Mode::kUnits);
    if (Status s = app_.store().scan_experiment(e.key, metric, "", rows); !s.ok()) return s;
    if (!rows.status().ok()) return rows.status();
    const stats::UnitAggregator& units = rows.units();
    const std::vector<stats::ArmAggregate> arms = units.arms();  // [0, k): overall, by variant
    if (m == 0) {
      obs.units = units.exposed_counts();
      obs.units.resize(k, 0);
      if (!starts.empty()) obs.units_by_period = units.exposed_counts_by_period(starts);
    }
    if (metrics.empty()) break;
    std::vector<stats::MeanStats> stats_by_arm(k);
    for (size_t arm = 0; arm < k && arm < arms.size(); ++arm) {
      const stats::ArmAggregate& a = arms[arm];
      // Binomial: a user converted or not (their value > 0), as the results' "converted".
      stats_by_arm[arm] = types[m] == config::MetricType::kBinomial
                              ? stats::MeanStats{a.converted.n, a.converted.successes,
                                                 a.converted.successes}
                              : a.value;
    }
    per_metric.push_back(std::move(stats_by_arm));
  }
  if (e.is_bandit) {
    obs.metric = std::move(per_metric[0]);
  } else {
    obs.guardrails = std::move(per_metric);
  }
  return obs;
}

std::string Automation::apply(const std::string& sdk_key, const Found& f,
                              const automation::Decision& d, const std::string& actor,
                              double now, const std::string& before) {
  int64_t version = f.config->version;
  std::string content_hash = f.config->sha256_hex;
  if (d.publish) {
    auto next = config::with_allocation(f.parsed, f.experiment, d.state.coverage, d.state.weights);
    if (!next.ok()) return next.error();
    Response error;
    auto published = app_.publish(sdk_key, json_text(*next), error, f.config->version);
    if (!published) return std::string(error.body_view());
    version = published->version;
    content_hash = published->sha256_hex;
  }
  const std::string state = json_text(automation::state_to_json(d.state));
  if (state != before) {
    if (Status s = store_->save_automation_state({sdk_key, f.experiment.key, state, rfc3339(
                                                      static_cast<std::time_t>(now / 1000))});
        !s.ok()) {
      return s.message();
    }
  }
  if (d.action == Action::kHold) return {};
  changes_ += 1;
  audit::Entry entry;
  entry.ts = rfc3339(static_cast<std::time_t>(now / 1000));
  entry.kind = "automation";
  entry.campaign = sdk_key;
  entry.message_id = f.experiment.key;
  entry.content_hash = content_hash;
  entry.decision = std::string(automation::action_name(d.action));
  entry.actor = actor;
  Value finding = Value::empty_object();
  finding.set("rule", Value(d.rule));
  finding.set("reason", Value(d.reason));
  finding.set("configVersion", Value(static_cast<double>(version)));
  finding.set("stage", Value(static_cast<double>(d.state.stage)));
  finding.set("status", Value(d.state.status));
  finding.set("coverage", Value(d.state.coverage));
  json::Array w;
  for (double x : d.state.weights) w.push_back(Value(x));
  finding.set("weights", Value(std::move(w)));
  finding.set("numbers", d.numbers);
  entry.findings = Value(json::Array{std::move(finding)});
  auto record = store_->append_audit(entry);
  if (!record.ok()) {
    std::cerr << "tailor-edge: automation: " << sdk_key << "/" << f.experiment.key
              << ": audit record not stored: " << record.error() << "\n";
  }
  std::cerr << "tailor-edge: automation: " << sdk_key << "/" << f.experiment.key << ": "
            << entry.decision << " (" << d.rule << "): " << d.reason << "\n";
  return {};
}

void Automation::evaluate(const std::string& sdk_key, const std::string& key, double now) {
  std::lock_guard lock(run_mutex_);
  Found f;
  if (!find(sdk_key, key, f)) return;
  bool stored = false;
  auto state = load_state(sdk_key, f, now, stored);
  std::string problem;
  if (state.ok()) {
    // A started plan is saved at its first step even when nothing changes, so its periods
    // keep their start and the admin routes (and the studio) see it from the first pass.
    const std::string before = stored ? json_text(automation::state_to_json(*state)) : "";
    auto obs = observe(f, *state);
    if (obs.ok()) {
      auto d = automation::step(f.experiment, *state, *obs, now, seed_of(sdk_key, key));
      problem = apply(sdk_key, f, d, "rule:" + d.rule, now, before);
    } else {
      problem = obs.error();
    }
  } else {
    problem = state.error();
  }
  if (!problem.empty()) {
    std::cerr << "tailor-edge: automation: " << sdk_key << "/" << key << ": " << problem << "\n";
  }
}

Response Automation::operate(const std::string& sdk_key, const std::string& key,
                             const std::string& action, const std::string& actor) {
  std::lock_guard lock(run_mutex_);
  Found f;
  if (!find(sdk_key, key, f)) {
    return problem(404, "unknown-experiment",
                   "SDK key \"" + sdk_key + "\" serves no bandit or rollout \"" + key + "\"");
  }
  const double now = now_ms();
  bool stored = false;
  auto state = load_state(sdk_key, f, now, stored);
  if (!state.ok()) return problem(state.status(), "store-unavailable");
  auto obs = observe(f, *state);
  if (!obs.ok()) return problem(obs.status(), "store-unavailable");
  double units = 0;
  for (double u : obs->units) units += u;
  auto d = automation::operate(f.experiment, *state, action, units, now);
  if (!d.ok()) {
    return problem(d.status(), d.status().code() == StatusCode::kConflict ? "conflict"
                                                                           : "invalid-action");
  }
  const std::string before = stored ? json_text(automation::state_to_json(*state)) : "";
  if (std::string e = apply(sdk_key, f, *d, actor, now, before); !e.empty()) {
    return problem(503, "publish-failed", e);
  }
  Value out = Value::empty_object();
  out.set("sdkKey", Value(sdk_key));
  out.set("experiment", Value(key));
  out.set("action", Value(std::string(automation::action_name(d->action))));
  out.set("reason", Value(d->reason));
  out.set("state", automation::state_to_json(d->state));
  return json_response(200, json_text(out));
}

Response Automation::list() {
  auto rows = store_->automation_states();
  if (!rows.ok()) return problem(rows.status(), "store-unavailable");
  json::Array items;
  for (const AutomationRow& r : *rows) {
    auto state = json::parse(r.state);
    Value x = Value::empty_object();
    x.set("sdkKey", Value(r.sdk_key));
    x.set("experiment", Value(r.experiment));
    x.set("updatedAt", Value(r.updated_at));
    x.set("state", state.ok() ? std::move(state).value() : Value());
    items.push_back(std::move(x));
  }
  Value out = Value::empty_object();
  out.set("experiments", Value(std::move(items)));
  return json_response(200, json_text(out));
}

Response Automation::experiment(const std::string& sdk_key, const std::string& key) {
  auto row = store_->automation_state(sdk_key, key);
  if (!row.ok()) return problem(row.status(), "store-unavailable");
  if (!*row) {
    return problem(404, "unknown-experiment",
                   "no automation state for \"" + key + "\" of SDK key \"" + sdk_key +
                       "\" (the controller stores it at its first pass)");
  }
  auto state = json::parse((*row)->state);
  Value out = Value::empty_object();
  out.set("sdkKey", Value(sdk_key));
  out.set("experiment", Value(key));
  out.set("updatedAt", Value((*row)->updated_at));
  out.set("state", state.ok() ? std::move(state).value() : Value());
  return json_response(200, json_text(out));
}

Result<std::vector<report::Period>> Automation::periods(const std::string& sdk_key,
                                                       const std::string& key) {
  auto row = store_->automation_state(sdk_key, key);
  if (!row.ok()) return row.status();
  std::vector<report::Period> out;
  if (!*row) return out;
  auto parsed = json::parse((*row)->state);
  if (!parsed.ok()) return Status::unavailable("stored automation state: " + parsed.error());
  auto state = automation::state_from_json(*parsed);
  if (!state.ok()) return Status::unavailable("stored automation state: " + state.error());
  for (const automation::Period& p : state->periods) out.push_back({p.start_ms, p.weights});
  return out;
}

Response Automation::audit_trail() {
  auto trail = store_->audit_trail();
  if (!trail.ok()) return problem(trail.status(), "store-unavailable");
  Response r = json_response(200, std::move(trail).value());
  r.content_type = "application/x-ndjson";
  return r;
}

}  // namespace tailor::edge
