// The studio's campaign journeys (seed 003) against a real tailor-edge on SQLite, without a
// mocked API: journey 1 (demo data → segments → cited, screened variants → the review queue →
// design → approval with publishing → simulation), journey 2 (the audit trail: coverage,
// filters, the chain verified in the browser by the core's WASM, the CSV export) and journey 3
// (the report with charts, KPI tree, winners, attribution). Every page runs without a console
// error, a dialog, a CSP violation or a request to another origin; screenshots go to
// build/playwright/.
import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ADMIN_TOKEN, startEdge } from "./edge.mjs";
import { signIn, watch } from "./studio.mjs";

let edge;
test.beforeAll(async () => {
  edge = await startEdge();
});
test.afterAll(async () => edge?.close());
test.setTimeout(180000);

async function file(id, name) {
  const response = await fetch(`${edge.url}/admin/v1/campaigns/${id}/files/${name}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(response.status).toBe(200);
  return response.text();
}

async function startDemo(page, customers) {
  await signIn(page, edge.url, "#/campaigns");
  await expect(page.getByRole("heading", { name: "Campaigns", exact: true })).toBeVisible();
  await page.getByLabel("Customers", { exact: true }).fill(String(customers));
  await page.getByRole("button", { name: "Start the campaign" }).click();
  await expect(page).toHaveURL(/#\/campaigns\/cmp-[0-9a-f]{16}$/);
  return decodeURIComponent(page.url().split("#/campaigns/")[1]);
}

test("journeys 1 and 3: a demo campaign from creation to the report, approved, published and simulated", async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const w = await watch(page, edge.url);
  const id = await startDemo(page, 600);
  await expect(page.locator("h1 .badge")).toHaveText("Awaiting approval", { timeout: 60000 });
  await expect(page.locator(".stages li")).toHaveText([/^customers: 600 customers read/, /^segments: 5 segments/, /^content: /, /^variants: 20 variants, 60 of 60/, /^design: /]);

  // Segments with profiles, as design.json has them.
  const design = JSON.parse(await file(id, "out/design.json"));
  const segmentRows = page.locator("table.segment-table tbody tr");
  await expect(segmentRows).toHaveCount(design.segmentation.segments.length);
  await expect(segmentRows.first().locator("th")).toHaveText(design.segmentation.segments[0].name);

  // Variants: each copy as read, its screening decision, its citations opening the source.
  const variants = JSON.parse(await file(id, "out/variants.json"));
  await expect(page.locator("article.variant")).toHaveCount(variants.variants.length);
  await expect(page.locator(".copy .badge.decision.allow")).toHaveCount(60);
  const firstCite = page.locator("button.cite").first();
  const citedId = await firstCite.textContent();
  await page.locator("details", { has: firstCite }).first().locator("summary").click();
  await firstCite.click();
  const source = page.locator(`#source-${citedId}`);
  await expect(source).toHaveAttribute("open", "");
  const claim = variants.sources.find((s) => s.id === citedId).claims[0];
  await expect(source.getByText(claim, { exact: true })).toBeVisible();

  // The design with its power warnings; approval publishes the web arm.
  await expect(page.locator("table.design tbody tr")).toHaveCount(design.segments.length);
  await expect(page.getByRole("note").filter({ hasText: "Power warnings" })).toBeVisible();
  await page.screenshot({ path: info.outputPath("studio-campaign-design.png"), fullPage: true });
  await page.getByLabel("Approver").fill("Dana Lee");
  await page.getByLabel("SDK key", { exact: true }).fill("campaign-ui");
  await page.getByRole("button", { name: "Approve the design" }).click();
  await expect(page.locator("h1 .badge")).toHaveText("Complete", { timeout: 60000 });
  await expect(page.getByText(/published as version 1 of SDK key/)).toBeVisible();
  const served = await (await fetch(`${edge.url}/v1/config/campaign-ui`)).json();
  expect(served).toEqual(JSON.parse(await file(id, "out/config.json")));

  // The simulation feeds the edge's results route.
  await page.getByRole("button", { name: "Run the simulation into the edge" }).click();
  await expect(page.getByText(/^Simulated: \d+ events under campaign-ui/)).toBeVisible({ timeout: 60000 });
  const events = (await file(id, "out/events.jsonl")).trim().split("\n").map((l) => JSON.parse(l));
  await expect(page.getByText(`Simulated: ${events.length} events under campaign-ui`)).toBeVisible();

  // Journey 3: the report.
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("heading", { name: "Campaign report" })).toBeVisible();
  const report = JSON.parse(await file(id, "out/report.json"));
  await expect(page.getByRole("heading", { name: "KPI tree" })).toBeVisible();
  await expect(page.locator("section[aria-label='Winners'] li")).toHaveCount(report.segments.length);
  await expect(page.locator("section[aria-label='Attribution'] strong").first()).toHaveText(report.attribution.strongest);
  expect(await page.locator("svg.chart").count()).toBeGreaterThan(report.segments.length);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download HTML" }).click();
  const html = readFileSync(await (await download).path(), "utf8");
  expect(html).toBe(await file(id, "out/report.html"));
  await page.screenshot({ path: info.outputPath("studio-campaign-report.png"), fullPage: true });

  // Preview as customer: two of the campaign's own customers side by side, each framed page
  // showing the segment and arm assignments.csv gives them.
  const assigned = (await file(id, "out/assignments.csv")).trim().split(/\r?\n/).slice(1)
    .map((line) => line.split(",")).filter((cells) => cells.includes("assigned"));
  const header = (await file(id, "out/assignments.csv")).split(/\r?\n/)[0].split(",");
  const col = (name) => header.indexOf(name);
  const bySegment = new Map(assigned.map((r) => [r[col("segment")], r]));
  const [first, second] = [...bySegment.values()];
  await page.goto(`${edge.url}/studio/#/preview`);
  await page.getByLabel("SDK key").selectOption("campaign-ui");
  await page.getByLabel("Page").selectOption("campaign");
  await page.getByText("Example customers (CSV or JSON lines)").click();
  await page.getByLabel("Or a campaign's customers").selectOption(id);
  await page.getByRole("button", { name: "Use the campaign's customers" }).click();
  for (const [panel, row] of [["A", first], ["B", second]]) {
    const region = page.getByRole("region", { name: `Customer ${panel}` });
    await region.getByLabel("Example customer").selectOption({ label: row[col("customer_id")] });
    const frame = page.frameLocator(`iframe[title="Demo page as customer ${panel} sees it"]`);
    await expect(frame.getByLabel("Segment")).toHaveText(row[col("segment")]);
    await expect(frame.getByLabel("Arm")).toHaveText(row[col("arm")]);
  }
  await page.screenshot({ path: info.outputPath("studio-campaign-preview.png"), fullPage: true });
  await w.check();
});

test("journey 2: the audit trail — coverage, filters, the chain verified in the browser, the CSV export", async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const w = await watch(page, edge.url);
  const id = await startDemo(page, 300);
  await expect(page.locator("h1 .badge")).toHaveText("Awaiting approval", { timeout: 60000 });
  await page.getByRole("link", { name: "Audit trail" }).click();
  const records = (await file(id, "out/audit.jsonl")).trim().split("\n").map((l) => JSON.parse(l));
  await expect(page.getByText(/^100% of the 60 copies in the design have a screening record/)).toBeVisible();
  await expect(page.getByText(`Chain intact: ${records.length} records, head ${records.at(-1).hash}.`)).toBeVisible();
  await expect(page.locator("table.audit tbody tr")).toHaveCount(records.length);
  await page.getByLabel("Decision").selectOption("allow");
  await expect(page.getByText(`${records.filter((r) => r.decision === "allow").length} of ${records.length} records`)).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  expect(csv).toBe(await file(id, "out/audit.csv"));
  await page.screenshot({ path: info.outputPath("studio-campaign-audit.png"), fullPage: true });
  await w.check();
});

test("journey 1 on a phone: an uploaded campaign whose drafts wait for review, decided in the studio", async ({ page }, info) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const w = await watch(page, edge.url);
  // Demo inputs with a claim written like spam: screening holds the drafts that quote it.
  const demo = await createDemoInputs();
  for (const item of demo.content) {
    const doc = JSON.parse(item.text);
    doc.claims = doc.claims.map((c) => (c.includes("best-selling") ? `ACT NOW!!! ${c}` : c));
    item.text = JSON.stringify(doc);
  }
  demo.spec.generation.variants_per_segment = 3;
  demo.spec.design.treatments = 3;
  demo.spec.design.weights = [0.25, 0.25, 0.25, 0.25];
  await signIn(page, edge.url, "#/campaigns");
  await page.getByLabel("Upload files").check();
  await page.getByLabel("Customer CSV").setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(demo.customers) });
  await page.getByLabel(/Approved content/).setInputFiles(demo.content.map((c) => ({ name: c.name, mimeType: "application/json", buffer: Buffer.from(c.text) })));
  await page.getByLabel("Spec (campaign.json)").setInputFiles({ name: "campaign.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(demo.spec)) });
  await page.getByRole("button", { name: "Start the campaign" }).click();
  await expect(page.locator("h1 .badge")).toHaveText("Awaiting review", { timeout: 60000 });
  const held = page.locator("form.review");
  await expect(held.first()).toBeVisible();
  const count = await held.count();
  expect(count).toBeGreaterThan(1);
  await expect(page.locator(".copy.decision-review mark").first()).toBeVisible();
  await page.screenshot({ path: info.outputPath("studio-campaign-review-390.png"), fullPage: true });
  // Reject the first with a reason, approve the rest, one decision at a time: each decision
  // re-runs the prepare job, after which that draft's form is gone.
  let first = true;
  for (let round = 0; round < 40; round += 1) {
    const form = page.locator("form.review").first();
    if ((await page.locator("form.review").count()) === 0) break;
    const label = await form.getAttribute("aria-label");
    await form.getByLabel("Reviewer").fill("Rita Reviewer");
    if (first) await form.getByLabel("Reason (optional)").fill("shouty copy");
    await form.getByRole("button", { name: first ? "Reject" : "Approve" }).click();
    first = false;
    await expect(page.locator(`form[aria-label="${label}"]`)).toHaveCount(0, { timeout: 60000 });
    await expect(page.locator("h1 .badge")).toHaveText(/Awaiting (review|approval)/, { timeout: 60000 });
    await expect(page.locator("section[aria-label='Design']")).toBeVisible({ timeout: 60000 });
  }
  await expect(page.locator("h1 .badge")).toHaveText("Awaiting approval");
  await expect(page.getByText(/Rejected by Rita Reviewer at .*: shouty copy/)).toHaveCount(0); // the rejected draft left the design
  await expect(page.getByText(/^Approved by Rita Reviewer at /).first()).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await w.check();
});

// The demo's inputs as `tailor gen-data` writes them, read back from a campaign the edge made.
async function createDemoInputs() {
  const response = await fetch(`${edge.url}/admin/v1/campaigns`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ demo: { customers: 800, seed: 9 } }),
  });
  const { id } = await response.json();
  const list = await (await fetch(`${edge.url}/admin/v1/campaigns/${id}/files`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
  const content = [];
  for (const f of list.files.filter((f) => f.name.startsWith("in/content/"))) {
    content.push({ name: f.name.slice("in/content/".length), text: await file(id, f.name) });
  }
  return { spec: JSON.parse(await file(id, "in/spec.json")), customers: await file(id, "in/customers.csv"), content };
}

test("XSS: markup in customer values, content titles and claims is shown as text and runs nothing", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const w = await watch(page, edge.url);
  const IMG = `<img src=x onerror="window.__pwned=1">`;
  const SCRIPT = `<script>window.__pwned=1</script>`;
  const demo = await createDemoInputs();
  const lines = demo.customers.trim().split("\n");
  const header = lines[0].split(",");
  const col = header.indexOf("favourite_category");
  // Every third customer's favourite category is markup (a quoted CSV cell), so it is among
  // each segment's top values.
  demo.customers = [lines[0], ...lines.slice(1).map((line, i) => {
    if (i % 3) return line;
    const cells = line.split(",");
    cells[col] = `"${IMG.replaceAll('"', '""')}"`;
    return cells.join(",");
  })].join("\n") + "\n";
  for (const item of demo.content) {
    const doc = JSON.parse(item.text);
    doc.title = `${SCRIPT} ${doc.title} javascript:alert(1)`;
    item.text = JSON.stringify(doc);
  }
  await signIn(page, edge.url, "#/campaigns");
  await page.getByLabel("Upload files").check();
  await page.getByLabel("Customer CSV").setInputFiles({ name: `${IMG}.csv`, mimeType: "text/csv", buffer: Buffer.from(demo.customers) });
  await page.getByLabel(/Approved content/).setInputFiles(demo.content.map((c) => ({ name: c.name, mimeType: "application/json", buffer: Buffer.from(c.text) })));
  await page.getByLabel("Spec (campaign.json)").setInputFiles({ name: "campaign.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(demo.spec)) });
  await page.getByRole("button", { name: "Start the campaign" }).click();
  await expect(page.locator("h1 .badge")).toHaveText(/Awaiting (review|approval)|Failed/, { timeout: 60000 });
  await expect(page.locator(".tops dd", { hasText: IMG }).first()).toBeVisible();
  await expect(page.locator("details[id^='source-'] summary", { hasText: SCRIPT }).first()).toBeAttached();
  expect(await page.locator("img").count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await w.check();
});

test("restart: the edge killed mid-job comes back, and the studio shows the job resumed and its trail whole", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const w = await watch(page, edge.url);
  await signIn(page, edge.url, "#/campaigns");
  await page.getByLabel("Customers", { exact: true }).fill("60000");
  await page.getByRole("button", { name: "Start the campaign" }).click();
  await expect(page).toHaveURL(/#\/campaigns\/cmp-/);
  const id = decodeURIComponent(page.url().split("#/campaigns/")[1]);
  await expect(page.locator("h1 .badge")).toHaveText("Running", { timeout: 60000 });
  await edge.restart("SIGKILL");
  // The page keeps trying while the edge is down, then follows the resumed job to its end.
  await expect(page.locator("h1 .badge")).toHaveText("Awaiting approval", { timeout: 150000 });
  await expect(page.getByText("(attempt 2: resumed after the edge stopped)")).toBeVisible();
  const view = await (await fetch(`${edge.url}/admin/v1/campaigns/${id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
  expect(view.job.attempt).toBe(2);
  await page.getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByText(`Chain intact: ${view.drafts.screened} records`)).toBeVisible();
  // The requests refused while the edge was down are the only console errors.
  await w.check({ allowErrors: [/Failed to load resource: net::ERR_CONNECTION_REFUSED/, /net::ERR_/] });
});
