// #/preview: two customers side by side under one SDK key's served config, on a demo page.
// Example customers come from a pasted CSV / JSON lines text or a file.
import { api } from "../api.js";
import { el, replace } from "../dom.js";
import { experimentsOf } from "../experiments/list.js";
import { parseCustomers } from "../preview/customers.js";
import { createPanel } from "../preview/panel.js";

const SDK_URL = new URL("../../sdk/dist/tailor-sdk.mjs", import.meta.url).href;
const WASM_URL = new URL("../../sdk/dist/tailor_sdk.wasm", import.meta.url).href;
const DEMO_USERS = new URL("../../demo/users.jsonl", import.meta.url).href;
const MAX_CAMPAIGN_CUSTOMERS = 2000;
let sdk = null; // {createClient, module}: loaded once, compiled once

async function loadSdk() {
  if (!sdk) {
    const { createClient } = await import(SDK_URL);
    const module = await WebAssembly.compileStreaming(fetch(WASM_URL));
    sdk = { createClient, module };
  }
  return sdk;
}

export async function render(root) {
  const body = el("div", {}, el("p", { class: "hint" }, "Loading the published configs…"));
  replace(root, el("h1", {}, "Preview as customer"), body);
  let keys;
  try {
    [keys] = await Promise.all([api.configs(), loadSdk()]);
  } catch (err) {
    replace(body, el("p", { class: "error", role: "alert" }, `Could not start the preview: ${err.message}`));
    return;
  }
  if (keys.sdkKeys.length === 0) {
    replace(body, el("p", { class: "empty" },
      "No config is published on this edge yet: publish one (tools/run publishes the demo), then reload this page."));
    return;
  }
  const names = keys.sdkKeys.map((k) => k.sdkKey);
  const sdkKey = el("select", { id: "preview-sdk-key" }, names.map((k) => el("option", { value: k, selected: k === "demo" }, k)));
  const page = el("select", { id: "preview-page" },
    el("option", { value: "shop" }, "Demo shop (web/demo/index.html)"),
    el("option", { value: "campaign" }, "Campaign banner (web/demo/campaign.html)"));
  const configError = el("p", { class: "error", role: "alert" });
  const panels = [
    createPanel("A", { id: "u-0001", country: "US", appVersion: "2.5.1", cart: { items: 4 } }, sdk),
    createPanel("B", { id: "u-0003", country: "DE", appVersion: "2.4.0", cart: { items: 1 } }, sdk),
  ];

  // The chosen key's served config to both panels; a load overtaken by a later choice is dropped.
  let loads = 0;
  async function load() {
    const mine = ++loads;
    const key = sdkKey.value;
    const shown = page.value;
    replace(configError);
    try {
      const served = await api.config(key);
      const config = JSON.parse(served.text);
      if (mine !== loads) return;
      const shared = { text: served.text, config, experiments: experimentsOf(config), page: shown };
      for (const p of panels) p.setShared(shared);
    } catch (err) {
      if (mine === loads) replace(configError, `Could not read the config served for ${key}: ${err.message}`);
    }
  }
  sdkKey.addEventListener("change", () => {
    page.value = sdkKey.value === "campaign" ? "campaign" : "shop";
    load();
  });
  page.addEventListener("change", load);

  replace(body,
    el("p", { class: "hint" },
      "Each customer is decided by the browser SDK (the same WebAssembly every visitor runs) with the config this edge serves; the demo page under the decisions is that page itself. Consent is denied in the preview: nothing is stored and no event is sent."),
    el("div", { class: "card controls" },
      el("label", { for: "preview-sdk-key" }, "SDK key"), sdkKey,
      el("label", { for: "preview-page" }, "Page"), page, configError),
    examplesLoader(panels),
    el("div", { class: "side-by-side" }, panels.map((p) => p.node)),
  );
  await load();
}

function examplesLoader(panels) {
  const error = el("p", { id: "examples-error", class: "error", role: "alert" });
  const done = el("p", { class: "ok", role: "status" });
  const paste = el("textarea", { id: "examples-text", rows: 3, spellcheck: "false", "aria-describedby": "examples-error",
    placeholder: "id,country,cart.items\nu-0001,US,4" });
  const file = el("input", { id: "examples-file", type: "file", accept: ".csv,.jsonl,.json,.txt,text/csv" });
  const use = (text, source) => {
    replace(error);
    replace(done);
    try {
      const list = parseCustomers(text, source);
      for (const p of panels) p.setCustomers(list);
      replace(done, `${list.length} example customers from ${source}: choose one in each panel.`);
    } catch (err) {
      replace(error, err.message);
    }
  };
  file.addEventListener("change", async () => {
    const f = file.files[0];
    if (f) use(await f.text(), f.name);
  });
  const load = el("button", { type: "button", on: { click: () => use(paste.value, "the pasted customers") } }, "Use pasted customers");
  const demoUsers = el("button", {
    type: "button",
    on: {
      click: async () => {
        try {
          const response = await fetch(DEMO_USERS);
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          use(await response.text(), "web/demo/users.jsonl");
        } catch (err) {
          replace(error, `Could not read web/demo/users.jsonl from the edge: ${err.message}`);
        }
      },
    },
  }, "Use the demo shop's users");
  // A campaign's own customers (its stored customers.csv), so a marketer previews exactly the
  // people the campaign assigned; the first MAX_CAMPAIGN_CUSTOMERS rows, as a select holds them.
  const campaign = el("select", { id: "examples-campaign" }, el("option", { value: "" }, "choose a campaign…"));
  api.campaigns().then((doc) => {
    for (const c of doc.campaigns.filter((c) => c.state !== "failed")) {
      campaign.append(el("option", { value: c.id }, `${c.name} (${c.id}, ${c.state})`));
    }
  }).catch((err) => replace(error, `Could not list the campaigns: ${err.message}`));
  const fromCampaign = el("button", {
    type: "button",
    on: {
      click: async () => {
        if (!campaign.value) {
          replace(error, "Choose a campaign first.");
          return;
        }
        try {
          const text = await api.campaignFile(campaign.value, "in/customers.csv");
          const lines = text.split("\n");
          const kept = lines.length > MAX_CAMPAIGN_CUSTOMERS + 1 ? lines.slice(0, MAX_CAMPAIGN_CUSTOMERS + 1).join("\n") : text;
          use(kept, `campaign ${campaign.value}'s customers.csv${kept === text ? "" : ` (first ${MAX_CAMPAIGN_CUSTOMERS})`}`);
        } catch (err) {
          replace(error, `Could not read the campaign's customers: ${err.message}`);
        }
      },
    },
  }, "Use the campaign's customers");
  for (const p of panels) p.setCustomers([]);
  return el("details", { class: "card" },
    el("summary", {}, "Example customers (CSV or JSON lines)"),
    demoUsers,
    el("div", { class: "controls" },
      el("label", { for: "examples-campaign" }, "Or a campaign's customers"), campaign, fromCampaign),
    el("label", { for: "examples-text" }, "Paste a CSV (header line first) or JSON lines"), paste, load,
    el("label", { for: "examples-file" }, "Or choose a file"), file,
    error, done);
}
