// Campaigns as edge jobs (docs/edge-api.md, "Campaigns"): the campaign pipeline of
// core/campaign run on a job thread of its own, never on an I/O thread or the worker pool,
// with its state, inputs, outputs and audit trail in the campaign store.
//
// A campaign moves through these states:
//
//   queued ──► running ──► awaiting-review ──(every held draft decided)──► awaiting-approval
//                 │                 ▲ review: queued ─► running ─┘              │ approve
//                 ▼                                                              ▼
//               failed                          complete ◄── running ◄── queued (finish)
//                                                  │ simulate: queued ─► running ─► complete
//
// Jobs: "prepare" (stages 1-6: segments, content, variants, screening, design; again after a
// review, replaying the drafts already written), "finish" (7-10: the approval, simulated
// sends, the report, the web arm's config, published on an SDK key when the approval asks)
// and "simulate" (the simulated events into the edge's event store, so the results route
// analyses them). The pipeline is deterministic given its stored inputs (the preparation time
// included), so a job interrupted by a restart runs again from its inputs and writes exactly
// what it would have: that is the resume.
//
// A running job holds a lease in the store, renewed while it runs. Every edge sharing the
// store looks for claimable campaigns (queued, or running with an ended lease) and claims one
// with a revision check, so exactly one edge runs each job. A graceful stop releases the lease
// (the next start resumes at once); a crash leaves it to expire (kLeaseSeconds). A job started
// kMaxAttempts times without finishing is failed with the reason.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"
#include "edge/http.h"
#include "edge/store/campaign_store.h"

namespace tailor::edge {

class App;

struct CampaignLimits {
  size_t max_upload_bytes = 64u << 20;  // --campaign-max-bytes: a create request's body
  size_t max_rows = 200000;             // --campaign-max-rows: customers per campaign
  size_t max_content_items = 2000;      // content files per campaign
  unsigned job_timeout_s = 900;         // --campaign-job-timeout-s: one job's running time
};

inline constexpr double kLeaseSeconds = 20;
inline constexpr int kMaxAttempts = 3;

class Campaigns {
 public:
  Campaigns(App& app, std::unique_ptr<CampaignStore> store, CampaignLimits limits);
  ~Campaigns();

  // Starts the job thread; it claims what it can at once (jobs an earlier run left).
  void start();
  // Stops the job thread: a running job stops before its next stage and releases its lease,
  // so the next start (of any edge sharing the store) runs it again.
  void stop();
  // Wakes the job thread (a campaign was queued).
  void wake();

  const CampaignLimits& limits() const { return limits_; }
  CampaignStore& store() { return *store_; }

  // The campaign as the API shows it (docs/edge-api.md): the row, its meta, and the live
  // progress when this edge runs its job.
  json::Value view(const CampaignRow& row) const;

  // The request handlers' operations (blocking: run them on the worker pool). Each returns the
  // campaign's view, or a Status whose code decides the HTTP status.
  Result<json::Value> create(const json::Value& body);
  Result<json::Value> review(const std::string& id, const json::Value& body);
  Result<json::Value> approve(const std::string& id, const json::Value& body);
  Result<json::Value> simulate(const std::string& id, const json::Value& body);

  // SSE: sends the campaign's view now and at every change of its job's progress; ends the
  // stream once the campaign is neither queued nor running.
  void subscribe(const std::string& id, std::shared_ptr<StreamSink> sink);

 private:
  struct Live;  // the progress of the job this edge runs
  class JobProgress;

  void run();
  bool claim_and_run_one();
  void run_job(CampaignRow row);
  // Writes `row` (state, meta) with `files`; keeps the revision current. Status of the write.
  Status persist(CampaignRow& row, std::string_view clear_prefix, const CampaignFiles& files);
  void renew_lease(CampaignRow& row);
  void notify(const std::string& id, bool ended);
  Result<CampaignRow> queue_job(const std::string& id, std::string_view from_state,
                                std::string_view job, const json::Value& meta_changes,
                                const CampaignFiles& files);

  App& app_;
  std::unique_ptr<CampaignStore> store_;
  CampaignLimits limits_;

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::atomic<bool> stop_job_{false};
  std::shared_ptr<Live> live_;  // the running job's progress, or null
  std::map<std::string, std::vector<std::weak_ptr<StreamSink>>> sinks_;
  std::thread thread_;
};

}  // namespace tailor::edge
