// Segments: who a visitor is, computed from their attributes by the same core in the browser
// and at the edge, and usable in targeting conditions as the attribute "segments".
//
// Config: "segments": [Segment, ...]; each {"key": name, "type": ..., ...}:
//   rule      {"condition": {...}}                       -> true / false (the condition holds)
//   rfm       {"recency": path, "frequency": path, "monetary": path,
//              "recencyBins": [4 ascending numbers], "frequencyBins": [...], "monetaryBins": [...]}
//             -> {"r", "f", "m", "score"}: each 1..5; recency (e.g. days since the last order)
//             scores 5 at or below recencyBins[0] and 1 above recencyBins[3]; frequency and
//             monetary score 1 + how many bins they reach (x >= bin); score = r + f + m.
//   kmeans    {"features": [path, ...], "mean": [...], "scale": [...],
//              "centroids": [{"name": "...", "center": [...]}, ...]}
//             -> the name of the nearest centroid (squared Euclidean distance over
//             (x - mean) / scale; the first wins a tie).
//   logistic  {"intercept": b, "coefficients": [{"attribute": path, "weight": w}, ...]}
//             -> 1 / (1 + e^-(b + sum w * x)), a probability.
// Paths are dotted attribute paths ("orders.count"). A numeric input that is absent or not a
// finite number makes that segment null. e^x is computed with IEEE arithmetic only, so scores are
// bit-identical on every target.
//
// with_segments() returns {...attributes, "segments": {key: value, ...}} (replacing any
// "segments" attribute) when the config has a non-empty "segments" array; otherwise the
// attributes unchanged. decide() and CompiledConfig apply it before deciding, so conditions can
// read "segments.vip" or "segments.churnRisk": {"$gte": 0.7}.
#pragma once

#include <string>
#include <vector>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::segment {

// Checks config["segments"]: ok when absent, else the first problem, naming the segment and
// field: `segments[2] ("churn").coefficients[0].weight must be a finite number`.
Result<bool> validate(const json::Value& config);

// {key: value} for every segment (an invalid segment's value is null). `attributes` must be an
// object (anything else has no attributes: numeric segments are null).
json::Value evaluate(const json::Value& config, const json::Value& attributes);

// True when the config defines segments (a non-empty "segments" array).
bool has_segments(const json::Value& config);

// The attributes decisions see: see above.
json::Value with_segments(const json::Value& config, const json::Value& attributes);

// e^x from IEEE +, *, / and ldexp only (identical natively and in wasm); max relative error
// about 2e-16. NaN for NaN, +inf above 709.78, 0 below -745.2.
double portable_exp(double x);

}  // namespace tailor::segment
