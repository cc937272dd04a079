// URL-redirect experiments: GrowthBook's auto experiments (context.experiments) as its
// GrowthBook class runs them when it is created, for the redirect case (JS SDK 1.8.0,
// _updateAllAutoExperiments / _runAutoExperiment / getRedirectUrl).
#pragma once

#include <string>
#include <string_view>

#include "core/json/value.h"

namespace tailor::assign {

// GrowthBook's mergeQueryStrings(old_url, new_url): every search parameter of old_url whose
// name new_url lacks is appended to new_url's (which is then re-serialized as
// application/x-www-form-urlencoded: a space as "+", bytes outside *-._ and alphanumerics as
// %XX); new_url unchanged when either does not parse as an absolute URL.
std::string merge_query_strings(std::string_view old_url, std::string_view new_url);

// The experiments of context.experiments run in order, as GrowthBook runs auto experiments
// for `context` (attributes, url, experiments, forcedVariations, savedGroups, enabled, qaMode,
// groups as in evaluate.h; sticky bucketing is off):
//   * skipped: `manual` experiments; experiments that are neither redirect experiments
//     (urlPatterns and a variation object with a urlRedirect member) nor visual ones (a
//     variation object with domMutations, js or css); redirect experiments when the context
//     url or a variation's truthy urlRedirect is not an absolute URL, or a urlRedirect is not
//     a string (GrowthBook would use its text, where only a one-URL array is a URL);
//   * each experiment run enrols the user by hashing (runExperiment's tracked path: not a
//     forced or query-string variation) adds a tracking entry, one per hash attribute, hash
//     value, key and variation (a later duplicate replaces the earlier in place);
//   * the first redirect experiment the user is in ends the run; its variation's urlRedirect
//     (with the context url's search parameters merged in when persistQueryString is truthy)
//     is the redirect, unless that URL is itself targeted by the urlPatterns.
// Returns {"redirect": the URL to navigate to, or "", "tracked": [{"experiment": {...},
// "result": ExperimentResult, "changeType": "redirect" | "visual"}, ...]} (GrowthBook's
// deferred tracking calls, in order), or null
// where GrowthBook would throw (a non-array experiments or variations, a null variation
// chosen in a redirect experiment), with *error naming the field.
json::Value run_url_redirects(const json::Value& context, std::string* error);

}  // namespace tailor::assign
