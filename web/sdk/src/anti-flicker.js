// Anti-flicker: hides the elements a decision will change until reveal() is called, and
// always reveals after `timeout` ms, so a slow or failed load never leaves the page hidden.
// Import this module on its own (it does not load wasm) as early as possible in the page.
/** @type {typeof import("../index.d.ts").antiFlicker} */
export function antiFlicker({ selector = "[data-tailor-hide]", timeout = 1000, document: doc = globalThis.document } = {}) {
  if (!doc) return () => {};
  const style = doc.createElement("style");
  style.setAttribute("data-tailor-anti-flicker", "");
  style.textContent = `${selector}{visibility:hidden!important}`;
  (doc.head ?? doc.documentElement).appendChild(style);
  let revealed = false;
  const reveal = () => {
    if (revealed) return;
    revealed = true;
    clearTimeout(timer);
    style.remove();
  };
  const timer = setTimeout(reveal, timeout);
  return reveal;
}
