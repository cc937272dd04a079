// The marketer studio (web/studio, docs/studio.md) against a real tailor-edge on SQLite: sign-in,
// live experiments with results and rollback, preview as customer (decisions equal to the
// edge's POST /v1/decide, forced arms, rule traces, no events), XSS, keyboard and both
// viewports. Every page must run without a console error, a dialog, a CSP violation or a
// request to another origin; screenshots go to build/playwright/.
import { expect, test } from "@playwright/test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ADMIN_TOKEN, startEdge } from "./edge.mjs";
import {
  asShown, decideAtEdge, decideWithCli, postExperimentEvents, shownDecisions, signIn, watch, writeCampaign,
} from "./studio.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const demoConfig = JSON.parse(readFileSync(`${root}web/demo/config.json`, "utf8"));
const FORBIDDEN = /Failed to load resource: the server responded with a status of 403/;

let edge;
test.beforeAll(async () => {
  edge = await startEdge();
  await postExperimentEvents(edge.url);
});
test.afterAll(async () => edge?.close());

test("sign-in: a wrong token is refused beside the field; the token stays out of URLs and survives a reload", async ({ page }, info) => {
  const w = await watch(page, edge.url);
  await page.goto(`${edge.url}/studio/`);
  await expect(page).toHaveURL(/#\/experiments$/);
  await expect(page.getByRole("link")).toHaveCount(1); // only "Skip to content" before sign-in
  await page.getByLabel("Admin token").fill("not-the-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#token-error")).toContainText("The edge refused this token");
  await expect(page.getByLabel("Admin token")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: info.outputPath("studio-signin-error.png") });
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByLabel("Admin token").press("Enter");
  await expect(page.getByRole("heading", { name: "Live experiments" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Live experiments" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Studio" }).getByRole("link")).toHaveText(["Campaigns", "Live experiments", "Preview as customer"]);
  expect(w.seen.urls.filter((u) => u.includes(ADMIN_TOKEN))).toEqual([]);
  expect(page.url()).not.toContain(ADMIN_TOKEN);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByLabel("Admin token")).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

  // A token the edge stops accepting (restarted with another one): back to sign-in, saying why.
  await page.evaluate(() => sessionStorage.setItem("tailor-studio:admin-token", "revoked-token"));
  await page.reload();
  await expect(page.locator("#token-error")).toHaveText("The edge no longer accepts the token this tab signed in with: sign in again.");
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await w.check({ allowErrors: [FORBIDDEN] });
});

test("keyboard only: sign in, move between pages with Tab and Enter", async ({ page }) => {
  const w = await watch(page, edge.url);
  await page.goto(`${edge.url}/studio/`);
  await expect(page.getByLabel("Admin token")).toBeFocused();
  await page.keyboard.type(ADMIN_TOKEN);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Live experiments" })).toBeVisible();
  const preview = page.getByRole("link", { name: "Preview as customer" });
  for (let i = 0; i < 10 && !(await preview.evaluate((a) => a === document.activeElement)); i += 1) {
    await page.keyboard.press("Tab");
  }
  await expect(preview).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#\/preview$/);
  await expect(page.getByRole("heading", { name: "Preview as customer" })).toBeVisible();
  await expect(preview).toHaveAttribute("aria-current", "page");
  await w.check();
});

test("live experiments: the served config's experiments, results with SRM and a lift chart", async ({ page }, info) => {
  const w = await watch(page, edge.url);
  await signIn(page, edge.url);
  const demo = page.getByRole("region", { name: "SDK key demo" });
  await expect(demo.getByRole("heading", { name: "hero-banner-test" })).toBeVisible();
  await expect(demo.getByRole("heading", { name: "reco-strategy" })).toBeVisible();
  const hero = demo.locator("li.experiment", { has: page.getByRole("heading", { name: "hero-banner-test" }) });
  await expect(hero.getByRole("table", { name: /Arms of hero-banner-test/ }).locator("tbody th")).toHaveText(["control (control)", "seasonal", "personal"]);
  await hero.getByText("Results", { exact: true }).click();
  await hero.getByLabel("Metric").fill("purchase");
  await hero.getByRole("button", { name: "Show results" }).click();
  const expected = await (await fetch(`${edge.url}/v1/experiments/hero-banner-test/results?metric=purchase&method=frequentist`)).json();
  const overall = expected.results[0].variants;
  const table = hero.getByRole("region", { name: "All users" }).getByRole("table");
  await expect(table.locator("tbody tr td:nth-child(2)")).toHaveText(overall.map((v) => String(v.users)));
  await expect(table.locator("tbody tr td:nth-child(3)")).toHaveText(overall.map((v) => String(v.converted)));
  await expect(hero.getByText(/Sample-ratio check: observed 100 \/ 100 \/ 100 users/)).toBeVisible();
  const chart = hero.getByRole("img", { name: "Lift of each arm over control, All users" });
  await expect(chart.locator("circle")).toHaveCount(2);
  await expect(chart.locator("text.arm")).toHaveText(["seasonal", "personal"]);
  await page.screenshot({ path: info.outputPath("studio-experiments-1280.png"), fullPage: true });

  // Bayesian, split by an attribute the exposures do not carry: only the overall group.
  await hero.getByLabel("Method").selectOption("bayesian");
  await hero.getByLabel("Split by attribute (optional)").fill("country");
  await hero.getByRole("button", { name: "Show results" }).click();
  await expect(hero.getByRole("region", { name: "All users" }).getByRole("columnheader", { name: "Chance to win" })).toBeVisible();
  await expect(hero.locator("section.group")).toHaveCount(1);
  await w.check();
});

test("rollback: confirmation first, then the edge serves the chosen version", async ({ page }, info) => {
  const changed = structuredClone(demoConfig);
  changed.features["hero-banner"].defaultValue = "seasonal";
  await edge.publish(changed);
  const w = await watch(page, edge.url);
  await signIn(page, edge.url);
  const demo = page.getByRole("region", { name: "SDK key demo" });
  await expect(demo.getByRole("heading", { level: 2 })).toHaveText(/serving v2/);
  await demo.getByRole("button", { name: "Roll back to v1" }).click();
  await demo.getByRole("button", { name: "Cancel" }).click();
  expect((await fetch(`${edge.url}/v1/config/demo`)).headers.get("x-tailor-config-version")).toBe("2");
  await demo.getByRole("button", { name: "Roll back to v1" }).click();
  await page.screenshot({ path: info.outputPath("studio-rollback-confirm.png") });
  await demo.getByRole("button", { name: "Confirm: serve v1 of demo to every visitor" }).click();
  await expect(page.getByRole("region", { name: "SDK key demo" }).getByRole("heading", { level: 2 })).toHaveText(/serving v1/);
  const served = await fetch(`${edge.url}/v1/config/demo`);
  expect(served.headers.get("x-tailor-config-version")).toBe("1");
  expect((await served.json()).features["hero-banner"].defaultValue).toBe("classic");
  await expect(page.getByRole("region", { name: "SDK key demo" }).getByRole("row", { name: /^v1 / })).toContainText("active (served now)");
  await w.check();
});

test("preview: two customers side by side, decided as the edge decides, on the demo page itself, with no event sent", async ({ page }, info) => {
  const w = await watch(page, edge.url);
  await signIn(page, edge.url, "#/preview");
  const customers = {
    A: { id: "u-0001", country: "US", appVersion: "2.5.1", cart: { items: 4 } },
    B: { id: "u-0003", country: "DE", appVersion: "2.4.0", cart: { items: 1 } },
  };
  for (const [name, attributes] of Object.entries(customers)) {
    const panel = page.getByRole("region", { name: `Customer ${name}` });
    const edgeAnswer = await decideAtEdge(edge.url, attributes);
    const values = (features) => Object.fromEntries(Object.entries(features).map(([k, d]) => [k, asShown(d.value)]));
    expect(values(decideWithCli(`${root}web/demo/config.json`, attributes))).toEqual(values(edgeAnswer));
    await expect.poll(() => shownDecisions(panel)).toEqual(values(edgeAnswer));
    const frame = page.frameLocator(`iframe[title="Demo page as customer ${name} sees it"]`);
    const hero = { classic: "Autumn essentials", seasonal: "Seasonal sale: 20% off everything", personal: "Picked for you", preview: "A preview of our new look" };
    await expect(frame.locator("#hero-title")).toHaveText(hero[edgeAnswer["hero-banner"].value]);
    await expect(frame.locator("#products")).toHaveAttribute("data-order", edgeAnswer["product-order"].value);
    await expect(frame.locator("#products li")).toHaveCount(edgeAnswer.recommendations.value.slots);
    const shopper = await panel.getByRole("definition").nth(1).textContent();
    await expect(frame.getByLabel("Your segment")).toHaveText(`Shopper segment: ${shopper}`);
    // Explain: the rule trace of each feature, as the edge explains it.
    const explained = await (await fetch(`${edge.url}/v1/decide`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ sdkKey: "demo", attributes, explain: true }),
    })).json();
    await panel.getByText("Rule trace of hero-banner", { exact: true }).click();
    const trace = panel.getByRole("list", { name: "Rule trace of hero-banner" }).getByRole("listitem");
    await expect(trace).toHaveCount(explained.features["hero-banner"].trace.length);
    await expect(trace.first()).toContainText(explained.features["hero-banner"].trace[0].outcome);
  }
  await page.screenshot({ path: info.outputPath("studio-preview-1280.png"), fullPage: true });
  // Buying in a preview frame tracks nothing: consent is denied there.
  await page.frameLocator('iframe[title="Demo page as customer A sees it"]').getByRole("button").first().click();
  await page.waitForTimeout(1500);
  expect(w.seen.urls.filter((u) => u.includes("/v1/events"))).toEqual([]);
  expect(edge.events("u-000%")).toEqual([]);
  await w.check();
});

test("preview: forcing an arm shows it in the decisions, the trace and the page", async ({ page }) => {
  const w = await watch(page, edge.url);
  await signIn(page, edge.url, "#/preview");
  const panel = page.getByRole("region", { name: "Customer A" });
  await expect(panel.locator('tr[data-feature="hero-banner"]')).toBeVisible();
  for (const [arm, title] of [["personal", "Picked for you"], ["seasonal", "Seasonal sale: 20% off everything"], ["control", "Autumn essentials"]]) {
    await panel.getByLabel("Arm of hero-banner-test for customer A").selectOption({ label: arm });
    const row = panel.locator('tr[data-feature="hero-banner"]');
    await expect(row).toContainText(`experiment hero-banner-test, arm ${arm}`);
    await expect(panel.getByText(`Forced: hero-banner-test → ${arm}`)).toBeVisible();
    await expect(page.frameLocator('iframe[title="Demo page as customer A sees it"]').locator("#hero-title")).toHaveText(title);
  }
  // Customer B is not forced: still the edge's answer.
  const b = await decideAtEdge(edge.url, { id: "u-0003", country: "DE", appVersion: "2.4.0", cart: { items: 1 } });
  await expect(page.getByRole("region", { name: "Customer B" }).getByLabel("Value of hero-banner")).toHaveText(b["hero-banner"].value);
  await panel.getByLabel("Arm of hero-banner-test for customer A").selectOption({ label: "as decided" });
  await expect(panel.getByText(/^Forced:/)).toHaveCount(0);
  await w.check();
});

test("preview: example customers from a pasted CSV and a JSON lines file, and attributes field by field", async ({ page }) => {
  const w = await watch(page, edge.url);
  await signIn(page, edge.url, "#/preview");
  await page.getByText("Example customers (CSV or JSON lines)").click();
  await page.getByLabel("Paste a CSV (header line first) or JSON lines").fill(
    'id,country,appVersion,cart.items\nu-0004,CA,2.4.0-beta.1,5\n"u-0009",US,2.4.1,3\n');
  await page.getByRole("button", { name: "Use pasted customers" }).click();
  await expect(page.getByText("2 example customers from the pasted customers")).toBeVisible();
  const b = page.getByRole("region", { name: "Customer B" });
  await b.getByLabel("Example customer").selectOption({ label: "u-0009" });
  await expect.poll(() => shownDecisions(b)).toEqual(Object.fromEntries(Object.entries(
    await decideAtEdge(edge.url, { id: "u-0009", country: "US", appVersion: "2.4.1", cart: { items: 3 } })).map(([k, d]) => [k, asShown(d.value)])));

  // Field by field: change one attribute, add another; the decisions follow.
  await b.getByLabel("country", { exact: true }).fill("GB");
  await b.getByLabel("country", { exact: true }).blur();
  await b.getByRole("button", { name: "Add attribute" }).click();
  await expect(b.getByText("Name the attribute to add first.")).toBeVisible();
  await b.getByLabel("New attribute").fill("appVersion");
  await b.getByLabel("Its value").fill("1.0.0");
  await b.getByRole("button", { name: "Add attribute" }).click();
  const edited = { id: "u-0009", country: "GB", appVersion: "1.0.0", cart: { items: 3 } };
  await expect(b.getByLabel("Attributes of customer B (JSON)")).toHaveValue(JSON.stringify(edited, null, 1));
  await expect.poll(() => shownDecisions(b)).toEqual(Object.fromEntries(Object.entries(
    await decideAtEdge(edge.url, edited)).map(([k, d]) => [k, asShown(d.value)])));

  const users = readFileSync(`${root}web/demo/users.jsonl`);
  await page.getByLabel("Or choose a file").setInputFiles({ name: "users.jsonl", mimeType: "application/jsonl", buffer: users });
  await expect(page.getByText("10 example customers from users.jsonl")).toBeVisible();
  const a = page.getByRole("region", { name: "Customer A" });
  await a.getByLabel("Example customer").selectOption({ label: "u-0010" });
  const u10 = JSON.parse(users.toString().trim().split("\n")[9]);
  await expect.poll(() => shownDecisions(a)).toEqual(Object.fromEntries(Object.entries(
    await decideAtEdge(edge.url, u10)).map(([k, d]) => [k, asShown(d.value)])));

  await page.getByLabel("Paste a CSV (header line first) or JSON lines").fill('{"id": "u-1"}\n[1, 2]\n');
  await page.getByRole("button", { name: "Use pasted customers" }).click();
  await expect(page.locator("#examples-error")).toHaveText("the pasted customers line 2: is an array, expected an attribute object");
  await a.getByLabel("Attributes of customer A (JSON)").fill("{not json");
  await a.getByLabel("Attributes of customer A (JSON)").blur();
  await expect(a.getByRole("alert").first()).toContainText("Attributes of customer A are not JSON");
  await w.check();
});

test("preview: a campaign's web arm shows each customer the segment and arm of assignments.csv", async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), "tailor-studio-campaign-"));
  try {
    const campaign = writeCampaign(dir);
    await edge.publish(campaign.config, "campaign");
    const w = await watch(page, edge.url);
    // The first key's config answers late: choosing another meanwhile must not be overwritten.
    await page.route(`${edge.url}/v1/config/demo`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await signIn(page, edge.url, "#/preview");
    await page.getByLabel("SDK key").selectOption("campaign");
    await expect(page.getByLabel("Page")).toHaveValue("campaign");
    await page.getByText("Example customers (CSV or JSON lines)").click();
    await page.getByLabel("Paste a CSV (header line first) or JSON lines").fill(campaign.csv);
    await page.getByRole("button", { name: "Use pasted customers" }).click();
    const a = page.getByRole("region", { name: "Customer A" });
    const frame = page.frameLocator('iframe[title="Demo page as customer A sees it"]');
    // The first assigned customer of each segment: the framed banner says its segment and arm.
    const sample = [...new Map(campaign.assigned.filter((r) => r.status === "assigned").map((r) => [r.segment, r])).values()];
    expect(sample.length).toBeGreaterThanOrEqual(3);
    for (const row of sample) {
      await a.getByLabel("Example customer").selectOption({ label: row.customer_id });
      await expect(frame.getByLabel("Segment")).toHaveText(row.segment);
      await expect(frame.getByLabel("Arm")).toHaveText(row.arm);
      await expect(a.locator("table.decisions")).toContainText(`arm ${row.arm}`);
      await expect(a.locator("table.decisions")).toContainText(`"segment":"${row.segment}"`);
    }
    await w.check();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Script in every string the studio shows: config keys and values published through the admin
// route, SDK keys, experiment and arm names, customer attributes, pasted CSV, file names and
// the edge's problem details. Nothing may run, and the text must appear literally.
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = "<script>window.__pwned=1</script>";
const JS_LINK = "javascript:window.__pwned=1";

test("XSS: script in configs, keys, attributes, files and errors is shown as text and never runs", async ({ page }, info) => {
  const evil = {
    features: {
      [SCRIPT]: {
        defaultValue: IMG,
        rules: [{
          id: JS_LINK, key: IMG, condition: { [SCRIPT]: { $ne: JS_LINK } },
          variations: [JS_LINK, SCRIPT], meta: [{ key: SCRIPT }, { key: JS_LINK }], hashAttribute: "id",
        }],
      },
    },
    segments: [{ key: IMG, type: "rule", condition: { id: { $exists: true } } }],
  };
  const sdkKey = `x${IMG.replaceAll("/", "")}`;
  await edge.publish(evil, sdkKey);
  const w = await watch(page, edge.url);
  await signIn(page, edge.url);
  const section = page.getByRole("region", { name: `SDK key ${sdkKey}` });
  await expect(section.getByRole("heading", { level: 2 })).toContainText(sdkKey);
  await expect(section.getByRole("heading", { name: IMG, exact: true })).toBeVisible();
  await expect(section.getByRole("table", { name: `Arms of ${IMG} (allocation as served)` }).locator("tbody th"))
    .toHaveText([`${SCRIPT} (control)`, JS_LINK]);
  const experiment = section.locator("li.experiment");
  await experiment.getByText("Results", { exact: true }).click();
  await experiment.getByLabel("Metric").fill(SCRIPT);
  await experiment.getByLabel("Split by attribute (optional)").fill(IMG);
  await experiment.getByRole("button", { name: "Show results" }).click();
  await expect(experiment.getByText(`No exposed users yet for ${IMG}.`)).toBeVisible();
  await expect(experiment.getByRole("table").last()).toContainText(`${SCRIPT}, frequentist`);
  await page.screenshot({ path: info.outputPath("studio-xss-experiments.png"), fullPage: true });

  await page.getByRole("link", { name: "Preview as customer" }).click();
  await page.getByLabel("SDK key").selectOption(sdkKey);
  const a = page.getByRole("region", { name: "Customer A" });
  const attributes = { id: IMG, [SCRIPT]: "ok", link: JS_LINK };
  await a.getByLabel("Attributes of customer A (JSON)").fill(JSON.stringify(attributes));
  await a.getByLabel("Attributes of customer A (JSON)").blur();
  await expect(a.getByLabel(SCRIPT, { exact: true })).toHaveValue("ok");
  const features = await decideAtEdge(edge.url, attributes, sdkKey);
  await expect.poll(() => shownDecisions(a)).toEqual({ [SCRIPT]: asShown(features[SCRIPT].value) });
  await expect(a.getByRole("term")).toHaveText([IMG]);
  await a.getByText(`Rule trace of ${SCRIPT}`, { exact: true }).click();
  await expect(a.getByRole("list", { name: `Rule trace of ${SCRIPT}` })).toContainText(`"${JS_LINK}"`);
  await a.getByLabel(`Arm of ${IMG} for customer A`).selectOption({ label: JS_LINK });
  await expect(a.getByLabel(`Value of ${SCRIPT}`)).toHaveText(SCRIPT);

  await page.getByText("Example customers (CSV or JSON lines)").click();
  await page.getByLabel("Paste a CSV (header line first) or JSON lines").fill(`id,note\n"${IMG.replaceAll('"', '""')}",${JS_LINK}\n`);
  await page.getByRole("button", { name: "Use pasted customers" }).click();
  await expect(a.getByLabel("Example customer").locator("option", { hasText: IMG })).toHaveCount(1);
  const fileName = `${IMG}${SCRIPT.replaceAll("/", "")}.jsonl`;
  await page.getByLabel("Or choose a file").setInputFiles({ name: fileName, mimeType: "application/jsonl", buffer: Buffer.from("[]\n") });
  await expect(page.locator("#examples-error")).toHaveText(`${fileName} line 1: is an array, expected an attribute object`);
  await page.screenshot({ path: info.outputPath("studio-xss-preview.png"), fullPage: true });

  expect(await page.locator('a[href^="javascript"], [onerror], script:not([src])').count()).toBe(0);
  await w.check();
});

test("CSP: the studio's policy is served, and the SDK's WebAssembly needs its 'wasm-unsafe-eval'", async ({ page }) => {
  const response = await page.request.get(`${edge.url}/studio/`);
  const csp = response.headers()["content-security-policy"];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("frame-ancestors 'self'");
  // The same studio with the policy minus 'wasm-unsafe-eval': the preview cannot start.
  await page.route(`${edge.url}/studio/`, async (route) => {
    const original = await route.fetch();
    const headers = { ...original.headers(), "content-security-policy": csp.replace(" 'wasm-unsafe-eval'", "") };
    await route.fulfill({ response: original, headers });
  });
  await signIn(page, edge.url, "#/preview");
  await expect(page.getByRole("alert").filter({ hasText: "Could not start the preview" })).toContainText(/WebAssembly|wasm/i);
});

for (const [name, viewport] of [["1280x800", { width: 1280, height: 800 }], ["390x844", { width: 390, height: 844 }]]) {
  test(`every page fits ${name} with every control labelled`, async ({ page }, info) => {
    await page.setViewportSize(viewport);
    const w = await watch(page, edge.url);
    await page.goto(`${edge.url}/studio/`);
    await page.screenshot({ path: info.outputPath(`studio-signin-${name}.png`) });
    await signIn(page, edge.url);
    for (const [hash, ready] of [["#/experiments", "li.experiment"], ["#/preview", "table.decisions"]]) {
      await page.goto(`${edge.url}/studio/${hash}`);
      await expect(page.locator(ready).first()).toBeVisible();
      await page.screenshot({ path: info.outputPath(`studio-${hash.slice(2)}-${name}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll("input, select, textarea, button")]
          .filter((c) => !(c.labels?.length || c.getAttribute("aria-label") || (c.tagName === "BUTTON" && c.textContent.trim())))
          .map((c) => c.outerHTML.slice(0, 80)));
      expect(unlabelled).toEqual([]);
    }
    await w.check();
  });
}
