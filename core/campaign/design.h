// Experiment design (stage 6 of the campaign pipeline): which customers are sent which arm.
//
// Each segment is its own experiment, "<campaign>-<segment slug>": arm 0 is control (no
// campaign message), arms 1..treatments are the segment's screened variants. A customer is
// assigned exactly as the decision core assigns a visitor to a GrowthBook experiment rule:
//   n   = assign::hash(seed, customer id, 2)      seed = "<design seed>:<segment slug>"
//   arm = the bucket range (assign::bucket_ranges, coverage 1, the design weights) holding n
// so a separate hash per segment randomises within each segment (stratified by segment), and the
// published config (publish.h) puts a browser visitor in the same arm.
//
// Who is not sent anything (status other than kAssigned), in this order:
//   kNoConsent   Table::may_contact is false (opted out, or consent unknown)
//   kCapped      the frequency-cap column holds >= max sends (a missing value counts as 0)
//   kUnassigned  the hash fell outside every range (weights summing a hair under 1)
//
// Spec, "design": {
//   "treatments": 3,              1..8 treatment arms per segment (default 3)
//   "weights": [w0, w1, ...],     one per arm (control first), each > 0, summing to 1 (1e-9);
//                                 default equal
//   "allocation": "fixed",        "fixed": the weights above; "thompson": weights per segment
//                                 by Thompson sampling on the purchases of an earlier wave
//                                 (the prior, below), as seed 002's bandit allocates
//   "thompson": {"control_floor": 0.3, "min_weight": 0.05, "draws": 10000, "seed": 1},
//   "web_bandit": {...},          optional: a live bandit on the web arm — config's "bandit"
//                                 declaration (core/config/automation.h, checked by its parser
//                                 with 1 + treatments variations), put on every segment's
//                                 experiment rule of the published config, so the edge's
//                                 controller reallocates each segment's web traffic on its
//                                 events (docs/experiments.md). The sends stay as designed.
//   "seed": "...",                hashing seed (default: the campaign id)
//   "alpha": 0.05, "power": 0.8,  the power check's level and target power
//   "mde": 0.10,                  the minimum detectable effect, relative to the baseline
//   "baseline": {"metric": "purchase" | "click" | "open", "rate": 0.03},
//   "frequency_cap": {"column": "emails_last_30d", "max": 8}
// }
// Thompson allocation (core/bandit/thompson.h, Bernoulli arms on purchases): each segment's
// arms get Beta(1 + purchases, 1 + sends - purchases) posteriors from the prior wave's counts
// of the same segment and variant (an arm the prior lacks: Beta(1, 1)); the win probability of
// each arm over `draws` draws, control raised to control_floor (seed 002 keeps 30% on the
// proven baseline), every arm at least min_weight. Without any prior count every challenger
// is equally likely to win: control_floor to control, the rest shared equally.
// Power check, per segment: the smallest arm's expected size n = eligible x min weight, the
// per-arm size needed to detect baseline -> baseline x (1 + mde) with the given power in a
// two-sided test at alpha / (segments x treatments) (Bonferroni: the report adjusts p-values
// across that family), the power n actually gives, and the smallest relative effect n
// detects. A segment below the target power gets a warning; the design still stands.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset/table.h"
#include "core/json/value.h"
#include "core/result.h"

namespace tailor::campaign {

enum class Allocation { kFixed, kThompson };

struct DesignSpec {
  int treatments = 3;
  std::vector<double> weights;  // empty: equal
  Allocation allocation = Allocation::kFixed;
  double control_floor = 0.3;  // thompson
  double min_weight = 0.05;    // thompson
  int draws = 10000;           // thompson
  uint64_t thompson_seed = 1;  // thompson
  std::string seed;             // "": the campaign id
  double alpha = 0.05;
  double power = 0.8;
  double mde = 0.10;
  std::string baseline_metric = "purchase";
  double baseline_rate = 0.03;
  std::string cap_column;  // "" when there is no frequency cap
  int64_t cap_max = 0;
  json::Value web_bandit;  // null when absent; else the checked "bandit" declaration
};

Result<DesignSpec> parse_design_spec(const json::Value& section, std::string_view path);

// An earlier wave's outcome per segment (display name) and variant ("control", a strategy):
// sends and purchases, the input of Thompson allocation.
struct ArmCounts {
  double sends = 0;
  double purchases = 0;
};
using Prior = std::map<std::string, std::map<std::string, ArmCounts>>;

// The prior in a campaign's report.json (core/report/campaign.h): each segment's arms' sends
// and purchases. Failure names the member that is missing or not a count.
Result<Prior> prior_from_report(const json::Value& report);

// One arm of one segment: "control" or a strategy, and the variant shown (empty for control).
struct ArmPlan {
  std::string variant;     // "control" | strategy name
  std::string variant_id;  // "" for control
  std::string content_hash;  // audit::content_hash of the variant's email; "" for control
};

struct SegmentPlan {
  std::string name;
  std::string slug;
  std::vector<ArmPlan> arms;  // arms[0] is control; 1 + treatments arms
};

enum class SendStatus : uint8_t { kAssigned, kNoConsent, kCapped, kUnassigned };
std::string_view send_status_name(SendStatus status);  // "assigned", "no_consent", ...

struct Assignment {
  uint32_t segment = 0;
  int32_t arm = -1;  // index into the segment's arms; -1 unless kAssigned
  SendStatus status = SendStatus::kUnassigned;
};

struct PowerCheck {
  double expected_per_arm = 0;  // eligible customers x the smallest weight
  double required_per_arm = 0;
  double achieved_power = 0;
  std::optional<double> detectable_relative_effect;  // nullopt when not even 100% is
  bool underpowered = false;
};

struct SegmentDesign {
  SegmentPlan plan;
  std::string experiment;  // "<campaign>-<slug>"
  std::string seed;        // the hashing seed of this segment's experiment
  std::vector<double> weights;
  std::vector<double> win_probability;  // thompson only
  size_t customers = 0;  // in the segment, whatever their status
  size_t no_consent = 0, capped = 0, unassigned = 0;
  std::vector<size_t> arm_counts;  // assigned per arm
  PowerCheck power;
};

struct Design {
  std::string campaign;
  std::string hash_attribute;  // the customers' id column: what the browser hashes
  DesignSpec spec;
  std::vector<SegmentDesign> segments;
  std::vector<Assignment> rows;  // one per table row
  std::vector<std::string> warnings;
};

// `row_segment[r]` is row r's index into `segments`; `prior` is read only by thompson
// allocation. Failure: no id column, the cap column missing or not an integer column, a
// segment with a different number of arms than 1 + spec.treatments, row_segment of the wrong
// size or out of range, prior counts that are not whole numbers with purchases <= sends.
Result<Design> make_design(const std::string& campaign, const dataset::Table& table,
                           const std::vector<uint32_t>& row_segment,
                           const std::vector<SegmentPlan>& segments, const DesignSpec& spec,
                           const Prior& prior = {});

// The design as JSON (design.json), without the per-row assignments (assignments.csv holds
// those): what an approver approves and design_hash covers.
json::Value design_to_json(const Design& design);

// The content hash an approval names: SHA-256 hex of the canonical JSON (RFC 8785) of
// design_to_json. Failure only for a design holding a non-finite number.
Result<std::string> design_hash(const json::Value& design_json);

}  // namespace tailor::campaign
