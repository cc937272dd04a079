// A lift chart as inline SVG (no library): one row per treatment, a dot at the effect and
// whiskers over its interval, a vertical line at zero. Built with DOM calls only.
import { svg } from "./dom.js";

const ROW = 28;
const LEFT = 120;
const WIDTH = 480;
const RIGHT = 16;

export function liftChart(rows, { relative, label }) {
  const usable = rows.filter((r) => Array.isArray(r.ci) && Number.isFinite(r.effect));
  const values = usable.flatMap((r) => [r.ci[0], r.ci[1], r.effect]).concat(0);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-12) (lo -= 1), (hi += 1);
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const x = (v) => LEFT + ((v - lo) / (hi - lo)) * (WIDTH - LEFT - RIGHT);
  const height = ROW * usable.length + 30;
  const fmt = (v) => (relative ? `${(v * 100).toFixed(1)}%` : v.toPrecision(3));
  return svg("svg", {
    class: "chart", viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-label": label,
  },
    svg("title", {}, label),
    svg("line", { x1: x(0), x2: x(0), y1: 0, y2: height - 20, class: "zero" }),
    // Zero, and the ends of the scale where they do not crowd it.
    [lo, 0, hi].filter((v) => v === 0 || Math.abs(x(v) - x(0)) > 90).map((v) =>
      svg("text", { x: x(v), y: height - 6, "text-anchor": v === lo ? "start" : v === hi ? "end" : "middle", class: "axis" }, fmt(v))),
    usable.map((r, i) => {
      const y = ROW * i + ROW / 2;
      const tone = r.ci[0] > 0 ? "up" : r.ci[1] < 0 ? "down" : "flat";
      return svg("g", { class: `row ${tone}` },
        svg("text", { x: LEFT - 8, y: y + 4, "text-anchor": "end", class: "arm" }, r.variant),
        svg("line", { x1: x(r.ci[0]), x2: x(r.ci[1]), y1: y, y2: y, class: "whisker" }),
        svg("line", { x1: x(r.ci[0]), x2: x(r.ci[0]), y1: y - 6, y2: y + 6, class: "whisker" }),
        svg("line", { x1: x(r.ci[1]), x2: x(r.ci[1]), y1: y - 6, y2: y + 6, class: "whisker" }),
        svg("circle", { cx: x(r.effect), cy: y, r: 4, class: "dot" },
          svg("title", {}, `${r.variant}: ${fmt(r.effect)} [${fmt(r.ci[0])}, ${fmt(r.ci[1])}]`)),
      );
    }),
  );
}
