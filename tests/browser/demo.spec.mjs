// The demo shop in real Chromium with the SDK's wasm core: decisions equal the native CLI's,
// reloads keep the variant, events reach the collector exactly once (also on unload and after
// an outage), consent denied means no request and no storage, anti-flicker always reveals.
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cliBinary } from "./edge.mjs";
import { startCollector, startStatic } from "./servers.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = cliBinary;
const demoUsers = readFileSync(`${root}web/demo/users.jsonl`, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));

let site;
let collector;
test.beforeAll(async () => {
  site = await startStatic();
  collector = await startCollector();
});
test.afterAll(async () => {
  await site.close();
  if (collector.state.server) await collector.stop();
});
test.beforeEach(() => {
  collector.events.clear();
  collector.counts.clear();
  collector.state.received = 0;
  collector.state.requests = 0;
});

// The attributes the demo builds from its query parameters.
const attributesOf = (u) => ({ id: u.id, country: u.country, cart: { items: u.cart.items } });
const demoUrl = (u, extra = {}) =>
  `${site.url}/demo/?${new URLSearchParams({ user: u.id, country: u.country, items: String(u.cart.items), ...extra })}`;

function nativeDecisions(attributes) {
  const out = execFileSync(cli, ["decide", "--config", `${root}web/demo/config.json`, "--attributes", JSON.stringify(attributes)]);
  return JSON.parse(out).features;
}

function consoleErrors(page) {
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

async function ready(page) {
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
}

// Experiments the demo page exposes the user to (it shows these three features).
function expectedExposures(decisions) {
  return ["hero-banner", "free-shipping-threshold", "recommendations"]
    .map((k) => decisions[k].experiment)
    .filter((e) => e?.inExperiment)
    .map((e) => `${e.key}=${e.variationKey}`)
    .sort();
}
const exposuresAt = (c) => c.list("exposure").map((e) => `${e.experiment}=${e.variant}`).sort();

test("the variant shown equals what the native CLI decides", async ({ page }) => {
  const errors = consoleErrors(page);
  for (const u of demoUsers) {
    const native = nativeDecisions(attributesOf(u));
    await page.goto(demoUrl(u, { consent: "denied" }));
    await ready(page);
    const hero = page.getByRole("region", { name: "Hero banner" });
    await expect(hero).toHaveAttribute("data-variant", native["hero-banner"].value);
    const threshold = native["free-shipping-threshold"].value;
    await expect(page.getByLabel("Shipping offer")).toHaveText(
      threshold === 0 ? "Free shipping on every order" : `Free shipping over €${threshold}`,
    );
    const products = page.getByRole("list", { name: "Product list" });
    await expect(products.getByRole("listitem")).toHaveCount(native.recommendations.value.slots);
    await expect(products).toHaveAttribute("data-order", native["product-order"].value);
  }
  expect(errors).toEqual([]);
});

test("a reload keeps the variant (anonymous id and sticky bucket kept with consent)", async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(`${site.url}/demo/?consent=granted`);
  await ready(page);
  const hero = page.getByRole("region", { name: "Hero banner" });
  const variant = await hero.getAttribute("data-variant");
  const id = await page.evaluate(() => localStorage.getItem("tailor-demo:id"));
  expect(id).toMatch(/^anon-/);
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await ready(page);
    await expect(hero).toHaveAttribute("data-variant", variant);
  }
  expect(await page.evaluate(() => localStorage.getItem("tailor-demo:id"))).toBe(id);
  // Sticky-bucket documents are kept (with consent); they name the id once it is in an experiment.
  const sticky = JSON.parse(await page.evaluate(() => localStorage.getItem("tailor:sticky")));
  for (const doc of Object.values(sticky)) expect(doc.attributeValue).toBe(id);
  expect(errors).toEqual([]);
});

test("exposures and a conversion reach the server exactly once", async ({ page }) => {
  const errors = consoleErrors(page);
  const u = demoUsers[1]; // u-0002: in the hero-banner and recommendations experiments
  const expected = expectedExposures(nativeDecisions(attributesOf(u)));
  expect(expected.length).toBeGreaterThan(0);
  await page.goto(demoUrl(u, { consent: "granted", events: collector.url }));
  await ready(page);
  await page.getByRole("button", { name: "Buy Wool scarf" }).click();
  await expect(page.getByRole("status")).toHaveText("Thanks for buying the Wool scarf!");
  await expect.poll(() => collector.list().length, { timeout: 10000 }).toBe(expected.length + 1);
  expect(exposuresAt(collector)).toEqual(expected);
  const [conversion] = collector.list("conversion");
  expect(conversion).toMatchObject({ name: "purchase", value: 29, user: u.id });
  // The same session again: exposures are not repeated.
  await page.reload();
  await ready(page);
  await page.waitForTimeout(1500);
  expect(collector.list().length).toBe(expected.length + 1);
  expect(collector.state.received).toBe(expected.length + 1);
  expect(errors).toEqual([]);
});

test("events are delivered when the page is closed right after a decision", async ({ context }) => {
  const page = await context.newPage();
  const u = demoUsers[3]; // u-0004
  const expected = expectedExposures(nativeDecisions(attributesOf(u)));
  await page.goto(demoUrl(u, { consent: "granted", events: collector.url }));
  await ready(page);
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => exposuresAt(collector), { timeout: 10000 }).toEqual(expected);
});

test("events recorded while the server is down are sent from storage when it is back", async ({ context }) => {
  const u = demoUsers[4]; // u-0005
  const expected = expectedExposures(nativeDecisions(attributesOf(u)));
  await collector.stop();
  const page = await context.newPage();
  await page.goto(demoUrl(u, { consent: "granted", events: collector.url }));
  await ready(page);
  await page.getByRole("button", { name: "Buy Wool scarf" }).click();
  // The send fails; the batch is kept in localStorage.
  const storedIds = () =>
    page.evaluate(() =>
      JSON.parse(localStorage.getItem("tailor:outbox:demo") ?? "[]").flatMap((b) => b.events.map((e) => e.id)),
    );
  await expect.poll(async () => (await storedIds()).length, { timeout: 10000 }).toBe(expected.length + 1);
  const ids = await storedIds();
  await page.close({ runBeforeUnload: true }); // its unload beacon is lost too...
  await new Promise((r) => setTimeout(r, 1000)); // ...once the browser has tried it
  expect(collector.list()).toEqual([]);

  // The next page (a new tab: a new session) retries from storage.
  await collector.start();
  const next = await context.newPage();
  await next.goto(demoUrl(u, { consent: "granted", events: collector.url }));
  await ready(next);
  await expect.poll(() => ids.filter((id) => collector.events.has(id)).length, { timeout: 15000 }).toBe(ids.length);
  expect(ids.map((id) => collector.counts.get(id))).toEqual(ids.map(() => 1));
  const stored = ids.map((id) => collector.events.get(id));
  expect(stored.filter((e) => e.type === "exposure").map((e) => `${e.experiment}=${e.variant}`).sort()).toEqual(expected);
  expect(stored.filter((e) => e.type === "conversion")).toHaveLength(1);
  await expect
    .poll(() => next.evaluate(() => localStorage.getItem("tailor:outbox:demo")), { timeout: 10000 })
    .toBeNull();
});

test("with consent denied nothing is sent and nothing is stored", async ({ page }) => {
  const errors = consoleErrors(page);
  const requests = [];
  page.on("request", (r) => r.url().startsWith(collector.url) && requests.push(r.url()));
  await page.goto(demoUrl(demoUsers[1], { consent: "denied", events: collector.url }));
  await ready(page);
  await page.getByRole("button", { name: "Buy Wool scarf" }).click();
  await page.waitForTimeout(2000);
  await page.evaluate(() => dispatchEvent(new PageTransitionEvent("pagehide")));
  await page.waitForTimeout(300);
  expect(requests).toEqual([]);
  expect(collector.state.requests).toBe(0);
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
  expect(errors).toEqual([]);
});

test("the consent banner asks, and accepting starts measurement from then on", async ({ page }) => {
  const errors = consoleErrors(page);
  const u = demoUsers[1];
  await page.goto(`${site.url}/demo/?${new URLSearchParams({ user: u.id, country: u.country, events: collector.url })}`);
  await ready(page);
  const banner = page.getByRole("complementary", { name: "Privacy choices" });
  await expect(banner).toBeVisible();
  await page.getByRole("button", { name: "Accept analytics" }).click();
  await expect(banner).toBeHidden();
  await page.getByRole("button", { name: "Buy Beanie" }).click();
  // The exposures happened before consent: only the conversion is sent.
  await expect.poll(() => collector.list().length, { timeout: 10000 }).toBe(1);
  expect(collector.list("conversion")[0]).toMatchObject({ value: 19 });
  expect(errors).toEqual([]);
});

test("anti-flicker hides the decided elements and reveals them on timeout", async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(demoUrl(demoUsers[0], { consent: "denied", configDelay: "4000" }));
  const hero = page.getByRole("region", { name: "Hero banner" });
  await expect(hero).toBeHidden();
  await expect(hero).toBeVisible({ timeout: 2000 }); // 800 ms timeout, config still loading
  await expect(page.locator("body")).not.toHaveAttribute("data-ready", "true");
  await ready(page);
  expect(errors).toEqual([]);
});
