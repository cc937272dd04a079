// #/campaigns: the edge's campaigns (GET /admin/v1/campaigns) and a new one from the demo data
// or from uploaded files (POST /admin/v1/campaigns), with the segmentation chosen here.
import { api } from "../api.js";
import { el, replace, uid } from "../dom.js";
import { segmentationForm } from "../campaigns/segmentation.js";
import { stateBadge } from "../campaigns/state.js";

export async function render(root) {
  const list = el("div", { "aria-busy": "true" }, el("p", { class: "hint" }, "Loading the campaigns…"));
  replace(root, el("h1", {}, "Campaigns"), newCampaignForm(), el("h2", {}, "On this edge"), list);
  let doc;
  try {
    doc = await api.campaigns();
  } catch (err) {
    replace(list, el("p", { class: "error", role: "alert" }, `Could not list the campaigns: ${err.message}`));
    return;
  }
  list.removeAttribute("aria-busy");
  if (doc.campaigns.length === 0) {
    replace(list, el("p", { class: "empty" },
      "No campaign yet. Start one above: the demo data needs no files; an upload needs a customer CSV, the approved content (.md or .json items) and a spec (campaign.json)."));
    return;
  }
  replace(list, el("table", { class: "campaigns" },
    el("caption", {}, "Newest first"),
    el("thead", {}, el("tr", {}, ["Campaign", "State", "Customers", "Segments", "Variants", "Created"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, doc.campaigns.map((c) => el("tr", {},
      el("td", {}, el("a", { href: `#/campaigns/${encodeURIComponent(c.id)}` }, c.name), el("div", { class: "hint mono" }, c.id)),
      el("td", {}, stateBadge(c.state)),
      el("td", {}, c.customers ?? c.source?.customers ?? "—"),
      el("td", {}, c.segments ?? "—"),
      el("td", {}, c.variants ?? "—"),
      el("td", {}, c.createdAt),
    ))),
  ));
}

function newCampaignForm() {
  const sourceName = uid("source");
  const demoId = uid("demo");
  const uploadId = uid("upload");
  const demo = el("input", { type: "radio", name: sourceName, id: demoId, value: "demo", checked: true });
  const upload = el("input", { type: "radio", name: sourceName, id: uploadId, value: "upload" });
  const customersId = uid("customers");
  const seedId = uid("seed");
  const customers = el("input", { id: customersId, type: "number", min: "1", step: "1", value: "2000", required: true });
  const seed = el("input", { id: seedId, type: "number", min: "0", step: "1", value: "7", required: true });
  const csvId = uid("csv");
  const contentId = uid("content");
  const specId = uid("spec");
  const csv = el("input", { id: csvId, type: "file", accept: ".csv,text/csv" });
  const content = el("input", { id: contentId, type: "file", accept: ".md,.json", multiple: true });
  const spec = el("input", { id: specId, type: "file", accept: ".json,application/json" });
  const segmentation = segmentationForm();
  const demoFields = el("div", { class: "controls" },
    el("label", { for: customersId }, "Customers"), customers,
    el("label", { for: seedId }, "Seed"), seed);
  const uploadFields = el("div", { class: "controls", hidden: true },
    el("label", { for: csvId }, "Customer CSV"), csv,
    el("label", { for: contentId }, "Approved content (.md / .json, several)"), content,
    el("label", { for: specId }, "Spec (campaign.json)"), spec);
  const status = el("p", { class: "hint", "aria-live": "polite" });
  const error = el("p", { class: "error", role: "alert" });
  const submit = el("button", { type: "submit" }, "Start the campaign");
  const sync = () => {
    demoFields.hidden = !demo.checked;
    uploadFields.hidden = demo.checked;
  };
  demo.addEventListener("change", sync);
  upload.addEventListener("change", sync);
  const form = el("form", { class: "card", "aria-label": "New campaign" },
    el("h2", {}, "New campaign"),
    el("fieldset", {}, el("legend", {}, "Customers and content"),
      el("div", { class: "controls" },
        demo, el("label", { for: demoId }, "Demo data (generated customers, the demo corpus and spec)"),
        upload, el("label", { for: uploadId }, "Upload files")),
      demoFields, uploadFields),
    segmentation.node,
    submit, status, error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    replace(error);
    submit.disabled = true;
    try {
      const body = demo.checked
        ? { demo: { customers: Number(customers.value), seed: Number(seed.value) } }
        : await uploadBody(csv, content, spec);
      const patch = segmentation.patch();
      if (patch) body.specPatch = { segmentation: patch };
      replace(status, "Sending the inputs to the edge…");
      const created = await api.createCampaign(body);
      location.hash = `#/campaigns/${encodeURIComponent(created.id)}`;
    } catch (err) {
      replace(status);
      replace(error, err.message);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// The upload's body: the files read as text. Errors say which file is missing or unreadable.
async function uploadBody(csv, content, spec) {
  if (!csv.files.length) throw new Error("Choose the customer CSV file.");
  if (!content.files.length) throw new Error("Choose the approved content files (.md or .json items).");
  if (!spec.files.length) throw new Error("Choose the spec file (campaign.json).");
  let specDoc;
  try {
    specDoc = JSON.parse(await spec.files[0].text());
  } catch (e) {
    throw new Error(`${spec.files[0].name} is not JSON: ${e.message}`);
  }
  return {
    spec: specDoc,
    customers: { name: csv.files[0].name, csv: await csv.files[0].text() },
    content: await Promise.all([...content.files].map(async (f) => ({ name: f.name, text: await f.text() }))),
  };
}
