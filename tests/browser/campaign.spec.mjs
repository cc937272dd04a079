// A campaign end to end in the browser (issue 11's acceptance): `tailor gen-data` and
// `tailor campaign run --approve-as` write a campaign; its self-contained HTML report opens in
// Chromium with no console error and no network request; its config.json, published on a real
// tailor-edge, makes the browser SDK show sampled customers the segment and copy that
// assignments.csv and variants.json say; and the simulated events, posted to that edge, give its
// results route the report's counts.
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cliBinary, startEdge } from "./edge.mjs";
import { startStatic } from "./servers.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = cliBinary;

let work;
let out;
let site;
let edge;

// A CSV of plain values (no quoted fields in these files' columns that we read).
function readCsv(file) {
  const [header, ...rows] = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const keys = header.split(",");
  return rows.map((r) => Object.fromEntries(r.split(",").map((v, i) => [keys[i], v])));
}

// The attributes a website would give the SDK for a customer: the CSV row, typed as the
// campaign's spec declares (core/segmentation customer_attributes does the same).
function attributesOf(row, columns) {
  const attributes = {};
  for (const [name, value] of Object.entries(row)) {
    if (value === "") continue;
    const type = columns[name];
    if (type === "number" || type === "integer") attributes[name] = Number(value);
    else if (type === "boolean") attributes[name] = value === "true";
    else attributes[name] = value;
  }
  return attributes;
}

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "tailor-browser-campaign-"));
  out = join(work, "out");
  execFileSync(cli, ["gen-data", "--customers", "500", "--seed", "21", "--out", work]);
  execFileSync(cli, ["campaign", "run", "--customers", join(work, "customers.csv"), "--content",
    join(work, "content"), "--spec", join(work, "campaign.json"), "--out", out,
    "--approve-as", "Browser Test", "--quiet"]);
  site = await startStatic();
  edge = await startEdge();
  await edge.publish(readFileSync(join(out, "config.json"), "utf8"), "campaign");
});

test.afterAll(async () => {
  await site?.close();
  await edge?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the HTML report is self-contained: charts, no errors, no network", async ({ page }, info) => {
  const problems = [];
  const requests = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  const url = pathToFileURL(join(out, "report.html")).href;
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("winter-2026");
  expect(await page.locator("svg").count()).toBeGreaterThan(5);
  await expect(page.getByRole("heading", { name: /attribution/i }).first()).toBeVisible();
  await page.screenshot({ path: info.outputPath("campaign-report.png"), fullPage: true });
  expect(problems).toEqual([]);
  expect(requests).toEqual([url]);
});

test("the browser shows sampled customers their segment and copy from the edge", async ({ page }) => {
  const spec = JSON.parse(readFileSync(join(work, "campaign.json"), "utf8"));
  const customers = new Map(readCsv(join(work, "customers.csv")).map((r) => [r.customer_id, r]));
  const variants = JSON.parse(readFileSync(join(out, "variants.json"), "utf8")).variants;
  const webCopy = new Map(variants.map((v) => [v.id, v.copies.find((c) => c.channel === "web").rendered.body]));
  const assigned = readCsv(join(out, "assignments.csv")).filter((a) => a.status === "assigned");
  // Every segment and arm: the first customer of each (segment, arm) pair.
  const sample = new Map();
  for (const a of assigned) {
    const key = `${a.segment}|${a.arm}`;
    if (!sample.has(key)) sample.set(key, a);
  }
  expect(sample.size).toBeGreaterThanOrEqual(12);
  for (const a of sample.values()) {
    const attributes = attributesOf(customers.get(a.customer_id), spec.customers.columns);
    const query = new URLSearchParams({
      edge: edge.url, sdkKey: "campaign", feature: "winter-2026-web", consent: "granted",
      attributes: JSON.stringify(attributes),
    });
    await page.goto(`${site.url}/demo/campaign.html?${query}`);
    await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
    await expect(page.getByLabel("Segment")).toHaveText(a.segment);
    await expect(page.getByLabel("Arm")).toHaveText(a.arm);
    if (a.arm === "control") {
      await expect(page.locator("#headline")).toHaveText("Welcome back");
    } else {
      await expect(page.getByLabel("Variant")).toHaveText(a.variant_id);
      await expect(page.locator("#headline")).toHaveText(webCopy.get(a.variant_id));
    }
    // The exposure reaches the edge under the experiment and arm of assignments.csv.
    await expect
      .poll(() => edge.events(a.customer_id).filter((e) => e.type === "exposure").map((e) => `${e.experiment}=${e.variant}`))
      .toEqual([`${a.experiment}=${a.arm}`]);
  }
});

test("the simulated events, posted to the edge, give its results route the report's counts", async () => {
  const lines = readFileSync(join(out, "events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  for (let i = 0; i < lines.length; i += 1000) {
    const response = await fetch(`${edge.url}/v1/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sdkKey: "campaign", events: lines.slice(i, i + 1000) }),
    });
    expect(response.status).toBe(202);
  }
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
  for (const segment of report.segments) {
    const response = await fetch(`${edge.url}/v1/experiments/${segment.experiment}/results?metric=purchase`);
    expect(response.status).toBe(200);
    const results = await response.json();
    const overall = results.results.find((g) => g.segment === null).variants;
    // (The customers the test above showed the page to were exposed in the same arm by the
    // browser too: still one user each.)
    expect(overall.map((v) => v.variant)).toEqual(segment.arms.map((a) => a.variant));
    for (const [i, arm] of segment.arms.entries()) {
      expect(overall[i].users).toBe(arm.sends);
      expect(overall[i].converted).toBe(arm.purchases);
      expect(overall[i].sum).toBeCloseTo(arm.revenue, 6);
    }
  }
});
