#include "edge/automation.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <unordered_map>

#include "core/json/js.h"
#include "core/json/parse.h"
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
class Tally final : public report::RowSink {
 public:
  Tally(const config::AutomatedExperiment& e, const json::Value& rule,
        std::vector<std::string> metrics)
      : metrics_(std::move(metrics)) {
    // An exposure's variant names its variation by meta[i].key (what the SDK sends) or index.
    const Value* meta = rule.find("meta");
    for (size_t i = 0; i < e.variations; ++i) {
      index_[std::to_string(i)] = static_cast<int>(i);
      if (meta && meta->is_array() && i < meta->as_array().size()) {
        const Value* k = meta->as_array()[i].find("key");
        if (k && k->is_string()) index_[k->as_string()] = static_cast<int>(i);
      }
    }
  }

  void exposure(const report::Row& row) override {
    auto v = index_.find(std::string(row.variant));
    if (v == index_.end()) return;
    auto [it, fresh] = users_.try_emplace(std::string(row.user));
    User& u = it->second;
    if (fresh) {
      u.variant = v->second;
      u.first_ts = row.ts;
      u.values.assign(metrics_.size(), 0);
    } else if (u.variant != v->second) {
      u.variant = -2;
    }
  }

  void metric_event(const report::Row& row) override {
    auto it = users_.find(std::string(row.user));
    if (it == users_.end() || it->second.variant < 0 || row.ts < it->second.first_ts) return;
    for (size_t m = 0; m < metrics_.size(); ++m) {
      if (metrics_[m] == row.name && std::isfinite(row.value)) it->second.values[m] += row.value;
    }
  }

  struct User {
    int variant = -1;
    double first_ts = 0;
    std::vector<double> values;
  };
  const std::unordered_map<std::string, User>& users() const { return users_; }

 private:
  std::vector<std::string> metrics_;
  std::unordered_map<std::string, int> index_;
  std::unordered_map<std::string, User> users_;
};

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
  // The experiment's own JSON, for its variation keys.
  Value rule;
  if (e.feature.empty()) {
    rule = f.parsed.find("experiments")->as_array()[e.rule];
  } else {
    rule = f.parsed.find("features")->find(e.feature)->find("rules")->as_array()[e.rule];
  }
  Tally tally(e, rule, metrics);
  if (Status s = app_.store().scan_experiment(e.key, "", "", tally); !s.ok()) return s;

  const size_t k = e.variations;
  automation::Observations obs;
  obs.units.assign(k, 0);
  std::vector<std::vector<stats::MeanStats>> per_metric(metrics.size(),
                                                        std::vector<stats::MeanStats>(k));
  obs.units_by_period.assign(state.periods.size(), std::vector<double>(k, 0));
  for (const auto& [user, u] : tally.users()) {
    if (u.variant < 0) continue;
    const size_t arm = static_cast<size_t>(u.variant);
    obs.units[arm] += 1;
    size_t period = 0;
    while (period + 1 < state.periods.size() && state.periods[period + 1].start_ms <= u.first_ts) {
      ++period;
    }
    if (!state.periods.empty()) obs.units_by_period[period][arm] += 1;
    for (size_t m = 0; m < metrics.size(); ++m) {
      double v = u.values[m];
      if (types[m] == config::MetricType::kBinomial) v = v > 0 ? 1 : 0;
      stats::MeanStats& s = per_metric[m][arm];
      s.n += 1;
      s.sum += v;
      s.sum_squares += v * v;
    }
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
