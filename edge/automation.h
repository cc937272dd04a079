// The experiment controller at the edge (docs/experiments.md): every --automation-tick-s a
// Ticker queues one pass on the worker pool (never on an I/O thread). A pass walks every
// automated experiment (config::automated_experiments) of every served config, reads its
// events from the store into per-arm statistics, asks the core's controller
// (core/automation/controller.h) what to do, publishes a changed allocation as a new config
// version through App::publish — the same validation, store write and SSE push as an admin
// publish — saves the plan's state in the automation store, and records every change in the
// hash-chained audit trail (kind "automation"). Operator actions go through the same path.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "core/automation/controller.h"
#include "core/report/design.h"
#include "edge/http.h"
#include "edge/store/automation_store.h"
#include "edge/ticker.h"

namespace tailor::edge {

class App;

class Automation {
 public:
  Automation(App& app, std::unique_ptr<AutomationStore> store);
  ~Automation() { stop(); }

  // Starts the ticker (--automation-tick-s; 0 = no automatic passes, operators still act).
  void start();
  // Stops the ticker; a queued pass does nothing.
  void stop();
  // One pass over every automated experiment (blocking: run on the worker pool).
  void run_pass();

  // Routes (blocking, worker pool). `action`: pause, resume, advance or rollback; `actor` names
  // the operator in the audit record.
  Response list();
  Response experiment(const std::string& sdk_key, const std::string& key);
  Response operate(const std::string& sdk_key, const std::string& key, const std::string& action,
                   const std::string& actor);
  Response audit_trail();
  // The allocation history of `key` under `sdk_key` as the results route's SRM reads it
  // (report::Design::periods): empty when the controller keeps no state for it. Blocking.
  Result<std::vector<report::Period>> periods(const std::string& sdk_key, const std::string& key);

  uint64_t passes() const { return passes_.load(); }
  uint64_t changes() const { return changes_.load(); }

 private:
  struct Found;
  // The experiment `key` of `sdk_key`'s served config, parsed; false when it is not automated
  // there (any more).
  bool find(const std::string& sdk_key, const std::string& key, Found& out);
  // Loads the stored state, or starts one when there is none or the declaration changed;
  // `stored` says which (a started state is saved by the first apply, whatever it decides).
  Result<automation::State> load_state(const std::string& sdk_key, const Found& f, double now_ms,
                                       bool& stored);
  Result<automation::Observations> observe(const Found& f, const automation::State& state);
  // Publishes (when the decision changes the allocation), saves the state when it differs from
  // `before` (the stored state's JSON; "" when none is stored), audits. "" or what failed; on
  // failure nothing is saved and the next pass tries again.
  std::string apply(const std::string& sdk_key, const Found& f,
                    const automation::Decision& decision, const std::string& actor,
                    double now_ms, const std::string& before);
  void evaluate(const std::string& sdk_key, const std::string& key, double now_ms);

  App& app_;
  std::unique_ptr<AutomationStore> store_;
  Ticker ticker_;
  std::mutex run_mutex_;  // one evaluation at a time (passes and operators)
  std::atomic<bool> pending_{false};
  std::atomic<bool> stopped_{false};
  std::atomic<uint64_t> passes_{0};
  std::atomic<uint64_t> changes_{0};
};

}  // namespace tailor::edge
