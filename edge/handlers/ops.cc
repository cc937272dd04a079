// GET /healthz (the process serves), /readyz (it should get traffic: not draining, store
// answering), /metrics.
#include "edge/app.h"

namespace tailor::edge {

void handle_healthz(App&, const Request&, Done done) {
  Response r = json_response(200, "{\"status\":\"ok\"}");
  r.add_header("Cache-Control", "no-store");
  done(std::move(r));
}

// Ready when not draining and the store answers a trivial query (run on the worker pool, as
// every store call is): a load balancer then sends no traffic to an edge whose events and
// admin writes would fail.
void handle_readyz(App& app, const Request&, Done done) {
  if (app.draining.load()) {
    return done(problem(503, "draining", "the server is shutting down and takes no new work"));
  }
  app.workers().submit([&app, done] {
    Response r;
    if (Status store = app.store().ping(); !store.ok()) {
      // kUnavailable: 503 with Retry-After (problem(const Status&)).
      r = problem(store.prefixed("the store does not answer: "), "store-unavailable");
    } else {
      r = json_response(
          200, "{\"status\":\"ready\",\"store\":\"" + app.store().kind() +
                   "\",\"configs\":" + std::to_string(app.configs().snapshot()->size()) + "}");
    }
    r.add_header("Cache-Control", "no-store");
    done(std::move(r));
  });
}

void handle_metrics(App& app, const Request&, Done done) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = std::make_shared<const std::string>(app.metrics().render());
  r.add_header("Cache-Control", "no-store");
  done(std::move(r));
}

}  // namespace tailor::edge
