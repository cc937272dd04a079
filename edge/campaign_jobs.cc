// The three campaign jobs (campaigns.h): prepare, finish and simulate, each a run of the core
// pipeline on the campaign's stored inputs. Runs on the campaign job thread.
#include "edge/campaign_jobs.h"

#include "core/campaign/pipeline.h"
#include "core/campaign/replay.h"
#include "core/events/event.h"
#include "core/generate/composer.h"
#include "core/json/parse.h"
#include "edge/app.h"

namespace tailor::edge {
namespace {

constexpr size_t kSimulateBatch = 5000;

// The pipeline's inputs as the campaign stored them (in/...).
Result<campaign::Inputs> stored_inputs(CampaignStore& store, const CampaignRow& row,
                                       const CampaignMeta& meta) {
  auto files = store.campaign_files(row.id, "in/");
  if (!files.ok()) return files.status();
  campaign::Inputs in;
  auto spec = files->find("in/spec.json");
  auto customers = files->find("in/customers.csv");
  if (spec == files->end() || customers == files->end()) {
    return Status::internal("campaign \"" + row.id + "\" lacks its stored spec or customers");
  }
  in.spec_name = meta.string("specName");
  in.customers_name = meta.string("customersName");
  auto parsed = campaign::read_spec(spec->second);
  if (!parsed.ok()) return parsed.status().prefixed(in.spec_name + ": ");
  in.spec = std::move(*parsed);
  in.customers_csv = customers->second;
  for (const auto& [name, bytes] : *files) {
    if (name.starts_with("in/content/")) in.content_files.emplace_back(name.substr(3), bytes);
  }
  if (auto reviews = files->find("in/reviews.json"); reviews != files->end()) {
    auto doc = json::parse(reviews->second);
    if (!doc.ok()) return Status::internal("stored reviews.json: " + doc.error());
    auto list = campaign::reviews_from_json(*doc);
    if (!list.ok()) return list.status();
    in.reviews = std::move(*list);
  }
  in.now = meta.string("preparedAt");
  return in;
}

// The drafts written by the last prepare (out/variants.json) as a backend that replays them.
Result<campaign::ReplayBackend> stored_drafts(CampaignStore& store, const std::string& id) {
  auto text = store.campaign_file(id, "out/variants.json");
  if (!text.ok()) return text.status();
  if (!*text) return Status::not_found("no variants.json");
  auto doc = json::parse(**text);
  if (!doc.ok()) return Status::internal("stored variants.json: " + doc.error());
  return campaign::ReplayBackend::from_variants_json(*doc, "composer");
}

CampaignFiles out_files(const std::map<std::string, std::string>& files) {
  CampaignFiles out;
  for (const auto& [name, bytes] : files) out["out/" + name] = bytes;
  return out;
}

// What the API shows of a prepared campaign.
json::Value prepared_meta(const campaign::Prepared& p) {
  json::Array awaiting, warnings, dropped;
  for (const std::string& id : p.awaiting_review) awaiting.push_back(id);
  for (const std::string& w : p.design.warnings) warnings.push_back(w);
  for (const campaign::Dropped& d : p.dropped) {
    dropped.push_back(json::Value::object({{"segment", p.segments.segments[d.segment].slug},
                                           {"strategy", d.strategy},
                                           {"reason", d.reason}}));
  }
  return json::Value::object({
      {"designHash", p.design_hash},
      {"awaitingReview", json::Value(std::move(awaiting))},
      {"drafts", json::Value::object({{"screened", static_cast<double>(p.drafts_screened)},
                                      {"allowed", static_cast<double>(p.drafts_allowed)}})},
      {"customers", static_cast<double>(p.customers.table.row_count())},
      {"segments", static_cast<double>(p.segments.segments.size())},
      {"variants", static_cast<double>(p.variants.size())},
      {"warnings", json::Value(std::move(warnings))},
      {"dropped", json::Value(std::move(dropped))},
  });
}

JobOutcome failed(Status status) {
  JobOutcome o;
  o.status = std::move(status);
  return o;
}

JobOutcome prepare_job(App& app, CampaignStore& store, const CampaignRow& row,
                       const CampaignMeta& meta, campaign::Progress& progress) {
  auto inputs = stored_inputs(store, row, meta);
  if (!inputs.ok()) return failed(inputs.status());
  generate::Composer composer;
  // After a review the drafts already written are replayed; a rejected strategy's replacement
  // is composed afresh.
  auto replay = stored_drafts(store, row.id);
  if (!replay.ok() && replay.status().code() != StatusCode::kNotFound) {
    return failed(replay.status());
  }
  if (replay.ok()) replay->set_fallback(&composer);
  generate::Backend& backend =
      replay.ok() ? static_cast<generate::Backend&>(*replay) : composer;
  auto prepared = campaign::prepare(std::move(*inputs), backend, progress, app.moderator());
  if (!prepared.ok()) return failed(prepared.status());
  JobOutcome o;
  o.state = prepared->awaiting_review.empty() ? "awaiting-approval" : "awaiting-review";
  o.meta_changes = prepared_meta(*prepared);
  o.files = out_files(campaign::prepared_files(*prepared));
  o.ok_files = true;
  return o;
}

JobOutcome finish_job(App& app, CampaignStore& store, const CampaignRow& row,
                      const CampaignMeta& meta, campaign::Progress& progress) {
  const json::Value* approval = meta.get("approval");
  auto field = [&](std::string_view key) {
    const json::Value* v = approval ? approval->find(key) : nullptr;
    return v && v->is_string() ? v->as_string() : std::string();
  };
  if (approval == nullptr) return failed(Status::internal("no approval stored"));
  auto inputs = stored_inputs(store, row, meta);
  if (!inputs.ok()) return failed(inputs.status());
  // The copy that was reviewed and approved, exactly; only a strategy rejected in review (its
  // draft is not in variants.json) is composed again, to be rejected again as recorded.
  auto replay = stored_drafts(store, row.id);
  if (!replay.ok()) return failed(replay.status());
  generate::Composer composer;
  replay->set_fallback(&composer);
  // Screened again as at preparation (the moderator too): a moderator that now answers
  // otherwise changes the design, and approve_and_finish refuses it (kConflict).
  auto prepared = campaign::prepare(std::move(*inputs), *replay, progress, app.moderator());
  if (!prepared.ok()) return failed(prepared.status());
  auto finished = campaign::approve_and_finish(*prepared, field("designHash"), field("approver"),
                                               field("ts"), progress);
  if (!finished.ok()) return failed(finished.status());
  std::map<std::string, std::string> files = campaign::prepared_files(*prepared);
  for (auto& [name, bytes] : *finished) files[name] = std::move(bytes);
  JobOutcome o;
  o.state = "complete";
  o.meta_changes = prepared_meta(*prepared);
  const std::string sdk_key = field("publish");
  if (!sdk_key.empty()) {
    auto config = files.find("config.json");
    if (config == files.end()) {
      return failed(Status::invalid_argument(
          "approval.publish: the spec has no \"web\" channel, so there is no config to publish"));
    }
    // A resumed job finds its config already published: it is not published twice.
    auto current = app.configs().find(sdk_key);
    int64_t version = 0;
    if (current && current->sha256_hex == sha256_hex(config->second)) {
      version = current->version;
    } else {
      Response error;
      auto published = app.publish(sdk_key, config->second, error);
      if (!published) {
        return failed(Status(StatusCode::kInvalidArgument,
                             "publishing on \"" + sdk_key + "\": " +
                                 std::string(error.body_view())));
      }
      version = published->version;
    }
    o.meta_changes.set("published",
                       json::Value::object({{"sdkKey", sdk_key},
                                            {"version", static_cast<double>(version)}}));
  }
  o.files = out_files(files);
  o.ok_files = true;
  return o;
}

JobOutcome simulate_job(App& app, CampaignStore& store, const CampaignRow& row,
                        const CampaignMeta& meta, campaign::Progress& progress) {
  const json::Value* request = meta.get("simulateRequest");
  const json::Value* key = request ? request->find("sdkKey") : nullptr;
  if (key == nullptr || !key->is_string()) return failed(Status::internal("no sdkKey stored"));
  auto text = store.campaign_file(row.id, "out/events.jsonl");
  if (!text.ok()) return failed(text.status());
  if (!*text) return failed(Status::not_found("the campaign has no simulated events"));
  std::vector<StoredEvent> batch;
  size_t total = 0, stored = 0, line_number = 0;
  const std::string& lines = **text;
  size_t lines_total = 0;
  for (char c : lines) lines_total += c == '\n';
  progress.start("ingest", lines_total);
  auto flush = [&]() -> Status {
    if (batch.empty()) return {};
    auto inserted = app.store().insert_events(batch);
    if (!inserted.ok()) return inserted.status();
    for (bool fresh : *inserted) stored += fresh;
    batch.clear();
    progress.tick(total);
    return {};
  };
  for (size_t pos = 0; pos < lines.size();) {
    size_t end = lines.find('\n', pos);
    if (end == std::string::npos) end = lines.size();
    std::string_view line(lines.data() + pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (line.empty()) continue;
    auto doc = json::parse(line);
    if (!doc.ok()) return failed(Status::internal("events.jsonl:" + std::to_string(line_number) + ": " + doc.error()));
    auto event = events::parse_event(*doc);
    if (!event.ok()) {
      return failed(event.status().prefixed("events.jsonl:" + std::to_string(line_number) + ": "));
    }
    StoredEvent e;
    static_cast<events::Event&>(e) = std::move(*event);
    e.sdk_key = key->as_string();
    batch.push_back(std::move(e));
    ++total;
    if (batch.size() >= kSimulateBatch) {
      if (Status s = flush(); !s.ok()) return failed(s);
      if (Status s = campaign::check_stopped(progress, "ingest"); !s.ok()) return failed(s);
    }
  }
  if (Status s = flush(); !s.ok()) return failed(s);
  progress.finish(std::to_string(total) + " events, " + std::to_string(stored) + " new");
  JobOutcome o;
  o.state = "complete";
  o.meta_changes.set("simulated",
                     json::Value::object({{"sdkKey", key->as_string()},
                                          {"events", static_cast<double>(total)},
                                          {"stored", static_cast<double>(stored)},
                                          {"at", now_rfc3339()}}));
  return o;
}

}  // namespace

JobOutcome run_campaign_job(App& app, CampaignStore& store, const CampaignRow& row,
                            const CampaignMeta& meta, campaign::Progress& progress) {
  const std::string kind = meta.job_kind();
  if (kind == "prepare") return prepare_job(app, store, row, meta, progress);
  if (kind == "finish") return finish_job(app, store, row, meta, progress);
  if (kind == "simulate") return simulate_job(app, store, row, meta, progress);
  return failed(Status::internal("unknown job kind \"" + kind + "\""));
}

}  // namespace tailor::edge
