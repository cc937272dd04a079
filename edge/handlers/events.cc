// POST /v1/events: validated by the core's event schema (core/events), group-committed, 202
// only once durable.
#include <cctype>

#include "core/json/js.h"
#include "core/json/parse.h"
#include "edge/app.h"

namespace tailor::edge {
namespace {

// {"accepted", "duplicates", "rejected", "results": [...]} in request order.
std::string batch_answer(const ParsedBatch& batch, const std::vector<bool>* inserted,
                         size_t& accepted, size_t& duplicates) {
  std::vector<std::string> results(batch.total);
  accepted = duplicates = 0;
  for (size_t i = 0; i < batch.ids.size(); ++i) {
    bool fresh = inserted && (*inserted)[i];
    (fresh ? accepted : duplicates) += 1;
    results[batch.event_index[i]] = "{\"index\":" + std::to_string(batch.event_index[i]) +
                                    ",\"id\":" + json::quoted(batch.ids[i]) + ",\"status\":" +
                                    (fresh ? "\"accepted\"" : "\"duplicate\"") + "}";
  }
  for (const events::Rejection& r : batch.rejected) {
    results[r.index] = "{\"index\":" + std::to_string(r.index) +
                       (r.id.empty() ? std::string() : ",\"id\":" + json::quoted(r.id)) +
                       ",\"status\":\"rejected\",\"reason\":" + json::quoted(r.reason) + "}";
  }
  std::string out = "{\"accepted\":" + std::to_string(accepted) +
                    ",\"duplicates\":" + std::to_string(duplicates) +
                    ",\"rejected\":" + std::to_string(batch.rejected.size()) + ",\"results\":[";
  for (size_t i = 0; i < results.size(); ++i) {
    if (i) out += ',';
    out += results[i];
  }
  return out + "]}";
}

// The media type of a Content-Type value is text/plain (parameters and case ignored).
bool is_text_plain(std::string_view ct) {
  ct = ct.substr(0, ct.find(';'));
  while (!ct.empty() && ct.back() == ' ') ct.remove_suffix(1);
  while (!ct.empty() && ct.front() == ' ') ct.remove_prefix(1);
  std::string lower;
  for (char c : ct) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "text/plain";
}

// The batch as JSON. navigator.sendBeacon can only send it as text/plain without a CORS
// preflight (the SDK does so on unload), so this route takes text/plain as well as JSON.
bool read_batch_body(const Request& req, json::Value& out, Response& error) {
  std::string_view ct = req.header("content-type");
  if (!is_text_plain(ct)) {
    if (read_json_body(req, out, error)) return true;
    if (error.status == 415) {
      error = problem(415, "unsupported-media-type",
                      "Content-Type is \"" + std::string(ct) +
                          "\", expected application/json (or text/plain, as sent by "
                          "navigator.sendBeacon)");
      error.add_header("Accept-Post", "application/json, text/plain");
    }
    return false;
  }
  return parse_json_body(req, out, error);
}

}  // namespace

void handle_events(App& app, const Request& req, Done done) {
  json::Value body;
  Response error;
  if (!read_batch_body(req, body, error)) return done(std::move(error));
  auto parsed = parse_event_batch(body);
  if (!parsed.ok()) {
    const bool too_many = parsed.status().code() == StatusCode::kResourceExhausted;
    return done(problem(parsed.status(), too_many ? "batch-too-large" : "invalid-batch"));
  }
  auto batch = std::make_shared<ParsedBatch>(std::move(parsed).value());
  if (!app.configs().find(batch->sdk_key)) {
    return done(problem(404, "unknown-sdk-key",
                        "no config is published for SDK key \"" + batch->sdk_key +
                            "\"; events are accepted only for published SDK keys"));
  }
  if (batch->events.empty()) {
    size_t a = 0, d = 0;
    app.metrics().add_events(0, 0, batch->rejected.size());
    return done(json_response(batch->total == 0 ? 202 : 422, batch_answer(*batch, nullptr, a, d)));
  }
  // Backpressure: a store slower than the traffic makes clients retry, not the queue grow.
  if (app.ingest().depth() >= app.options().ingest_queue_max_events) {
    return done(problem(Status::unavailable(
                            "the ingest queue holds " + std::to_string(app.ingest().depth()) +
                            " events (--ingest-queue-max-events " +
                            std::to_string(app.options().ingest_queue_max_events) +
                            "); retry the batch"),
                        "ingest-queue-full"));
  }
  for (const StoredEvent& e : batch->events) batch->ids.push_back(e.id);
  std::vector<StoredEvent> events = std::move(batch->events);  // the committer consumes them
  batch->events.clear();
  app.ingest().submit(std::move(events), [&app, batch, done](Result<std::vector<bool>> r) {
    if (!r) {
      // kUnavailable: 503 with Retry-After, so SDK outboxes and proxies back off and resend
      // the same ids (ingest is idempotent by id).
      return done(problem(Status::unavailable("the batch was not stored, retry it: " + r.error()),
                          "store-unavailable"));
    }
    size_t accepted = 0, duplicates = 0;
    std::string answer = batch_answer(*batch, &r.value(), accepted, duplicates);
    app.metrics().add_events(accepted, duplicates, batch->rejected.size());
    done(json_response(202, std::move(answer)));
  });
}

}  // namespace tailor::edge
