// The fitted segments (design.json "segmentation"): size, share, means of the numeric columns
// and the most frequent values of the categorical ones; the model's diagnostics.
import { el } from "../dom.js";

const fmt = (v) => (typeof v === "number" ? Number(v.toPrecision(4)).toLocaleString("en") : String(v));

export function segmentsView(design) {
  const seg = design.segmentation;
  if (!seg) return el("p", { class: "empty" }, "The design has no segmentation.");
  const columns = [...new Set(seg.segments.flatMap((s) => Object.keys(s.means ?? {})))];
  const silhouette = seg.diagnostics?.silhouette;
  return el("div", {},
    el("p", {}, `Method: ${seg.method}. `, typeof silhouette === "number" ? `Mean silhouette ${fmt(silhouette)}.` : ""),
    el("table", { class: "segment-table" },
      el("caption", {}, "Segment profiles: size and means"),
      el("thead", {}, el("tr", {}, ["Segment", "Customers", "Share", ...columns].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, seg.segments.map((s) => el("tr", {},
        el("th", { scope: "row" }, s.name),
        el("td", {}, fmt(s.size)),
        el("td", {}, `${(s.share * 100).toFixed(1)}%`),
        columns.map((c) => el("td", {}, s.means?.[c] === undefined ? "—" : fmt(s.means[c]))),
      )))),
    el("div", { class: "tops" }, seg.segments.map((s) => el("div", { class: "card" },
      el("h4", {}, s.name),
      el("dl", { class: "segments" }, Object.entries(s.top ?? {}).flatMap(([column, values]) => [
        el("dt", {}, column),
        el("dd", {}, values.map((v) => `${v.value} (${v.count})`).join(", ")),
      ])),
    ))),
  );
}
