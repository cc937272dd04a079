// The studio's only way to build DOM: text goes in through textContent, attributes through
// setAttribute, and what could run script is refused (on* attributes, javascript:/data: URLs,
// innerHTML-like properties). Every string from the edge, a file or a person is data.
const SVG_NS = "http://www.w3.org/2000/svg";
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "srcdoc"]);

// A URL is allowed when it is relative to this page, http(s) on any host, or a blob: URL of
// this origin; javascript:, data:, vbscript: and the rest are refused (so is srcdoc, which is a
// whole document).
export function safeUrl(value) {
  const text = String(value);
  if (/^\s*$/.test(text)) return true;
  const url = new URL(text, location.href);
  // A blob: URL this page made (a download the studio built from data it fetched).
  if (url.protocol === "blob:") return new URL(url.pathname).origin === location.origin;
  return url.protocol === "http:" || url.protocol === "https:";
}

function setAttribute(node, name, value) {
  const lower = name.toLowerCase();
  if (lower.startsWith("on")) throw new Error(`dom: refusing event-handler attribute "${name}"`);
  if (lower === "srcdoc" || lower === "style") throw new Error(`dom: refusing attribute "${name}"`);
  if (URL_ATTRIBUTES.has(lower) && !safeUrl(value)) {
    throw new Error(`dom: refusing ${name}=${JSON.stringify(String(value))}: only http(s) and relative URLs`);
  }
  node.setAttribute(name, String(value));
}

function apply(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "on") {
      for (const [event, listener] of Object.entries(value)) node.addEventListener(event, listener);
    } else if (name === "dataset") {
      for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    } else if (name === "value" && "value" in node) {
      node.value = String(value);
    } else if (name === "checked" || name === "selected" || name === "disabled") {
      node[name] = true;
    } else {
      setAttribute(node, name, value === true ? "" : value);
    }
  }
  append(node, children);
  return node;
}

// Appends children: nodes as they are, strings and numbers as text, arrays flattened, null,
// undefined and false skipped.
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// el("button", {type: "button", on: {click}}, "Save"): an HTML element.
export function el(tag, attrs, ...children) {
  return apply(document.createElement(tag), attrs, children);
}

// svg("line", {x1: 0, ...}): an SVG element (charts).
export function svg(tag, attrs, ...children) {
  return apply(document.createElementNS(SVG_NS, tag), attrs, children);
}

// Replaces a node's children.
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

let ids = 0;
// A fresh element id for label/for pairs.
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}
