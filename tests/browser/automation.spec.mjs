import { expect, test } from "@playwright/test";
import { ADMIN_TOKEN, startEdge } from "./edge.mjs";
import { signIn, watch } from "./studio.mjs";

// The experiment controller's rollback reaches a browser (docs/experiments.md): a page served by
// a real tailor-edge (controller pass every second) runs the SDK subscribed to its SDK key's
// config stream; a guardrail breach sent as events makes the edge roll the experiment back
// (coverage 0) on its own, and the page's decision changes from the new variation to the
// default without a reload, because the rolled-back version arrived over Server-Sent Events.

const SDK_KEY = "rollout-browser";
const EXPERIMENT = "new-checkout";
const config = {
  features: {
    checkout: {
      defaultValue: "old",
      rules: [{
        key: EXPERIMENT, variations: ["old", "new"], weights: [0.5, 0.5], coverage: 1,
        rollout: {
          intervalMinutes: 1 / 60,
          stages: [{ coverage: 1, minExposures: 1000000 }],
          guardrails: [{ metric: "unsubscribe", direction: "lowerIsBetter", bound: 0.1 }],
        },
      }],
    },
  },
};

let edge;
test.beforeAll(async () => {
  edge = await startEdge(["--automation-tick-s", "1"]);
});
test.afterAll(async () => {
  await edge?.close();
});

async function sendBreach() {
  // 400 users per variation; unsubscribes 5 % in "old" (variant 0) and 40 % in "new".
  const now = Date.now();
  const events = [];
  for (const [variant, rate] of [["0", 0.05], ["1", 0.4]]) {
    for (let i = 0; i < 400; ++i) {
      const user = `browser-breach-${variant}-${i}`;
      events.push({ id: `${user}-x`, type: "exposure", ts: now, user, experiment: EXPERIMENT, variant });
      if (i < rate * 400) events.push({ id: `${user}-u`, type: "custom", name: "unsubscribe", ts: now + 1, user });
    }
  }
  // One batch: the controller reads either none or all of it.
  const response = await fetch(`${edge.url}/v1/events`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sdkKey: SDK_KEY, events }),
  });
  expect(response.status).toBe(202);
  expect((await response.json()).rejected).toBe(0);
}

test("a guardrail rollback published by the edge reaches the page over SSE", async ({ page }) => {
  const published = await edge.publish(config, SDK_KEY);
  const streams = [];
  page.on("request", (r) => r.url().includes(`/v1/config/${SDK_KEY}/stream`) && streams.push(r.url()));
  await page.goto(`${edge.url}/demo/`);
  // A visitor in the new variation, with the SDK subscribed to the config stream.
  const before = await page.evaluate(async (sdkKey) => {
    const { createClient } = await import("/sdk/dist/tailor-sdk.mjs");
    const client = await createClient({ edgeUrl: location.origin, sdkKey });
    let id = 0;
    for (; id < 100; ++id) {
      client.setAttributes({ id: `visitor-${id}` });
      if (client.decideAll().checkout.value === "new") break;
    }
    globalThis.rolloutClient = client;
    globalThis.changes = 0;
    client.on("change", () => ++globalThis.changes);
    client.subscribe();
    return { id, decision: client.decideAll().checkout };
  }, SDK_KEY);
  expect(before.decision.value).toBe("new");
  expect(before.decision.experiment.inExperiment).toBe(true);
  await expect.poll(() => streams.length).toBeGreaterThan(0);

  await sendBreach();
  // The rollback arrives without a reload: the same client now serves the default.
  await expect
    .poll(() => page.evaluate(() => globalThis.rolloutClient.decideAll().checkout.value), { timeout: 15000 })
    .toBe("old");
  const after = await page.evaluate(() => ({
    decision: globalThis.rolloutClient.decideAll().checkout,
    changes: globalThis.changes,
  }));
  expect(after.decision.source).toBe("defaultValue");
  expect(after.changes).toBeGreaterThanOrEqual(1);

  // The served version is the controller's, one after the publish, at coverage 0, and the
  // audit trail says why.
  const served = await (await fetch(`${edge.url}/v1/config/${SDK_KEY}`)).json();
  expect(served.features.checkout.rules[0].coverage).toBe(0);
  const trail = await (await fetch(`${edge.url}/admin/v1/automation/audit`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })).text();
  const records = trail.trim().split("\n").map((l) => JSON.parse(l));
  const rollback = records.find((r) => r.campaign === SDK_KEY && r.decision === "rollback");
  expect(rollback.actor).toBe("rule:rollout.guardrail");
  expect(rollback.findings[0].configVersion).toBe(published.version + 1);
  expect(rollback.findings[0].numbers.ciLower).toBeGreaterThan(0.1);
});

// The studio shows a rollout plan as the controller runs it (stages, the current one, the
// allocation history, this experiment's audit records with the whole trail verified in the
// browser) and an operator advances and then rolls it back from there; each action is served
// (the config's coverage changes) and recorded with the operator's name.
test("the studio shows a rollout plan; an operator advances it and rolls it back", async ({ page }, info) => {
  const sdkKey = "rollout-studio";
  const key = "new-search";
  await edge.publish({
    features: {
      search: {
        defaultValue: "classic",
        rules: [{
          key, variations: ["classic", "semantic"], weights: [0.5, 0.5], coverage: 1,
          meta: [{ key: "classic" }, { key: "semantic" }],
          rollout: {
            intervalMinutes: 1 / 60,
            stages: [
              { coverage: 0.1, minExposures: 1000000 },
              { coverage: 0.5, minExposures: 1000000 },
              { coverage: 1, minExposures: 1000000 },
            ],
            guardrails: [{ metric: "refund", direction: "lowerIsBetter", bound: 0.2 }],
          },
        }],
      },
    },
  }, sdkKey);
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const coverage = async () =>
    (await (await fetch(`${edge.url}/v1/config/${sdkKey}`)).json()).features.search.rules[0].coverage;
  // The controller's first pass serves stage 1 (coverage 10 %) and stores the plan's state.
  await expect.poll(coverage, { timeout: 15000 }).toBe(0.1);
  await expect
    .poll(async () => (await fetch(`${edge.url}/admin/v1/automation/${sdkKey}/${key}`, { headers: admin })).status)
    .toBe(200);

  const w = await watch(page, edge.url);
  await signIn(page, edge.url);
  const card = page.locator("li.experiment").filter({ has: page.getByRole("heading", { name: key, exact: true }) });
  const plan = card.locator(".automation");
  await expect(card.getByText("Rollout plan (run by the edge)")).toBeVisible();
  await expect(plan.locator("table.stages tr.current th")).toHaveText("1 of 3");
  await expect(plan.locator(".plan-state")).toContainText("Serving coverage 10%");
  await expect(plan.locator("table.guardrails")).toContainText("refund (binomial)");
  await expect(plan.getByText(/Audit trail verified in this browser: \d+ records/)).toBeVisible();
  await expect(plan.locator("table.audit tbody tr").first()).toContainText("sync");

  // An action needs a name for the audit trail.
  await plan.getByRole("button", { name: "Pause" }).click();
  await expect(plan.getByRole("alert")).toHaveText("Give your name: it is recorded in the audit trail with the action.");
  await plan.getByLabel("Your name (recorded in the audit trail)").fill("Alice Operator");

  await plan.getByRole("button", { name: "Advance to the next stage" }).click();
  expect(await coverage()).toBe(0.1); // nothing changes before the confirmation
  await plan.getByRole("button", { name: `Confirm: advance to the next stage ${key} for every visitor of ${sdkKey}` }).click();
  await expect(plan.locator("table.stages tr.current th")).toHaveText("2 of 3");
  expect(await coverage()).toBe(0.5);
  await expect(plan.locator("table.audit tbody tr").first()).toContainText("advance");
  await expect(plan.locator("table.audit tbody tr").first()).toContainText("operator:Alice Operator");
  await expect(plan.locator("table.periods tbody tr")).toHaveCount(2);
  await expect(page.getByRole("heading", { name: `SDK key ${sdkKey} — serving v3` })).toBeVisible();
  await card.screenshot({ path: info.outputPath("studio-rollout-plan.png") });

  await plan.getByLabel("Your name (recorded in the audit trail)").fill("Alice Operator");
  await plan.getByRole("button", { name: "Roll back" }).click();
  await plan.getByRole("button", { name: `Confirm: roll back ${key} for every visitor of ${sdkKey}` }).click();
  await expect(plan.locator(".plan-state")).toContainText("finished: rolled back");
  await expect(plan.getByRole("button", { name: "Pause" })).toHaveCount(0);
  expect(await coverage()).toBe(0);

  // The same records the admin route serves.
  const trail = (await (await fetch(`${edge.url}/admin/v1/automation/audit`, { headers: admin })).text())
    .trim().split("\n").map((l) => JSON.parse(l)).filter((r) => r.campaign === sdkKey && r.message_id === key);
  expect(trail.map((r) => r.decision)).toEqual(["sync", "advance", "rollback"]);
  expect(trail[2].actor).toBe("operator:Alice Operator");
  await w.check();
});
