// Experiment results and summaries at the edge (GET /v1/experiments/{key}/results and
// /summary): the query string becomes the core's report::Options, the published configs give
// the experiment's design, the store streams its rows into the core's
// report::ExperimentAggregator (core/report/experiment.h), which decides what counts and
// writes the answer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/report/design.h"
#include "core/report/experiment.h"
#include "core/status.h"
#include "edge/config_registry.h"

namespace tailor::edge {

// Reads metric (required), method, segment, alpha, relative and nStar. On a bad value returns
// kMalformed naming the parameter (`parameter` is set to its name).
Status parse_results_query(std::string_view query, report::Options& out, std::string& parameter);

// The first definition of `experiment` in the published configs (SDK keys in bytewise order);
// its `source` is the SDK key.
std::optional<report::Design> find_design(const ConfigRegistry::Snapshot& configs,
                                          std::string_view experiment);

}  // namespace tailor::edge
