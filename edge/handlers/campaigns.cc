// /admin/v1/campaigns...: campaigns as jobs (edge/campaigns.h, docs/edge-api.md "Campaigns").
// Admin-token protected; everything that touches the store runs on the worker pool; the jobs
// themselves run on the campaign job thread.
#include <memory>

#include "core/json/js.h"
#include "edge/app.h"
#include "edge/campaigns.h"

namespace tailor::edge {
namespace {

// The problem slug for a failed campaign operation.
std::string_view slug_for(const Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound: return "not-found";
    case StatusCode::kConflict: return "campaign-state";
    case StatusCode::kResourceExhausted: return "too-large";
    case StatusCode::kUnavailable: return "store-unavailable";
    case StatusCode::kInternal: return "internal";
    default: return "invalid-campaign";
  }
}

Response answer(const Result<json::Value>& r, int ok_status) {
  if (!r.ok()) return problem(r.status(), slug_for(r.status()));
  Response out = json_response(ok_status, json::stringify(*r));
  out.add_header("Cache-Control", "no-store");
  return out;
}

std::string_view file_type(const std::string& name) {
  if (name.ends_with(".csv")) return "text/csv; charset=utf-8";
  if (name.ends_with(".jsonl")) return "application/jsonl";
  if (name.ends_with(".json")) return "application/json";
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".md")) return "text/markdown; charset=utf-8";
  return "application/octet-stream";
}

void get_file(Campaigns& campaigns, const std::string& id, const std::string& name,
              bool download, Done done) {
  auto row = campaigns.store().campaign(id);
  if (!row.ok()) return done(problem(row.status(), slug_for(row.status())));
  auto file = campaigns.store().campaign_file(id, name);
  if (!file.ok()) return done(problem(file.status(), slug_for(file.status())));
  if (!*file) {
    return done(problem(404, "not-found",
                        "campaign \"" + id + "\" has no file \"" + name +
                            "\" (GET /admin/v1/campaigns/" + id + "/files lists them)"));
  }
  Response r;
  r.status = 200;
  r.content_type = std::string(file_type(name));
  r.body = std::make_shared<const std::string>(std::move(**file));
  r.add_header("Cache-Control", "no-store");
  r.add_header("X-Content-Type-Options", "nosniff");
  // The report is self-contained (inline SVG and styles, no script): opened from here it may
  // run nothing and fetch nothing.
  r.add_header("Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
  if (download) {
    const auto slash = name.rfind('/');
    r.add_header("Content-Disposition",
                 "attachment; filename=\"" + id + "-" + name.substr(slash + 1) + "\"");
  }
  done(std::move(r));
}

void list_files(Campaigns& campaigns, const std::string& id, Done done) {
  auto row = campaigns.store().campaign(id);
  if (!row.ok()) return done(problem(row.status(), slug_for(row.status())));
  auto files = campaigns.store().campaign_files(id, "");
  if (!files.ok()) return done(problem(files.status(), slug_for(files.status())));
  json::Array list;
  for (const auto& [name, bytes] : *files) {
    list.push_back(json::Value::object(
        {{"name", name}, {"bytes", static_cast<double>(bytes.size())}}));
  }
  done(answer(json::Value::object({{"id", id}, {"files", json::Value(std::move(list))}}), 200));
}

void list_campaigns(Campaigns& campaigns, Done done) {
  auto rows = campaigns.store().campaigns();
  if (!rows.ok()) return done(problem(rows.status(), slug_for(rows.status())));
  json::Array list;
  for (const CampaignRow& row : *rows) list.push_back(campaigns.view(row));
  done(answer(json::Value::object({{"campaigns", json::Value(std::move(list))}}), 200));
}

}  // namespace

void handle_campaigns(App& app, const Request& req, const RouteMatch& match, Done done) {
  Response error;
  if (!authorise_admin(app, req, error)) return done(std::move(error));
  Campaigns* campaigns = app.campaigns();
  if (campaigns == nullptr) {
    return done(problem(503, "campaigns-unavailable", "this edge has not started its campaigns"));
  }
  const std::string id = match.param;
  switch (match.id) {
    case RouteId::kCampaignList:
      return app.workers().submit([campaigns, done] { list_campaigns(*campaigns, done); });
    case RouteId::kCampaign:
      return app.workers().submit([campaigns, id, done] {
        auto row = campaigns->store().campaign(id);
        if (!row.ok()) return done(problem(row.status(), slug_for(row.status())));
        done(answer(campaigns->view(*row), 200));
      });
    case RouteId::kCampaignFiles:
      return app.workers().submit([campaigns, id, done] { list_files(*campaigns, id, done); });
    case RouteId::kCampaignFile: {
      std::string value;
      const bool download = query_param(req.query, "download", value) && value == "1";
      return app.workers().submit([campaigns, id, file = match.file, download, done] {
        get_file(*campaigns, id, file, download, done);
      });
    }
    case RouteId::kCampaignProgress: {
      Response r;
      r.status = 200;
      r.content_type = "text/event-stream";
      r.add_header("Cache-Control", "no-store");
      r.add_header("X-Accel-Buffering", "no");
      r.on_stream = [&app, campaigns, id](std::shared_ptr<StreamSink> sink) {
        // The first event reads the store: not on the I/O thread.
        app.workers().submit([campaigns, id, sink] { campaigns->subscribe(id, sink); });
      };
      return done(std::move(r));
    }
    default:
      break;
  }
  json::Value body;
  if (!read_json_body(req, body, error)) return done(std::move(error));
  auto shared = std::make_shared<json::Value>(std::move(body));
  const RouteId route = match.id;
  app.workers().submit([campaigns, route, id, shared, done] {
    switch (route) {
      case RouteId::kCampaignCreate: {
        auto created = campaigns->create(*shared);
        Response r = answer(created, 202);
        if (created.ok()) {
          r.add_header("Location",
                       "/admin/v1/campaigns/" + created->find("id")->as_string());
        }
        return done(std::move(r));
      }
      case RouteId::kCampaignReview: return done(answer(campaigns->review(id, *shared), 202));
      case RouteId::kCampaignApprove: return done(answer(campaigns->approve(id, *shared), 202));
      case RouteId::kCampaignSimulate: return done(answer(campaigns->simulate(id, *shared), 202));
      default: return done(problem(500, "internal", "unrouted campaign request"));
    }
  });
}

}  // namespace tailor::edge
