// What one customer gets, as the SDK decides it: segments, every feature's decision and its
// rule trace (client.explain: why each earlier rule was skipped and which one decided).
import { el } from "../dom.js";

const text = (v) => (typeof v === "string" ? v : JSON.stringify(v));

export function segmentsView(segments) {
  const entries = Object.entries(segments);
  if (entries.length === 0) return el("p", { class: "hint" }, "This config defines no segments.");
  return el("dl", { class: "segments", "aria-label": "Segments" },
    entries.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v === null ? "none (an input is missing)" : text(v))]));
}

export function decisionsView(client, owner) {
  const all = client.decideAll();
  const keys = Object.keys(all);
  if (keys.length === 0) return el("p", { class: "empty" }, "This config has no features to decide.");
  return el("table", { class: "decisions" },
    el("caption", {}, `Decisions for ${owner}`),
    el("thead", {}, el("tr", {}, ["Feature", "Value", "Why"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, keys.map((key) => {
      const explained = client.explain(key);
      const d = all[key];
      const arm = d.experiment
        ? ` — experiment ${d.experiment.key}, arm ${d.experiment.variationKey}${d.experiment.inExperiment ? "" : " (not enrolled)"}`
        : "";
      return el("tr", { dataset: { feature: key } },
        el("th", { scope: "row" }, key),
        el("td", { class: "mono", "aria-label": `Value of ${key}` }, text(d.value)),
        el("td", {},
          el("span", {}, `${d.source} (${d.reason})${arm}`),
          el("details", {},
            el("summary", {}, `Rule trace of ${key}`),
            el("ol", { class: "trace", "aria-label": `Rule trace of ${key}` }, explained.trace.map(step))),
        ),
      );
    })),
  );
}

function step(s) {
  const rule = s.index === null ? "" : `rule ${s.index}${s.ruleId === null ? "" : ` "${text(s.ruleId)}"`}: `;
  const extra = [s.experimentReason && `experiment: ${s.experimentReason}`, s.prerequisite !== undefined && `prerequisite ${text(s.prerequisite)}`]
    .filter(Boolean).join(", ");
  return el("li", {}, `${rule}${s.outcome}${extra ? ` (${extra})` : ""}`);
}
