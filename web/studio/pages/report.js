// #/campaigns/:id/report — the campaign report (seed 003, journey 3) from report.json, with
// the self-contained HTML and the JSON to download.
import { api } from "../api.js";
import { el, replace } from "../dom.js";
import { downloadButton } from "../campaigns/download.js";
import { reportView } from "../campaigns/report.js";

export async function render(root, { id }) {
  const body = el("div", { "aria-busy": "true" }, el("p", { class: "hint" }, "Loading the report…"));
  replace(root,
    el("p", {}, el("a", { href: `#/campaigns/${encodeURIComponent(id)}` }, "← Back to the campaign")),
    el("h1", {}, "Campaign report"),
    el("div", { class: "controls" }, downloadButton(id, "out/report.html", "Download HTML"), downloadButton(id, "out/report.json", "Download JSON")),
    body);
  let report;
  try {
    report = JSON.parse(await api.campaignFile(id, "out/report.json"));
  } catch (err) {
    replace(body, err.status === 404
      ? el("p", { class: "empty" }, "No report yet: it is written once the design is approved and the sends are simulated. Approve the campaign first.")
      : el("p", { class: "error", role: "alert" }, `Could not read the report: ${err.message}`));
    return;
  }
  body.removeAttribute("aria-busy");
  replace(body, el("p", {}, `${report.campaign}: ${report.units} sends; north star ${report.northStar}; alpha ${report.alpha}.`), reportView(report));
}
