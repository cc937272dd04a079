// The campaign's KPI tree (seeds 001/002): the north star RpMT, the supporting metrics that
// explain it, and the guardrails that must hold for the result to count. Every node carries
// its formula, its source (which events it is computed from) and its value for treatment (all
// treatment arms together) and control (all control arms together).
//
// - North star: RpMT = revenue / touches (seed 002; one email send is one touch, so it equals
//   RpM). Its lift is post-stratified by segment (report/arm_metrics.h compare_stratified),
//   so segments with different treatment shares do not bias it.
// - Supporting: conversion rate, AOV (revenue / purchases; a ratio of sums, shown without a
//   test), open rate, click rate, revenue per email; with seed 002's baselines for context.
// - Guardrails, each "pass" or "fail": unsubscribe rate not significantly higher in treatment
//   (one-sided, post-stratified, at alpha); safety screening pass rate (allowed / screened)
//   above options.screening_pass_min (seed 003: > 90%); no segment with a sample-ratio
//   mismatch; zero sends to opted-out customers. Frequency-capped and opted-out exclusions are
//   listed for context.
// - Test plan: the sends per arm seed 002's rule (detect +15% relative conversion at 95%
//   confidence and 80% power; here options.alpha and options.power) needs at this campaign's
//   control conversion rate (stats::sample_size_proportions; seed 002's own example figure is
//   an arithmetic slip and is not used).
#pragma once

#include <string>
#include <vector>

#include "core/json/value.h"
#include "core/report/arm_metrics.h"
#include "core/report/campaign.h"

namespace tailor::report {

// totals[s][a]: the sends of segment s, arm a (validated data). srm_mismatched: the names of
// the segments whose SRM check failed.
json::Value kpi_tree(const CampaignData& data, const std::vector<std::vector<ArmTotals>>& totals,
                     const std::vector<std::string>& srm_mismatched, const ReportOptions& options);

}  // namespace tailor::report
