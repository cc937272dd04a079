// Tailor's browser SDK: decisions computed by the C++ core compiled to WebAssembly, with the
// config compiled once and the attributes kept inside wasm between calls. docs/sdk.md is the
// guide; index.d.ts the typed API. The JSDoc types below come from index.d.ts, and
// `tsc -p web/sdk/tsconfig.json` (ctest sdk-types) checks this file against it.
/** @import { Attributes, ClientOptions, Config, Decision, ExplainedDecision, Json, Recorded, TrackProps } from "./index.d.ts" */
/** @import * as Declared from "./index.d.ts" */
/** @typedef {(client: Declared.TailorClient) => void} ChangeListener */
/** @typedef {(error: Error, client: Declared.TailorClient) => void} ErrorListener */
import { decideCompact, loadTable } from "./src/decisions.js";
import { Core } from "./src/wasm.js";
import { Outbox } from "./src/outbox.js";
import { storage } from "./src/storage.js";

export { antiFlicker } from "./src/anti-flicker.js";

/** @type {Recorded[]} */
const RECORDED = ["queued", "noConsent", "duplicate", "capped"];
/** @type {Decision} */
const UNKNOWN = Object.freeze({
  value: null,
  on: false,
  source: "unknownFeature",
  ruleId: "",
  reason: "unknownFeature",
});

function newId() {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * @template T
 * @param {T} value
 * @param {string} what
 * @returns {T}
 */
function asObject(value, what) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`tailor: ${what} must be an object, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}`);
  }
  return value;
}

// The config request createClient() sends while the wasm module compiles (by the client's
// options object); the client's first refresh() answers from it instead of asking again.
/** @type {WeakMap<ClientOptions, Promise<Response>>} */
const earlyConfig = new WeakMap();

/** @param {ClientOptions} options */
function configRequest(options) {
  const url = `${String(options.edgeUrl).replace(/\/$/, "")}/v1/config/${encodeURIComponent(String(options.sdkKey))}`;
  return { url, fetch: options.fetch ?? fetch };
}

export class TailorClient {
  /** @type {Core} */
  #core;
  /** @type {number} */
  #handle;
  /** @type {ClientOptions} */
  #options;
  /** @type {Attributes} */
  #attributes = {};
  #attributesText = "{}";
  /** @type {Attributes | null} the attributes as wasm parsed them (#attributesText) */
  #wire = null;
  /** @type {import("./src/decisions.js").AnswerTable | null} */
  #table = null;
  /** @type {{ [key: string]: Decision } | null} */
  #decisions = null;
  /** @type {{ change: Set<ChangeListener>; error: Set<ErrorListener> }} */
  #listeners = { change: new Set(), error: new Set() };
  #consent = false;
  /** @type {string | null} */
  #etag = null;
  /** @type {Outbox} */
  #outbox;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #timer;
  /** @type {object | null} */
  #sticky = null;
  /** @type {((e: Event) => void) | null} */
  #onHide = null;
  /** @type {string | null} */
  #configText = null;
  /** @type {EventSource | null} */
  #stream = null;

  /**
   * @param {Core} core
   * @param {ClientOptions} options
   */
  constructor(core, options) {
    this.#core = core;
    this.#options = options;
    this.#handle = core.exports.tailor_client_new();
    this.#outbox = new Outbox({
      key: `tailor:outbox:${options.sdkKey ?? "inline"}`,
      url: options.eventsUrl ?? (options.edgeUrl ? `${options.edgeUrl.replace(/\/$/, "")}/v1/events` : null),
      sdkKey: options.sdkKey ?? "",
      fetch: options.fetch,
    });
    if (options.onError) this.#listeners.error.add(options.onError);
    if (typeof addEventListener === "function" && typeof document !== "undefined") {
      const onHide = (/** @type {Event} */ e) => {
        if (e.type === "pagehide" || document.visibilityState === "hidden") this.flush({ unloading: true });
      };
      this.#onHide = onHide;
      addEventListener("pagehide", onHide);
      document.addEventListener("visibilitychange", onHide);
    }
  }

  // --- config and attributes -------------------------------------------------------------

  /** @param {Config | string} config */
  setConfig(config) {
    const text = typeof config === "string" ? config : JSON.stringify(asObject(config, "config"));
    this.#compile(text);
    this.#changed();
  }

  // Makes `text` the config in use, or throws the core's message (naming the field) and keeps
  // the config in use.
  /** @param {string} text */
  #compile(text) {
    this.#core.call("tailor_set_config", this.#handle, this.#core.input(text));
    this.#configText = text;
    this.#table = null;
  }

  // A config from the edge that the core rejected: "error" listeners (and onError) hear of it.
  // Returns false when nobody listens.
  /** @param {unknown} error */
  #rejected(error) {
    const e = error instanceof Error ? error : new Error(String(error));
    for (const listener of this.#listeners.error) listener(e, this);
    return this.#listeners.error.size > 0;
  }

  async refresh() {
    const { edgeUrl, sdkKey } = this.#options;
    if (!edgeUrl || !sdkKey) throw new Error("tailor: refresh() needs edgeUrl and sdkKey");
    const { url, fetch: send } = configRequest(this.#options);
    /** @type {Record<string, string>} */
    const headers = this.#etag ? { "if-none-match": this.#etag } : {};
    const early = earlyConfig.get(this.#options);
    earlyConfig.delete(this.#options);
    let response;
    try {
      response = await (early ?? send(url, { headers }));
    } catch (e) {
      throw new Error(`tailor: cannot fetch config from ${url}: ${/** @type {Error} */ (e).message}`);
    }
    if (response.status === 304) return false;
    if (!response.ok) throw new Error(`tailor: config request ${url} answered HTTP ${response.status}`);
    const text = await response.text();
    try {
      this.#compile(text);
    } catch (error) {
      this.#rejected(error); // and the caller learns it from the rejection
      throw error;
    }
    this.#etag = response.headers.get("etag");
    this.#changed();
    return true;
  }

  // Config updates pushed by the edge (GET {edgeUrl}/v1/config/{sdkKey}/stream, Server-Sent
  // Events): each new version is compiled and emits "change". The stream's first event is the
  // version being served, skipped when it is the config already in use. EventSource reconnects
  // by itself (Last-Event-ID). A version the core rejects leaves the current config and is
  // reported: to "error" listeners (onError), or without any to reportError (the console).
  // The edge validates before publishing, but the edge and this SDK can be different versions.
  subscribe() {
    const { edgeUrl, sdkKey } = this.#options;
    if (!edgeUrl || !sdkKey) throw new Error("tailor: subscribe needs edgeUrl and sdkKey");
    const Source = this.#options.EventSource ?? globalThis.EventSource;
    if (typeof Source !== "function") throw new Error("tailor: subscribe needs EventSource (pass options.EventSource)");
    if (this.#stream) return;
    const url = `${edgeUrl.replace(/\/$/, "")}/v1/config/${encodeURIComponent(sdkKey)}/stream`;
    this.#stream = new Source(url);
    this.#stream.addEventListener("config", (e) => {
      if (e.data === this.#configText) return;
      try {
        this.#compile(e.data);
      } catch (error) {
        if (!this.#rejected(error)) {
          if (typeof reportError === "function") reportError(error);
          else console.error(error);
        }
        return;
      }
      this.#etag = null; // the next refresh() asks for the full document
      this.#changed();
    });
  }

  unsubscribe() {
    this.#stream?.close();
    this.#stream = null;
  }

  /** @returns {Attributes} */
  get attributes() {
    return this.#attributes;
  }

  /** @param {Attributes} attributes */
  setAttributes(attributes) {
    const text = JSON.stringify(asObject(attributes, "attributes"));
    this.#core.call("tailor_set_attributes", this.#handle, this.#core.input(text));
    this.#attributes = attributes;
    this.#attributesText = text;
    this.#wire = null;
    this.#changed();
  }

  // --- decisions ---------------------------------------------------------------------------

  // Every feature's decision, keyed by feature. The object is shared until the next change:
  // treat it as read-only. Logs no exposure (use decide(key) when a decision is shown).
  /** @returns {{ readonly [key: string]: Decision }} */
  decideAll() {
    if (this.#decisions !== null) return this.#decisions;
    if (this.#sticky) {
      // Sticky documents thread through every decision: the full JSON answer carries them.
      const all = JSON.parse(this.#core.output(this.#core.call("tailor_decide_all", this.#handle)));
      if (all.stickyBucketAssignmentDocs) this.#saveSticky(all.stickyBucketAssignmentDocs);
      this.#decisions = /** @type {{ [key: string]: Decision }} */ (all.features);
    } else {
      this.#table ??= loadTable(this.#core, this.#handle);
      this.#decisions = decideCompact(this.#core, this.#handle, this.#table, () =>
        (this.#wire ??= JSON.parse(this.#attributesText)),
      );
    }
    return this.#decisions;
  }

  // One feature's decision; logs an exposure the first time this user is in its experiment.
  /**
   * @template {Json} [T=Json]
   * @param {string} key
   * @returns {Decision<T>}
   */
  decide(key) {
    if (typeof key !== "string") throw new TypeError("tailor: decide(key) needs a feature key string");
    const d = /** @type {Decision<T> | undefined} */ (this.decideAll()[key]);
    if (!d) return /** @type {Decision<T>} */ (UNKNOWN);
    if (d.experiment?.inExperiment) {
      this.#record({
        type: "exposure",
        // The user is the pseudonymous id, as for track(), so the edge joins exposures with
        // conversions; the hash value stands in only when there is no id attribute.
        user: String(this.#userId() ?? d.experiment.hashValue),
        experiment: d.experiment.key,
        variant: String(d.experiment.variationKey),
      });
    }
    return d;
  }

  // One feature's decision with its rule trace (docs/config.md "Explain"): why each earlier
  // rule was skipped and what decided. For previews: evaluated by the interpreter on every
  // call, logs no exposure, leaves sticky documents as they are.
  /**
   * @template {Json} [T=Json]
   * @param {string} key
   * @returns {ExplainedDecision<T>}
   */
  explain(key) {
    if (typeof key !== "string") throw new TypeError("tailor: explain(key) needs a feature key string");
    return JSON.parse(this.#core.output(this.#core.call("tailor_explain", this.#handle, this.#core.input(key))));
  }

  // The user's segments under the current config ({key: value}; docs/sdk.md "Segments").
  /** @returns {{ [key: string]: Json }} */
  segments() {
    return JSON.parse(this.#core.output(this.#core.call("tailor_segments", this.#handle)));
  }

  /**
   * @overload
   * @param {"change"} event
   * @param {ChangeListener} listener
   * @returns {() => void}
   */
  /**
   * @overload
   * @param {"error"} event
   * @param {ErrorListener} listener
   * @returns {() => void}
   */
  /**
   * @param {"change" | "error"} event
   * @param {ChangeListener | ErrorListener} listener
   * @returns {() => void}
   */
  on(event, listener) {
    if (event !== "change" && event !== "error") {
      throw new Error(`tailor: unknown event "${event}", expected "change" or "error"`);
    }
    if (typeof listener !== "function") throw new TypeError("tailor: on() needs a function");
    /** @type {Set<ChangeListener | ErrorListener>} */
    const listeners = this.#listeners[event];
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }

  #changed() {
    this.#decisions = null;
    for (const listener of this.#listeners.change) listener(this);
  }

  // --- sticky bucketing (GrowthBook-compatible documents in localStorage) ------------------

  enableStickyBucketing() {
    const saved = this.#consent ? storage.get("local", "tailor:sticky") : null;
    this.#sticky = saved ? JSON.parse(saved) : {};
    this.#core.call("tailor_set_sticky", this.#handle, this.#core.input(JSON.stringify(this.#sticky)));
    this.#changed();
  }

  /** @param {object} docs */
  #saveSticky(docs) {
    this.#sticky = docs;
    this.#core.call("tailor_set_sticky", this.#handle, this.#core.input(JSON.stringify(docs)));
    if (this.#consent) storage.set("local", "tailor:sticky", JSON.stringify(docs));
  }

  // --- consent, events, flushing -----------------------------------------------------------

  get consent() {
    return this.#consent;
  }

  // Denied: nothing is stored or sent, and what is pending or stored is deleted. Granted
  // later: only what happens from then on is recorded (never retro-sent).
  /** @param {boolean} granted */
  setConsent(granted) {
    if (typeof granted !== "boolean") throw new TypeError("tailor: setConsent(granted) needs a boolean");
    this.#consent = granted;
    this.#core.exports.tailor_set_consent(this.#handle, granted ? 1 : 0);
    if (!granted) {
      this.#outbox.clear();
      storage.remove("local", "tailor:sticky");
      storage.remove("session", "tailor:events");
      clearTimeout(this.#timer);
      this.#timer = undefined;
      return;
    }
    const state = storage.get("session", "tailor:events");
    if (state) {
      try {
        this.#core.call("tailor_restore_event_state", this.#handle, this.#core.input(state));
      } catch {
        storage.remove("session", "tailor:events");
      }
    }
    if (this.#sticky) storage.set("local", "tailor:sticky", JSON.stringify(this.#sticky));
    if (this.#outbox.size() > 0) this.#schedule(0);
  }

  #userId() {
    const id = this.#attributes.id;
    return id === undefined || id === null || id === "" ? null : String(id);
  }

  /**
   * @param {string} name
   * @param {TrackProps} [props]
   * @returns {Recorded}
   */
  track(name, props = {}) {
    if (typeof name !== "string" || !name) throw new TypeError("tailor: track(name) needs a non-empty string");
    asObject(props, "track() props");
    const user = this.#userId();
    if (user === null) {
      throw new Error("tailor: track() needs an \"id\" attribute (a pseudonymous user id)");
    }
    /** @type {{ type: string; user: string; name: string; value?: number; attributes?: { [name: string]: Json } }} */
    const event = { type: props.type ?? "custom", user, name };
    if (props.value !== undefined) event.value = props.value;
    if (props.attributes !== undefined) event.attributes = props.attributes;
    return this.#record(event);
  }

  /**
   * @param {{ type: string; user: string; [field: string]: unknown }} fields the event without id and ts
   * @returns {Recorded}
   */
  #record(fields) {
    const event = { id: newId(), ts: Date.now(), ...fields };
    const code = this.#core.call("tailor_record_event", this.#handle, this.#core.input(JSON.stringify(event)));
    if (code === 0) {
      storage.set("session", "tailor:events", this.#state());
      if (this.#core.exports.tailor_flush_due(this.#handle, Date.now())) this.#schedule(0);
      else this.#schedule(this.#options.flushIntervalMs ?? 1000);
    }
    return RECORDED[code];
  }

  #state() {
    return this.#core.output(this.#core.call("tailor_event_state", this.#handle));
  }

  /** @param {number} ms */
  #schedule(ms) {
    if (!this.#consent || (this.#timer && ms > 0)) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch(() => {});
    }, ms);
    // Under node a timer is an object: a pending flush must not keep the process alive.
    /** @type {{ unref?: () => void }} */ (this.#timer).unref?.();
  }

  // Sends every waiting event (and retries stored ones that are due). Resolves when done;
  // failures stay stored (with backoff) for the next flush or the next page.
  /** @param {{ unloading?: boolean }} [options] */
  async flush({ unloading = false } = {}) {
    if (!this.#consent) return;
    const n = this.#core.call("tailor_take_events", this.#handle, 1000);
    const events = JSON.parse(this.#core.output(n));
    if (events.length) this.#outbox.add(events);
    await this.#outbox.send({ unloading, now: Date.now() });
    if (this.#outbox.size() > 0 && !unloading) this.#schedule(this.#outbox.nextDelay(Date.now()));
  }

  pendingEvents() {
    return this.#core.exports.tailor_pending_events(this.#handle) + this.#outbox.size();
  }

  destroy() {
    this.unsubscribe();
    clearTimeout(this.#timer);
    if (this.#onHide) {
      removeEventListener("pagehide", this.#onHide);
      document.removeEventListener("visibilitychange", this.#onHide);
    }
    this.#listeners.change.clear();
    this.#listeners.error.clear();
    this.#core.exports.tailor_client_free(this.#handle);
  }
}

// Creates a client. Options: config (object or JSON text) or edgeUrl + sdkKey; attributes;
// consent (default false: nothing stored or sent); stickyBucketing; eventsUrl; subscribe (config
// updates over SSE from the edge); onError (configs from the edge the core rejects); wasm.
/**
 * @param {ClientOptions} options
 * @returns {Promise<Declared.TailorClient>}
 */
export async function createClient(options) {
  asObject(options, "createClient() options");
  const { config, edgeUrl, sdkKey } = options;
  if (config === undefined && !(edgeUrl && sdkKey)) {
    throw new Error("tailor: createClient() needs `config`, or `edgeUrl` and `sdkKey`");
  }
  if (options.onError !== undefined && typeof options.onError !== "function") {
    throw new TypeError(`tailor: createClient() option onError must be a function, got ${typeof options.onError}`);
  }
  if (config === undefined) {
    // Fetch the config while the module compiles; refresh() below reports a failure.
    const { url, fetch: send } = configRequest(options);
    const early = new Promise((resolve) => resolve(send(url, { headers: {} })));
    early.catch(() => {});
    earlyConfig.set(options, early);
  }
  const core = await Core.load(options.wasm);
  const client = new TailorClient(core, options);
  try {
    client.setConsent(options.consent === true);
    if (options.attributes !== undefined) client.setAttributes(options.attributes);
    if (config !== undefined) client.setConfig(config);
    else await client.refresh();
    if (options.stickyBucketing) client.enableStickyBucketing();
    if (options.subscribe) client.subscribe();
  } catch (e) {
    // Nobody will get this client to destroy it: it must not stay attached to the page.
    client.destroy();
    throw e;
  }
  return client;
}
