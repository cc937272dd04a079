// /admin/v1/automation...: the experiment controller's states, weight and stage history,
// operator actions (pause, resume, advance, rollback) and its audit trail
// (docs/edge-api.md, "Automation"). Admin token required; everything runs on the worker pool.
#include "edge/app.h"

namespace tailor::edge {

void handle_automation(App& app, const Request& req, const RouteMatch& match, Done done) {
  Response error;
  if (!authorise_admin(app, req, error)) return done(std::move(error));
  Automation* automation = app.automation();
  if (!automation) return done(problem(503, "not-ready", "the automation store is not open yet"));
  if (match.id == RouteId::kAutomationList) {
    return app.workers().submit([automation, done] { done(automation->list()); });
  }
  if (match.id == RouteId::kAutomationAudit) {
    return app.workers().submit([automation, done] { done(automation->audit_trail()); });
  }
  if (match.id == RouteId::kAutomation) {
    return app.workers().submit([automation, sdk = match.param, key = match.file, done] {
      done(automation->experiment(sdk, key));
    });
  }
  const std::string& action = match.action;
  if (action != "pause" && action != "resume" && action != "advance" && action != "rollback") {
    return done(problem(404, "not-found",
                        "no automation action \"" + action +
                            "\"; expected pause, resume, advance or rollback"));
  }
  // An optional JSON body {"actor": "alice"} names the operator in the audit record.
  std::string actor = "admin";
  if (!req.body.empty()) {
    json::Value body;
    if (!read_json_body(req, body, error)) return done(std::move(error));
    const json::Value* a = body.is_object() ? body.find("actor") : nullptr;
    if (!body.is_object() ||
        (a && (!a->is_string() || a->as_string().empty() || a->as_string().size() > 100))) {
      return done(problem(422, "invalid-body",
                          "body must be {\"actor\"?: a name of 1 to 100 characters}",
                          "\"field\":\"actor\""));
    }
    if (a) actor = a->as_string();
  }
  app.workers().submit([automation, sdk = match.param, key = match.file, action,
                        actor = "operator:" + actor, done] {
    done(automation->operate(sdk, key, action, actor));
  });
}

}  // namespace tailor::edge
