// The experiments of a config document: every feature rule with variations (named by its key,
// else its feature's id, as the edge's results route names it) and every entry of the
// top-level "experiments" array, with what the studio shows about each (and its "bandit" or
// "rollout" declaration when the edge's controller runs it, docs/experiments.md).
export function experimentsOf(config) {
  const found = [];
  for (const [featureId, feature] of Object.entries(config?.features ?? {})) {
    const rules = Array.isArray(feature?.rules) ? feature.rules : [];
    rules.forEach((rule, index) => {
      if (rule && Array.isArray(rule.variations)) found.push(describe(rule, featureId, index));
    });
  }
  const top = Array.isArray(config?.experiments) ? config.experiments : [];
  for (const experiment of top) {
    if (experiment && typeof experiment.key === "string") found.push(describe(experiment, null, null));
  }
  return found;
}

function describe(rule, featureId, index) {
  const n = rule.variations.length;
  const weights = Array.isArray(rule.weights) && rule.weights.length === n ? rule.weights : Array(n).fill(1 / n);
  return {
    key: String(rule.key ?? featureId),
    feature: featureId,
    ruleIndex: index,
    arms: rule.variations.map((value, i) => ({
      key: String(rule.meta?.[i]?.key ?? i),
      name: rule.meta?.[i]?.name ?? null,
      value,
      weight: Number(weights[i]),
    })),
    coverage: typeof rule.coverage === "number" ? rule.coverage : 1,
    status: statusOf(rule),
    condition: rule.condition ?? null,
    hashAttribute: rule.hashAttribute ?? "id",
    automation: automationOf(rule),
  };
}

// GrowthBook's meaning (docs/config.md "Experiments"): draft or inactive experiments enrol
// nobody; stopped ones serve their winner or control.
function statusOf(rule) {
  if (rule.status === "draft" || rule.active === false) return "not running (draft or inactive)";
  if (rule.status === "stopped") return "stopped";
  if (rule.enabled === false) return "disabled";
  return "running";
}

// The edge validated the declaration before serving it (config::validate), so its shape holds.
function automationOf(rule) {
  if (rule.bandit && typeof rule.bandit === "object") return { kind: "bandit", spec: rule.bandit };
  if (rule.rollout && typeof rule.rollout === "object" && Array.isArray(rule.rollout.stages)) {
    return { kind: "rollout", spec: rule.rollout };
  }
  return null;
}
