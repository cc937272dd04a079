// The "segmentation" section of a campaign spec: how customers are split into named segments,
// fitted from the customer table by fit() (core/segmentation/fit.h). One of three methods:
//
//   {"method": "rules",
//    "rules": [{"name": "VIP", "condition": {"spend_12m": {"$gte": 1000}}}, ...],   1..50 rules
//    "default": "Everyone else"}                                     optional, this by default
//     Conditions are Tailor's condition language (docs/config.md, "Conditions") over the
//     customer's attributes (customer_attributes() in core/segmentation/attributes.h: column
//     name -> value). First match wins; a customer no rule matches is in the default segment.
//
//   {"method": "rfm",
//    "recency": "days_since_last_order",   number or integer columns; recency is lower-is-better
//    "frequency": "orders_12m",
//    "monetary": "spend_12m",
//    "segments": [{"name": "Champions", "condition": {...}}, ..., {"name": "Hibernating"}]}
//     Quintile bins are computed from the data (core/segmentation/rfm.h). "segments" is
//     optional: 1..50 entries, first match wins, each but the last with a condition, the last
//     without one (or with {}): it is the default. Conditions may read the scores
//     "segments.rfm.r", ".f", ".m" (1..5) and ".score" (3..15), and any customer attribute.
//     Without "segments" the scheme is (r, f are the recency and frequency quintile scores):
//       Champions            r >= 4 and f >= 4
//       Loyal                r >= 3 and f >= 3
//       Potential Loyalists  r >= 4
//       At Risk              f >= 3
//       Hibernating          everyone else
//
//   {"method": "kmeans",
//    "features": ["orders_12m", "spend_12m", "days_since_last_order"],   1..20 distinct number
//                                                                         or integer columns
//    "k": 4 | "auto",        a whole number from 2 to 20, or "auto" (the default): k in 2..8
//                            with the best mean silhouette (core/segmentation/kmeans.h)
//    "seed": 7,              k-means++ seed, a whole number from 0 to 2^53 - 1 (default 1)
//    "max_iterations": 100}  Lloyd iterations, a whole number from 1 to 1000 (default 100)
//     Segments are "Cluster 1".."Cluster k", ordered by descending centroid on the FIRST feature
//     (list the feature that matters most first, e.g. spend), ties by the next features.
//
// rfm and kmeans: a customer the model cannot score (a feature missing) is in an extra segment
// "Unscored", put first, present only when the table has such customers; the name is reserved.
//
// Names are display names: 1..64 bytes whose slug (slug() in attributes.h) is non-empty and
// differs from every other segment's slug ("At Risk" -> "at-risk").
//
// parse_spec() checks the shape only (columns are checked against the table by fit()). Every
// message starts with `path` and names the member and what would be valid:
//   segmentation.k must be a whole number from 2 to 20 or "auto", got 1
//   segmentation.rules[1].condition.spend.$gtee: is not a condition operator (...)
// Unknown members are errors that list the valid ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::segmentation {

enum class Method { kRules, kRfm, kKmeans };

// "rules", "rfm", "kmeans".
std::string_view method_name(Method method);

struct SegmentRule {
  std::string name;
  json::Value condition;  // an object; {} for the default (the last rule)
};

struct Spec {
  std::string path = "segmentation";  // for fit()'s messages about columns
  Method method = Method::kRules;
  // rules and rfm: first match wins, the last is the default with condition {}.
  std::vector<SegmentRule> segments;
  // rfm
  std::string recency, frequency, monetary;
  // kmeans
  std::vector<std::string> features;
  std::optional<int> k;  // nullopt: "auto"
  uint64_t seed = 1;
  int max_iterations = 100;
  // Not spec members: how many customers the silhouette and the choice of k read at most
  // (core/segmentation/fit.h); tests lower them to stay fast.
  size_t silhouette_sample = 2000;
  size_t selection_sample = 20000;
};

// The default RFM scheme above (conditions over "segments.rfm.r" and "segments.rfm.f").
std::vector<SegmentRule> default_rfm_segments();

Result<Spec> parse_spec(const json::Value& section, std::string_view path);

}  // namespace tailor::segmentation
