// One customer of the preview: their attributes (an example customer, JSON, or field by
// field), arms forced per experiment, and what they get — the studio's own SDK client
// (decisions, rule traces, segments) beside the demo page itself in a frame, both deciding with
// the same config bytes and attributes in the same WASM module, consent denied: no events.
import { el, replace, uid } from "../dom.js";
import { customerLabel } from "./customers.js";
import { decisionsView, segmentsView } from "./decisions.js";
import { forceArms } from "./force.js";

const PAGES = {
  shop: new URL("../../demo/index.html?preview=studio", import.meta.url).href,
  campaign: new URL("../../demo/campaign.html?preview=studio", import.meta.url).href,
};

export function createPanel(name, initial, sdk) {
  let shared = null; // {config, experiments, page}
  let customers = [];
  let client = null;
  let frameListener = null; // the current frame's message listener
  let generation = 0; // the latest update(); an older one that finishes later is dropped
  const forced = {};
  const ids = { pick: uid("pick"), json: uid("json"), jsonError: uid("json-error") };

  const pick = el("select", { id: ids.pick });
  const json = el("textarea", { id: ids.json, rows: 6, spellcheck: "false", "aria-describedby": ids.jsonError },
    JSON.stringify(initial, null, 1));
  const jsonError = el("p", { id: ids.jsonError, class: "error", role: "alert" });
  const fields = el("fieldset", { class: "fields" });
  const forces = el("div", {});
  const output = el("div", { class: "output", "aria-live": "polite" });
  const frameBox = el("div", { class: "frame" });

  pick.addEventListener("change", () => {
    if (pick.value === "") return;
    json.value = JSON.stringify(customers[Number(pick.value)], null, 1);
    update();
  });
  json.addEventListener("change", update);

  function attributes() {
    let value;
    try {
      value = JSON.parse(json.value);
    } catch (e) {
      throw new Error(`Attributes of customer ${name} are not JSON: ${e.message}`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new Error(`Attributes of customer ${name} must be a JSON object like {"id": "u-1", "country": "US"}`);
    }
    return value;
  }

  // Applies a field-by-field edit to the JSON and decides again; a problem is shown in `where`.
  function edit(change, where) {
    let next;
    try {
      next = attributes();
    } catch (e) {
      replace(where, e.message);
      return;
    }
    change(next);
    json.value = JSON.stringify(next, null, 1);
    update();
  }

  function renderFields(attrs) {
    const fieldError = el("p", { id: uid("field-error"), class: "error", role: "alert" });
    const rows = Object.entries(attrs).map(([key, value]) => {
      const id = uid("attr");
      const input = el("input", { id, value: typeof value === "string" ? value : JSON.stringify(value) });
      input.addEventListener("change", () => edit((next) => (next[key] = fieldValue(input.value)), fieldError));
      return el("div", { class: "field" }, el("label", { for: id }, key), input);
    });
    const newName = el("input", { id: uid("new-name"), placeholder: "attribute name", "aria-describedby": fieldError.id });
    const newValue = el("input", { id: uid("new-value"), placeholder: "value (JSON or text)" });
    const add = el("button", { type: "button" }, "Add attribute");
    add.addEventListener("click", () => {
      const key = newName.value.trim();
      if (!key) {
        replace(fieldError, "Name the attribute to add first.");
        newName.focus();
        return;
      }
      edit((next) => (next[key] = fieldValue(newValue.value)), fieldError);
    });
    replace(fields, el("legend", {}, "Field by field"), rows,
      el("div", { class: "field" }, el("label", { for: newName.id }, "New attribute"), newName),
      el("div", { class: "field" }, el("label", { for: newValue.id }, "Its value"), newValue), add, fieldError);
  }

  function renderForces() {
    replace(forces, shared.experiments.length === 0 ? el("p", { class: "hint" }, "No experiment to force in this config.") :
      el("fieldset", {}, el("legend", {}, "Force an arm"), shared.experiments.map((x) => {
        const id = uid("force");
        const select = el("select", { id },
          el("option", { value: "" }, "as decided"),
          x.arms.map((a, i) => el("option", { value: String(i), selected: forced[x.key] === i }, a.key)));
        select.addEventListener("change", () => {
          if (select.value === "") delete forced[x.key];
          else forced[x.key] = Number(select.value);
          update();
        });
        return el("div", { class: "field" }, el("label", { for: id }, `Arm of ${x.key} for customer ${name}`), select);
      })));
  }

  async function update() {
    replace(jsonError);
    json.removeAttribute("aria-invalid");
    if (!shared) return;
    let attrs;
    try {
      attrs = attributes();
    } catch (e) {
      json.setAttribute("aria-invalid", "true");
      replace(jsonError, e.message);
      return;
    }
    renderFields(attrs);
    const configText = Object.keys(forced).length ? JSON.stringify(forceArms(shared.config, forced)) : shared.text;
    const mine = ++generation;
    let next;
    try {
      next = await sdk.createClient({ config: configText, attributes: attrs, consent: false, wasm: sdk.module });
    } catch (e) {
      if (mine === generation) {
        replace(output, el("p", { class: "error", role: "alert" }, `The SDK could not decide for customer ${name}: ${e.message}`));
      }
      return;
    }
    if (mine !== generation) return next.destroy();
    client?.destroy();
    client = next;
    const label = `customer ${name}`;
    replace(output,
      Object.keys(forced).length ? el("p", { class: "warning" },
        `Forced: ${Object.entries(forced).map(([k, i]) => `${k} → ${shared.experiments.find((x) => x.key === k)?.arms[i]?.key}`).join(", ")}. Everyone the experiment targets gets this arm in this preview.`) : null,
      el("h3", {}, "Segments"), segmentsView(client.segments()),
      el("h3", {}, "Decisions and why"), decisionsView(client, label));
    showFrame(configText, attrs);
  }

  function showFrame(configText, attrs) {
    const frame = el("iframe", { src: PAGES[shared.page], title: `Demo page as customer ${name} sees it` });
    // The page asks once it has loaded (web/demo/preview.js); this frame's answer is sent once.
    const onMessage = (e) => {
      if (e.source !== frame.contentWindow || e.origin !== location.origin || e.data?.type !== "tailor-preview-ready") return;
      removeEventListener("message", onMessage);
      frame.contentWindow.postMessage({ type: "tailor-preview", config: configText, attributes: attrs }, location.origin);
    };
    if (frameListener) removeEventListener("message", frameListener);
    frameListener = onMessage;
    addEventListener("message", onMessage);
    replace(frameBox, frame);
  }

  const node = el("section", { class: "card panel", "aria-label": `Customer ${name}` },
    el("h2", {}, `Customer ${name}`),
    el("label", { for: ids.pick }, "Example customer"), pick,
    el("label", { for: ids.json }, `Attributes of customer ${name} (JSON)`), json, jsonError,
    fields, forces, output, frameBox);

  return {
    node,
    setShared(next) {
      shared = next;
      for (const key of Object.keys(forced)) if (!next.experiments.some((x) => x.key === key)) delete forced[key];
      renderForces();
      update();
    },
    setCustomers(list) {
      customers = list;
      replace(pick, el("option", { value: "" }, list.length ? "choose one…" : "load example customers above"),
        list.map((c, i) => el("option", { value: String(i) }, customerLabel(c, i))));
    },
  };
}

// A typed field value: JSON when it parses (numbers, booleans, objects), else the text.
function fieldValue(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
