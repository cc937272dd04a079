// The demo shop: hero banner variant, product ordering by segment ("product-order", decided on
// the config's kmeans "shopper" segment) and by the "recommendations" experiment, a shipping
// offer, and Buy buttons that track a conversion. Works from any static server (the
// config is ./config.json) or against the edge (?edge=URL&sdkKey=KEY: config and its updates
// over SSE from the edge, events to the edge's /v1/events).
// Query parameters for trying things (and for the browser tests):
//   user, country, items   attributes (default: an anonymous id, kept only with consent)
//   consent                granted | denied (default: ask with the banner)
//   events                 where events go (default: the edge's /v1/events, if any)
//   configDelay            ms to delay loading the config (shows the anti-flicker timeout)
//   preview=studio         config and attributes from the studio frame around it (preview.js)
import { antiFlicker } from "../sdk/src/anti-flicker.js";
import { previewInput } from "./preview.js";

const reveal = antiFlicker({ timeout: 800 });
const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);

const HERO = {
  classic: "Autumn essentials",
  seasonal: "Seasonal sale: 20% off everything",
  personal: "Picked for you",
  preview: "A preview of our new look",
};
const PRODUCTS = [
  { name: "Wool scarf", price: 29, popularity: 9, category: "accessories" },
  { name: "Rain jacket", price: 89, popularity: 7, category: "outerwear" },
  { name: "Leather gloves", price: 39, popularity: 5, category: "accessories" },
  { name: "Down vest", price: 119, popularity: 8, category: "outerwear" },
  { name: "Beanie", price: 19, popularity: 6, category: "accessories" },
  { name: "Trail boots", price: 149, popularity: 4, category: "footwear" },
];

function storedConsent() {
  if (params.get("consent")) return params.get("consent") === "granted";
  try {
    return localStorage.getItem("tailor-demo:consent") === "granted";
  } catch {
    return false;
  }
}

// A stable anonymous id needs storage, so it is kept only with consent.
function userId(consent) {
  if (params.get("user")) return params.get("user");
  try {
    const saved = consent && localStorage.getItem("tailor-demo:id");
    if (saved) return saved;
    const id = `anon-${crypto.randomUUID()}`;
    if (consent) localStorage.setItem("tailor-demo:id", id);
    return id;
  } catch {
    return `anon-${crypto.randomUUID()}`;
  }
}

async function loadConfig() {
  const delay = Number(params.get("configDelay") || 0);
  if (delay) await new Promise((r) => setTimeout(r, delay));
  const response = await fetch("./config.json");
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return response.text();
}

// What the page shows when the SDK has no config (the edge unreachable on a first visit:
// every feature decides null).
const DEFAULTS = {
  "hero-banner": "classic",
  "free-shipping-threshold": 50,
  recommendations: { strategy: "popular", slots: 4 },
  "product-order": "popular",
};
const value = (client, key) => client.decide(key).value ?? DEFAULTS[key];

function render(client) {
  document.body.dataset.configSource = client.configSource; // edge, cache or defaults
  const hero = value(client, "hero-banner");
  $("hero").dataset.variant = hero;
  $("hero-title").textContent = HERO[hero] ?? String(hero);

  const threshold = value(client, "free-shipping-threshold");
  $("shipping").textContent =
    threshold === 0 ? "Free shipping on every order" : `Free shipping over €${threshold}`;

  const { strategy, slots } = value(client, "recommendations");
  const order = value(client, "product-order");
  const ordered = [...PRODUCTS].sort((a, b) =>
    order === "premium-first"
      ? b.price - a.price
      : strategy === "similar"
        ? a.category.localeCompare(b.category) || b.popularity - a.popularity
        : b.popularity - a.popularity,
  );
  $("products").dataset.order = order;
  $("segment").textContent = `Shopper segment: ${client.segments().shopper ?? "unknown"}`;
  $("products").replaceChildren(
    ...ordered.slice(0, slots).map((p) => {
      const li = document.createElement("li");
      li.textContent = `${p.name} — €${p.price}`;
      const buy = document.createElement("button");
      buy.type = "button";
      buy.textContent = `Buy ${p.name}`;
      buy.onclick = () => {
        client.track("purchase", { type: "conversion", value: p.price });
        $("status").textContent = `Thanks for buying the ${p.name}!`;
      };
      li.append(buy);
      return li;
    }),
  );
}

async function main() {
  const preview = await previewInput();
  const consent = !preview && storedConsent();
  const edge = params.get("edge");
  // The one-file build of web/sdk (dist/ is built with the wasm module).
  const { createClient } = await import("../sdk/dist/tailor-sdk.mjs");
  const client = await createClient(preview ? {
    config: preview.config,
    attributes: preview.attributes,
    consent: false,
    stickyBucketing: true,
  } : {
    ...(edge ? { edgeUrl: edge, sdkKey: params.get("sdkKey") ?? "demo" } : { config: await loadConfig() }),
    sdkKey: params.get("sdkKey") ?? "demo",
    eventsUrl: params.get("events") ?? undefined,
    attributes: {
      id: userId(consent),
      country: params.get("country") ?? "US",
      cart: { items: Number(params.get("items") ?? 1) },
    },
    consent,
    stickyBucketing: true,
    subscribe: Boolean(edge), // a config published at the edge re-renders the page
  });
  render(client);
  client.on("change", render);
  reveal();
  document.body.dataset.ready = "true";

  if (!preview && !params.get("consent") && !consent) {
    $("consent").hidden = false;
    $("accept").onclick = () => {
      localStorage.setItem("tailor-demo:consent", "granted");
      // Keep this visit's anonymous id, so the next page is the same user at the edge.
      if (!params.get("user")) localStorage.setItem("tailor-demo:id", client.attributes.id);
      client.setConsent(true);
      $("consent").hidden = true;
    };
    $("decline").onclick = () => {
      client.setConsent(false);
      $("consent").hidden = true;
    };
  }
  globalThis.tailorDemo = client; // for poking at it from the console
}

main().catch((e) => {
  reveal();
  $("status").textContent = `Could not personalise this page: ${e.message}`;
});
