// A campaign row's "meta" (campaign_store.h): one JSON object the edge alone writes, holding
// what the API shows beside the row's columns, and the job bookkeeping:
//   "source", "customersName", "specName", "preparedAt"   set at creation
//   "job": {"kind", "from", "attempt", "queuedAt", "startedAt", "finishedAt"}
//   "progress", "error"
//   "designHash", "awaitingReview", "drafts", "segments", "variants", "warnings", "dropped"
//   "approval", "published", "simulated"
// And the job outcome every job kind returns to the runner (campaign_jobs.cc).
#pragma once

#include <string>
#include <string_view>

#include "core/json/js.h"
#include "core/json/parse.h"
#include "core/json/value.h"
#include "core/result.h"
#include "edge/store/campaign_store.h"

namespace tailor::edge {

class CampaignMeta {
 public:
  explicit CampaignMeta(std::string_view text) {
    auto parsed = json::parse(text);
    value_ = parsed.ok() && parsed->is_object() ? std::move(*parsed) : json::Value::empty_object();
  }

  std::string text() const { return json::stringify(value_); }
  const json::Value& value() const { return value_; }

  const json::Value* get(std::string_view key) const { return value_.find(key); }
  std::string string(std::string_view key) const {
    const json::Value* v = value_.find(key);
    return v && v->is_string() ? v->as_string() : std::string();
  }
  void set(std::string key, json::Value v) { value_.set(std::move(key), std::move(v)); }
  // Sets every member of `changes` (an object; anything else is ignored).
  void merge(const json::Value& changes) {
    if (!changes.is_object()) return;
    for (const auto& [key, v] : changes.as_object()) value_.set(key, v);
  }

  std::string job_kind() const { return job_string("kind"); }
  // The state the campaign was in when its job was queued (a failed finish or simulate job
  // goes back to it).
  std::string state_before_job() const { return job_string("from"); }
  int job_attempt() const {
    const json::Value* job = value_.find("job");
    const json::Value* attempt = job ? job->find("attempt") : nullptr;
    return attempt && attempt->is_number() ? static_cast<int>(attempt->as_number()) : 0;
  }
  void queue_job(std::string_view kind, std::string_view from, const std::string& ts) {
    value_.set("job", json::Value::object({{"kind", std::string(kind)},
                                           {"from", std::string(from)},
                                           {"attempt", 0},
                                           {"queuedAt", ts}}));
    value_.set("progress", json::Value());
  }
  void begin_job(int attempt, const std::string& ts) {
    json::Value job = job_value();
    job.set("attempt", attempt);
    job.set("startedAt", ts);
    value_.set("job", std::move(job));
  }
  void end_job(const std::string& ts) {
    json::Value job = job_value();
    job.set("finishedAt", ts);
    value_.set("job", std::move(job));
  }
  void set_progress(json::Value progress) {
    if (!progress.is_null()) value_.set("progress", std::move(progress));
  }
  void set_error(std::string message) { value_.set("error", std::move(message)); }
  void clear_error() { value_.set("error", json::Value()); }

  // Copies the members the API shows into `view`.
  void copy_public(json::Value& view) const {
    for (const auto& [key, v] : value_.as_object()) view.set(key, v);
  }

 private:
  json::Value job_value() const {
    const json::Value* job = value_.find("job");
    return job && job->is_object() ? *job : json::Value::empty_object();
  }
  std::string job_string(std::string_view key) const {
    const json::Value* job = value_.find("job");
    const json::Value* v = job ? job->find(key) : nullptr;
    return v && v->is_string() ? v->as_string() : std::string();
  }

  json::Value value_;
};

// What a job produced: its status, the state it leads to, meta members to set, and the files
// to store (under "out/", replacing the earlier outputs, when `ok_files`).
struct JobOutcome {
  Status status;
  std::string state;
  json::Value meta_changes = json::Value::empty_object();
  CampaignFiles files;
  bool ok_files = false;
};

}  // namespace tailor::edge
