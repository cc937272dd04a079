// The web arm of a campaign (`tailor campaign run` writes its config.json): the banner copy of
// the visitor's segment and arm, decided in the browser by the SDK from the campaign's config
// (the fitted segment models are in it, so the SDK scores the visitor itself).
// Query parameters:
//   edge, sdkKey   the edge serving the campaign config (default SDK key "campaign");
//                  without edge, ./campaign-config.json from this directory
//   feature        the campaign's feature key ("<campaign>-web"; default: the config's first)
//   attributes     the visitor's attributes as JSON (a customer row, as assignments.csv's
//                  customer has them); default: an anonymous visitor
//   consent        granted | denied (default denied: exposures are logged only with consent)
//   preview=studio config and attributes from the studio frame around it (preview.js)
import { antiFlicker } from "../sdk/src/anti-flicker.js";
import { previewInput } from "./preview.js";

const reveal = antiFlicker({ timeout: 800 });
const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);

async function main() {
  const preview = await previewInput();
  const edge = preview ? null : params.get("edge");
  const sdkKey = params.get("sdkKey") ?? "campaign";
  const attributes = preview ? preview.attributes : JSON.parse(params.get("attributes") ?? "{}");
  const { createClient } = await import("../sdk/dist/tailor-sdk.mjs");
  let config = preview?.config;
  if (!edge && !preview) {
    const response = await fetch("./campaign-config.json");
    if (!response.ok) throw new Error(`campaign-config.json: HTTP ${response.status}`);
    config = await response.text();
  }
  const client = await createClient({
    ...(edge ? { edgeUrl: edge } : { config }),
    sdkKey,
    attributes,
    consent: !preview && params.get("consent") === "granted",
  });
  const feature =
    params.get("feature") ?? Object.keys(client.decideAll()).find((k) => k.endsWith("-web"));
  const value = client.decide(feature).value;
  // Control keeps the page's own banner; a treatment shows its screened web copy.
  if (value && value.variant !== "control") $("headline").textContent = value.copy;
  $("segment").textContent = value?.segment ?? "none";
  $("arm").textContent = value?.variant ?? "none";
  $("variant").textContent = value?.variantId ?? "";
  reveal();
  document.body.dataset.ready = "true";
  globalThis.tailorCampaign = client;
  await client.flush();
}

main().catch((e) => {
  reveal();
  $("status").textContent = `Could not personalise this page: ${e.message}`;
  document.body.dataset.ready = "error";
});
