// Anti-flicker: hides the elements a decision will change until reveal() is called, and
// always reveals after `timeout` ms, so a slow or failed load never leaves the page hidden.
// Import this module on its own (it does not load wasm) as early as possible in the page.
// A module script runs after the page is parsed, and a browser may paint before that: where
// nothing of the original may ever show (a URL-redirect experiment), the page puts the hiding
// style in its <head> itself, render-blocking, as a <style data-tailor-anti-flicker> element
// (docs/sdk.md gives one whose CSS animation also reveals without any script), and
// antiFlicker() adopts that element instead of adding its own.
/** @type {typeof import("../index.d.ts").antiFlicker} */
export function antiFlicker({ selector = "[data-tailor-hide]", timeout = 1000, document: doc = globalThis.document } = {}) {
  if (!doc) return () => {};
  let style = doc.querySelector("style[data-tailor-anti-flicker]");
  if (!style) {
    style = doc.createElement("style");
    style.setAttribute("data-tailor-anti-flicker", "");
    style.textContent = `${selector}{visibility:hidden!important}`;
    (doc.head ?? doc.documentElement).appendChild(style);
  }
  const hiding = style;
  let revealed = false;
  const reveal = () => {
    if (revealed) return;
    revealed = true;
    clearTimeout(timer);
    hiding.remove();
  };
  const timer = setTimeout(reveal, timeout);
  return reveal;
}
