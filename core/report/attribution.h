// Attribution: which customer attributes drive the difference between treatment (every
// treatment arm together) and control. Two views, both in the report:
//
// 1. Uplift by attribute bin. Numeric attributes are cut at their quantiles into
//    options.bins bins (fewer when values repeat; an attribute with at most options.bins
//    distinct values gets one bin per value), categorical ones by label (the
//    options.max_categories - 1 most frequent, the rest as "other"); missing values form
//    their own bin. In each bin: treatment minus control of purchase rate and of RpM, absolute
//    (a bin's control rate can be 0), post-stratified by segment (stats::stratified_test:
//    assignment weights differ by segment), with a CI at 1 - alpha.
// 2. A regression with treatment x attribute interactions, for purchase (a linear probability
//    model) and for revenue per message: OLS (report/ols.h, HC1 robust errors) of
//      y = b0 + segment dummies + b_T T + sum_a c_a z_a + sum_a d_a T z_a
//    where T is 1 for a treatment arm, z_a a numeric attribute standardised over all units
//    (missing -> 0, the mean) or a categorical attribute's 0/1 indicators (the most frequent
//    label is the reference). d_a is how much the treatment effect changes per standard
//    deviation of the attribute (or for that label against the reference). Attributes are
//    ranked by the robust Wald test of their interaction terms (chi-square p-value, ties by the
//    statistic): rank 1 is the strongest attribute. Attributes that are constant (or whose
//    terms are collinear with others) are listed as left out with the reason.
//
// Never fails on valid data (campaign.h validates): a view that cannot be computed says why
// in the JSON ({"error": ...}).
#pragma once

#include "core/json/value.h"
#include "core/report/campaign.h"

namespace tailor::report {

// {"treatment": "all treatment arms", "bins": [...per attribute...],
//  "regression": {"purchase": {...}, "rpm": {...}}, "ranking": [...], "strongest": name|null}
json::Value attribution_report(const CampaignData& data, const ReportOptions& options);

}  // namespace tailor::report
