// The demo page in Chromium when its edge misbehaves (docs/reliability.md, "Browser side"):
// the edge stopped (connection refused) and started again, and, through a loopback fault proxy
// in front of a real edge (tests/browser/servers.mjs), answering 503 or answering late. The page
// is never hidden past the anti-flicker timeout (800 ms in web/demo/app.js), the SDK decides from
// the config the edge served last (cached with consent) or from the page's defaults, and events
// recorded while the edge is away stay in the outbox (localStorage, across pages) and are
// stored exactly once, by id, when it is back.
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliBinary, startEdge } from "./edge.mjs";
import { startFaultProxy, startStatic } from "./servers.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = cliBinary;
const ANTI_FLICKER_MS = 800; // web/demo/app.js
const TIMER_SLACK_MS = 250; // a setTimeout in a busy headless Chromium on a shared machine

let site;
let edge;
let proxy;
let work;
test.beforeAll(async () => {
  site = await startStatic();
  // max-age 0: every page load asks the edge (with the default 60 s, Chromium's HTTP cache
  // answers reloads itself and the SDK never meets the fault).
  edge = await startEdge(["--cache-max-age", "0"]);
  proxy = await startFaultProxy(edge.url);
  work = mkdtempSync(join(tmpdir(), "tailor-browser-faults-"));
});
test.afterAll(async () => {
  await proxy?.close();
  await site?.close();
  await edge?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// Records when the anti-flicker style is added and removed (performance.now(), ms).
async function watchReveal(page) {
  await page.addInitScript(() => {
    const marks = (globalThis.__reveal = { hiddenAt: null, revealedAt: null });
    new MutationObserver(() => {
      const hidden = document.querySelector("style[data-tailor-anti-flicker]") !== null;
      if (hidden && marks.hiddenAt === null) marks.hiddenAt = performance.now();
      if (!hidden && marks.hiddenAt !== null && marks.revealedAt === null) marks.revealedAt = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
}

async function expectRevealedInTime(page) {
  const hero = page.getByRole("region", { name: "Hero banner" });
  // Wait for the reveal itself: right after a reload the hero can be visible for a moment
  // before the anti-flicker style is added (the demo page does not put it in its <head>).
  await expect
    .poll(() => page.evaluate(() => globalThis.__reveal?.revealedAt ?? null), { timeout: ANTI_FLICKER_MS + 2000 })
    .not.toBeNull();
  await expect(hero).toBeVisible();
  const marks = await page.evaluate(() => globalThis.__reveal);
  expect(marks.hiddenAt).not.toBeNull();
  expect(marks.revealedAt - marks.hiddenAt).toBeLessThanOrEqual(ANTI_FLICKER_MS + TIMER_SLACK_MS);
  return marks.revealedAt - marks.hiddenAt;
}

function nativeDecisions(configText, attributes) {
  const file = join(work, `config-${Date.now()}.json`);
  writeFileSync(file, configText);
  return JSON.parse(execFileSync(cli, ["decide", "--config", file, "--attributes", JSON.stringify(attributes)])).features;
}

// Every event id in the page's outbox (localStorage), and how many events the page holds.
const held = (page) =>
  page.evaluate(() => ({
    ids: JSON.parse(localStorage.getItem("tailor:outbox:demo") ?? "[]").flatMap((b) => b.events.map((e) => e.id)),
    pending: globalThis.tailorDemo?.pendingEvents() ?? null,
  }));

test("edge stopped: the page shows its defaults at once, keeps events across pages, sends them once when the edge is back", async ({ page }) => {
  test.setTimeout(60000);
  const user = { id: "u-fault-down", country: "DE", items: 2 };
  const query = new URLSearchParams({ edge: edge.url, user: user.id, country: user.country, items: String(user.items), consent: "granted" });
  await edge.stop();
  await watchReveal(page);
  await page.goto(`${site.url}/demo/?${query}`);
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  await expectRevealedInTime(page);
  await expect(page.locator("body")).toHaveAttribute("data-config-source", "defaults");
  await expect(page.getByRole("region", { name: "Hero banner" })).toHaveAttribute("data-variant", "classic");
  await expect(page.getByLabel("Shipping offer")).toHaveText("Free shipping over €50");

  const buy = async (n) => {
    for (let i = 0; i < n; i++) {
      await page.getByRole("list", { name: "Product list" }).getByRole("button").nth(i).click();
    }
  };
  // Three purchases on this page, two on the next (the outbox is in localStorage): every one
  // is held once the SDK's flush has failed.
  await buy(3);
  await expect.poll(async () => (await held(page)).ids.length, { timeout: 10000 }).toBe(3);
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  await buy(2);
  await expect.poll(async () => (await held(page)).ids.length, { timeout: 10000 }).toBe(5);
  const { ids, pending } = await held(page);
  expect(pending).toBe(5);
  expect(new Set(ids).size).toBe(5);
  expect(edge.events(user.id)).toEqual([]);

  // Back: the outbox drains (retry backoff is 1 s doubling), and the config stream reconnects
  // and re-renders the page with the edge's config, logging its exposures.
  await edge.start();
  await expect(page.locator("body")).toHaveAttribute("data-config-source", "edge", { timeout: 15000 });
  await expect.poll(() => page.evaluate(() => globalThis.tailorDemo.pendingEvents()), { timeout: 30000 }).toBe(0);
  const rows = edge.events(user.id);
  const conversions = rows.filter((e) => e.type === "conversion");
  expect(conversions.map((e) => e.id).sort()).toEqual([...ids].sort());
  expect(new Set(rows.map((e) => e.id)).size).toBe(rows.length);
  const configText = await (await fetch(`${edge.url}/v1/config/demo`)).text();
  const native = nativeDecisions(configText, { id: user.id, country: user.country, cart: { items: user.items } });
  await expect(page.getByRole("region", { name: "Hero banner" })).toHaveAttribute("data-variant", native["hero-banner"].value);
  const exposures = rows.filter((e) => e.type === "exposure").map((e) => `${e.experiment}=${e.variant}`).sort();
  const expected = ["hero-banner", "free-shipping-threshold", "recommendations"]
    .map((k) => native[k].experiment)
    .filter((e) => e?.inExperiment)
    .map((e) => `${e.key}=${e.variationKey}`)
    .sort();
  expect(exposures).toEqual(expected);
});

test("edge answering 503 or late: the cached config decides, and the page is never hidden past the anti-flicker timeout", async ({ page }) => {
  test.setTimeout(60000);
  const query = new URLSearchParams({ edge: proxy.url, user: "u-fault-cache", country: "US", items: "1", consent: "granted" });
  const hero = page.getByRole("region", { name: "Hero banner" });
  const body = page.locator("body");
  await watchReveal(page);

  proxy.set("pass");
  await page.goto(`${site.url}/demo/?${query}`);
  await expect(body).toHaveAttribute("data-ready", "true");
  await expect(body).toHaveAttribute("data-config-source", "edge");
  const variant = await hero.getAttribute("data-variant");
  const shipping = await page.getByLabel("Shipping offer").textContent();
  const native = nativeDecisions(await (await fetch(`${edge.url}/v1/config/demo`)).text(), { id: "u-fault-cache", country: "US", cart: { items: 1 } });
  expect(variant).toBe(native["hero-banner"].value);

  proxy.set("fail");
  await page.reload();
  await expect(body).toHaveAttribute("data-ready", "true");
  await expectRevealedInTime(page);
  await expect(body).toHaveAttribute("data-config-source", "cache");
  await expect(hero).toHaveAttribute("data-variant", variant);
  await expect(page.getByLabel("Shipping offer")).toHaveText(shipping);

  // Late: every answer comes 10 s after the request. The anti-flicker timeout reveals the page
  // first; the SDK gives up on the config after its 3 s configTimeoutMs and decides from cache.
  proxy.set("slow", 10000);
  await page.reload({ waitUntil: "commit" });
  const revealed = await expectRevealedInTime(page);
  expect(revealed).toBeGreaterThanOrEqual(ANTI_FLICKER_MS - 50); // it was the timeout that revealed it
  await expect(body).toHaveAttribute("data-ready", "true", { timeout: 6000 });
  await expect(body).toHaveAttribute("data-config-source", "cache");
  await expect(hero).toHaveAttribute("data-variant", variant);
  proxy.set("pass");
});
