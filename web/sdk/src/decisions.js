// Decisions from the compact boundary (CompiledConfig::decide_compact, core/assign/compiled.h):
// the wasm side returns an answer id per feature; answers are parsed once per config into
// frozen objects, so a decision that does not depend on the user's hash is shared, and an
// experiment decision is its answer plus experiment.hashValue and experiment.bucket. (An
// experiment hashing "segments" in a config with segments comes whole from the core, since what
// it hashed is the scores the core computed, not the attributes as passed.)
/** @import { Attributes, Decision } from "../index.d.ts" */
/** @import { Core } from "./wasm.js" */
/** @typedef {{ keys: string[]; answers: Decision[] }} AnswerTable */

/**
 * @template T
 * @param {T} value
 * @returns {T}
 */
function deepFreeze(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// The answer table of the current config: {keys, answers}.
/**
 * @param {Core} core
 * @param {number} handle
 * @returns {AnswerTable}
 */
export function loadTable(core, handle) {
  const keys = JSON.parse(core.output(core.call("tailor_feature_keys", handle)));
  const answers = JSON.parse(core.output(core.call("tailor_answers", handle)));
  for (const a of answers) deepFreeze(a);
  return { keys, answers };
}

// Every feature's decision for the user whose attributes (as wasm sees them: parsed from the
// JSON text that was sent) are `attributes()`.
/**
 * @param {Core} core
 * @param {number} handle
 * @param {AnswerTable} table
 * @param {() => Attributes} attributes
 * @returns {{ [key: string]: Decision }}
 */
export function decideCompact(core, handle, table, attributes) {
  const n = core.call("tailor_decide_compact", handle);
  const interpreted = n > 2 ? JSON.parse(core.output(n)) : null;
  const x = core.exports;
  const buffer = x.memory.buffer;
  const count = table.keys.length;
  const ids = new Int32Array(buffer, x.tailor_compact_answers(), count);
  const buckets = new Float64Array(buffer, x.tailor_compact_buckets(), count);
  /** @type {{ [key: string]: Decision }} */
  const out = {};
  let next = 0;
  /** @type {Attributes | null} */
  let attrs = null;
  for (let i = 0; i < count; i++) {
    const id = ids[i];
    let d;
    if (id < 0) {
      d = interpreted[next++];
    } else {
      d = table.answers[id];
      const e = d.experiment;
      if (e) {
        attrs ??= attributes();
        d = { ...d, experiment: { ...e, hashValue: attrs[String(e.hashAttribute)], bucket: buckets[i] } };
      }
    }
    out[table.keys[i]] = d;
  }
  return out;
}
