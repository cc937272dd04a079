#!/usr/bin/env node
// Time to first decision in headless Chromium (Debian's /usr/bin/chromium): a page loads the
// SDK (ES module + wasm) and the demo config, creates a client and decides "hero-banner";
// the same page shape with GrowthBook's ESM bundle is the peer. Each load is a fresh browser
// context (no HTTP or code cache). Files come from a local HTTP server on 127.0.0.1, so the
// numbers are script work and request round trips, not network. Prints medians of N loads
// (default 20). Not a test.
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

const pages = {
  tailor: `<!doctype html><script type="module">
    const start = performance.now();
    const { createClient } = await import("/sdk/dist/tailor-sdk.mjs");
    const config = await (await fetch("/demo/config.json")).text();
    const client = await createClient({ config, attributes: ${attributes} });
    const value = client.decide("hero-banner").value;
    window.result = { start, first: performance.now(), value };
  </script>`,
  growthbook: `<!doctype html><script type="module">
    const start = performance.now();
    const { GrowthBook } = await import("/gb/esm.min.js");
    const config = await (await fetch("/demo/config.json")).json();
    const gb = new GrowthBook({ features: config.features, savedGroups: config.savedGroups, attributes: ${attributes} });
    const value = gb.evalFeature("hero-banner").value;
    window.result = { start, first: performance.now(), value };
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
const rows = [];
for (const name of Object.keys(pages)) {
  const fromStart = [];
  const fromNavigation = [];
  let value;
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/?page=${name}`);
    const r = await page.waitForFunction(() => window.result).then((h) => h.jsonValue());
    fromStart.push(r.first - r.start);
    fromNavigation.push(r.first);
    value = r.value;
    await context.close();
  }
  rows.push({ name, start: median(fromStart), navigation: median(fromNavigation), value });
}
await browser.close();
server.close();
if (rows[0].value !== rows[1].value) {
  process.stderr.write(`first-decision: the two pages decided differently (${rows[0].value} vs ${rows[1].value})\n`);
  process.exit(1);
}
console.log(`time to first decision, headless Chromium, median of ${loads} fresh loads`);
console.log("target        from script start   from navigation start");
for (const r of rows) {
  console.log(r.name.padEnd(12), `${r.start.toFixed(1)} ms`.padStart(19), `${r.navigation.toFixed(1)} ms`.padStart(23));
}
