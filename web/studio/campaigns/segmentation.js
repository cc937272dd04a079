// The segmentation of a new campaign: as its spec says, or RFM / k-means / rules chosen here,
// sent as a JSON Merge Patch of the spec's "segmentation" (docs/campaigns.md, "segmentation").
// The edge's spec parser decides what is valid; its message is shown as the error.
import { el, uid } from "../dom.js";

const RFM = { method: "rfm", recency: "days_since_last_order", frequency: "orders_12m", monetary: "spend_12m" };
const KMEANS_FEATURES = "spend_12m, orders_12m, days_since_last_order, email_engagement";
const RULES_EXAMPLE = JSON.stringify({
  method: "rules",
  rules: [
    { name: "High spenders", condition: { spend_12m: { $gte: 500 } } },
    { name: "Lapsed", condition: { days_since_last_order: { $gt: 180 } } },
  ],
  default: "Everyone else",
}, null, 2);

export function segmentationForm() {
  const methodId = uid("method");
  const method = el("select", { id: methodId },
    el("option", { value: "" }, "As the spec says"),
    el("option", { value: "rfm" }, "RFM (quintile bins from the data)"),
    el("option", { value: "kmeans" }, "k-means (standardised features)"),
    el("option", { value: "rules" }, "Rules (conditions, first match wins)"));
  const kId = uid("k");
  const featuresId = uid("features");
  const seedId = uid("kseed");
  const rulesId = uid("rules");
  const k = el("input", { id: kId, value: "4", size: "5", "aria-describedby": `${kId}-hint` });
  const features = el("input", { id: featuresId, value: KMEANS_FEATURES, size: "50" });
  const seed = el("input", { id: seedId, type: "number", value: "7", min: "0", step: "1" });
  const rules = el("textarea", { id: rulesId, rows: "9" });
  rules.value = RULES_EXAMPLE;
  const kmeansFields = el("div", { class: "controls", hidden: true },
    el("label", { for: kId }, "k (2–20, or auto)"), k,
    el("span", { class: "hint", id: `${kId}-hint` }, "auto picks 2–8 by silhouette"),
    el("label", { for: featuresId }, "Features (numeric columns, comma-separated)"), features,
    el("label", { for: seedId }, "Seed"), seed);
  const rulesFields = el("div", { hidden: true },
    el("label", { for: rulesId }, "Rules (the spec's segmentation section, JSON)"), rules);
  method.addEventListener("change", () => {
    kmeansFields.hidden = method.value !== "kmeans";
    rulesFields.hidden = method.value !== "rules";
  });
  const node = el("fieldset", {}, el("legend", {}, "Segmentation"),
    el("div", { class: "controls" }, el("label", { for: methodId }, "Method"), method),
    kmeansFields, rulesFields);

  // The merge patch for the spec's "segmentation", or null to keep the spec's own. Members of
  // the other methods are removed (null), so the edge sees exactly one method's fields.
  function patch() {
    const clear = { recency: null, frequency: null, monetary: null, segments: null, features: null, k: null, seed: null, max_iterations: null, rules: null, default: null };
    if (method.value === "rfm") return { ...clear, ...RFM };
    if (method.value === "kmeans") {
      const kValue = k.value.trim() === "auto" ? "auto" : Number(k.value);
      return {
        ...clear,
        method: "kmeans",
        k: kValue,
        seed: Number(seed.value),
        features: features.value.split(",").map((f) => f.trim()).filter(Boolean),
      };
    }
    if (method.value === "rules") {
      let doc;
      try {
        doc = JSON.parse(rules.value);
      } catch (e) {
        throw new Error(`The rules are not JSON: ${e.message}`);
      }
      return { ...clear, ...doc };
    }
    return null;
  }
  return { node, patch };
}
