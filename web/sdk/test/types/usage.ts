// The SDK used as docs/sdk.md documents it, against the declarations (index.d.ts) only: every
// export, every client member and option, and misuse that must not compile (@ts-expect-error
// fails when the line compiles). Type-checked by tsconfig.json (ctest sdk-types), never run.
import {
  antiFlicker,
  createClient,
  TailorClient,
  type Attributes,
  type ClientOptions,
  type Config,
  type Decision,
  type ExplainedDecision,
  type Json,
  type Recorded,
  type RuleStep,
  type StickyBucketStorage,
  type UrlRedirect,
} from "../../index.js";
import { antiFlicker as antiFlickerAlone } from "../../src/anti-flicker.js";

// Quick start.
const reveal: () => void = antiFlicker({ timeout: 800 });
const revealAlone: () => void = antiFlickerAlone({ selector: "[data-hide]", timeout: 500, document });

const client: TailorClient = await createClient({
  edgeUrl: "https://edge.example.com",
  sdkKey: "shop-web",
  attributes: { id: "anon-7f3a", country: "FR", cart: { items: 2 } },
  consent: false,
});
const banner: Decision = client.decide("hero-banner");
const text: string = String(banner.value);
reveal();
revealAlone();

// Every option: an inline config (object or JSON text) or edgeUrl + sdkKey, and the rest.
const config: Config = {
  features: { "hero-banner": { defaultValue: "classic" } },
  savedGroups: {},
  experiments: [],
  segments: [{ key: "vip", type: "rule", condition: { "cart.items": { $gte: 3 } } }],
  events: {
    batchSize: 20,
    flushIntervalMs: 5000,
    maxPending: 500,
    frequencyCaps: [
      { event: "newsletter_prompt", max: 3, windowMs: 86400000 },
      { experiment: "hero-banner-test", max: 1, windowMs: 604800000 },
    ],
  },
};
const inline: ClientOptions = { config };
const inlineText: ClientOptions = { config: JSON.stringify(config), edgeUrl: "https://edge.example.com" };
const everything: ClientOptions = {
  edgeUrl: "https://edge.example.com",
  sdkKey: "shop-web",
  attributes: { id: "u-1" },
  consent: true,
  stickyBucketing: true,
  stickyBucketStorage: "cookie",
  decryptionKey: "Ns04T5n9+59rl2x3SlNHtQ==",
  url: "https://shop.example.com/landing?utm_source=mail",
  navigate: (url: string) => location.assign(url),
  disableUrlRedirectExperiments: false,
  reveal: antiFlicker({ timeout: 3000 }),
  eventsUrl: "https://collect.example.com/v1/events",
  flushIntervalMs: 2000,
  subscribe: true,
  wasm: new URL("https://cdn.example.com/tailor_sdk.wasm"),
  fetch: (input, init) => fetch(input, init),
  EventSource,
  onError: (error: Error, c: TailorClient) => console.warn(error.message, c.decideAll()),
};
const memory = new Map<string, string>();
const ownStorage: StickyBucketStorage = { get: (k) => memory.get(k) ?? null, set: (k, v) => void memory.set(k, v) };
const sealed: ClientOptions = {
  config: { encryptedFeatures: "aXY=.Y2lwaGVy", encryptedSavedGroups: "aXY=.Y2lwaGVy" },
  decryptionKey: "Ns04T5n9+59rl2x3SlNHtQ==",
  stickyBucketStorage: ownStorage,
};
for (const options of [inline, inlineText, everything, sealed]) (await createClient(options)).destroy();
for (const wasm of ["/sdk/dist/tailor_sdk.wasm", new Uint8Array(8), new ArrayBuffer(8)]) {
  (await createClient({ config, wasm })).destroy();
}

// Decisions.
const typed: Decision<number> = client.decide<number>("free-shipping-threshold");
const threshold: number = typed.value;
const on: boolean = typed.on;
const why: string = `${typed.source} ${typed.ruleId} ${typed.reason} ${typed.error ?? ""}`;
const experiment = client.decide("hero-banner").experiment;
if (experiment) {
  const shown: string = `${experiment.key}:${experiment.variationId}:${experiment.variationKey}`;
  const inExperiment: boolean = experiment.inExperiment;
  const hashedOn: string = experiment.hashAttribute;
  const hash: Json = experiment.hashValue;
  const bucket: number | undefined = experiment.bucket;
}
const all: { readonly [key: string]: Decision } = client.decideAll();
const explained: ExplainedDecision = client.explain("hero-banner");
const steps: RuleStep[] = explained.trace;
for (const step of steps) {
  const where: number | null = step.index;
  const what: string = step.outcome;
  const ids: Json[] = [step.ruleId, step.prerequisite ?? null];
  const experimentReason: string | undefined = step.experimentReason;
}
const segments: { [key: string]: Json } = client.segments();

// Attributes, config, updates.
client.setAttributes({ id: "anon-7f3a", country: "FR", cart: { items: 3 }, tags: ["a", 1, null] });
const attributes: Attributes = client.attributes;
client.setConfig(config);
client.setConfig('{"features": {}}');
const changed: boolean = await client.refresh();
client.subscribe();
client.unsubscribe();
const stopListening: () => void = client.on("change", (c: TailorClient) => c.decideAll());
stopListening();
const stopErrors: () => void = client.on("error", (error: Error, c: TailorClient) => {
  console.warn(`config rejected: ${error.message}; still deciding with`, c.decideAll());
});
stopErrors();

// Consent, events, sticky bucketing.
client.setConsent(true);
const consent: boolean = client.consent;
const recorded: Recorded[] = [
  client.track("purchase", { type: "conversion", value: 42 }),
  client.track("newsletter_prompt"),
  client.track("viewed", { type: "custom", attributes: { page: "home" } }),
];
await client.flush();
await client.flush({ unloading: true });
const pending: number = client.pendingEvents();
client.enableStickyBucketing();
const redirect: UrlRedirect = client.urlRedirect("https://shop.example.com/landing");
const target: string | null = redirect.url;
for (const e of redirect.experiments) console.log(e.key, e.variationId, e.variationKey, e.inExperiment, e.urlRedirect);
const bandit = client.decide("headline").experiment;
if (bandit) console.log(bandit.leafId, bandit.variationWeights, bandit.banditVersion, target);
client.destroy();

// Misuse that must not compile.
// @ts-expect-error options are required: a config, or edgeUrl and sdkKey
await createClient();
// @ts-expect-error neither a config nor edgeUrl + sdkKey
await createClient({ attributes: { id: "u-1" } });
// @ts-expect-error edgeUrl without sdkKey
await createClient({ edgeUrl: "https://edge.example.com" });
// @ts-expect-error TailorClient is made by createClient(), not constructed
new TailorClient();
// @ts-expect-error attributes are JSON values
client.setAttributes({ id: "u-1", seen: new Date() });
// @ts-expect-error the attributes are read-only (setAttributes replaces them)
client.attributes = {};
// @ts-expect-error a feature key is a string
client.decide(3);
// @ts-expect-error a sticky-bucket storage is "localStorage", "cookie" or an object with get and set
await createClient({ config, stickyBucketStorage: "sessionStorage" });
// @ts-expect-error navigate takes the URL
await createClient({ config, navigate: true });
// @ts-expect-error an event is "custom" or "conversion"
client.track("purchase", { type: "exposure" });
// @ts-expect-error an event's value is a number
client.track("purchase", { value: "42" });
// @ts-expect-error "change" and "error" are the events
client.on("update", () => {});
// @ts-expect-error an "error" listener receives an Error, not the client
client.on("error", (c: TailorClient) => c.decideAll());
// @ts-expect-error onError is a function
await createClient({ config, onError: "log" });
// @ts-expect-error decisions are read-only
client.decideAll()["hero-banner"] = banner;
// @ts-expect-error setConsent takes a boolean
client.setConsent("yes");
