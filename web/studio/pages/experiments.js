// #/experiments: every SDK key the edge serves (GET /admin/v1/configs), its versions with
// rollback, the experiments of its active config (GET /v1/config/{key}), their results and, for
// a bandit or a rollout plan, what the edge's controller did and the operator actions.
import { api } from "../api.js";
import { el, replace } from "../dom.js";
import { automationPanel } from "../experiments/automation.js";
import { experimentsOf } from "../experiments/list.js";
import { resultsForm } from "../experiments/results.js";
import { versionsTable } from "../experiments/versions.js";

export async function render(root) {
  const body = el("div", { "aria-busy": "true" }, el("p", { class: "hint" }, "Loading the published configs…"));
  replace(root, el("h1", {}, "Live experiments"), body);
  let list;
  try {
    list = await api.configs();
  } catch (err) {
    replace(body, el("p", { class: "error", role: "alert" }, `Could not list the published configs: ${err.message}`));
    return;
  }
  body.removeAttribute("aria-busy");
  if (list.sdkKeys.length === 0) {
    replace(body, el("p", { class: "empty" },
      "No config is published on this edge yet. Publish one (POST /admin/v1/configs/{sdkKey}, or start the edge with --publish key=config.json, as tools/run does) and reload this page."));
    return;
  }
  replace(body, list.sdkKeys.map((entry) => sdkKeySection(entry, () => render(root))));
}

function sdkKeySection(entry, reload) {
  const experiments = el("div", {}, el("p", { class: "hint" }, "Loading the served config…"));
  loadExperiments(entry.sdkKey, experiments, reload);
  return el("section", { class: "card", "aria-label": `SDK key ${entry.sdkKey}` },
    el("h2", {}, "SDK key ", el("code", {}, entry.sdkKey), ` — serving v${entry.activeVersion}`),
    el("h3", {}, "Experiments in the served config"),
    experiments,
    el("h3", {}, "Config versions"),
    versionsTable(entry, { onChanged: reload }),
  );
}

async function loadExperiments(sdkKey, into, reload) {
  let config;
  let version;
  try {
    const served = await api.config(sdkKey);
    config = JSON.parse(served.text);
    version = served.version;
  } catch (err) {
    replace(into, el("p", { class: "error", role: "alert" }, `Could not read the config served for ${sdkKey}: ${err.message}`));
    return;
  }
  const found = experimentsOf(config);
  if (found.length === 0) {
    replace(into, el("p", { class: "empty" },
      `Version ${version} of ${sdkKey} has no experiments. An experiment is a feature rule with "variations" (docs/config.md); publish a version with one, or roll back below.`));
    return;
  }
  replace(into, el("ul", { class: "experiments" }, found.map((x) => el("li", { class: "experiment" }, experimentCard(sdkKey, x, reload)))));
}

function experimentCard(sdkKey, x, reload) {
  return [
    el("h4", {}, x.key),
    el("p", {},
      el("span", { class: `badge ${x.status === "running" ? "on" : "off"}` }, x.status),
      x.feature === null ? " top-level experiment" : [" feature ", el("code", {}, x.feature)],
      `, hashed on ${x.hashAttribute}, coverage ${Math.round(x.coverage * 1000) / 10}%`,
      x.condition ? [", for ", el("code", {}, JSON.stringify(x.condition))] : ", for everyone"),
    el("table", { class: "arms" },
      el("caption", {}, `Arms of ${x.key} (allocation as served)`),
      el("thead", {}, el("tr", {}, ["Arm", "Weight", "Value"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, x.arms.map((a, i) => el("tr", {},
        el("th", { scope: "row" }, i === 0 ? `${a.key} (control)` : a.key),
        el("td", {}, `${Math.round(a.weight * 1000) / 10}%`),
        el("td", {}, el("code", {}, JSON.stringify(a.value))),
      ))),
    ),
    x.automation
      ? el("details", { open: true }, el("summary", {}, x.automation.kind === "bandit" ? "Bandit (run by the edge)" : "Rollout plan (run by the edge)"), automationPanel(sdkKey, x, { onChanged: reload }))
      : null,
    el("details", {}, el("summary", {}, "Results"), resultsForm(x)),
  ];
}
