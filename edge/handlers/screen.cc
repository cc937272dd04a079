// POST /admin/v1/screen: one message screened by the core's rules and, when the edge has a
// --moderation-url, by the model moderator combined with them (core/safety/moderation.h).
// Admin-token protected (a moderator may cost money per call); the screening runs on the
// worker pool because the moderator call blocks up to --moderation-timeout-ms. Writes no audit
// record: campaign jobs record theirs in the campaign's trail.
#include <memory>

#include "core/json/js.h"
#include "core/safety/moderation.h"
#include "edge/app.h"

namespace tailor::edge {

void handle_screen(App& app, const Request& req, Done done) {
  Response error;
  if (!authorise_admin(app, req, error)) return done(std::move(error));
  json::Value body;
  if (!read_json_body(req, body, error)) return done(std::move(error));
  // {"message": {...as tailor screen reads a line...}, "policy": {...optional...}}
  const json::Value* message_json = body.is_object() ? body.find("message") : nullptr;
  if (message_json == nullptr) {
    return done(problem(422, "invalid-message",
                        "the body must be {\"message\": {...}} with an optional \"policy\""));
  }
  for (const auto& [key, value] : body.as_object()) {
    if (key != "message" && key != "policy") {
      return done(problem(422, "invalid-message",
                          key + " is not a member, expected message or policy"));
    }
  }
  auto message = safety::message_from_json(*message_json);
  if (!message.ok()) return done(problem(422, "invalid-message", "message." + message.error()));
  std::shared_ptr<const safety::Screener> screener;
  if (const json::Value* policy_json = body.find("policy")) {
    auto policy = safety::parse_policy(*policy_json);
    if (!policy.ok()) return done(problem(422, "invalid-policy", policy.error()));
    auto made = safety::Screener::create(std::move(*policy));
    if (!made.ok()) return done(problem(500, "internal", made.error()));
    screener = std::make_shared<const safety::Screener>(std::move(*made));
  } else {
    static const std::shared_ptr<const safety::Screener> kDefault = [] {
      auto made = safety::Screener::create(safety::default_policy());
      return made.ok() ? std::make_shared<const safety::Screener>(std::move(*made)) : nullptr;
    }();
    if (!kDefault) return done(problem(500, "internal", "the built-in lexicon did not compile"));
    screener = kDefault;
  }
  const safety::Moderator* moderator = app.moderator();
  auto shared = std::make_shared<safety::Message>(std::move(*message));
  app.workers().submit([screener, moderator, shared, done] {
    safety::ModeratedScreening s = safety::screen_moderated(*screener, *shared, moderator);
    json::Value out = safety::screening_to_json(s.screening);
    out.set("policyVersion", screener->policy().version);
    out.set("screenedBy", s.actor);
    out.set("moderator", moderator == nullptr          ? std::string("none")
                         : s.moderator_consulted      ? std::string("consulted")
                                                      : "unavailable: " + s.moderator_error);
    Response r = json_response(200, json::stringify(out));
    r.add_header("Cache-Control", "no-store");
    done(std::move(r));
  });
}

}  // namespace tailor::edge
