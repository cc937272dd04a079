// Follows a campaign's job: GET /admin/v1/campaigns/{id}/progress read with fetch (an
// EventSource cannot send the admin token), one callback per "campaign" event, until the edge
// ends the stream. Falls back to polling GET /admin/v1/campaigns/{id} when the stream breaks,
// retrying while the edge does not answer (it restarts: its job resumes), with `onWaiting`
// told each time.
import { api } from "../api.js";
import { token } from "../session.js";
import { inJob } from "./state.js";

export function follow(id, onCampaign, { signal, onWaiting = () => {} } = {}) {
  return stream(id, onCampaign, signal).catch(() => poll(id, onCampaign, signal, onWaiting));
}

async function stream(id, onCampaign, signal) {
  const response = await fetch(`/admin/v1/campaigns/${encodeURIComponent(id)}/progress`, {
    headers: { authorization: `Bearer ${token() ?? ""}` },
    cache: "no-store",
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`progress stream: HTTP ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let last = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
      if (block.startsWith("event: campaign") && data) {
        last = JSON.parse(data);
        onCampaign(last);
      }
    }
  }
  // The stream ends when the job does; read the final state once more.
  if (!last || inJob(last.state)) onCampaign(await api.campaign(id));
}

async function poll(id, onCampaign, signal, onWaiting) {
  for (;;) {
    if (signal?.aborted) return;
    let doc = null;
    try {
      doc = await api.campaign(id);
    } catch (err) {
      // Not answering (0) or not ready (503): the edge is restarting. Anything else is final.
      if (err.status !== 0 && err.status !== 503) throw err;
      onWaiting(err);
    }
    if (doc) {
      onCampaign(doc);
      if (!inJob(doc.state)) return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
