// The experiment design (design.json): per segment its experiment, customers, consent and
// frequency-cap exclusions, the arms with weights and assignments, and the power check; then
// the approval form (POST /admin/v1/campaigns/{id}/approve with the design hash read here).
import { api } from "../api.js";
import { el, replace, uid } from "../dom.js";

const pct = (v) => `${(v * 100).toFixed(1)}%`;

export function designView(design) {
  return el("div", {},
    el("p", {}, `Allocation: ${design.allocation}; ${design.treatments} treatment arms and a control per segment; `,
      `alpha ${design.alpha}, power ${design.power}, minimum detectable effect ${pct(design.mde)} relative on ${design.baseline?.metric ?? "purchase"}.`),
    (design.warnings ?? []).length
      ? el("div", { class: "warning", role: "note" }, el("strong", {}, "Power warnings"),
          el("ul", {}, design.warnings.map((w) => el("li", {}, w))))
      : el("p", { class: "ok" }, "Every segment is powered for the stated effect."),
    el("table", { class: "design" },
      el("caption", {}, "Arms per segment (weights and customers assigned)"),
      el("thead", {}, el("tr", {}, ["Segment", "Experiment", "Customers", "No consent", "Capped", "Arms", "Power"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, design.segments.map((s) => el("tr", {},
        el("th", { scope: "row" }, s.segment),
        el("td", { class: "mono" }, s.experiment),
        el("td", {}, s.customers), el("td", {}, s.noConsent), el("td", {}, s.capped),
        el("td", {}, el("ul", { class: "arms" }, s.arms.map((a) => el("li", {}, `${a.variant}: ${pct(a.weight)}, ${a.assigned} assigned`)))),
        el("td", { class: s.power?.underpowered ? "warn" : "" },
          s.power ? `${pct(s.power.achievedPower)} (${s.power.requiredPerArm} per arm needed, ~${s.power.expectedPerArm} expected)` : "—"),
      )))),
  );
}

export function approveForm(campaign, hasWeb, { onChanged }) {
  const approverId = uid("approver");
  const publishId = uid("publish");
  const keyId = uid("key");
  const approver = el("input", { id: approverId, required: true, autocomplete: "name" });
  const publish = el("input", { id: publishId, type: "checkbox", checked: hasWeb, disabled: !hasWeb });
  const key = el("input", { id: keyId, value: "campaign", size: "20" });
  const error = el("p", { class: "error", role: "alert" });
  const form = el("form", { class: "card approve", "aria-label": "Approve the design" },
    el("h3", {}, "Approve"),
    el("p", {}, "Approving records your name, the time and this design's hash (",
      el("span", { class: "mono" }, campaign.designHash.slice(0, 12)), ") in the audit trail, then simulates the sends, writes the report and builds the web arm's config."),
    el("label", { for: approverId }, "Approver"), approver,
    el("div", { class: "controls" },
      publish, el("label", { for: publishId }, hasWeb ? "Publish the web arm on SDK key" : "No web channel: nothing to publish"),
      el("label", { for: keyId, class: "visually-hidden" }, "SDK key"), key),
    el("button", { type: "submit" }, "Approve the design"),
    error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    replace(error);
    const body = { approver: approver.value.trim(), designHash: campaign.designHash };
    if (publish.checked) body.publish = key.value.trim();
    try {
      await api.approve(campaign.id, body);
      onChanged();
    } catch (err) {
      replace(error, err.message);
    }
  });
  return form;
}

export function simulateForm(campaign, { onChanged }) {
  const keyId = uid("simkey");
  const key = el("input", { id: keyId, value: campaign.published?.sdkKey ?? "", size: "20", required: !campaign.published });
  const error = el("p", { class: "error", role: "alert" });
  const form = el("form", { class: "inline", "aria-label": "Simulate the sends" },
    el("label", { for: keyId }, "SDK key for the simulated events"), key,
    el("button", { type: "submit" }, "Run the simulation into the edge"),
    error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    replace(error);
    try {
      await api.simulate(campaign.id, key.value.trim() ? { sdkKey: key.value.trim() } : {});
      onChanged();
    } catch (err) {
      replace(error, err.message);
    }
  });
  return el("div", {},
    el("p", {}, "The simulated opens, clicks and purchases go into the edge's event store, so Live experiments shows their results (with SRM) like any experiment's."),
    campaign.simulated
      ? el("p", { class: "ok" }, `Simulated: ${campaign.simulated.events} events under ${campaign.simulated.sdkKey} (${campaign.simulated.stored} new) at ${campaign.simulated.at}.`)
      : null,
    form);
}
