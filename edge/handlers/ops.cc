// GET /healthz, /readyz, /metrics.
#include "edge/app.h"

namespace tailor::edge {

void handle_healthz(App&, const Request&, Done done) {
  Response r = json_response(200, "{\"status\":\"ok\"}");
  r.add_header("Cache-Control", "no-store");
  done(std::move(r));
}

void handle_readyz(App& app, const Request&, Done done) {
  if (app.draining.load()) {
    return done(problem(503, "draining", "the server is shutting down and takes no new work"));
  }
  Response r = json_response(
      200, "{\"status\":\"ready\",\"store\":\"" + app.store().kind() + "\",\"configs\":" +
               std::to_string(app.configs().snapshot()->size()) + "}");
  r.add_header("Cache-Control", "no-store");
  done(std::move(r));
}

void handle_metrics(App& app, const Request&, Done done) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = std::make_shared<const std::string>(app.metrics().render());
  r.add_header("Cache-Control", "no-store");
  done(std::move(r));
}

}  // namespace tailor::edge
