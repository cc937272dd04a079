// GET /v1/experiments/{key}/results: statistics from the stored events (edge/results.h), read
// and computed on the worker pool.
#include "edge/results.h"

#include "core/json/js.h"
#include "edge/app.h"

namespace tailor::edge {

void handle_results(App& app, const Request& req, const std::string& key, Done done) {
  ResultsQuery query;
  std::string detail;
  if (std::string parameter = parse_results_query(req.query, query, detail); !parameter.empty()) {
    std::string extra = "\"parameter\":";
    json::append_quoted(extra, parameter);
    return done(problem(400, "invalid-parameter", detail, extra));
  }
  auto configs = app.configs().snapshot();
  app.workers().submit([&app, key, query, configs, done] {
    ResultsAggregator results(find_design(*configs, key), query.segment);
    std::string failed =
        app.store().scan_experiment(key, query.metric, !query.segment.empty(), results);
    if (!failed.empty()) return done(problem(503, "store-unavailable", failed));
    if (!results.known()) {
      std::string extra = "\"experiment\":";
      json::append_quoted(extra, key);
      return done(problem(
          404, "unknown-experiment",
          "no exposure to experiment \"" + key + "\" is stored and no published config defines it",
          extra));
    }
    if (!results.error().empty()) {
      std::string extra =
          results.error_slug() == "too-many-segments" ? "\"parameter\":\"segment\"" : std::string();
      return done(problem(422, results.error_slug(), results.error(), extra));
    }
    Response r = json_response(200, results.to_json(key, query));
    r.add_header("Cache-Control", "no-store");
    done(std::move(r));
  });
}

}  // namespace tailor::edge
