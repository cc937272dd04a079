// The planted ground truth of the engagement simulator (stage 8 of the campaign pipeline): the
// spec's "simulation" section, parsed, and the response model it defines. The report must
// recover what is planted here (the best arm per segment, the attribute that drives uplift).
//
// The model (a chain of logistic regressions, one per funnel stage). For a customer of segment
// s sent arm a ("control" or a strategy) with attribute values x_1..x_n:
//   z_k     = (x_k - center_k) / scale_k    booleans are x = 0/1; a missing value gives z = 0
//   treated = 1 when a != "control", else 0
//   eta_t   = logit(base.t) + segment[s].t + treated * (strategy[a].t + segment[s].strategies[a])
//             + sum_k beta_k.t * z_k + treated * sum_k uplift_k * z_k
//             for the stages t = open, click, purchase (the segment x strategy term and the
//             uplift terms are added to all three stages)
//   eta_u   = logit(base.unsubscribe) + segment[s].unsubscribe + treated * strategy[a].unsubscribe
//             + sum_k beta_k.unsubscribe * z_k
//   P(open) = sigmoid(eta_open)            P(click | open)       = sigmoid(eta_click)
//   P(purchase | click) = sigmoid(eta_purchase)   P(unsubscribe | open) = sigmoid(eta_u)
//   revenue | purchase ~ LogNormal with mean m_s = segment[s].revenue (default base.revenue) and
//             log-sd sigma = base.revenue_sigma: revenue = m_s * exp(sigma * N(0,1) - sigma^2/2),
//             rounded to cents (at least 0.01)
// sigmoid(x) = 1 / (1 + e^-x), logit(p) = ln(p / (1 - p)). Segments, strategies and attributes
// the section does not name contribute 0. Only sent customers are simulated; a customer who
// does not open neither clicks, buys nor unsubscribes.
//
// Timing (epoch milliseconds, whole): the send is at `start`; the window is `days` days.
// open = send + W * f_o, click = open + (end - open) * f_c, purchase = click + (end - click) * f_p,
// unsubscribe = open + (end - open) * f_u, where end = send + W, W = days * 86,400,000 and each
// f is a draw of an exponential truncated to [0, 1) with rate 6 (open), 40 (click), 10
// (purchase), 30 (unsubscribe): most opens fall in the first day of a week's window.
//
// The section (JSON):
//   {"seed": 7,                                whole number 0..2^53-1
//    "start": "2026-12-01T09:00:00Z",          RFC 3339 UTC time YYYY-MM-DDTHH:MM:SSZ
//    "days": 7,                                optional, whole number 1..90 (default 7)
//    "base": {"open": 0.3, "click": 0.25, "purchase": 0.35, "unsubscribe": 0.01,
//             "revenue": 90, "revenue_sigma": 0.5},    probabilities in (0, 1); revenue > 0;
//                                                      revenue_sigma 0..3, optional (0.5)
//    "segments": {"At Risk": {"open": -0.2, "click": 0, "purchase": 0.1, "unsubscribe": 0.3,
//                             "revenue": 100, "strategies": {"urgency": 0.6}}},
//    "strategies": {"benefit": {"open": 0.1, "click": 0.05, "purchase": 0, "unsubscribe": 0}},
//    "attributes": {"email_engagement": {"center": 0.4, "scale": 0.2, "open": 0.8, "click": 0.3,
//                                        "purchase": 0, "unsubscribe": -0.2, "uplift": 0.5}}}
// segments are keyed by segment display names, strategies by the strategy names "benefit",
// "social_proof", "loyalty", "urgency"; attributes by customer column name (a number, integer
// or boolean column; checked when simulating). Every effect member is optional (0) and a finite
// log-odds shift; scale must be > 0 (default 1), center finite (default 0). segments, strategies
// and attributes are optional and hold at most 200 entries each.
// Failure: kInvalidArgument naming the member from `path` and what would be valid:
//   simulation.segments["At Risk"].revenue must be a number > 0, got 0
// Unknown members are errors that list the valid ones.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::simulate {

// The treatment strategies, in this order, and the control arm's name.
inline constexpr std::string_view kStrategies[] = {"benefit", "social_proof", "loyalty", "urgency"};
inline constexpr std::string_view kControl = "control";

// Log-odds shifts for the four funnel stages.
struct Effect {
  double open = 0;
  double click = 0;
  double purchase = 0;
  double unsubscribe = 0;
};

struct SegmentTruth {
  std::string name;  // display name ("At Risk")
  Effect effect;
  std::optional<double> revenue;  // mean revenue of a purchase; base.revenue when absent
  std::vector<std::pair<std::string, double>> strategies;  // segment x strategy log-odds
};

struct StrategyTruth {
  std::string name;
  Effect effect;
};

struct AttributeTruth {
  std::string column;
  double center = 0;
  double scale = 1;
  Effect effect;      // beta: the attribute's effect for every arm
  double uplift = 0;  // gamma: its interaction with treatment (open, click, purchase)
};

struct Base {
  double open = 0;         // P(open) of the reference customer in control
  double click = 0;        // P(click | open)
  double purchase = 0;     // P(purchase | click)
  double unsubscribe = 0;  // P(unsubscribe | open)
  double revenue = 0;      // mean revenue of a purchase
  double revenue_sigma = 0.5;
};

struct Truth {
  uint64_t seed = 0;
  std::string start;     // as written
  int64_t start_ms = 0;  // the send time, epoch milliseconds
  int days = 7;
  Base base;
  std::vector<SegmentTruth> segments;
  std::vector<StrategyTruth> strategies;
  std::vector<AttributeTruth> attributes;

  // nullptr when the section does not name it.
  const SegmentTruth* segment(std::string_view name) const;
  const StrategyTruth* strategy(std::string_view name) const;
};

Result<Truth> parse_truth(const json::Value& section, std::string_view path);

// "2026-12-01T09:00:00Z" -> epoch milliseconds; nullopt for anything else (other offsets,
// fractions of a second and invalid dates included).
std::optional<int64_t> parse_utc_time(std::string_view text);

// The model's probabilities for one customer (P(click) given open and so on, as above).
// `z` holds the customer's standardised attributes in the order of truth.attributes.
struct Probabilities {
  double open = 0;
  double click = 0;
  double purchase = 0;
  double unsubscribe = 0;
  double revenue_mean = 0;
  // P(purchase) per message sent: open * click * purchase.
  double conversion() const { return open * click * purchase; }
};
Probabilities probabilities(const Truth& truth, std::string_view segment, std::string_view arm,
                            std::span<const double> z);

// The same in two steps, for callers that evaluate many customers: the (segment, arm) terms of
// the linear predictors once, then each customer's attributes.
// probabilities(t, s, a, z) == evaluate(t, arm_terms(t, s, a), z), bit for bit.
struct ArmTerms {
  bool treated = false;
  Effect eta;         // logit(base) + segment + strategy terms, per stage
  double shared = 0;  // segment x strategy: added to open, click and purchase
  double revenue_mean = 0;
};
ArmTerms arm_terms(const Truth& truth, std::string_view segment, std::string_view arm);
Probabilities evaluate(const Truth& truth, const ArmTerms& terms, std::span<const double> z);

// The arm with the highest conversion per message (equivalently revenue per message: the mean
// revenue does not depend on the arm) for the customer at the attribute centres (all z = 0),
// among `arms` (names; "control" may be one of them); ties go to the earlier arm. Without
// `arms`: control and the four strategies. "" when `arms` is empty.
std::string planted_best_strategy(const Truth& truth, std::string_view segment);
std::string planted_best_strategy(const Truth& truth, std::string_view segment,
                                  std::span<const std::string> arms);

// Attribute columns by |uplift| (the treatment x attribute interaction per unit of z),
// largest first, ties by column name; the first is the planted strongest attribute.
std::vector<std::string> planted_attribute_ranking(const Truth& truth);

}  // namespace tailor::simulate
