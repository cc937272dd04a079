// GrowthBook payload features of the SDK in Chromium against a real tailor-edge
// (tests/browser/edge.mjs): an encrypted payload the edge serves as published and the page
// decrypts, a URL-redirect experiment that never paints the original page, a contextual bandit,
// and sticky buckets surviving a reload. The page loads the one-file SDK (/sdk/dist/) from a
// static server on another origin; GrowthBook's JS SDK in node is the oracle for decisions.
import { expect, test } from "@playwright/test";
import { createCipheriv } from "node:crypto";
import { GrowthBook } from "@growthbook/growthbook";
import { startEdge } from "./edge.mjs";
import { startStatic } from "./servers.mjs";

const KEY = Buffer.from("8d2e60c1f4a35b7796e01c2d3f4a5b6c", "hex");
const seal = (value, iv) => {
  const cipher = createCipheriv("aes-128-cbc", KEY, iv);
  return `${iv.toString("base64")}.${Buffer.concat([cipher.update(JSON.stringify(value)), cipher.final()]).toString("base64")}`;
};

// The page's hiding style, render-blocking in <head>: its CSS animation shows the page after 3 s
// even if no script ever runs (docs/sdk.md "URL redirects without a flash").
const HIDE =
  "<style data-tailor-anti-flicker>html{visibility:hidden;animation:tailor-reveal 0s 3s forwards}" +
  "@keyframes tailor-reveal{to{visibility:visible}}</style>";
const landing = (edgeUrl) => `<!doctype html><html><head><title>Landing</title>${HIDE}
<script type="module">
import { antiFlicker, createClient } from "/sdk/dist/tailor-sdk.mjs";
const reveal = antiFlicker({ timeout: 3000 });
const id = new URL(location.href).searchParams.get("visitor");
window.client = await createClient({ edgeUrl: ${JSON.stringify(edgeUrl)}, sdkKey: "redirect", attributes: { id }, consent: true, reveal });
document.body.dataset.ready = "1";
</script></head><body><h1>Original landing page</h1></body></html>`;
const harness = `<!doctype html><html><head><title>SDK</title>
<script type="module">window.tailor = await import("/sdk/dist/tailor-sdk.mjs"); document.title = "ready";</script>
</head><body></body></html>`;

let site;
let edge;
test.beforeAll(async () => {
  edge = await startEdge();
  site = await startStatic({ "/shop/landing": landing(edge.url), "/shop/new": "<!doctype html><h1>New landing page</h1>", "/harness": harness });
});
test.afterAll(async () => {
  await site?.close();
  await edge?.close();
});

async function openHarness(page) {
  await page.goto(`${site.url}/harness`);
  await expect(page).toHaveTitle("ready");
}

test("an encrypted payload is served as published and decided in the page as GrowthBook does", async ({ page }) => {
  const features = {
    "secret-price": {
      defaultValue: 10,
      rules: [
        { condition: { id: { $inGroup: "staff" } }, force: 0 },
        { key: "secret-exp", hashAttribute: "id", variations: [10, 12, 14], meta: [{ key: "a" }, { key: "b" }, { key: "c" }] },
      ],
    },
  };
  const savedGroups = { staff: ["employee-1", "employee-2"] };
  const payload = {
    encryptedFeatures: seal(features, Buffer.alloc(16, 0x21)),
    encryptedSavedGroups: seal(savedGroups, Buffer.alloc(16, 0x42)),
  };
  await edge.publish(payload, "sealed");
  const served = await (await fetch(`${edge.url}/v1/config/sealed`)).text();
  expect(served).toBe(JSON.stringify(payload));
  expect(served).not.toContain("secret-price");

  await openHarness(page);
  const ids = ["employee-1", "visitor-1", "visitor-2", "visitor-3", "visitor-4", "visitor-5", "employee-2"];
  const ours = await page.evaluate(
    async ({ edgeUrl, key, ids }) => {
      const client = await window.tailor.createClient({ edgeUrl, sdkKey: "sealed", decryptionKey: key });
      return ids.map((id) => {
        client.setAttributes({ id });
        const d = client.decide("secret-price");
        return [d.value, d.source, d.experiment?.variationId ?? null];
      });
    },
    { edgeUrl: edge.url, key: KEY.toString("base64"), ids },
  );
  const gb = new GrowthBook({ decryptionKey: KEY.toString("base64") });
  await gb.setPayload(structuredClone(payload));
  const theirs = ids.map((id) => {
    gb.setAttributes({ id });
    const r = gb.evalFeature("secret-price");
    return [r.value, r.source, r.experimentResult?.variationId ?? null];
  });
  gb.destroy();
  expect(ours).toEqual(theirs);
  expect(ours[0]).toEqual([0, "force", null]);
  // The wrong key is an error naming the member, in the page too.
  const wrong = await page.evaluate(async (edgeUrl) => {
    try {
      await window.tailor.createClient({ edgeUrl, sdkKey: "sealed", decryptionKey: btoa("0123456789abcdef") });
      return "accepted";
    } catch (e) {
      return e.message;
    }
  }, edge.url);
  expect(wrong).toContain("encryptedFeatures does not decrypt with decryptionKey");
});

// Records, before every frame (requestAnimationFrame runs before each paint), whether the
// original landing page's heading is visible: the list of URLs where it was.
async function watchOriginal(page) {
  const painted = [];
  await page.exposeFunction("tailorPaintedOriginal", (href) => painted.push(href));
  await page.addInitScript(() => {
    let reported = false;
    const frame = () => {
      const h = document.querySelector("h1");
      if (!reported && h && h.textContent === "Original landing page" && h.checkVisibility({ visibilityProperty: true })) {
        reported = true;
        window.tailorPaintedOriginal(location.href);
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return painted;
}

test("a URL-redirect experiment navigates, keeps the query string, and never paints the original page", async ({ page, browser }) => {
  await edge.publish(
    {
      features: {},
      experiments: [
        {
          key: "landing-move",
          hashAttribute: "id",
          urlPatterns: [{ type: "simple", include: true, pattern: `${site.url}/shop/landing` }],
          variations: [{ urlRedirect: "" }, { urlRedirect: `${site.url}/shop/new` }],
          weights: [0, 1],
          meta: [{ key: "stay" }, { key: "move" }],
          persistQueryString: true,
        },
      ],
    },
    "redirect",
  );
  const painted = await watchOriginal(page);
  await page.goto(`${site.url}/shop/landing?visitor=mover-1&utm_source=mail`);
  await page.waitForURL(`${site.url}/shop/new?visitor=mover-1&utm_source=mail`);
  await expect(page.getByRole("heading", { name: "New landing page" })).toBeVisible();
  expect(painted).toEqual([]);
  // The exposure left with the navigation (beacon) and is stored by the edge.
  await expect.poll(() => edge.events("mover-1").map((e) => `${e.type}:${e.experiment}=${e.variant}`), { timeout: 10000 }).toEqual(["exposure:landing-move=move"]);

  // The same page and watcher where the visitor stays: the original is revealed (and the watcher
  // sees it), so the check above can fail.
  await edge.publish(
    {
      features: {},
      experiments: [
        {
          key: "landing-move",
          hashAttribute: "id",
          urlPatterns: [{ type: "simple", include: true, pattern: `${site.url}/shop/landing` }],
          variations: [{ urlRedirect: "" }, { urlRedirect: `${site.url}/shop/new` }],
          weights: [1, 0],
          meta: [{ key: "stay" }, { key: "move" }],
        },
      ],
    },
    "redirect",
  );
  const context = await browser.newContext();
  const stayer = await context.newPage();
  const seen = await watchOriginal(stayer);
  await stayer.goto(`${site.url}/shop/landing?visitor=stayer-1`);
  await expect(stayer.locator("body[data-ready]")).toHaveCount(1);
  await expect(stayer.getByRole("heading", { name: "Original landing page" })).toBeVisible();
  expect(stayer.url()).toBe(`${site.url}/shop/landing?visitor=stayer-1`);
  await expect.poll(() => seen.length).toBe(1);
  await context.close();
});

test("a contextual bandit decides on the visitor's leaf in the page, as GrowthBook does", async ({ page }) => {
  const config = {
    features: {
      headline: {
        defaultValue: "plain",
        rules: [
          {
            key: "headline-bandit",
            hashAttribute: "id",
            contextualVariations: ["plain", "urgent", "friendly"],
            weights: [0.34, 0.33, 0.33],
            meta: [{ key: "plain" }, { key: "urgent" }, { key: "friendly" }],
            contextualBanditRef: "hb",
          },
        ],
      },
    },
    contextualBandits: {
      hb: {
        banditVersion: 12,
        contexts: [
          { leafId: "mobile-fr", condition: { device: "mobile", country: "FR" }, weights: [0, 0, 1] },
          { leafId: "desktop", condition: { device: "desktop" }, weights: [0.1, 0.8, 0.1] },
        ],
      },
    },
  };
  await edge.publish(config, "bandit");
  const visitors = [];
  for (let i = 0; i < 30; i++) visitors.push({ id: `cb-${i}`, device: ["mobile", "desktop", "tablet"][i % 3], country: ["FR", "DE"][i % 2] });
  await openHarness(page);
  const ours = await page.evaluate(
    async ({ edgeUrl, visitors }) => {
      const client = await window.tailor.createClient({ edgeUrl, sdkKey: "bandit" });
      return visitors.map((v) => {
        client.setAttributes(v);
        const d = client.decide("headline");
        return { value: d.value, leafId: d.experiment.leafId, variationWeights: d.experiment.variationWeights, banditVersion: d.experiment.banditVersion };
      });
    },
    { edgeUrl: edge.url, visitors },
  );
  const gb = new GrowthBook({ features: config.features, contextualBandits: config.contextualBandits });
  const theirs = visitors.map((v) => {
    gb.setAttributes(v);
    const r = gb.evalFeature("headline");
    const e = r.experimentResult;
    return { value: r.value, leafId: e.leafId, variationWeights: e.variationWeights, banditVersion: e.banditVersion };
  });
  gb.destroy();
  expect(ours).toEqual(theirs);
  // Mobile visitors in France are all on the leaf that only shows "friendly".
  expect(ours.filter((_, i) => visitors[i].device === "mobile" && visitors[i].country === "FR").map((d) => [d.leafId, d.value])).toEqual(Array(5).fill(["mobile-fr", "friendly"]));
  expect(new Set(ours.map((d) => d.leafId))).toEqual(new Set(["mobile-fr", "desktop", -1]));
});

for (const storage of ["cookie", "localStorage"]) {
  test(`sticky buckets in ${storage} survive a reload after the weights change`, async ({ page, browser }) => {
    const sdkKey = `sticky-${storage.toLowerCase()}`;
    const config = (version, weights) => ({
      features: {
        version: { defaultValue: version },
        cta: { defaultValue: "none", rules: [{ key: "cta-test", hashAttribute: "id", variations: ["buy", "shop"], weights, meta: [{ key: "buy" }, { key: "shop" }] }] },
      },
    });
    const decide = (p) =>
      p.evaluate(
        async ({ edgeUrl, sdkKey, storage }) => {
          const client = await window.tailor.createClient({
            edgeUrl,
            sdkKey,
            attributes: { id: "sticky-visitor" },
            consent: true,
            stickyBucketing: true,
            stickyBucketStorage: storage,
            fetch: (url, init) => fetch(url, { ...init, cache: "no-store" }),
          });
          return [client.decide("version").value, client.decide("cta").value];
        },
        { edgeUrl: edge.url, sdkKey, storage },
      );
    await edge.publish(config(1, [0.5, 0.5]), sdkKey);
    await openHarness(page);
    const [, first] = await decide(page);
    // Everybody new now gets the other variation; the visitor keeps theirs across the reload.
    const other = first === "buy" ? "shop" : "buy";
    await edge.publish(config(2, first === "buy" ? [0, 1] : [1, 0]), sdkKey);
    await page.reload();
    await expect(page).toHaveTitle("ready");
    expect(await decide(page)).toEqual([2, first]);
    // A fresh browser profile (no stored documents) gets the new weights' variation.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await openHarness(fresh);
    expect(await decide(fresh)).toEqual([2, other]);
    await context.close();
    const stored =
      storage === "cookie"
        ? (await page.context().cookies()).find((c) => c.name === "tailor_sticky")?.value
        : await page.evaluate(() => localStorage.getItem("tailor:sticky"));
    const docs = JSON.parse(storage === "cookie" ? decodeURIComponent(stored) : stored);
    expect(docs["id||sticky-visitor"].assignments).toEqual({ "cta-test__0": first });
  });
}
