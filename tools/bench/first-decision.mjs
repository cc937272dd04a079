#!/usr/bin/env node
// Time to first decision in headless Chromium (Debian's /usr/bin/chromium): a page loads the
// SDK (ES module + wasm) and the demo config, creates a client and decides "hero-banner";
// the same page shape with GrowthBook's ESM bundle is the peer. Times are from the module
// script's start (the hints in <head> may have started downloads before it) and from
// navigation start (everything the page did). Each load is a fresh browser
// context (no HTTP or code cache). Files come from a local HTTP server on 127.0.0.1, so the
// numbers are script work and request round trips, not network. Prints medians of N loads
// (default 20), each page's ratio to GrowthBook's. Not a test.
//   node tools/bench/first-decision.mjs [LOADS]
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const loads = Number(process.argv[2] || 20);
const attributes = JSON.stringify({ id: "u-0002", country: "US", cart: { items: 1 } });
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm", ".html": "text/html" };

// Both pages are written as a page should be: preload hints for what the page will need (the
// library; Tailor's wasm module, which wasm.js fetches as the hint does; the config), and the
// config fetched while the library loads. Marks: the library imported, the client ready (for
// Tailor: wasm compiled and instantiated, config compiled), the first decision.
const head = (library, extra = "") => `<!doctype html>
  <link rel="modulepreload" href="${library}">${extra}
  <link rel="preload" href="/demo/config.json" as="fetch" crossorigin>`;
const pages = {
  tailor: `${head("/sdk/dist/tailor-sdk.mjs", '<link rel="preload" href="/sdk/dist/tailor_sdk.wasm" as="fetch" crossorigin>')}
  <script type="module">
    const start = performance.now();
    const configText = fetch("/demo/config.json").then((r) => r.text());
    const { createClient } = await import("/sdk/dist/tailor-sdk.mjs");
    const imported = performance.now();
    const client = await createClient({ config: await configText, attributes: ${attributes} });
    const ready = performance.now();
    const value = client.decide("hero-banner").value;
    window.result = { start, imported, ready, first: performance.now(), value };
  </script>`,
  growthbook: `${head("/gb/esm.min.js")}
  <script type="module">
    const start = performance.now();
    const configJson = fetch("/demo/config.json").then((r) => r.json());
    const { GrowthBook } = await import("/gb/esm.min.js");
    const imported = performance.now();
    const config = await configJson;
    const gb = new GrowthBook({ features: config.features, savedGroups: config.savedGroups, attributes: ${attributes} });
    const ready = performance.now();
    const value = gb.evalFeature("hero-banner").value;
    window.result = { start, imported, ready, first: performance.now(), value };
  </script>`,
};

function file(path) {
  if (path.startsWith("/gb/")) return `${root}node_modules/@growthbook/growthbook/dist/bundles/${path.slice(4)}`;
  return `${root}web${path}`;
}

const server = createServer((req, res) => {
  const { pathname, searchParams } = new URL(req.url, "http://x");
  if (pathname === "/") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end(pages[searchParams.get("page")]);
  }
  try {
    const body = readFileSync(file(pathname));
    res.writeHead(200, { "content-type": TYPES[extname(pathname)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Loads alternate between the pages, so a change in machine load affects both alike.
const names = Object.keys(pages);
/** @type {Record<string, {start: number[], navigation: number[], imported: number[], ready: number[], value?: unknown}>} */
const samples = {};
for (const name of names) samples[name] = { start: [], navigation: [], imported: [], ready: [] };
for (let i = 0; i < loads; i++) {
  for (const name of names) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/?page=${name}`);
    const r = await page.waitForFunction(() => window.result).then((h) => h.jsonValue());
    const s = samples[name];
    s.start.push(r.first - r.start);
    s.navigation.push(r.first);
    s.imported.push(r.imported - r.start);
    s.ready.push(r.ready - r.start);
    s.value = r.value;
    await context.close();
  }
}
const rows = names.map((name) => {
  const s = samples[name];
  return { name, value: s.value, start: median(s.start), navigation: median(s.navigation), imported: median(s.imported), ready: median(s.ready) };
});
await browser.close();
server.close();
if (rows[0].value !== rows[1].value) {
  process.stderr.write(`first-decision: the two pages decided differently (${rows[0].value} vs ${rows[1].value})\n`);
  process.exit(1);
}
console.log(`time to first decision, headless Chromium, median of ${loads} fresh loads per page (ms)`);
console.log("target        imported   client ready   first decision   vs GrowthBook   from navigation   vs GrowthBook");
const peer = rows.find((r) => r.name === "growthbook");
for (const r of rows) {
  console.log(
    r.name.padEnd(12),
    r.imported.toFixed(1).padStart(9),
    r.ready.toFixed(1).padStart(14),
    r.start.toFixed(1).padStart(16),
    `${(r.start / peer.start).toFixed(2)}x`.padStart(15),
    r.navigation.toFixed(1).padStart(17),
    `${(r.navigation / peer.navigation).toFixed(2)}x`.padStart(15),
  );
}
