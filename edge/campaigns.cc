// The campaign job runner (campaigns.h): claims jobs from the store, runs the core pipeline with
// live progress, renews its lease, writes the results, and feeds the progress streams.
#include "edge/campaigns.h"

#include <chrono>
#include <cmath>

#include "core/json/js.h"
#include "edge/app.h"
#include "edge/campaign_jobs.h"

namespace tailor::edge {

using Clock = std::chrono::steady_clock;

// The progress of the job this edge runs: what GET shows and the streams send.
struct Campaigns::Live {
  std::string id;
  json::Value progress;  // {"stage", "done", "total", "stages": [...], "notes": [...]}
  size_t notes_dropped = 0;
};

namespace {

constexpr size_t kMaxNotes = 200;
constexpr auto kRenewEvery = std::chrono::seconds(5);

double now_ms() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string sse_event(std::string_view event, const json::Value& data) {
  return "event: " + std::string(event) + "\ndata: " + json::stringify(data) + "\n\n";
}

bool in_job(const std::string& state) { return state == "queued" || state == "running"; }

}  // namespace

// campaign::Progress into Live, the streams and the job's deadline.
class Campaigns::JobProgress : public campaign::Progress {
 public:
  JobProgress(Campaigns& owner, std::string id, Clock::time_point deadline)
      : owner_(owner), id_(std::move(id)), deadline_(deadline) {}

  void start(std::string_view stage, size_t total) override {
    stage_started_ = Clock::now();
    update([&](json::Value& p) {
      p.set("stage", std::string(stage));
      p.set("done", 0);
      p.set("total", static_cast<double>(total));
    });
  }
  void tick(size_t done) override {
    const auto now = Clock::now();
    if (now - last_tick_ < std::chrono::milliseconds(200)) return;
    last_tick_ = now;
    update([&](json::Value& p) { p.set("done", static_cast<double>(done)); });
  }
  void finish(std::string_view summary) override {
    const double seconds =
        std::chrono::duration<double>(Clock::now() - stage_started_).count();
    update([&](json::Value& p) {
      const json::Value* stage = p.find("stage");
      json::Value stages = p.contains("stages") ? *p.find("stages") : json::Value(json::Array{});
      stages.push_back(json::Value::object({{"stage", stage ? *stage : json::Value()},
                                            {"summary", std::string(summary)},
                                            {"seconds", std::round(seconds * 1000) / 1000}}));
      p.set("stages", std::move(stages));
      if (const json::Value* total = p.find("total")) p.set("done", *total);
    });
  }
  void note(std::string_view line) override {
    std::lock_guard lock(owner_.mutex_);
    if (!owner_.live_) return;
    json::Value& p = owner_.live_->progress;
    json::Value notes = p.contains("notes") ? *p.find("notes") : json::Value(json::Array{});
    if (notes.as_array().size() < kMaxNotes) {
      notes.push_back(std::string(line));
      p.set("notes", std::move(notes));
    } else {
      p.set("notesOmitted", static_cast<double>(++owner_.live_->notes_dropped));
    }
  }
  bool stopped() const override {
    if (owner_.stop_job_.load()) return true;
    if (Clock::now() > deadline_) {
      timed_out_ = true;
      return true;
    }
    return false;
  }
  bool timed_out() const { return timed_out_; }

 private:
  template <class F>
  void update(F&& change) {
    {
      std::lock_guard lock(owner_.mutex_);
      if (!owner_.live_) return;
      change(owner_.live_->progress);
    }
    owner_.notify(id_, false);
  }

  Campaigns& owner_;
  std::string id_;
  Clock::time_point deadline_;
  Clock::time_point stage_started_ = Clock::now();
  Clock::time_point last_tick_{};
  mutable bool timed_out_ = false;
};

Campaigns::Campaigns(App& app, std::unique_ptr<CampaignStore> store, CampaignLimits limits)
    : app_(app), store_(std::move(store)), limits_(limits) {}

Campaigns::~Campaigns() { stop(); }

void Campaigns::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  stop_job_ = false;
  thread_ = std::thread([this] { run(); });
}

void Campaigns::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    stop_job_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Campaigns::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Campaigns::run() {
  while (true) {
    // Claims until nothing is left, then sleeps until woken or a lease may have ended.
    while (claim_and_run_one()) {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, std::chrono::seconds(2), [this] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
  }
}

bool Campaigns::claim_and_run_one() {
  auto claimable = store_->claimable_campaigns(now_ms());
  if (!claimable.ok()) return false;  // the store is down: the next round retries
  for (CampaignRow& row : *claimable) {
    CampaignMeta meta(row.meta);
    const int attempt = meta.job_attempt() + 1;
    CampaignRow claimed = row;
    if (attempt > kMaxAttempts) {
      claimed.state = meta.job_kind() == "prepare" ? "failed" : meta.state_before_job();
      meta.set_error("the " + meta.job_kind() + " job was interrupted " +
                     std::to_string(kMaxAttempts) +
                     " times (the edge running it stopped) and is not started again");
      meta.end_job(now_rfc3339());
      claimed.meta = meta.text();
      claimed.lease_until_ms = 0;
      claimed.updated_at = now_rfc3339();
      if (store_->update_campaign(claimed, "", {}).ok()) notify(row.id, true);
      continue;
    }
    meta.begin_job(attempt, now_rfc3339());
    claimed.state = "running";
    claimed.meta = meta.text();
    claimed.lease_until_ms = now_ms() + kLeaseSeconds * 1000;
    claimed.updated_at = now_rfc3339();
    auto revision = store_->update_campaign(claimed, "", {});
    if (!revision.ok()) continue;  // another edge claimed it, or the store failed
    claimed.revision = *revision;
    run_job(std::move(claimed));
    return true;
  }
  return false;
}

Status Campaigns::persist(CampaignRow& row, std::string_view clear_prefix,
                          const CampaignFiles& files) {
  row.updated_at = now_rfc3339();
  auto revision = store_->update_campaign(row, clear_prefix, files);
  if (!revision.ok()) return revision.status();
  row.revision = *revision;
  return {};
}

void Campaigns::run_job(CampaignRow row) {
  const std::string id = row.id;
  CampaignMeta meta(row.meta);
  {
    std::lock_guard lock(mutex_);
    live_ = std::make_shared<Live>();
    live_->id = id;
    live_->progress = json::Value::object({{"job", meta.job_kind()}});
  }
  notify(id, false);
  JobProgress progress(*this, id,
                       Clock::now() + std::chrono::seconds(limits_.job_timeout_s));

  // The lease is renewed while the pipeline runs; the row's revision is shared with the end.
  const CampaignRow snapshot = row;  // what the job reads: the heartbeat writes `row`
  std::mutex row_mutex;
  std::condition_variable done_cv;
  bool done = false;
  std::thread heartbeat([&] {
    std::unique_lock lock(row_mutex);
    while (!done_cv.wait_for(lock, kRenewEvery, [&] { return done; })) {
      CampaignMeta current(row.meta);
      {
        std::lock_guard live_lock(mutex_);
        if (live_) current.set_progress(live_->progress);
      }
      row.meta = current.text();
      row.lease_until_ms = now_ms() + kLeaseSeconds * 1000;
      (void)persist(row, "", {});  // a failed renewal is retried; the lease has slack
    }
  });

  JobOutcome outcome = run_campaign_job(app_, *store_, snapshot, meta, progress);

  {
    std::lock_guard lock(row_mutex);
    done = true;
  }
  done_cv.notify_all();
  heartbeat.join();

  json::Value final_progress;
  {
    std::lock_guard lock(mutex_);
    if (live_) final_progress = live_->progress;
  }
  CampaignMeta after(row.meta);
  after.merge(outcome.meta_changes);
  after.set_progress(final_progress);
  const bool interrupted = !outcome.status.ok() &&
                           outcome.status.code() == StatusCode::kUnavailable &&
                           !progress.timed_out() && stop_job_.load();
  if (interrupted) {
    // Stopping: the job stays "running" with its lease released, so the next start of any
    // edge runs it again from its inputs.
    row.lease_until_ms = 0;
  } else {
    if (outcome.status.ok()) {
      after.clear_error();
      row.state = outcome.state;
    } else {
      std::string message = outcome.status.message();
      if (progress.timed_out()) {
        message = "the " + after.job_kind() + " job ran longer than --campaign-job-timeout-s (" +
                  std::to_string(limits_.job_timeout_s) + " s) and was " + message;
      }
      after.set_error(message);
      row.state = after.job_kind() == "prepare" ? "failed" : after.state_before_job();
    }
    after.end_job(now_rfc3339());
    row.lease_until_ms = 0;
  }
  row.meta = after.text();
  Status written = persist(row, outcome.ok_files ? "out/" : "", outcome.files);
  if (!written.ok() && outcome.ok_files) {
    // The results could not be stored: keep the job claimable (its lease released).
    CampaignRow retry = row;
    if (auto fresh = store_->campaign(id); fresh.ok()) retry = *fresh;
    retry.state = "running";
    retry.lease_until_ms = 0;
    (void)persist(retry, "", {});
  }
  {
    std::lock_guard lock(mutex_);
    live_.reset();
  }
  notify(id, !interrupted);
}

json::Value Campaigns::view(const CampaignRow& row) const {
  json::Value v = json::Value::object({{"id", row.id},
                                       {"name", row.name},
                                       {"state", row.state},
                                       {"createdAt", row.created_at},
                                       {"updatedAt", row.updated_at},
                                       {"revision", static_cast<double>(row.revision)}});
  CampaignMeta meta(row.meta);
  meta.copy_public(v);
  std::lock_guard lock(mutex_);
  if (live_ && live_->id == row.id) v.set("progress", live_->progress);
  return v;
}

void Campaigns::subscribe(const std::string& id, std::shared_ptr<StreamSink> sink) {
  {
    std::lock_guard lock(mutex_);
    sinks_[id].push_back(sink);
  }
  auto row = store_->campaign(id);
  if (!row.ok()) {
    sink->push(std::make_shared<const std::string>(
        sse_event("error", json::Value::object({{"detail", row.error()}}))));
    sink->end();
    return;
  }
  sink->push(std::make_shared<const std::string>(sse_event("campaign", view(*row))));
  if (!in_job(row->state)) sink->end();
}

void Campaigns::notify(const std::string& id, bool ended) {
  std::vector<std::shared_ptr<StreamSink>> live;
  {
    std::lock_guard lock(mutex_);
    auto it = sinks_.find(id);
    if (it == sinks_.end()) return;
    std::vector<std::weak_ptr<StreamSink>> kept;
    for (auto& weak : it->second) {
      if (auto sink = weak.lock()) {
        live.push_back(sink);
        if (!ended) kept.push_back(weak);
      }
    }
    if (kept.empty()) {
      sinks_.erase(it);
    } else {
      it->second = std::move(kept);
    }
  }
  if (live.empty()) return;
  auto row = store_->campaign(id);
  if (!row.ok()) return;
  const auto event = std::make_shared<const std::string>(sse_event("campaign", view(*row)));
  for (auto& sink : live) {
    sink->push(event);
    if (ended) sink->end();
  }
}

}  // namespace tailor::edge
