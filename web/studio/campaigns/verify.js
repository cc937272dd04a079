// Verifies an audit trail in the browser with the same core the CLI runs (core/audit's
// verify_json, in the studio's WASM module tailor_stats: _tailor_audit_verify). The module's
// glue is a classic script defining createTailorStats; it is loaded once, from the edge.
const GLUE = new URL("../../sdk/dist/tailor_stats.js", import.meta.url).href;
let modulePromise = null;

function loadModule() {
  if (!modulePromise) {
    modulePromise = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = GLUE;
      script.onload = () => resolve(globalThis.createTailorStats());
      script.onerror = () => reject(new Error(`could not load ${GLUE}`));
      document.head.append(script);
    }).catch((e) => {
      modulePromise = null;
      throw e;
    });
  }
  return modulePromise;
}

function heapString(m, text) {
  const size = m.lengthBytesUTF8(text) + 1;
  const at = m._malloc(size);
  m.stringToUTF8(text, at, size);
  return at;
}

// {ok, format, records, head, badRecord, line, reason} for the trail's text.
export async function verifyTrail(text, format) {
  const m = await loadModule();
  const t = heapString(m, text);
  const f = heapString(m, format);
  try {
    const out = m._tailor_audit_verify(t, f);
    try {
      return JSON.parse(m.UTF8ToString(out));
    } finally {
      m._free(out);
    }
  } finally {
    m._free(t);
    m._free(f);
  }
}
