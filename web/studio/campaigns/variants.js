// Variants per segment (variants.json): each channel's copy as the customer reads it with the
// screening's findings highlighted, the review form with its citations linked to the approved
// source, the screening decision (severity, categories), and for drafts held by screening the
// reviewer's decision (POST /admin/v1/campaigns/{id}/reviews).
import { api } from "../api.js";
import { el, replace, uid } from "../dom.js";

export function variantsView(campaign, variants, reviews, { onChanged }) {
  const sources = new Map((variants.sources ?? []).map((s) => [s.id, s]));
  const bySegment = new Map();
  for (const v of variants.variants) {
    if (!bySegment.has(v.segment)) bySegment.set(v.segment, []);
    bySegment.get(v.segment).push(v);
  }
  const waiting = new Set(campaign.awaitingReview ?? []);
  const decided = new Map(reviews.map((r) => [r.message, r]));
  return el("div", {},
    [...bySegment].map(([segment, list]) => el("section", { class: "card", "aria-label": `Variants for ${segment}` },
      el("h3", {}, segment),
      list.map((v) => el("article", { class: "variant" },
        el("h4", {}, v.strategy.replace("_", " "), " ", el("span", { class: "hint mono" }, v.id)),
        el("div", { class: "copies" }, v.copies.map((c) => copyView(campaign, v, c, sources, waiting, decided, onChanged))),
      )),
    )),
    (variants.dropped ?? []).length
      ? el("section", { class: "card" }, el("h3", {}, "Strategies dropped"),
          el("ul", {}, variants.dropped.map((d) => el("li", {}, `${d.segment} / ${d.strategy}: ${d.reason}`))))
      : null,
    el("section", { class: "card", "aria-label": "Approved sources" }, el("h3", {}, "Approved sources cited"),
      el("ul", { class: "sources" }, [...sources.values()].map((s) => sourceView(s)))),
  );
}

function copyView(campaign, variant, copy, sources, waiting, decided, onChanged) {
  const message = `${variant.id}/${copy.channel}`;
  const s = copy.screening;
  const screened = copy.rendered.subject !== undefined ? `${copy.rendered.subject}\n${copy.rendered.body}` : copy.rendered.body;
  return el("div", { class: `copy decision-${s.decision}` },
    el("h5", {}, copy.channel, " ", el("span", { class: `badge decision ${s.decision}` }, s.decision),
      s.severity ? el("span", { class: "hint" }, ` severity ${s.severity}`) : null,
      s.categories.length ? el("span", { class: "hint" }, ` · ${s.categories.join(", ")}`) : null),
    el("p", { class: "label" }, "As the customer reads it"),
    el("pre", { class: "rendered" }, highlighted(screened, s.findings)),
    s.findings.length
      ? el("ul", { class: "findings" }, s.findings.map((f) => el("li", {},
          el("strong", {}, f.category), ` (severity ${f.severity}): ${f.detail} — “${screened.slice(f.span[0], f.span[1])}”`)))
      : null,
    el("details", {}, el("summary", {}, `Draft with citations (${copy.citations.join(", ") || "none"})`),
      el("pre", { class: "draft" }, withCitations(draftText(copy.draft), sources))),
    waiting.has(message) ? reviewForm(campaign, message, onChanged) : null,
    decided.has(message) ? el("p", { class: "hint" }, reviewWords(decided.get(message))) : null,
  );
}

const draftText = (d) => (d.subject !== undefined ? `Subject: ${d.subject}\n\n${d.body}` : d.body);

function reviewWords(r) {
  return `${r.decision === "approved" ? "Approved" : "Rejected"} by ${r.reviewer} at ${r.ts}${r.reason ? `: ${r.reason}` : ""}`;
}

// The text with each finding's span in a <mark>; overlapping spans are merged.
export function highlighted(text, findings) {
  const spans = findings.map((f) => f.span).filter((s) => Array.isArray(s) && s[1] > s[0]).sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [b, e] of spans) {
    const last = merged[merged.length - 1];
    if (last && b <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([b, e]);
  }
  const parts = [];
  let at = 0;
  for (const [b, e] of merged) {
    parts.push(text.slice(at, b), el("mark", {}, text.slice(b, e)));
    at = e;
  }
  parts.push(text.slice(at));
  return parts;
}

// The draft with each [cN] citation a button that opens its approved source.
function withCitations(text, sources) {
  const parts = [];
  let at = 0;
  for (const m of text.matchAll(/\[(c[\w-]*(?:,\s*c[\w-]*)*)\]/g)) {
    parts.push(text.slice(at, m.index), "[");
    m[1].split(/,\s*/).forEach((id, i) => {
      if (i) parts.push(", ");
      const source = sources.get(id);
      parts.push(source
        ? el("button", { type: "button", class: "cite", title: source.title, "aria-label": `Source ${id}: ${source.title}`,
            on: { click: () => openSource(id) } }, id)
        : id);
    });
    parts.push("]");
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return parts;
}

function openSource(id) {
  const node = document.getElementById(`source-${id}`);
  if (!node) return;
  node.open = true;
  node.scrollIntoView({ block: "center" });
  node.querySelector("summary")?.focus();
}

function sourceView(s) {
  return el("li", {}, el("details", { id: `source-${s.id}` },
    el("summary", {}, el("span", { class: "mono" }, s.id), ` ${s.title}`),
    el("p", {}, s.body),
    el("p", { class: "label" }, "Approved claims"),
    el("ul", {}, s.claims.map((c) => el("li", {}, c))),
    el("p", { class: "hint" }, `File: ${s.file}`),
  ));
}

function reviewForm(campaign, message, onChanged) {
  const reviewerId = uid("reviewer");
  const reasonId = uid("reason");
  const reviewer = el("input", { id: reviewerId, required: true, autocomplete: "name" });
  const reason = el("input", { id: reasonId, size: "40" });
  const error = el("p", { class: "error", role: "alert" });
  const decide = (decision) => async () => {
    replace(error);
    if (!reviewer.value.trim()) {
      replace(error, "Give your name as the reviewer.");
      reviewer.focus();
      return;
    }
    try {
      await api.review(campaign.id, { message, decision, reviewer: reviewer.value.trim(), ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) });
      onChanged();
    } catch (err) {
      replace(error, err.message);
    }
  };
  return el("form", { class: "review inline", "aria-label": `Review ${message}`, on: { submit: (e) => e.preventDefault() } },
    el("strong", {}, "Held for review: "),
    el("label", { for: reviewerId }, "Reviewer"), reviewer,
    el("label", { for: reasonId }, "Reason (optional)"), reason,
    el("button", { type: "button", on: { click: decide("approved") } }, "Approve"),
    el("button", { type: "button", class: "danger", on: { click: decide("rejected") } }, "Reject"),
    error);
}
