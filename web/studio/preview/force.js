// Forcing an arm in the preview. The SDK has no forced variations, so the preview decides with
// a copy of the served config in which the chosen experiment gives the chosen arm all its
// traffic: weights one-hot, coverage 1, no explicit ranges, namespace or filters. Hashing,
// conditions, prerequisites and every other rule are untouched, so a customer the
// experiment does not target still sees what they would see (the rule trace says why).
export function forceArms(config, forced) {
  const keys = Object.keys(forced);
  if (keys.length === 0) return config;
  const copy = structuredClone(config);
  const force = (rule, key) => {
    if (!rule || !Array.isArray(rule.variations) || !Object.hasOwn(forced, key)) return;
    const arm = forced[key];
    rule.weights = rule.variations.map((_, i) => (i === arm ? 1 : 0));
    rule.coverage = 1;
    for (const field of ["ranges", "namespace", "filters"]) delete rule[field];
  };
  for (const [featureId, feature] of Object.entries(copy.features ?? {})) {
    for (const rule of Array.isArray(feature?.rules) ? feature.rules : []) force(rule, String(rule?.key ?? featureId));
  }
  for (const experiment of Array.isArray(copy.experiments) ? copy.experiments : []) force(experiment, experiment?.key);
  return copy;
}
