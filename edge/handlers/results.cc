// GET /v1/experiments/{key}/results and /summary: one aggregation of the stored events by the
// core (core/report), read and computed on the worker pool; /summary is its per-variant counts
// for every metric, /results the tests for one metric.
#include "edge/results.h"

#include "core/json/js.h"
#include "edge/app.h"

namespace tailor::edge {
namespace {

// Streams the experiment's rows into a fresh aggregator and completes `done` with `answer`'s
// document, or the problem that stopped it.
template <class Answer>
void aggregate(App& app, const std::string& key, report::Options query, Done done, Answer answer) {
  auto configs = app.configs().snapshot();
  app.workers().submit([&app, key, query = std::move(query), configs, done, answer] {
    auto design = find_design(*configs, key);
    // A bandit's weights changed over time: its SRM is checked per period.
    if (design && app.automation()) {
      auto periods = app.automation()->periods(design->source, key);
      if (!periods.ok()) return done(problem(periods.status(), "store-unavailable"));
      design->periods = std::move(periods).value();
    }
    report::ExperimentAggregator results(std::move(design), query.segment, query.metric);
    if (Status s = app.store().scan_experiment(key, query.metric, query.segment, results);
        !s.ok()) {
      return done(problem(s, "store-unavailable"));
    }
    if (!results.known()) {
      return done(problem(
          404, "unknown-experiment",
          "no exposure to experiment \"" + key + "\" is stored and no published config defines it",
          "\"experiment\":" + json::quoted(key)));
    }
    if (!results.status().ok()) {
      std::string extra =
          results.error_slug() == "too-many-segments" ? "\"parameter\":\"segment\"" : std::string();
      return done(problem(results.status(), results.error_slug(), extra));
    }
    Response r = json_response(200, answer(results));
    r.add_header("Cache-Control", "no-store");
    done(std::move(r));
  });
}

}  // namespace

void handle_results(App& app, const Request& req, const std::string& key, Done done) {
  report::Options query;
  std::string parameter;
  if (Status s = parse_results_query(req.query, query, parameter); !s.ok()) {
    return done(problem(s, "invalid-parameter", "\"parameter\":" + json::quoted(parameter)));
  }
  aggregate(app, key, query, std::move(done), [key, query](const report::ExperimentAggregator& r) {
    return r.results_json(key, query);
  });
}

void handle_summary(App& app, const Request&, const std::string& key, Done done) {
  aggregate(app, key, report::Options{}, std::move(done),
            [key](const report::ExperimentAggregator& r) { return r.summary_json(key); });
}

}  // namespace tailor::edge
