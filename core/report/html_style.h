// The campaign report page's inline stylesheet (report/html.h): system fonts, readable tables,
// chart colours (a colour-blind-safe blue/orange pair), and a print layout that drops the
// navigation, keeps colours and avoids splitting a figure or a segment across pages.
#pragma once

namespace tailor::report {

inline constexpr const char* kReportCss = R"css(
:root{--ink:#1d2330;--muted:#5b6472;--line:#d7dce3;--bar:#3a6ea5;--accent:#e07b00;
--grey:#9aa5b1;--pass:#1a7f37;--fail:#b42318;font-family:system-ui,-apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);line-height:1.45}
body{margin:0 auto;max-width:1000px;padding:1.5rem}
h1{font-size:1.7rem;margin:.2rem 0}h2{font-size:1.35rem;border-bottom:2px solid var(--line);
padding-bottom:.2rem;margin-top:2.2rem}h3{font-size:1.1rem;margin:1.4rem 0 .4rem}
nav ol{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;padding:0;list-style:none;margin:.6rem 0}
a{color:var(--bar)}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.88rem}
caption{text-align:left;font-weight:600;padding:.3rem 0;color:var(--muted)}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--ink)}td.num{text-align:right;font-variant-numeric:tabular-nums;
white-space:nowrap}
.badge{display:inline-block;padding:0 .5rem;border-radius:.6rem;font-weight:600;color:#fff}
.badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}
.northstar{border:1px solid var(--line);border-left:6px solid var(--accent);padding:.4rem 1rem;
margin:.8rem 0}.formula{color:var(--muted);font-size:.88rem}
.charts{display:block}
figure{margin:.6rem 0}figcaption{font-size:.82rem;color:var(--muted)}
svg.chart{width:100%;max-width:760px;height:auto;font-size:12px}
svg .bar{fill:var(--bar)}svg .bar.accent{fill:var(--accent)}svg .bar.muted{fill:var(--grey)}
svg .whisker line{stroke:var(--ink);stroke-width:1.3}svg .axis line{stroke:var(--grey)}
svg .axis text,svg .value{fill:var(--muted)}svg .label{fill:var(--ink)}
svg .zero{stroke:var(--fail);stroke-dasharray:4 3}svg .point{fill:var(--bar)}
svg .point.accent{fill:var(--accent)}
.srm{font-size:.88rem;color:var(--muted)}code{font-size:.85em}
dt{font-weight:600;margin-top:.5rem}dd{margin-left:1rem}
@media print{body{max-width:none;padding:0;font-size:10.5pt}nav{display:none}
a{color:inherit;text-decoration:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
figure,table,.northstar,tr{break-inside:avoid}article.segment{break-before:auto}
h2,h3{break-after:avoid}}
)css";

}  // namespace tailor::report
