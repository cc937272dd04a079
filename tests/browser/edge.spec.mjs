// The demo page against a real tailor-edge (tests/browser/edge.mjs): the page comes from a
// static server on another origin (so CORS is exercised as on a customer's site), its config
// from the edge, its events go to the edge's SQLite store, and a config published through the
// admin route reaches the open page over Server-Sent Events.
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliBinary, startEdge } from "./edge.mjs";
import { startStatic } from "./servers.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = cliBinary;
const demoConfig = readFileSync(`${root}web/demo/config.json`, "utf8");
const demoUsers = readFileSync(`${root}web/demo/users.jsonl`, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const SHOWN = ["hero-banner", "free-shipping-threshold", "recommendations"];

let site;
let edge;
let work;
test.beforeAll(async () => {
  site = await startStatic();
  edge = await startEdge();
  work = mkdtempSync(join(tmpdir(), "tailor-browser-configs-"));
});
test.afterAll(async () => {
  await site?.close();
  await edge?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const attributesOf = (u) => ({ id: u.id, country: u.country, cart: { items: u.cart.items } });

// `tailor decide` for these attributes under a config (text).
function nativeDecisions(configText, attributes) {
  const file = join(work, `config-${Date.now()}-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(file, configText);
  const out = execFileSync(cli, ["decide", "--config", file, "--attributes", JSON.stringify(attributes)]);
  return JSON.parse(out).features;
}

const shippingText = (t) => (t === 0 ? "Free shipping on every order" : `Free shipping over €${t}`);

// "experiment=variation" of every shown experiment the user is in, per `tailor decide`.
const expectedExposures = (native) =>
  SHOWN.map((k) => native[k].experiment)
    .filter((e) => e?.inExperiment)
    .map((e) => `${e.key}=${e.variationKey}`)
    .sort();

// Waits until the edge stores exactly these exposures for `user`; on failure says what the page
// still holds and what the edge has.
async function expectExposures(page, user, expected) {
  const exposures = () =>
    edge.events(user).filter((e) => e.type === "exposure").map((e) => `${e.experiment}=${e.variant}`).sort();
  try {
    await expect.poll(exposures, { timeout: 10000 }).toEqual(expected);
  } catch (e) {
    const held = await page.evaluate(() => ({
      pending: globalThis.tailorDemo.pendingEvents(),
      storage: { ...localStorage },
      session: { ...sessionStorage },
    }));
    throw new Error(`${e.message}\nexpected ${JSON.stringify(expected)}; page ${JSON.stringify(held)}; ` +
      `stored ${JSON.stringify(edge.events(user))}`);
  }
}

function consoleErrors(page) {
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test("the demo page runs on the edge: config, decisions, events once, updates over SSE", async ({ page }) => {
  const errors = consoleErrors(page);
  // A demo user in the hero-banner experiment, so the page logs exposures.
  const user = demoUsers.find((u) => nativeDecisions(demoConfig, attributesOf(u))["hero-banner"].experiment?.inExperiment);
  expect(user, "a demo user in the hero-banner experiment").toBeTruthy();
  const native = nativeDecisions(demoConfig, attributesOf(user));

  const configRequests = [];
  page.on("request", (r) => r.url().startsWith(`${edge.url}/v1/config/demo`) && configRequests.push(r.url()));
  const query = new URLSearchParams({
    edge: edge.url, user: user.id, country: user.country, items: String(user.cart.items), consent: "granted",
  });
  await page.goto(`${site.url}/demo/?${query}`);
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  expect(configRequests).toContain(`${edge.url}/v1/config/demo`);
  await expect.poll(() => configRequests).toContain(`${edge.url}/v1/config/demo/stream`);

  // The variant shown is the one the CLI decides for this user.
  await expect(page.getByRole("region", { name: "Hero banner" })).toHaveAttribute("data-variant", native["hero-banner"].value);
  await expect(page.getByLabel("Shipping offer")).toHaveText(shippingText(native["free-shipping-threshold"].value));

  // A purchase: the first product shown.
  const item = page.getByRole("list", { name: "Product list" }).getByRole("listitem").first();
  const price = Number(/€(\d+)/.exec(await item.textContent())[1]);
  await item.getByRole("button").click();
  await expect(page.getByRole("status")).toHaveText(/^Thanks for buying/);

  const expected = SHOWN.map((k) => native[k].experiment)
    .filter((e) => e?.inExperiment)
    .map((e) => `${e.key}=${e.variationKey}`)
    .sort();
  const stored = () => edge.events(user.id);
  await expect.poll(() => stored().length, { timeout: 10000 }).toBe(expected.length + 1);
  // Leaving the page flushes by beacon (text/plain); nothing may land twice.
  await page.goto("about:blank");
  await new Promise((r) => setTimeout(r, 1500));
  const rows = stored();
  const exposures = rows.filter((e) => e.type === "exposure");
  expect(exposures.map((e) => `${e.experiment}=${e.variant}`).sort()).toEqual(expected);
  const conversions = rows.filter((e) => e.type === "conversion");
  expect(conversions).toHaveLength(1);
  expect(conversions[0]).toMatchObject({ name: "purchase", value: price });
  expect(new Set(rows.map((e) => e.id)).size).toBe(rows.length);
  const summary = await edge.summary(native["hero-banner"].experiment.key);
  const variant = summary.variants.find((v) => v.variant === native["hero-banner"].experiment.variationKey);
  expect(variant.users).toBeGreaterThanOrEqual(1);
  expect(variant.metrics.purchase.sum).toBeGreaterThanOrEqual(price);

  // A new version published at the edge re-renders the open page over SSE.
  await page.goto(`${site.url}/demo/?${query}`);
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  const next = JSON.parse(demoConfig);
  const before = native["free-shipping-threshold"].value;
  next.features["free-shipping-threshold"] = { defaultValue: before + 15 };
  const nextText = JSON.stringify(next, null, 2);
  const after = nativeDecisions(nextText, attributesOf(user))["free-shipping-threshold"].value;
  expect(after).not.toBe(before);
  const published = await edge.publish(nextText);
  expect(published.version).toBe(2);
  await expect(page.getByLabel("Shipping offer")).toHaveText(shippingText(after));
  await expect(page.getByRole("region", { name: "Hero banner" })).toHaveAttribute(
    "data-variant", nativeDecisions(nextText, attributesOf(user))["hero-banner"].value);
  expect(errors).toEqual([]);
});

// tools/run's address: the page served by the edge itself, with ?edge= pointing at it. A
// visitor accepts analytics in the banner, buys, comes back: the purchase and then the
// exposures land in the store (nothing from before the consent is sent).
test("the demo page served by the edge (tools/run) sends its events to the store", async ({ page }) => {
  const errors = consoleErrors(page);
  const configText = await (await fetch(`${edge.url}/v1/config/demo`)).text();
  const inExperiment = demoUsers.filter(
    (u) => nativeDecisions(configText, attributesOf(u))["hero-banner"].experiment?.inExperiment,
  );
  const user = inExperiment[inExperiment.length - 1]; // not the first test's user
  expect(inExperiment.length).toBeGreaterThan(1);
  const native = nativeDecisions(configText, attributesOf(user));
  const query = new URLSearchParams({ edge: edge.url, user: user.id, country: user.country, items: String(user.cart.items) });
  await page.goto(`${edge.url}/demo/?${query}`);
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  await expect(page.getByRole("region", { name: "Hero banner" })).toHaveAttribute("data-variant", native["hero-banner"].value);

  await page.getByRole("complementary", { name: "Privacy choices" }).getByRole("button", { name: "Accept analytics" }).click();
  const item = page.getByRole("list", { name: "Product list" }).getByRole("listitem").first();
  const price = Number(/€(\d+)/.exec(await item.textContent())[1]);
  await item.getByRole("button").click();
  await expect.poll(() => edge.events(user.id).map((e) => e.type), { timeout: 10000 }).toEqual(["conversion"]);
  expect(edge.events(user.id)[0]).toMatchObject({ name: "purchase", value: price });

  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  await expectExposures(page, user.id, expectedExposures(native));
  expect(edge.events(user.id).filter((e) => e.type === "conversion")).toHaveLength(1);
  expect(errors).toEqual([]);
});

// tools/run's flow for an anonymous visitor: the id made for the first page is kept when they
// accept analytics, so the purchase and the next page's exposures are one user at the edge.
// The id is random, so which experiments it is in is too (none for about 1 id in 30): the
// exposures expected are the CLI's decisions for that id.
test("an anonymous visitor who accepts analytics is one user across pages", async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(`${edge.url}/demo/?${new URLSearchParams({ edge: edge.url })}`);
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  await page.getByRole("button", { name: "Accept analytics" }).click();
  await page.getByRole("list", { name: "Product list" }).getByRole("button").first().click();
  const id = await page.evaluate(() => localStorage.getItem("tailor-demo:id"));
  expect(id).toMatch(/^anon-/);
  const conversions = () => edge.events(id).filter((e) => e.type === "conversion");
  await expect.poll(() => conversions().length, { timeout: 10000 }).toBe(1);
  // A config event on the page's stream can re-render it after consent, recording exposures
  // then: let every recorded event reach the edge before leaving, so none is left to an
  // unload beacon racing the reload (the next page does not repeat them).
  await expect.poll(() => page.evaluate(() => globalThis.tailorDemo.pendingEvents()), { timeout: 10000 })
    .toBe(0);
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  // The demo page's attributes for a visitor without parameters.
  const native = nativeDecisions(demoConfig, { id, country: "US", cart: { items: 1 } });
  await expectExposures(page, id, expectedExposures(native));
  // Every anonymous row at the edge is this one visitor's.
  const rows = edge.events("anon-%");
  expect(new Set(rows.map((e) => e.user))).toEqual(new Set([id]));
  expect(rows.filter((e) => e.type === "conversion")).toHaveLength(1);
  expect(errors).toEqual([]);
});
