// Segmentation fitted from the data (stage 2 of the campaign pipeline): a customer table and a
// "segmentation" spec (core/segmentation/spec.h) in; the config's "segments" entries, the
// ordered named segments, each customer's segment and the segments' profiles out.
//
// What a method writes (config segments in the format of core/segment/segments.h):
//   rules   one "rule" segment per rule, key = the rule's slug, its condition; the named
//           segment's condition is {"segments.<slug>": true} (the default's {})
//   rfm     one "rfm" segment, key "rfm", with the quintile bins of core/segmentation/rfm.h
//           computed over the customers that have all three values; named segments as the
//           spec (or the default scheme) says, conditions over "segments.rfm.r/f/m/score"
//   kmeans  one "kmeans" segment, key "cluster", features, mean, scale (core/segmentation/
//           kmeans.h: population sd over the customers that have every feature, 1 when 0) and
//           centroids "Cluster 1".."Cluster k" in standardised units, ordered by descending
//           center on the first feature, then the next; named segment "Cluster i" has the
//           condition {"segments.cluster": "Cluster i"}, the last one {} (the default).
//           The silhouette is computed over all scored customers when there are at most 2000
//           (Spec::silhouette_sample), else over 2000 drawn without replacement with
//           tailor::bandit::Rng(seed + 1) (diagnostics "silhouette_sample" says how many).
//           k "auto": each k in 2..8 is fitted to the scored customers, or to 20,000 of them
//           (Spec::selection_sample) drawn with Rng(seed + 2) when there are more
//           ("selection_sample"), and scored by the silhouette over at most 2000 of those; the
//           k with the highest (the smaller on a tie) is then fitted to all scored customers
//           (the same fit when none were left out).
//   rfm and kmeans: when some customers lack a value the model needs (their segment in the SDK
//   is null), a first named segment "Unscored" {"segments.<key>": {"$exists": false}} holds
//   them; it is absent when every customer is scored.
//
// THE PROPERTY: row_segment[row] is the index of the first named segment whose condition holds
// (targeting::eval_condition) on segment::with_segments({"segments": config_segments},
// customer_attributes(table, row)): exactly what the browser SDK computes for a visitor with
// those attributes. fit() evaluates it that way, only cheaper: the document holds just the
// columns the segments and conditions name (no condition can read another), the conditions are
// compiled (targeting::CompiledCondition, equal to eval_condition by contract), and a test
// compares every row with the plain evaluation of the full document.
// The last named segment's condition is {}, so every customer is in exactly one segment.
//
// Diagnostics: rules {"rules": n}; rfm {"recencyBins", "frequencyBins", "monetaryBins",
// "scored", "unscored"}; kmeans {"k", "silhouette" (null when undefined), "silhouette_sample",
// "silhouette_by_k": [{"k", "silhouette"}] and "selection_sample" (auto only), "inertia" (sum of
// squared standardised distances to the nearest centroid), "iterations", "converged", "scored",
// "unscored"}.
//
// Failures (kInvalidArgument, starting with spec.path): a named column not in the table or not
// a number/integer column (rfm, kmeans), no customer with every value the model needs, fewer
// distinct customers than k; a table without rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset/table.h"
#include "core/json/value.h"
#include "core/result.h"
#include "core/segmentation/profile.h"
#include "core/segmentation/spec.h"

namespace tailor::segmentation {

struct NamedSegment {
  std::string name;
  std::string slug;
  json::Value condition;  // over the customer's attributes incl. "segments.<key>"; {} last
};

struct Fitted {
  Method method = Method::kRules;
  json::Value config_segments;           // the config's "segments" array
  std::vector<NamedSegment> segments;    // ordered, first match wins, last is the default
  std::vector<uint32_t> row_segment;     // per table row: index into segments
  std::vector<SegmentProfile> profiles;  // per segment, same order
  json::Value diagnostics;
};

Result<Fitted> fit(const dataset::Table& table, const Spec& spec);

// The index of the first of `segments` whose condition holds for these attributes with the
// config segments applied (what fit() computes per row; segments.size() when none holds).
size_t segment_of(const json::Value& config, const std::vector<NamedSegment>& segments,
                  const json::Value& attributes);

// {"method", "segments": [{"name", "slug", "condition", "size", "share", "means": {column:
// mean}, "top": {column: [{"value", "count"}]}}], "config_segments", "diagnostics"}.
json::Value to_json(const Fitted& fitted);

}  // namespace tailor::segmentation
