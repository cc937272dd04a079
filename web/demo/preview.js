// The studio's "preview as customer" (web/studio, docs/studio.md): opened as
// ?preview=studio inside a studio frame, a demo page takes its config and the customer's
// attributes from the parent page (same origin only, by postMessage) instead of the edge, and
// decides with them exactly as for a visitor — but with consent denied and no edge, so the
// preview stores nothing and sends no event.
export function previewInput() {
  if (new URLSearchParams(location.search).get("preview") !== "studio") return null;
  if (parent === window) throw new Error("?preview=studio works only inside the Tailor studio");
  return new Promise((resolve) => {
    addEventListener("message", function onMessage(e) {
      if (e.origin !== location.origin || e.source !== parent || e.data?.type !== "tailor-preview") return;
      removeEventListener("message", onMessage);
      resolve({ config: String(e.data.config), attributes: e.data.attributes });
    });
    parent.postMessage({ type: "tailor-preview-ready" }, location.origin);
  });
}
