// #/campaigns/:id/audit — the compliance officer's view (seed 003, journey 2): every audit
// record of the campaign, coverage (every variant's copy has a screening record, every held
// draft a reviewer's decision), filters by decision and category, the chain verified in this
// browser by the core's own code (WASM), and the CSV export.
import { api } from "../api.js";
import { el, replace, uid } from "../dom.js";
import { downloadButton } from "../campaigns/download.js";
import { verifyTrail } from "../campaigns/verify.js";

export async function render(root, { id }) {
  const body = el("div", { "aria-busy": "true" }, el("p", { class: "hint" }, "Loading the audit trail…"));
  replace(root,
    el("p", {}, el("a", { href: `#/campaigns/${encodeURIComponent(id)}` }, "← Back to the campaign")),
    el("h1", {}, "Audit trail"), body);
  let jsonl, csv, variants;
  try {
    [jsonl, csv, variants] = await Promise.all([
      api.campaignFile(id, "out/audit.jsonl"),
      api.campaignFile(id, "out/audit.csv"),
      api.campaignFile(id, "out/variants.json").then(JSON.parse),
    ]);
  } catch (err) {
    replace(body, err.status === 404
      ? el("p", { class: "empty" }, "This campaign has no audit trail yet: it is written when the campaign's variants are screened. Come back when the job has run.")
      : el("p", { class: "error", role: "alert" }, `Could not read the audit trail: ${err.message}`));
    return;
  }
  body.removeAttribute("aria-busy");
  const records = jsonl.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  replace(body,
    coverageView(records, variants),
    verifyView(csv),
    el("div", { class: "controls" }, downloadButton(id, "out/audit.csv", "Export CSV"), downloadButton(id, "out/audit.jsonl", "Export JSON lines")),
    recordsView(records));
}

// Every copy of every variant screened, with the hash it has now; every copy held for review
// decided by a reviewer for that exact content.
function coverageView(records, variants) {
  const screened = new Set(records.filter((r) => r.kind === "screening").map((r) => `${r.message_id} ${r.content_hash}`));
  const approved = new Set(records.filter((r) => r.kind === "review" && r.decision === "approved").map((r) => `${r.message_id} ${r.content_hash}`));
  const copies = variants.variants.flatMap((v) => v.copies.map((c) => ({ id: `${v.id}/${c.channel}`, hash: c.contentHash, held: c.screening.decision === "review" })));
  const missing = copies.filter((c) => !screened.has(`${c.id} ${c.hash}`));
  const unreviewed = copies.filter((c) => c.held && !approved.has(`${c.id} ${c.hash}`));
  const share = copies.length ? ((copies.length - missing.length) / copies.length) * 100 : 0;
  return el("section", { class: "card", "aria-label": "Coverage" },
    el("h2", {}, "Coverage"),
    el("p", { class: missing.length ? "warning" : "ok" },
      `${share.toFixed(0)}% of the ${copies.length} copies in the design have a screening record of their exact content.`),
    missing.length ? el("ul", {}, missing.map((c) => el("li", {}, `Not screened: ${c.id}`))) : null,
    unreviewed.length
      ? el("p", { class: "warning" }, `${unreviewed.length} held cop${unreviewed.length === 1 ? "y awaits" : "ies await"} a reviewer's approval: ${unreviewed.map((c) => c.id).join(", ")}`)
      : el("p", { class: "ok" }, "Every copy screening held for review has a reviewer's approval of that content."),
    el("p", {}, `${records.length} records: ${countBy(records, "kind")}.`));
}

function countBy(records, field) {
  const counts = {};
  for (const r of records) counts[r[field]] = (counts[r[field]] ?? 0) + 1;
  return Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(", ");
}

function verifyView(csv) {
  const out = el("div", { "aria-live": "polite" });
  const run = async () => {
    replace(out, el("p", { class: "hint" }, "Verifying the chain…"));
    try {
      const r = await verifyTrail(csv, "csv");
      replace(out, r.ok
        ? el("p", { class: "ok" }, `Chain intact: ${r.records} records, head ${r.head}.`)
        : el("p", { class: "error", role: "alert" }, `Chain broken at record ${r.badRecord} (line ${r.line}): ${r.reason}`));
    } catch (err) {
      replace(out, el("p", { class: "error", role: "alert" }, `Could not verify: ${err.message}`));
    }
  };
  run();
  return el("section", { class: "card", "aria-label": "Verification" },
    el("h2", {}, "Hash chain"),
    el("p", { class: "hint" }, "Checked here, in your browser, by the same code as tailor audit verify (WebAssembly), over the CSV export."),
    out,
    el("button", { type: "button", class: "secondary", on: { click: run } }, "Verify again"));
}

function recordsView(records) {
  const decisionId = uid("decision");
  const categoryId = uid("category");
  const decisions = [...new Set(records.map((r) => r.decision))].sort();
  const categories = [...new Set(records.flatMap((r) => r.categories ?? []))].sort();
  const decision = el("select", { id: decisionId }, el("option", { value: "" }, "any"), decisions.map((d) => el("option", { value: d }, d)));
  const category = el("select", { id: categoryId }, el("option", { value: "" }, "any"), categories.map((c) => el("option", { value: c }, c)));
  const tbody = el("tbody");
  const count = el("p", { class: "hint", "aria-live": "polite" });
  const apply = () => {
    const shown = records.filter((r) => (!decision.value || r.decision === decision.value) &&
      (!category.value || (r.categories ?? []).includes(category.value)));
    replace(count, `${shown.length} of ${records.length} records`);
    replace(tbody, shown.map((r) => el("tr", {},
      el("td", {}, r.seq), el("td", {}, r.ts), el("td", {}, r.kind), el("td", { class: "mono" }, r.message_id),
      el("td", {}, r.decision), el("td", {}, r.severity), el("td", {}, (r.categories ?? []).join(", ")),
      el("td", {}, r.actor), el("td", { class: "mono", title: r.hash }, r.hash.slice(0, 12)))));
  };
  decision.addEventListener("change", apply);
  category.addEventListener("change", apply);
  apply();
  return el("section", { class: "card", "aria-label": "Records" },
    el("h2", {}, "Records"),
    el("div", { class: "controls" },
      el("label", { for: decisionId }, "Decision"), decision,
      el("label", { for: categoryId }, "Category"), category),
    count,
    el("table", { class: "audit" },
      el("thead", {}, el("tr", {}, ["#", "Time", "Kind", "Message", "Decision", "Severity", "Categories", "Actor", "Hash"].map((h) => el("th", { scope: "col" }, h)))),
      tbody));
}
