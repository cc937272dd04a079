// An automated experiment's plan as the edge's controller runs it (docs/experiments.md): the
// declaration served in the config, the stored state (GET /admin/v1/automation/{sdkKey}/{key}),
// the allocation history as periods, the controller's and operators' audit records for this
// experiment with the whole trail verified in this browser, and the operator actions
// (POST …/{pause|resume|advance|rollback}) behind an in-place confirmation for the ones that
// move traffic.
import { api } from "../api.js";
import { el, replace, svg, uid } from "../dom.js";
import { verifyTrail } from "../campaigns/verify.js";

const pct = (v) => (typeof v === "number" && Number.isFinite(v) ? `${Math.round(v * 1000) / 10}%` : "—");
const when = (ms) => (typeof ms === "number" && ms > 0 ? new Date(ms).toISOString().replace(".000Z", "Z") : "—");
const minutes = (m) => (m >= 1 ? `${Math.round(m * 100) / 100} min` : `${Math.round(m * 60 * 100) / 100} s`);

// The plan of `experiment` (experimentsOf's entry, with `automation`) served under `sdkKey`.
// `onChanged` runs after an operator action changed what is served (the page reloads the SDK
// key's section: versions, allocation and this panel).
export function automationPanel(sdkKey, experiment, { onChanged }) {
  const out = el("div", { class: "automation", "aria-live": "polite" },
    el("p", { class: "hint" }, "Reading the controller's state…"));
  load(sdkKey, experiment, out, onChanged);
  return out;
}

async function load(sdkKey, experiment, out, onChanged) {
  let stored = null;
  let trail = "";
  try {
    [stored, trail] = await Promise.all([
      api.automation(sdkKey, experiment.key).catch((err) => {
        if (err.status === 404) return null;
        throw err;
      }),
      api.automationAudit(),
    ]);
  } catch (err) {
    replace(out, el("p", { class: "error", role: "alert" }, `Could not read the plan of ${experiment.key}: ${err.message}`));
    return;
  }
  render(out, sdkKey, experiment, stored, trail, onChanged);
}

function render(out, sdkKey, experiment, stored, trail, reload) {
  const { kind, spec } = experiment.automation;
  const parts = [declarationView(kind, spec, experiment, stored?.state)];
  if (!stored) {
    parts.push(el("p", { class: "empty" },
      `The controller has not evaluated ${experiment.key} yet. It stores the plan's state at its first pass (every --automation-tick-s seconds; an edge started with 0 runs no passes).`));
  } else {
    parts.push(stateView(kind, stored), periodsView(experiment, stored.state), actionsView(sdkKey, experiment, kind, spec, stored.state, reload));
  }
  parts.push(auditView(sdkKey, experiment.key, trail));
  replace(out, parts);
}

function declarationView(kind, spec, experiment, state) {
  if (kind === "bandit") {
    const rows = [
      ["Metric", `${spec.metric} (${spec.metricType ?? "binomial"})`],
      ["Reallocates every", minutes(spec.intervalMinutes ?? 60)],
      ["Burn-in", `${spec.burnInExposures ?? 0} exposures`],
      ["Minimum weight per arm", pct(spec.minWeight ?? 0)],
      ["Control floor", pct(spec.controlFloor ?? 0)],
      ["Promotes at", spec.stopAt?.chanceToWin ? `chance to win ≥ ${pct(spec.stopAt.chanceToWin)}` : "never (no stopAt)"],
    ];
    return el("dl", { class: "segments", "aria-label": `Bandit of ${experiment.key}` },
      rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  }
  const current = state?.stage;
  return el("div", {},
    el("table", { class: "stages" },
      el("caption", {}, `Rollout stages of ${experiment.key} (evaluated every ${minutes(spec.intervalMinutes ?? 5)}, alpha ${spec.alpha ?? 0.05})`),
      el("thead", {}, el("tr", {}, ["Stage", "Allocation", "Minimum exposures", "Minimum time", ""].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, spec.stages.map((s, i) => el("tr", { class: i === current ? "current" : null },
        el("th", { scope: "row" }, `${i + 1} of ${spec.stages.length}`),
        el("td", {}, typeof s.coverage === "number" ? `coverage ${pct(s.coverage)}` : `weights ${s.weights.map(pct).join(" / ")}`),
        el("td", {}, String(s.minExposures ?? 0)),
        el("td", {}, minutes(s.minMinutes ?? 0)),
        el("td", {}, i === current ? el("strong", {}, "current") : ""),
      ))),
    ),
    (spec.guardrails ?? []).length === 0
      ? el("p", { class: "hint" }, "No guardrails: stages advance on exposures and time alone.")
      : el("table", { class: "guardrails" },
        el("caption", {}, "Guardrails (a breach rolls the experiment back to coverage 0)"),
        el("thead", {}, el("tr", {}, ["Metric", "Better when", "Tolerated change vs control"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, spec.guardrails.map((g) => el("tr", {},
          el("th", { scope: "row" }, `${g.metric} (${g.metricType ?? "binomial"})`),
          el("td", {}, g.direction === "higherIsBetter" ? "higher" : "lower"),
          el("td", {}, `${pct(g.bound)} ${g.direction === "higherIsBetter" ? "lower" : "higher"}`),
        )))),
  );
}

const STATUS_TEXT = {
  running: "running",
  promoted: "finished: a winner was promoted",
  completed: "finished: every stage completed",
  rolled_back: "finished: rolled back",
};

function stateView(kind, stored) {
  const s = stored.state;
  const finished = s.status !== "running";
  return el("p", { class: "plan-state" },
    el("span", { class: `badge ${!finished && !s.paused ? "on" : "off"}` }, s.paused ? "paused" : s.status.replace("_", " ")),
    ` ${STATUS_TEXT[s.status] ?? s.status}${s.paused ? ", paused by an operator" : ""}.`,
    kind === "rollout" ? ` Stage ${s.stage + 1} since ${when(s.stageStartedMs)}.` : ` ${s.reallocations} reallocations.`,
    ` Serving coverage ${pct(s.coverage)}, weights ${s.weights.map(pct).join(" / ")}.`,
    ` Last evaluated ${when(s.lastEvaluatedMs)}; state stored ${stored.updatedAt}.`);
}

// The allocation history: one row per period, a bar per period split by arm (its length is the
// coverage), and the same numbers in a table.
function periodsView(experiment, state) {
  const periods = state.periods ?? [];
  const arms = experiment.arms.map((a) => a.key);
  const W = 480;
  const LEFT = 170;
  const ROW = 22;
  const height = ROW * periods.length + 8;
  const label = `Allocation history of ${experiment.key}: ${periods.length} period${periods.length === 1 ? "" : "s"}`;
  const chart = svg("svg", { class: "chart periods", viewBox: `0 0 ${W} ${height}`, role: "img", "aria-label": label },
    svg("title", {}, label),
    periods.map((p, i) => {
      const y = ROW * i + 4;
      let x = LEFT;
      const total = p.weights.reduce((a, b) => a + b, 0) || 1;
      return svg("g", {},
        svg("text", { x: LEFT - 8, y: y + 14, "text-anchor": "end", class: "axis" }, when(p.startMs)),
        p.weights.map((w, a) => {
          const width = (W - LEFT - 8) * p.coverage * (w / total);
          const bar = svg("rect", { x, y, width: Math.max(width, 0), height: ROW - 6, class: `arm arm${a % 6}` },
            svg("title", {}, `${arms[a] ?? a}: ${pct(p.coverage * w / total)} of visitors`));
          x += width;
          return bar;
        }));
    }));
  return el("details", {},
    el("summary", {}, `Allocation history (${periods.length} period${periods.length === 1 ? "" : "s"})`),
    el("p", { class: "legend" }, arms.map((a, i) => el("span", { class: `key arm${i % 6}` }, a))),
    chart,
    el("table", { class: "periods" },
      el("caption", {}, "Each period ran one allocation; results and SRM count units by the period of their first exposure"),
      el("thead", {}, el("tr", {}, ["From", "Coverage", ...arms].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, periods.map((p) => el("tr", {},
        el("th", { scope: "row" }, when(p.startMs)),
        el("td", {}, pct(p.coverage)),
        p.weights.map((w) => el("td", {}, pct(w))),
      )))));
}

// What an operator may do now (core/automation's operate(): a finished plan only pauses or
// resumes, advance is for rollouts before their last stage).
function actionsFor(kind, spec, state) {
  if (state.status !== "running") return [];
  const list = [state.paused ? "resume" : "pause"];
  if (kind === "rollout" && state.stage + 1 < spec.stages.length) list.push("advance");
  list.push("rollback");
  return list;
}

const ACTION_TEXT = {
  pause: ["Pause", "The controller stops changing the allocation; visitors keep the current one."],
  resume: ["Resume", "The controller evaluates the plan again at its next pass."],
  advance: ["Advance to the next stage", "Serve the next stage's allocation now, without waiting for its conditions."],
  rollback: ["Roll back", "Coverage becomes 0: every visitor gets the default value. The plan ends."],
};

function actionsView(sdkKey, experiment, kind, spec, state, reload) {
  const actions = actionsFor(kind, spec, state);
  if (actions.length === 0) {
    return el("p", { class: "hint" },
      "This plan is finished. To run it again, publish the config with a changed declaration: the controller starts a new plan from its first stage.");
  }
  const actorId = uid("actor");
  const actor = el("input", { id: actorId, name: "actor", autocomplete: "name", maxlength: "100", required: true });
  const status = el("p", { class: "error", role: "alert" });
  const buttons = el("div", { class: "controls" });
  const showButtons = () => replace(buttons, actions.map((a) => el("button", {
    type: "button",
    class: a === "rollback" ? "danger" : null,
    title: ACTION_TEXT[a][1],
    on: { click: () => (a === "pause" || a === "resume" ? run(a) : confirmStep(a)) },
  }, ACTION_TEXT[a][0])));
  const run = async (action) => {
    replace(status);
    if (!actor.value.trim()) {
      replace(status, "Give your name: it is recorded in the audit trail with the action.");
      actor.focus();
      showButtons();
      return;
    }
    for (const b of buttons.querySelectorAll("button")) b.disabled = true;
    try {
      await api.operate(sdkKey, experiment.key, action, actor.value.trim());
      reload();
    } catch (err) {
      replace(status, `${ACTION_TEXT[action][0]} failed: ${err.message}`);
      showButtons();
    }
  };
  const confirmStep = (action) => {
    const yes = el("button", { type: "button", class: "danger", on: { click: () => run(action) } },
      `Confirm: ${ACTION_TEXT[action][0].toLowerCase()} ${experiment.key} for every visitor of ${sdkKey}`);
    replace(buttons, el("span", { class: "hint" }, ACTION_TEXT[action][1], " "), yes, " ",
      el("button", { type: "button", on: { click: showButtons } }, "Cancel"));
    yes.focus();
  };
  showButtons();
  return el("div", { class: "operator" },
    el("label", { for: actorId }, "Your name (recorded in the audit trail)"), actor, buttons, status);
}

// This experiment's records of the controller's trail, newest first, and the whole trail's
// chain verified here by the core's own code.
function auditView(sdkKey, key, trail) {
  const lines = trail.split("\n").filter(Boolean);
  const records = [];
  for (const line of lines) {
    const r = JSON.parse(line);
    if (r.kind === "automation" && r.campaign === sdkKey && r.message_id === key) records.push(r);
  }
  const verdict = el("p", { class: "hint" }, "Verifying the trail…");
  if (lines.length === 0) {
    replace(verdict, "The controller's audit trail is empty.");
  } else {
    verifyTrail(trail, "jsonl").then((v) => {
      verdict.className = v.ok ? "ok" : "warning";
      replace(verdict, v.ok
        ? `Audit trail verified in this browser: ${v.records} records, every hash and link intact (head ${v.head.slice(0, 12)}…).`
        : `The audit trail does not verify: record ${v.badRecord} (line ${v.line}): ${v.reason}.`);
    }).catch((err) => {
      verdict.className = "error";
      replace(verdict, `Could not verify the audit trail here: ${err.message}`);
    });
  }
  const shown = records.slice(-50).reverse();
  return el("div", {},
    el("h5", {}, `Changes to ${key} (${records.length} audit record${records.length === 1 ? "" : "s"})`),
    verdict,
    records.length === 0
      ? el("p", { class: "empty" }, "No change yet: the controller records every reallocation, stage change, promotion and rollback, and every operator action.")
      : el("table", { class: "audit" },
        el("caption", {}, records.length > shown.length ? `The latest ${shown.length}, newest first` : "Newest first"),
        el("thead", {}, el("tr", {}, ["When", "Action", "By", "Why", "Config"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, shown.map((r) => {
          const f = Array.isArray(r.findings) ? r.findings[0] ?? {} : {};
          return el("tr", {},
            el("th", { scope: "row", class: "nowrap" }, el("time", { datetime: r.ts }, r.ts)),
            el("td", { class: "nowrap" }, r.decision),
            el("td", {}, r.actor),
            el("td", {}, f.reason ?? "", f.rule ? [" ", el("code", {}, f.rule)] : null),
            el("td", {}, typeof f.configVersion === "number" ? `v${f.configVersion}` : ""),
          );
        }))));
}
