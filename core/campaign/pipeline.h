// The campaign pipeline of seed 003, wired from the stage modules. Pure: the caller (the CLI,
// the edge's campaign jobs) reads the files and writes what comes back.
//
//   prepare()  1 customers (core/dataset)  2 segments fitted from them (core/segmentation)
//              3 approved content retrieved per segment and channel (core/content)
//              4 variants, one strategy each (core/generate: the Backend given)
//              5 every draft screened (core/safety), blocked drafts regenerated within the
//                budget or dropped with the reason, every decision an audit record
//              6 the experiment design (design.h)
//   approve()  7 the approval of that design: an audit record naming the design's hash; refused
//              while any draft of the design awaits a reviewer's decision
//   finish()   8 simulated engagement (core/simulate), 9 the report (core/report),
//              10 the publishable config (publish.h)
// Nothing after stage 6 runs without an approval of exactly this design: finish() refuses a
// Prepared whose design hash is not the approved one.
//
// Spec sections read here (the others are read by their modules):
//   "content":    {"passages": 6 (1..20: passages retrieved per segment and channel),
//                  "locale": "en"}
//   "generation": {"variants_per_segment": 3 (1..8, = design.treatments, which defaults to
//                  it), "strategies": ["loyalty", ...] (preference order; default benefit,
//                  social_proof, loyalty, urgency), "max_regenerations": 2 (0..5)}
// A segment whose retrieved content supports fewer usable strategies than
// variants_per_segment (a strategy without a claim to stand on, drafts blocked after every
// regeneration) fails the run with each strategy's reason: a campaign never sends a segment
// fewer arms than its design promises.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/audit/record.h"
#include "core/campaign/design.h"
#include "core/campaign/spec.h"
#include "core/content/corpus.h"
#include "core/dataset/read.h"
#include "core/generate/draft.h"
#include "core/json/value.h"
#include "core/result.h"
#include "core/safety/moderation.h"
#include "core/safety/screen.h"
#include "core/segmentation/fit.h"

namespace tailor::campaign {

// Progress of long stages; the default does nothing.
class Progress {
 public:
  virtual ~Progress() = default;
  virtual void start(std::string_view /*stage*/, size_t /*total*/) {}
  virtual void tick(size_t /*done*/) {}
  virtual void finish(std::string_view /*summary*/) {}
  virtual void note(std::string_view /*line*/) {}
  // True when the caller wants the run to stop (its deadline passed, the process is shutting
  // down). The pipeline asks before each stage and then fails with kUnavailable "stopped
  // before the <stage> stage": nothing is half-done, and the same inputs can run again.
  virtual bool stopped() const { return false; }
};

// Ok, or the kUnavailable failure of a run stopped before `stage`.
Status check_stopped(const Progress& progress, std::string_view stage);

// A reviewer's decision on a draft that screening held for review (decision "review"): the
// draft is named by its message id and the content hash it was screened with, so a decision
// never carries over to changed copy.
struct Review {
  std::string message_id;    // "<segment slug>/<strategy>/<channel>"
  std::string content_hash;
  std::string decision;      // "approved" | "rejected"
  std::string reviewer;      // a name, as check_approver accepts
  std::string ts;            // RFC 3339 UTC
  std::string reason;        // optional, up to kMaxReviewReason bytes
};

inline constexpr size_t kMaxReviewReason = 2000;

// reviews.json: [{"message", "contentHash", "decision", "reviewer", "ts", "reason"?}, ...].
Result<std::vector<Review>> reviews_from_json(const json::Value& reviews);
json::Value reviews_to_json(const std::vector<Review>& reviews);

// The content hash of the draft `message_id` that variants.json (as prepared_files writes it)
// holds for review: what a reviewer's decision names. Failure (kNotFound) lists the drafts that
// do await review ("none does" when none).
Result<std::string> awaiting_review_hash(const json::Value& variants_json,
                                         std::string_view message_id);

struct Inputs {
  Spec spec;
  std::string spec_name = "campaign.json";
  std::string customers_csv;
  std::string customers_name = "customers.csv";
  std::vector<std::pair<std::string, std::string>> content_files;  // (name, bytes)
  std::string now;  // RFC 3339 UTC: the audit records' time
  Prior prior;      // an earlier wave's counts, for design.allocation "thompson"
  std::vector<Review> reviews;  // decisions on drafts screening held for review
};

// One channel's copy of a variant, as generated, rendered and screened.
struct Copy {
  content::Channel channel = content::Channel::kEmail;
  generate::Draft draft;          // with citations and placeholders (the review form)
  std::string subject, body;      // customer-facing with fallbacks (what was screened)
  safety::Screening screening;
  std::string screened_by;        // the screening record's actor (moderation.h)
  std::string content_hash;       // audit::content_hash(subject, body)
  int regenerations = 0;
  bool awaiting_review = false;   // held by screening, no reviewer's decision yet
};

struct Variant {
  std::string id;  // "<segment slug>/<strategy>"
  size_t segment = 0;
  generate::Strategy strategy = generate::Strategy::kBenefit;
  std::vector<Copy> copies;  // one per spec channel, spec order; [0] is email
};

// A strategy that did not make it into a segment's variants, and why.
struct Dropped {
  size_t segment = 0;
  std::string strategy;
  std::string reason;
};

struct Prepared {
  Inputs inputs;
  dataset::Dataset customers;
  segmentation::Fitted segments;
  std::vector<std::vector<content::Passage>> passages;  // per segment, email channel
  std::vector<content::Item> sources;  // every approved item a variant cites, in id order
  std::vector<Variant> variants;                         // segment order, then preference
  std::vector<Dropped> dropped;
  std::vector<audit::Record> audit;                      // screening and regeneration
  std::vector<json::Value> screenings;                   // every screening, in order
  Design design;
  json::Value design_json;  // design.json
  std::string design_hash;
  std::string backend;      // Backend::name()
  std::vector<std::string> awaiting_review;  // message ids of drafts that need a decision
  size_t drafts_screened = 0, drafts_allowed = 0;
};

// `moderator` (optional, safety/moderation.h) is asked about every draft alongside the rules;
// when it fails the draft is screened by the rules alone and its audit record says so.
Result<Prepared> prepare(Inputs inputs, generate::Backend& backend, Progress& progress,
                         const safety::Moderator* moderator = nullptr);

// The files of a prepared campaign: segments.csv, variants.json, screening.jsonl,
// audit.jsonl, audit.csv, assignments.csv, design.json.
std::map<std::string, std::string> prepared_files(const Prepared& prepared);

// Stages 7-10 for a prepared campaign that `approver` approves at `ts` (RFC 3339 UTC).
// `approved_hash` is the design hash the approver saw (design.json as written): when it is not
// prepared.design_hash the design changed since and nothing runs (kConflict). Returns the
// files that change or appear: audit.jsonl and audit.csv (with the approval record),
// events.jsonl and report.json / report.html (when the spec has a "simulation" section),
// config.json (when the spec's channels include "web").
Result<std::map<std::string, std::string>> approve_and_finish(const Prepared& prepared,
                                                              const std::string& approved_hash,
                                                              const std::string& approver,
                                                              const std::string& ts,
                                                              Progress& progress);

}  // namespace tailor::campaign
