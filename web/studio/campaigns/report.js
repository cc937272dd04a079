// The campaign report (report.json, docs/campaign-report.md) as the studio shows it: the KPI
// tree, the winner per segment with its recommendation, lift by variant (pooled) and by segment
// × variant with intervals as charts, Holm-adjusted p-values, the SRM check, and attribution.
import { el } from "../dom.js";
import { liftChart } from "../chart.js";

const METRICS = [["rpm", "Revenue per message"], ["purchase", "Purchase rate"], ["click", "Click rate"], ["open", "Open rate"]];
const pct = (v) => (typeof v === "number" && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : "—");
const num = (v) => (typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : "—");
const pval = (v) => (typeof v === "number" ? (v < 0.0001 ? "< 0.0001" : v.toFixed(4)) : "—");

export function reportView(report) {
  return el("div", { class: "report" },
    kpiTree(report.kpi),
    el("section", { class: "card", "aria-label": "Winners" }, el("h3", {}, "Winner per segment"),
      el("ul", {}, report.segments.map((s) => el("li", {},
        el("strong", {}, s.name), ": ", s.winner?.variant ? `${s.winner.variant} wins on ${s.winner.metric}. ` : "",
        s.winner?.recommendation ?? "")))),
    el("section", { class: "card", "aria-label": "Lift by variant" }, el("h3", {}, "Lift by variant (all segments pooled)"),
      liftTables(report.pooled, "pooled")),
    report.segments.map((s) => el("section", { class: "card", "aria-label": `Lift in ${s.name}` },
      el("h3", {}, `${s.name} `, el("span", { class: "hint mono" }, s.experiment), ` — ${s.sends} sends`),
      srmNotice(s.srm),
      liftTables(s.lifts, s.name))),
    attributionView(report.attribution),
  );
}

function srmNotice(srm) {
  if (!srm) return null;
  const words = `observed ${srm.observed.join(" / ")} vs expected ${srm.expected.map((v) => num(v)).join(" / ")}, p = ${pval(srm.pValue)}`;
  return srm.mismatch
    ? el("p", { class: "warning", role: "note" }, `Sample ratio mismatch: ${words}. The split is not what the design set; check assignment before trusting these lifts.`)
    : el("p", { class: "hint" }, `Sample ratio check passed (${words}).`);
}

function liftTables(lifts, label) {
  return METRICS.map(([key, name]) => {
    const rows = lifts.filter((l) => l.metric === key);
    if (!rows.length) return null;
    const testable = rows.filter((l) => l.testable);
    return el("div", { class: "metric" },
      el("h4", {}, name),
      testable.length
        ? liftChart(testable.map((l) => ({ variant: l.variant, effect: l.lift, ci: [l.ciLower, l.ciUpper] })),
            { relative: true, label: `${name}, relative lift vs control with 95% intervals, ${label}` })
        : null,
      el("table", {},
        el("thead", {}, el("tr", {}, ["Variant", "Control", "Treatment", "Lift", "Interval", "p", "Holm p", ""].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows.map((l) => el("tr", {},
          el("th", { scope: "row" }, l.variant),
          el("td", {}, num(l.control)), el("td", {}, num(l.treatment)),
          el("td", {}, l.testable ? pct(l.lift) : "not testable"),
          el("td", {}, l.testable ? `[${pct(l.ciLower)}, ${pct(l.ciUpper)}]` : "—"),
          el("td", {}, pval(l.pValue)), el("td", {}, pval(l.pAdjusted)),
          el("td", {}, l.significant ? el("span", { class: "badge on" }, "significant") : ""),
        )))));
  });
}

function kpiTree(kpi) {
  if (!kpi) return null;
  const node = (m) => el("li", {},
    el("strong", {}, m.name), ` = ${m.formula}. `,
    `Treatment ${num(m.treatment)}, control ${num(m.control)}`,
    m.lift?.testable ? `, lift ${pct(m.lift.lift)} [${pct(m.lift.ciLower)}, ${pct(m.lift.ciUpper)}], p = ${pval(m.lift.pValue)}` : "",
    m.seed002 ? ` (seed 002: baseline ${m.seed002.baseline}, target ${m.seed002.target})` : "",
    el("div", { class: "hint" }, `Source: ${m.source}`));
  return el("section", { class: "card", "aria-label": "KPI tree" }, el("h3", {}, "KPI tree"),
    el("ul", { class: "kpi" },
      el("li", {}, el("span", { class: "label" }, "North star"), el("ul", {}, node(kpi.northStar))),
      el("li", {}, el("span", { class: "label" }, "Supporting metrics"), el("ul", {}, (kpi.supporting ?? []).map(node))),
      el("li", {}, el("span", { class: "label" }, "Guardrails"), el("ul", {}, (kpi.guardrails ?? []).map(node)))),
    kpi.testPlan ? el("p", { class: "hint" }, `Test plan: ${kpi.testPlan.perArm} sends per arm to detect a ${pct(kpi.testPlan.relativeLift)} lift in ${kpi.testPlan.metric} (${kpi.testPlan.source}).`) : null);
}

function attributionView(a) {
  if (!a) return null;
  return el("section", { class: "card", "aria-label": "Attribution" },
    el("h3", {}, "Attribution: which customer attributes drive the difference"),
    el("p", {}, `Strongest: `, el("strong", {}, a.strongest ?? "—"), ` (ranked by the treatment × attribute interaction's Wald test on ${a.rankedBy}).`),
    el("table", {},
      el("thead", {}, el("tr", {}, ["Rank", "Attribute", "Wald χ²", "df", "p"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, (a.ranking ?? []).map((r) => el("tr", {},
        el("td", {}, r.rank), el("th", { scope: "row" }, r.attribute), el("td", {}, num(r.wald)), el("td", {}, r.dof), el("td", {}, pval(r.pValue)))))),
    (a.bins ?? []).map((b) => {
      const rows = b.bins.filter((bin) => bin.rpm?.testable);
      return el("div", { class: "metric" },
        el("h4", {}, `${b.attribute}: uplift in revenue per message by ${b.kind === "categorical" ? "value" : "bin"}`),
        rows.length
          ? liftChart(rows.map((bin) => ({ variant: bin.label, effect: bin.rpm.difference, ci: [bin.rpm.ciLower, bin.rpm.ciUpper] })),
              { relative: false, label: `${b.attribute}: treatment minus control revenue per message, 95% intervals` })
          : el("p", { class: "hint" }, "No bin has both arms."));
    }));
}
