// The studio's calls to the edge it is served by: same origin, documented routes only
// (docs/edge-api.md). Admin routes carry the session's token. A failure becomes an ApiError
// whose message is the edge's problem document (title: detail) in plain words.
import { token } from "./session.js";

export class ApiError extends Error {
  constructor(status, problem, fallback) {
    const detail = problem?.detail ?? fallback;
    super(problem?.title ? `${problem.title}: ${detail}` : detail);
    this.status = status;
    this.problem = problem;
  }
}

let refused = () => {};
// Called when the edge refuses the session's token on an admin route (401 or 403).
export function onRefused(listener) {
  refused = listener;
}

export async function request(path, { method = "GET", body, admin = false, quiet = false } = {}) {
  const headers = {};
  if (admin) headers.authorization = `Bearer ${token() ?? ""}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      cache: "no-store",
    });
  } catch (e) {
    throw new ApiError(0, null, `The edge did not answer (${e.message}). Is tailor-edge running?`);
  }
  const text = await response.text();
  if (!response.ok) {
    let problem = null;
    try {
      problem = JSON.parse(text);
    } catch {
      // not a problem document: the status line says what happened
    }
    const error = new ApiError(response.status, problem, `${method} ${path} answered HTTP ${response.status}`);
    if (admin && !quiet && (response.status === 401 || response.status === 403)) refused(error);
    throw error;
  }
  return { text, version: response.headers.get("x-tailor-config-version") };
}

const json = async (promise) => JSON.parse((await promise).text);
const key = (k) => encodeURIComponent(k);

export const api = {
  configs: () => json(request("/admin/v1/configs", { admin: true })),
  // The sign-in check: a refusal is the caller's to explain.
  checkToken: () => json(request("/admin/v1/configs", { admin: true, quiet: true })),
  history: (sdkKey) => json(request(`/admin/v1/configs/${key(sdkKey)}`, { admin: true })),
  rollback: (sdkKey, version) =>
    json(request(`/admin/v1/configs/${key(sdkKey)}/rollback`, { method: "POST", body: { version }, admin: true })),
  // The served config's text (the SDK compiles exactly these bytes) and its version.
  config: (sdkKey) => request(`/v1/config/${key(sdkKey)}`),
  // The experiment controller (docs/experiments.md): one plan's stored state, its trail as JSON
  // lines, and an operator's pause / resume / advance / rollback.
  automation: (sdkKey, experiment) => json(request(`/admin/v1/automation/${key(sdkKey)}/${key(experiment)}`, { admin: true })),
  automationAudit: async () => (await request("/admin/v1/automation/audit", { admin: true })).text,
  operate: (sdkKey, experiment, action, actor) =>
    json(request(`/admin/v1/automation/${key(sdkKey)}/${key(experiment)}/${action}`, { method: "POST", body: { actor }, admin: true })),
  results: (experiment, params) =>
    json(request(`/v1/experiments/${key(experiment)}/results?${new URLSearchParams(params)}`)),
  // Campaigns (docs/edge-api.md "Campaigns").
  campaigns: () => json(request("/admin/v1/campaigns", { admin: true })),
  campaign: (id) => json(request(`/admin/v1/campaigns/${key(id)}`, { admin: true })),
  createCampaign: (body) => json(request("/admin/v1/campaigns", { method: "POST", body, admin: true })),
  // One stored file's text ("out/report.json", "in/customers.csv", ...).
  campaignFile: async (id, name) =>
    (await request(`/admin/v1/campaigns/${key(id)}/files/${name.split("/").map(key).join("/")}`, { admin: true })).text,
  review: (id, body) => json(request(`/admin/v1/campaigns/${key(id)}/reviews`, { method: "POST", body, admin: true })),
  approve: (id, body) => json(request(`/admin/v1/campaigns/${key(id)}/approve`, { method: "POST", body, admin: true })),
  simulate: (id, body) => json(request(`/admin/v1/campaigns/${key(id)}/simulate`, { method: "POST", body, admin: true })),
};
