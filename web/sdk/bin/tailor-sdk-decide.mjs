#!/usr/bin/env node
// The SDK-module half of the decide protocol (docs/conformance.md, "SDK module differential"):
// JSON-lines requests on stdin, one answer per line on stdout, computed by the module browsers
// download, web/sdk/dist/tailor_sdk.wasm, loaded and called as the SDK does: web/sdk/src/wasm.js
// (Core: compile, instantiate with the SDK's host imports, its number <-> text conversions
// included) and web/sdk/src/decisions.js (the compact decision path of decideAll()). The native
// half is `tailor decide --lines`; the two must answer byte for byte alike.
//
// Request: {"config": C, "attributes"?: A, "sticky"?: S, "explain"?: [featureKey, ...],
//           "events"?: [event, ...], "now"?: epochMs, "take"?: maxEvents}
// Each request is a fresh client (tailor_client_new ... tailor_client_free), called in the
// order createClient() calls it: consent granted, attributes (default {}), config, then
//   features  decideCompact() (sticky bucketing off), JSON.stringify'd: what decideAll() returns
//   decide    tailor_decide_all's JSON text, after tailor_set_sticky(S) when "sticky" is given
//   segments  tailor_segments
//   explain   tailor_explain(key) for each key
//   events    each event JSON.stringify'd into tailor_record_event (its code, or the Error's
//             message), then tailor_flush_due(now), tailor_take_events(take), tailor_event_state
// A failed call answers {"error": message} with the SDK's Error message.
// C, A and S reach the module as the exact bytes of the request line, so a config literal
// such as 1E2 or 4.9e-324 is parsed by the module's host, as a config fetched as text would be.
//
// Test hook (never set in normal runs): TAILOR_SDK_DECIDE_FAULT=format-number makes the host's
// number formatting keep 16 significant digits only, =parse-number makes its parsing one ulp off
// for numbers of 16 or more significant digits; the differential must then report differences
// (docs/conformance.md). The hook wraps the imports the SDK's own wasm.js builds.
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { decideCompact, loadTable } from "../src/decisions.js";
import { Core } from "../src/wasm.js";

const wasmPath = fileURLToPath(new URL("../dist/tailor_sdk.wasm", import.meta.url));
if (!existsSync(wasmPath)) {
  process.stderr.write(`tailor-sdk-decide: ${wasmPath} is missing; build the wasm-release preset first\n`);
  process.exit(2);
}

const fault = process.env.TAILOR_SDK_DECIDE_FAULT;
if (fault) injectFault(fault);
const core = await Core.load(); // the default module, dist/tailor_sdk.wasm, as createClient()

// ---- request lines ---------------------------------------------------------------------------

// The raw text of each top-level member of a JSON object text (already validated by
// JSON.parse); the last occurrence wins, as in JSON.parse.
function memberTexts(text) {
  const members = new Map();
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const skipString = () => {
    for (i++; text[i] !== '"'; i++) if (text[i] === "\\") i++;
    i++;
  };
  const skipValue = () => {
    if (text[i] === '"') return skipString();
    if (text[i] !== "{" && text[i] !== "[") {
      while (i < text.length && !",}] \t\n\r".includes(text[i])) i++;
      return;
    }
    let depth = 0;
    do {
      const c = text[i];
      if (c === '"') {
        skipString();
        continue;
      }
      if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") depth--;
      i++;
    } while (depth > 0);
  };
  ws();
  i++; // {
  for (ws(); text[i] === '"'; ws()) {
    const keyStart = i;
    skipString();
    const key = JSON.parse(text.slice(keyStart, i));
    ws();
    i++; // :
    ws();
    const start = i;
    skipValue();
    members.set(key, text.slice(start, i));
    ws();
    if (text[i] === ",") i++;
  }
  return members;
}

const isIntegerIn = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;

// The request's shape, with the native half's messages (tools/cli/decide_lines.cc).
function checkRequest(r) {
  if (!("config" in r)) return 'field "config" is required';
  if ("explain" in r && !(Array.isArray(r.explain) && r.explain.every((k) => typeof k === "string"))) {
    return 'field "explain" must be an array of feature keys (strings)';
  }
  if ("events" in r && !Array.isArray(r.events)) return 'field "events" must be an array';
  if ("now" in r && !isIntegerIn(r.now, 0, 9e15)) return 'field "now" must be an integer from 0 to 9000000000000000';
  if ("take" in r && !isIntegerIn(r.take, 0, 100000)) return 'field "take" must be an integer from 0 to 100000';
  return null;
}

const errorAnswer = (message) => JSON.stringify({ error: message });

function answer(line, number) {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    request = null;
  }
  if (request === null || typeof request !== "object" || Array.isArray(request)) {
    return errorAnswer(`line ${number}: request must be a JSON object`);
  }
  const problem = checkRequest(request);
  if (problem) return errorAnswer(`line ${number}: ${problem}`);
  const texts = memberTexts(line);
  const attributesText = texts.get("attributes") ?? "{}";

  const x = core.exports;
  const h = x.tailor_client_new();
  try {
    x.tailor_set_consent(h, 1);
    core.call("tailor_set_attributes", h, core.input(attributesText));
    core.call("tailor_set_config", h, core.input(texts.get("config")));
    // decideAll() without sticky bucketing: the answer table and the compact boundary.
    const table = loadTable(core, h);
    const features = decideCompact(core, h, table, () => JSON.parse(attributesText));
    let out = `{"features":${JSON.stringify(features)}`;
    if (texts.has("sticky")) core.call("tailor_set_sticky", h, core.input(texts.get("sticky")));
    out += `,"decide":${core.output(core.call("tailor_decide_all", h))}`;
    out += `,"segments":${core.output(core.call("tailor_segments", h))}`;
    if (request.explain) {
      const traces = request.explain.map((key) => core.output(core.call("tailor_explain", h, core.input(key))));
      out += `,"explain":[${traces.join(",")}]`;
    }
    if (request.events) {
      const recorded = request.events.map((event) => {
        try {
          return String(core.call("tailor_record_event", h, core.input(JSON.stringify(event))));
        } catch (e) {
          return JSON.stringify(e.message);
        }
      });
      const due = x.tailor_flush_due(h, request.now ?? 0) ? "true" : "false";
      const batch = core.output(core.call("tailor_take_events", h, request.take ?? 1000));
      const state = core.output(core.call("tailor_event_state", h));
      out += `,"events":{"recorded":[${recorded.join(",")}],"due":${due},"batch":${batch},"state":${state}}`;
    }
    return out + "}";
  } catch (e) {
    return errorAnswer(e.message);
  } finally {
    x.tailor_client_free(h);
  }
}

// ---- the fault hook ------------------------------------------------------------------------

function nextUp(d) {
  const f = new Float64Array([d]);
  const b = new BigInt64Array(f.buffer);
  b[0] += d >= 0 ? 1n : -1n;
  return f[0];
}

// Wraps the host imports that wasm.js passes to WebAssembly.instantiate.
function injectFault(kind) {
  const wrappers = {
    "format-number": (original) => (d, ptr, capacity) =>
      original(Number.isFinite(d) ? Number(d.toPrecision(16)) : d, ptr, capacity),
    "parse-number": (original) => (ptr, length) => {
      const d = original(ptr, length);
      const digits = String(d).replace(/e.*$/, "").replace(/[-.]/g, "").replace(/^0+/, "");
      return digits.length >= 16 ? nextUp(d) : d;
    },
  };
  const name = { "format-number": "tailor_format_number", "parse-number": "tailor_parse_number" }[kind];
  if (!name) {
    process.stderr.write(`tailor-sdk-decide: unknown TAILOR_SDK_DECIDE_FAULT "${kind}"; valid: format-number, parse-number\n`);
    process.exit(2);
  }
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (module, imports) => {
    if (imports?.env?.[name]) imports.env[name] = wrappers[kind](imports.env[name]);
    return instantiate.call(WebAssembly, module, imports);
  };
}

// ---- main loop -----------------------------------------------------------------------------

let number = 0;
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  process.stdout.write(answer(line, ++number) + "\n");
}
