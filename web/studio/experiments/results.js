// One experiment's results from GET /v1/experiments/{key}/results (docs/edge-api.md
// "Experiment results"): a form for its parameters, then SRM, arms and the lift chart per group.
import { api } from "../api.js";
import { el, replace, uid } from "../dom.js";
import { liftChart } from "../chart.js";

const METHODS = ["frequentist", "bayesian", "sequential"];

export function resultsForm(experiment) {
  const metricId = uid("metric");
  const methodId = uid("method");
  const segmentId = uid("segment");
  const out = el("div", { class: "results", "aria-live": "polite" });
  const error = el("p", { class: "error", role: "alert" });
  const metric = el("input", { id: metricId, name: "metric", value: "purchase", required: true });
  const method = el("select", { id: methodId, name: "method" }, METHODS.map((m) => el("option", { value: m }, m)));
  const segment = el("input", { id: segmentId, name: "segment", placeholder: "e.g. country" });
  const form = el("form", { class: "inline", "aria-label": `Results of ${experiment.key}` },
    el("label", { for: metricId }, "Metric"), metric,
    el("label", { for: methodId }, "Method"), method,
    el("label", { for: segmentId }, "Split by attribute (optional)"), segment,
    el("button", { type: "submit" }, "Show results"),
    error,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    replace(error);
    replace(out, el("p", { class: "hint" }, "Reading the stored events…"));
    const params = { metric: metric.value.trim(), method: method.value };
    if (segment.value.trim()) params.segment = segment.value.trim();
    try {
      renderResults(out, await api.results(experiment.key, params));
    } catch (err) {
      replace(out);
      replace(error, err.message);
    }
  });
  return el("div", {}, form, out);
}

const num = (v, digits = 4) => (typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : "—");
const pct = (v) => (typeof v === "number" && Number.isFinite(v) ? `${(v * 100).toFixed(2)}%` : "—");

function renderResults(out, doc) {
  const fmtEffect = doc.relative ? pct : num;
  const overall = doc.results.find((g) => g.segment === null);
  const users = overall ? overall.variants.reduce((s, v) => s + v.users, 0) : 0;
  const parts = [srmNotice(doc.srm)];
  if (doc.effectsFrom === "periods") {
    parts.push(el("p", { class: "hint" },
      "The weights changed over time: each effect compares the arms within each period of constant weights and combines the periods (post-stratified), so an arm that got more traffic in a better week does not look better for it. Users, converted and mean are pooled."));
  }
  if (users === 0) {
    parts.push(el("p", { class: "empty" },
      `No exposed users yet for ${doc.experiment}. Results appear once visitors see the experiment with consent and their events reach the edge (POST /v1/events).`));
  }
  for (const group of doc.results) {
    const label = group.segment === null ? "All users" : `${doc.segment} = ${group.segment}`;
    const treatments = group.variants.filter((v) => !v.control);
    parts.push(el("section", { class: "group", "aria-label": label },
      el("h4", {}, label),
      el("table", {},
        el("caption", {}, `${doc.metric}, ${doc.method}, ${doc.relative ? "relative lift" : "absolute difference"}, ${Math.round((1 - doc.alpha) * 100)}% interval`),
        el("thead", {}, el("tr", {}, ["Arm", "Users", "Converted", "Mean", "Effect", "Interval",
          doc.method === "bayesian" ? "Chance to win" : "p (Holm-adjusted)"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, group.variants.map((v) => el("tr", {},
          el("th", { scope: "row" }, v.control ? `${v.variant} (control)` : v.variant),
          el("td", {}, String(v.users)),
          el("td", {}, String(v.converted)),
          el("td", {}, num(v.mean)),
          el("td", {}, v.control ? "" : v.error ?? fmtEffect(v.effect)),
          el("td", {}, Array.isArray(v.ci) ? `${fmtEffect(v.ci[0])} to ${fmtEffect(v.ci[1])}` : ""),
          el("td", {}, v.control ? "" : doc.method === "bayesian" ? pct(v.chanceToWin) : `${num(v.pValue, 3)} (${num(v.adjustedPValue, 3)})`),
        ))),
      ),
      treatments.some((v) => Array.isArray(v.ci))
        ? liftChart(treatments, { relative: doc.relative, label: `Lift of each arm over control, ${label}` })
        : null,
    ));
  }
  replace(out, parts);
}

function srmNotice(srm) {
  if (!srm) return null;
  if (srm.error) return el("p", { class: "hint" }, `Sample-ratio check: ${srm.error}`);
  const against = srm.weightsFrom === "periods"
    ? `expected shares ${srm.weights.map((w) => num(w, 3)).join(" / ")} over ${srm.periods.length} periods of changing weights, each user in the period of their first exposure`
    : `weights ${srm.weights.map((w) => num(w, 3)).join(" / ")} (${srm.weightsFrom})`;
  const text = `Sample-ratio check: observed ${srm.observed.join(" / ")} users against ${against}; p = ${num(srm.pValue, 3)}.`;
  return srm.mismatch
    ? el("p", { class: "warning", role: "status" }, `${text} Sample-ratio mismatch: assignment or logging is broken, do not trust these results.`)
    : el("p", { class: "ok" }, `${text} No mismatch.`);
}
