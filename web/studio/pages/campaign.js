// #/campaigns/:id — one campaign, from its job's progress to the report (seed 003, journey 1):
// segments, variants with citations and screening, the review queue, the design and its
// approval, the simulation, and links to the report and the audit trail.
import { api } from "../api.js";
import { el, replace } from "../dom.js";
import { approveForm, designView, simulateForm } from "../campaigns/design.js";
import { downloadButton } from "../campaigns/download.js";
import { follow } from "../campaigns/follow.js";
import { progressView } from "../campaigns/progress.js";
import { segmentsView } from "../campaigns/segments.js";
import { inJob, nextStep, stateBadge } from "../campaigns/state.js";
import { variantsView } from "../campaigns/variants.js";

let following = null; // the AbortController of the progress stream this page follows

export async function render(root, { id }) {
  following?.abort();
  const head = el("div", {});
  const progress = el("section", { class: "card", "aria-label": "Progress" });
  const details = el("div", {});
  replace(root, el("p", {}, el("a", { href: "#/campaigns" }, "← All campaigns")), head, progress, details);
  let campaign;
  try {
    campaign = await api.campaign(id);
  } catch (err) {
    replace(head, el("h1", {}, "Campaign"), el("p", { class: "error", role: "alert" },
      err.status === 404 ? `There is no campaign ${id} on this edge.` : `Could not read the campaign: ${err.message}`));
    return;
  }
  const reload = () => render(root, { id });
  const show = (c) => {
    replace(head,
      el("h1", {}, c.name, " ", stateBadge(c.state)),
      el("p", { class: "hint mono" }, c.id, ` · created ${c.createdAt}`),
      el("p", {}, nextStep(c.state)),
      c.error ? el("p", { class: "error", role: "alert" }, c.error) : null);
    replace(progress, el("h2", {}, "Job progress"), progressView(c));
  };
  show(campaign);
  if (inJob(campaign.state)) {
    const controller = new AbortController();
    following = controller;
    let last = campaign;
    const waiting = el("p", { class: "warning", role: "status" });
    await follow(id, (c) => {
      last = c;
      show(c);
    }, {
      signal: controller.signal,
      onWaiting: (err) => replace(progress, el("h2", {}, "Job progress"),
        replace(waiting, `The edge does not answer (${err.message}); retrying every second. A job interrupted by a restart resumes once the edge is back.`),
        progressView(last)),
    }).catch((err) => replace(progress, el("h2", {}, "Job progress"),
      el("p", { class: "error", role: "alert" }, `Lost the job's progress: ${err.message}. Reload the page to read it again.`)));
    if (controller.signal.aborted) return;
    campaign = last;
    if (inJob(campaign.state)) return;
  }
  await showDetails(details, campaign, reload);
}

async function showDetails(into, campaign, reload) {
  if (!["awaiting-review", "awaiting-approval", "complete"].includes(campaign.state)) return;
  replace(into, el("p", { class: "hint" }, "Loading the design and the variants…"));
  let design, variants, reviews;
  try {
    [design, variants, reviews] = await Promise.all([
      api.campaignFile(campaign.id, "out/design.json").then(JSON.parse),
      api.campaignFile(campaign.id, "out/variants.json").then(JSON.parse),
      api.campaignFile(campaign.id, "out/reviews.json").then(JSON.parse),
    ]);
  } catch (err) {
    replace(into, el("p", { class: "error", role: "alert" }, `Could not read the campaign's files: ${err.message}`));
    return;
  }
  const hasWeb = (design.spec?.channels ?? variants.variants[0]?.copies.map((c) => c.channel) ?? []).includes("web");
  const id = encodeURIComponent(campaign.id);
  replace(into,
    el("nav", { class: "card", "aria-label": "Campaign views" },
      el("a", { href: `#/campaigns/${id}/audit` }, "Audit trail"),
      campaign.state === "complete" ? [" · ", el("a", { href: `#/campaigns/${id}/report` }, "Report")] : null),
    el("section", { class: "card", "aria-label": "Segments" }, el("h2", {}, `Segments (${design.segments.length})`), segmentsView(design)),
    el("section", { "aria-label": "Variants" }, el("h2", {}, `Variants (${variants.variants.length})`),
      campaign.state === "awaiting-review"
        ? el("p", { class: "warning", role: "note" }, `${campaign.awaitingReview.length} draft(s) await your decision: ${campaign.awaitingReview.join(", ")}`)
        : null,
      variantsView(campaign, variants, reviews, { onChanged: reload })),
    el("section", { class: "card", "aria-label": "Design" }, el("h2", {}, "Experiment design"), designView(design)),
    campaign.state === "awaiting-approval" ? approveForm(campaign, hasWeb, { onChanged: reload }) : null,
    campaign.state === "complete" ? completeView(campaign, reload) : null,
  );
}

function completeView(campaign, reload) {
  const a = campaign.approval;
  return el("section", { class: "card", "aria-label": "Approved" },
    el("h2", {}, "Approved"),
    a ? el("p", {}, `Approved by ${a.approver} at ${a.ts} (design ${a.designHash.slice(0, 12)}).`) : null,
    campaign.published
      ? el("p", {}, `The web arm is published as version ${campaign.published.version} of SDK key `, el("code", {}, campaign.published.sdkKey),
          ": ", el("a", { href: `#/preview` }, "preview it as a customer"), ".")
      : null,
    el("h3", {}, "Simulation"),
    simulateForm(campaign, { onChanged: reload }),
    el("h3", {}, "Downloads"),
    el("div", { class: "controls" },
      downloadButton(campaign.id, "out/report.html", "Report (HTML)"),
      downloadButton(campaign.id, "out/report.json", "Report (JSON)"),
      downloadButton(campaign.id, "out/config.json", "Config (JSON)"),
      downloadButton(campaign.id, "out/assignments.csv", "Assignments (CSV)")),
  );
}
