// The campaign report (report/campaign.h) as one self-contained HTML page: recommendations,
// the KPI tree with guardrails, per-segment arms and lifts, pooled strategies, attribution
// and the method, with charts.
//
// Charts are inline SVG written here, not an inlined chart library. Why: the page must open
// with no network access, print readably and raise no console errors. Inline SVG needs no
// script at all (so nothing can fail to run, nothing is blocked by a strict CSP, and the page
// works with JavaScript off), is vector (crisp when printed or zoomed), is styled by the same
// inline CSS (including @media print) and carries <title>/<desc> for screen readers. A
// library (Chart.js ~200 KB, Vega ~800 KB) would be pasted into every report, draws into
// <canvas> (blurry in print, invisible to assistive technology) and brings a script runtime
// that can throw. The charts the report needs (bars with whiskers, forest plots) are a few
// dozen lines each.
//
// Accessibility: lang, <title>, one <h1>, headings per section, captions on every table,
// figures with role="img" SVG titles, colour never the only signal (significance also marked
// "*", guardrail status written as text). All text that comes from data (campaign, segment,
// variant and attribute names, labels) is HTML-escaped; numbers are formatted by
// report/format.h. Missing or null members of the document render as "n/a" or are skipped,
// so any document with the report's shape renders.
#pragma once

#include <string>

#include "core/json/value.h"

namespace tailor::report {

std::string render_html(const json::Value& report);

}  // namespace tailor::report
