// Tailor's browser SDK: decisions computed by the C++ core compiled to WebAssembly, with the
// config compiled once and the attributes kept inside wasm between calls. docs/sdk.md is the
// guide; index.d.ts the typed API. The JSDoc types below come from index.d.ts, and
// `tsc -p web/sdk/tsconfig.json` (ctest sdk-types) checks this file against it.
/** @import { Attributes, ClientOptions, Config, Decision, ExplainedDecision, Json, Recorded, StickyBucketStorage, TrackProps, UrlRedirect } from "./index.d.ts" */
/** @import * as Declared from "./index.d.ts" */
/** @typedef {(client: Declared.TailorClient) => void} ChangeListener */
/** @typedef {(error: Error, client: Declared.TailorClient) => void} ErrorListener */
import { decideCompact, loadTable } from "./src/decisions.js";
import { Core } from "./src/wasm.js";
import { Outbox } from "./src/outbox.js";
import { storage } from "./src/storage.js";
import { stickyStorage } from "./src/sticky-storage.js";
import { decryptConfig, hasEncrypted } from "./src/decrypt.js";

export { antiFlicker } from "./src/anti-flicker.js";

/** @type {Recorded[]} */
const RECORDED = ["queued", "noConsent", "duplicate", "capped"];
const STICKY_KEY = "tailor:sticky";
/** @type {Decision} */
const UNKNOWN = Object.freeze({
  value: null,
  on: false,
  source: "unknownFeature",
  ruleId: "",
  reason: "unknownFeature",
});

// The edge could not be asked (network error, timeout, 408/429/5xx): createClient() then
// decides from the cached config or the page's defaults. A config the core rejects is not this.
class EdgeUnavailable extends Error {}
const FALLBACK = Symbol("fallback");
const FIRST_CONSENT = Symbol("first consent");
const NO_CONFIG = '{"features":{}}';

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
  /** @type {ReturnType<typeof setTimeout> | undefined} the erasing createClient() left for later */
  #erasing;
  /** @type {object | null} */
  #sticky = null;
  /** @type {((e: Event) => void) | null} */
  #onHide = null;
  /** @type {string | null} */
  #configText = null;
  /** @type {string | null} the config as the edge served it, before decrypting */
  #servedText = null;
  #pushed = 0;
  /** @type {EventSource | null} */
  #stream = null;
  /** @type {"inline" | "edge" | "cache" | "defaults"} */
  #source = "inline";
  /** @type {StickyBucketStorage} */
  #stickyStore;

  /**
   * @param {Core} core
   * @param {ClientOptions} options
   */
  constructor(core, options) {
    this.#core = core;
    this.#options = options;
    this.#stickyStore = stickyStorage(options.stickyBucketStorage);
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
    this.#source = "inline";
    this.#servedText = null;
    this.#changed();
  }

  /** @returns {"inline" | "edge" | "cache" | "defaults"} */
  get configSource() {
    return this.#source;
  }

  #cacheKey() {
    return `tailor:config:${this.#options.sdkKey}`;
  }

  // A config the edge served is kept in localStorage as served (with consent, like everything
  // stored; encrypted when the edge serves it encrypted), for the next page to decide from when
  // the edge cannot be reached.
  /** @param {string} text */
  #fromEdge(text) {
    this.#source = "edge";
    if (this.#consent) storage.set("local", this.#cacheKey(), text);
  }

  // createClient()'s consent: as setConsent(), erasing a moment later when denied.
  /**
   * @param {TailorClient} client
   * @param {boolean} granted
   */
  static [FIRST_CONSENT](client, granted) {
    client.#setConsent(granted, true);
  }

  // createClient() could not get the first config: decide from the cached one, else from none
  // (every feature unknownFeature, value null: the page shows its defaults). "error" listeners
  // (onError) hear why; subscribe() and refresh() bring the edge's config when it is back.
  // (static: a member of the class, not of its instances' public API)
  /**
   * @param {TailorClient} client
   * @param {Error} error
   */
  static async [FALLBACK](client, error) {
    client.#erasePending();
    const cached = storage.get("local", client.#cacheKey());
    client.#source = "defaults";
    if (cached) {
      try {
        // Kept as served: an encrypted payload stays encrypted in storage.
        client.#compile(await decryptConfig(cached, client.#options.decryptionKey));
        client.#source = "cache";
      } catch {
        storage.remove("local", client.#cacheKey());
      }
    }
    if (client.#source === "defaults") client.#compile(NO_CONFIG);
    if (!client.#rejected(error)) {
      console.warn(`${error.message}; deciding from ${client.#source === "cache" ? "the cached config" : "defaults"}`);
    }
    client.#changed();
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
    const timeoutMs = this.#options.configTimeoutMs ?? 3000;
    const abort = typeof AbortController === "function" ? new AbortController() : null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    /** @type {Promise<never>} */
    const expired = new Promise((_, reject) => {
      timer = setTimeout(() => {
        abort?.abort();
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      /** @type {{ unref?: () => void }} */ (timer).unref?.();
    });
    expired.catch(() => {});
    let response;
    let text = "";
    try {
      // The request createClient() sent while the module compiled, else a new one; either
      // way no longer than configTimeoutMs from here.
      response = await Promise.race([early ?? send(url, { headers, signal: abort?.signal }), expired]);
      if (response.ok && response.status !== 304) text = await Promise.race([response.text(), expired]);
    } catch (e) {
      const why = abort?.signal.aborted ? `no answer within ${timeoutMs} ms` : /** @type {Error} */ (e).message;
      throw new EdgeUnavailable(`tailor: cannot fetch config from ${url}: ${why}`);
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 304) return false;
    const status = `tailor: config request ${url} answered HTTP ${response.status}`;
    if (response.status === 408 || response.status === 429 || response.status >= 500) throw new EdgeUnavailable(status);
    if (!response.ok) throw new Error(status);
    const served = text;
    try {
      this.#compile(await decryptConfig(served, this.#options.decryptionKey));
    } catch (error) {
      this.#rejected(error); // and the caller learns it from the rejection
      throw error;
    }
    this.#servedText = served;
    this.#etag = response.headers.get("etag");
    this.#fromEdge(text);
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
      if (e.data === this.#configText || e.data === this.#servedText) return;
      const pushed = ++this.#pushed;
      /** @param {string} text */
      const apply = (text) => {
        if (pushed !== this.#pushed) return; // a version pushed meanwhile wins over this one
        this.#compile(text);
        this.#servedText = e.data;
        this.#etag = null; // the next refresh() asks for the full document
        this.#fromEdge(e.data);
        this.#changed();
      };
      // A plain config is compiled at once; decrypting (WebCrypto) is asynchronous.
      try {
        if (!hasEncrypted(e.data)) return apply(e.data);
      } catch (error) {
        return this.#report(error);
      }
      decryptConfig(e.data, this.#options.decryptionKey)
        .then(apply)
        .catch((error) => this.#report(error));
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

  // --- sticky bucketing (GrowthBook-compatible documents, options.stickyBucketStorage) -----

  // Loads the stored documents (with consent); documents the core refuses, or that are not
  // JSON, are reported ("error" listeners, else the console) and bucketing starts afresh.
  enableStickyBucketing() {
    let docs = {};
    const saved = this.#consent ? this.#stickyStore.get(STICKY_KEY) : null;
    if (saved) {
      try {
        docs = JSON.parse(saved);
        this.#core.call("tailor_set_sticky", this.#handle, this.#core.input(saved));
      } catch (error) {
        this.#report(new Error(`tailor: stored sticky-bucket documents are unusable and were reset: ${/** @type {Error} */ (error).message}`));
        docs = {};
      }
    }
    this.#sticky = docs && typeof docs === "object" && !Array.isArray(docs) ? docs : {};
    this.#core.call("tailor_set_sticky", this.#handle, this.#core.input(JSON.stringify(this.#sticky)));
    this.#changed();
  }

  /** @param {object} docs */
  #saveSticky(docs) {
    this.#sticky = docs;
    this.#core.call("tailor_set_sticky", this.#handle, this.#core.input(JSON.stringify(docs)));
    if (this.#consent) this.#storeSticky();
  }

  // A storage that refuses (quota, cookie size) keeps the documents for this page only.
  #storeSticky() {
    try {
      this.#stickyStore.set(STICKY_KEY, JSON.stringify(this.#sticky));
    } catch (error) {
      this.#report(error);
    }
  }

  /** @param {unknown} error */
  #report(error) {
    if (!this.#rejected(error)) {
      if (typeof reportError === "function") reportError(error);
      else console.error(error);
    }
  }

  // --- URL-redirect experiments (GrowthBook's redirect auto experiments) -------------------

  // Runs the config's redirect experiments for `url` (default: the page's location.href) as
  // GrowthBook does when it starts: logs an exposure for each redirect experiment the user is
  // enrolled in (the control variation included) and returns the URL to navigate to, with
  // the page's query string merged in when the experiment has persistQueryString; null when
  // the user stays. Does not navigate: createClient() does, with options.navigate.
  /**
   * @param {string} [url]
   * @returns {UrlRedirect}
   */
  urlRedirect(url = globalThis.location?.href) {
    if (typeof url !== "string") throw new TypeError("tailor: urlRedirect(url) needs the page URL (a string)");
    const run = JSON.parse(this.#core.output(this.#core.call("tailor_url_redirect", this.#handle, this.#core.input(url))));
    /** @type {UrlRedirect["experiments"]} */
    const experiments = [];
    for (const { experiment, result, changeType } of run.tracked) {
      if (changeType !== "redirect") continue;
      experiments.push({ key: experiment.key, variationId: result.variationId, variationKey: result.key, inExperiment: result.inExperiment, urlRedirect: result.value?.urlRedirect ?? null });
      this.#record({
        type: "exposure",
        user: String(this.#userId() ?? result.hashValue),
        experiment: String(experiment.key),
        variant: String(result.key),
      });
    }
    return { url: run.redirect || null, experiments };
  }

  // --- consent, events, flushing -----------------------------------------------------------

  get consent() {
    return this.#consent;
  }

  // Denied: nothing is stored or sent, and what is pending or stored is deleted. Granted
  // later: only what happens from then on is recorded (never retro-sent).
  /** @param {boolean} granted */
  setConsent(granted) {
    this.#setConsent(granted, false);
  }

  // Consent denied forgets what is pending and erases what the SDK stored. createClient()
  // erases a moment later (`later`): the first access to the page's storage is one of the
  // slowest steps before a first decision, and nothing reads the storage before the erasing
  // (a grant and the edge-unavailable fallback erase first, see #erasePending).
  /**
   * @param {boolean} granted
   * @param {boolean} later
   */
  #setConsent(granted, later) {
    if (typeof granted !== "boolean") throw new TypeError("tailor: setConsent(granted) needs a boolean");
    this.#consent = granted;
    this.#core.exports.tailor_set_consent(this.#handle, granted ? 1 : 0);
    if (!granted) {
      this.#outbox.forget();
      clearTimeout(this.#timer);
      this.#timer = undefined;
      if (!later) return this.#erase();
      clearTimeout(this.#erasing);
      this.#erasing = setTimeout(() => this.#erase(), 0);
      /** @type {{ unref?: () => void }} */ (this.#erasing).unref?.();
      return;
    }
    this.#erasePending();
    const state = storage.get("session", "tailor:events");
    if (state) {
      try {
        this.#core.call("tailor_restore_event_state", this.#handle, this.#core.input(state));
      } catch {
        storage.remove("session", "tailor:events");
      }
    }
    if (this.#sticky) this.#storeSticky();
    if (this.#outbox.size() > 0) this.#schedule(0);
  }

  #erase() {
    clearTimeout(this.#erasing);
    this.#erasing = undefined;
    this.#outbox.clear();
    this.#stickyStore.remove?.(STICKY_KEY);
    if (this.#options.sdkKey) storage.remove("local", this.#cacheKey());
    storage.remove("session", "tailor:events");
  }

  // Before the storage is read: the erasing createClient() left for later happens now.
  #erasePending() {
    if (this.#erasing !== undefined) this.#erase();
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

// Creates a client. Options: config (object or JSON text) or edgeUrl + sdkKey; decryptionKey
// (encrypted payloads); attributes; consent (default false: nothing stored or sent);
// stickyBucketing and stickyBucketStorage; eventsUrl; subscribe (config updates over SSE from
// the edge); onError (configs from the edge the core rejects); wasm; and for URL-redirect
// experiments url, navigate, disableUrlRedirectExperiments and reveal (anti-flicker).
/**
 * @param {ClientOptions} options
 * @returns {Promise<Declared.TailorClient>}
 */
export async function createClient(options) {
  let navigating = false;
  try {
    return await start(options, () => (navigating = true));
  } finally {
    // The page is shown once it is known to stay, and also when anything failed.
    if (!navigating && typeof options?.reveal === "function") options.reveal();
  }
}

/**
 * @param {ClientOptions} options
 * @param {() => void} navigating called just before navigating away
 * @returns {Promise<Declared.TailorClient>}
 */
async function start(options, navigating) {
  asObject(options, "createClient() options");
  const { config, edgeUrl, sdkKey } = options;
  if (config === undefined && !(edgeUrl && sdkKey)) {
    throw new Error("tailor: createClient() needs `config`, or `edgeUrl` and `sdkKey`");
  }
  if (options.decryptionKey !== undefined && typeof options.decryptionKey !== "string") {
    throw new TypeError(`tailor: createClient() option decryptionKey must be a base64 string, got ${typeof options.decryptionKey}`);
  }
  for (const name of /** @type {const} */ (["onError", "navigate", "reveal"])) {
    if (options[name] !== undefined && typeof options[name] !== "function") {
      throw new TypeError(`tailor: createClient() option ${name} must be a function, got ${typeof options[name]}`);
    }
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
    TailorClient[FIRST_CONSENT](client, options.consent === true);
    if (options.attributes !== undefined) client.setAttributes(options.attributes);
    if (config !== undefined) {
      const text = typeof config === "string" ? config : JSON.stringify(asObject(config, "config"));
      client.setConfig(await decryptConfig(text, options.decryptionKey));
    } else {
      try {
        await client.refresh();
      } catch (e) {
        if (!(e instanceof EdgeUnavailable)) throw e;
        await TailorClient[FALLBACK](client, e);
      }
    }
    if (options.stickyBucketing) client.enableStickyBucketing();
    if (options.subscribe) client.subscribe();
    const url = options.url ?? globalThis.location?.href;
    if (!options.disableUrlRedirectExperiments && typeof url === "string") {
      // A redirect experiment GrowthBook would throw on is reported, and the page stays.
      let target = null;
      try {
        target = client.urlRedirect(url).url;
      } catch (error) {
        if (options.onError) options.onError(/** @type {Error} */ (error), client);
        else if (typeof reportError === "function") reportError(error);
        else console.error(error);
      }
      const navigate = options.navigate ?? (globalThis.location ? (/** @type {string} */ u) => globalThis.location.replace(u) : null);
      if (target !== null && navigate) {
        // The exposures leave by beacon (and stay stored until the edge accepts them), so the
        // navigation need not wait for them; the page stays hidden until it is replaced.
        client.flush({ unloading: true }).catch(() => {});
        navigating();
        navigate(target);
      }
    }
  } catch (e) {
    // Nobody will get this client to destroy it: it must not stay attached to the page.
    client.destroy();
    throw e;
  }
  return client;
}
