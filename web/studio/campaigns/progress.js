// A campaign job's progress: the stages done (with their summaries and times), the stage
// running (a progress bar when it counts), the job's notes (warnings, skipped rows).
import { el } from "../dom.js";
import { inJob } from "./state.js";

export function progressView(campaign) {
  const p = campaign.progress;
  if (!p) {
    return el("p", { class: "hint" }, inJob(campaign.state) ? "Waiting for the job to start…" : "No job has reported progress.");
  }
  const stages = p.stages ?? [];
  // The stage running: started, not yet among the finished ones.
  const running = inJob(campaign.state) && p.stage && stages[stages.length - 1]?.stage !== p.stage;
  return el("div", { class: "progress" },
    el("p", {}, `Job: ${campaign.job?.kind ?? p.job ?? "—"}`,
      campaign.job?.attempt > 1 ? ` (attempt ${campaign.job.attempt}: resumed after the edge stopped)` : ""),
    el("ol", { class: "stages" },
      stages.map((s) => el("li", {}, el("strong", {}, s.stage), `: ${s.summary} (${s.seconds} s)`)),
      running
        ? el("li", { "aria-live": "polite" }, el("strong", {}, p.stage), " … ",
            p.total > 0 ? el("progress", { max: String(p.total), value: String(p.done ?? 0), "aria-label": `${p.stage} progress` }) : "",
            p.total > 0 ? ` ${p.done ?? 0} / ${p.total}` : "")
        : null),
    (p.notes ?? []).length
      ? el("details", {}, el("summary", {}, `${p.notes.length} note(s)${p.notesOmitted ? `, ${p.notesOmitted} more not kept` : ""}`),
          el("ul", {}, p.notes.map((n) => el("li", {}, n))))
      : null,
  );
}
