// A campaign's state in words: a badge, and what happens next (docs/edge-api.md, "States and
// jobs").
import { el } from "../dom.js";

const WORDS = {
  queued: ["Queued", "A job is waiting for the edge's campaign thread."],
  running: ["Running", "The edge is working on it; progress follows below."],
  "awaiting-review": ["Awaiting review", "Screening held drafts for a person: decide each in the review queue below."],
  "awaiting-approval": ["Awaiting approval", "Read the design, then approve it: nothing is simulated, exported or published before."],
  complete: ["Complete", "Approved: the report, the audit trail and the config are ready."],
  failed: ["Failed", "The job stopped with the error shown; start a new campaign with corrected inputs."],
};

export function stateBadge(state) {
  const [label] = WORDS[state] ?? [state];
  return el("span", { class: `badge state-${state}` }, label);
}

export function nextStep(state) {
  return (WORDS[state] ?? [state, ""])[1];
}

export const inJob = (state) => state === "queued" || state === "running";
