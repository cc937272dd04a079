// Hand-written types of Tailor's browser SDK (index.js). docs/sdk.md explains each call.

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The user's attributes: targeting conditions and hashing read them. */
export type Attributes = { [name: string]: Json };

/** A GrowthBook-compatible payload plus Tailor's optional `events` settings. */
export interface Config {
  features?: { [key: string]: unknown };
  experiments?: unknown[];
  savedGroups?: { [id: string]: unknown };
  /** GrowthBook's contextual bandits: {ref: {banditVersion, contexts: [{leafId, condition, weights}]}}. */
  contextualBandits?: { [ref: string]: unknown };
  /** GrowthBook's encrypted payload members ("<iv base64>.<ciphertext base64>"), decrypted with the decryptionKey option. */
  encryptedFeatures?: string;
  encryptedExperiments?: string;
  encryptedSavedGroups?: string;
  encryptedContextualBandits?: string;
  /** core/segment/segments.h: rule, rfm, kmeans and logistic segments, readable in conditions as "segments.<key>". */
  segments?: Array<{ key: string; type: "rule" | "rfm" | "kmeans" | "logistic"; [field: string]: unknown }>;
  events?: {
    batchSize?: number;
    flushIntervalMs?: number;
    maxPending?: number;
    frequencyCaps?: Array<
      | { experiment: string; max: number; windowMs: number }
      | { event: string; max: number; windowMs: number }
    >;
  };
  [extension: string]: unknown;
}

/** The experiment a decision came from, when an experiment rule decided it. */
export interface ExperimentAssignment {
  key: string;
  variationId: number;
  variationKey: string;
  inExperiment: boolean;
  hashAttribute: string;
  /** The value hashed: the attribute named hashAttribute; in a config with segments, "segments" is the user's scores ({segmentKey: score}), not what the page passed. */
  hashValue: Json;
  bucket?: number;
  /** Contextual bandits: the leaf (of config contextualBandits[ref].contexts) whose weights the user was bucketed on; -1 when no leaf matched and the rule's own weights were used. */
  leafId?: Json;
  /** Contextual bandits: the weights the user was bucketed on. */
  variationWeights?: Json;
  /** Contextual bandits: the bandit's banditVersion. */
  banditVersion?: Json;
}

/** One feature's decision (core/assign/decide.h). */
export interface Decision<T extends Json = Json> {
  value: T;
  on: boolean;
  /** "defaultValue" | "force" | "experiment" | "unknownFeature" | "prerequisite" | ... */
  source: string;
  ruleId: string;
  reason: string;
  experiment?: ExperimentAssignment;
  /** Present when the config could not be evaluated for this feature. */
  error?: string;
}

/** One rule's outcome in a feature's rule trace (docs/config.md "Explain"). */
export interface RuleStep {
  /** The rule's id; null when it has none, and for the steps that are not a rule. */
  ruleId: Json;
  /** The rule's index in the feature's rules; null for "defaultValue", "override", ... */
  index: number | null;
  /** "applied" | "prerequisiteFailed" | "filteredOut" | "conditionFailed" | "notInRollout" |
   * "missingHashAttribute" | "invalidHashVersion" | "invalidRule" | "experimentNotEnrolled" |
   * "passthrough" | "blockedByPrerequisite" | "cyclicPrerequisite" | "defaultValue" |
   * "override" | "unknownFeature" | "invalidConfig" */
  outcome: string;
  /** Experiment rules: the experiment's reason ("assigned", "notInCoverage", ...). */
  experimentReason?: string;
  /** Prerequisite outcomes: the parent feature's id. */
  prerequisite?: Json;
}

/** A decision with the rules that led to it, in order, up to the one that decided. */
export interface ExplainedDecision<T extends Json = Json> extends Decision<T> {
  trace: RuleStep[];
}

/**
 * createClient()'s options: an inline `config`, or `edgeUrl` + `sdkKey` to fetch it from the
 * edge. With both, the inline config is used, events go to the edge and `subscribe` follows
 * its config updates.
 */
export type ClientOptions = ClientSettings &
  (
    | {
        /** Inline config (object or JSON text). */
        config: Config | string;
        edgeUrl?: string;
        sdkKey?: string;
      }
    | {
        config?: undefined;
        /** The Tailor edge: config from GET {edgeUrl}/v1/config/{sdkKey}, events to POST {edgeUrl}/v1/events. */
        edgeUrl: string;
        sdkKey: string;
      }
  );

/** Where sticky-bucket documents are kept between page loads (only while consent is granted). */
export interface StickyBucketStorage {
  /** The stored text for `key`, or null. */
  get(key: string): string | null;
  /** Stores `value` (JSON text) under `key`; may throw (the error goes to "error" listeners, and the documents stay for this page). */
  set(key: string, value: string): void;
  /** Deletes `key` (called when consent is denied). */
  remove?(key: string): void;
}

/** What the config's URL-redirect experiments decided for a page URL (urlRedirect()). */
export interface UrlRedirect {
  /** Where to go (the variation's urlRedirect, with the page's query string merged in when the experiment has persistQueryString); null: stay. */
  url: string | null;
  /** The redirect experiments the user was enrolled in, in config order (each logged an exposure). */
  experiments: Array<{ key: Json; variationId: number; variationKey: Json; inExperiment: boolean; urlRedirect: Json }>;
}

/** The options createClient() takes besides where the config comes from. */
export interface ClientSettings {
  /** Base64 key (GrowthBook's decryptionKey) for configs with encryptedFeatures, encryptedExperiments, encryptedSavedGroups or encryptedContextualBandits. */
  decryptionKey?: string;
  /** Where events go instead of {edgeUrl}/v1/events. Without either, events are not sent. */
  eventsUrl?: string;
  attributes?: Attributes;
  /** Default false: nothing is stored or sent until consent is granted. */
  consent?: boolean;
  /** GrowthBook-compatible sticky-bucket documents kept in stickyBucketStorage (with consent). */
  stickyBucketing?: boolean;
  /** Where sticky-bucket documents are kept: "localStorage" (default), "cookie" (one first-party cookie, at most 4,000 bytes encoded) or your own storage. */
  stickyBucketStorage?: "localStorage" | "cookie" | StickyBucketStorage;
  /** The page URL the redirect experiments are decided for (default: location.href in a page; without either, none run). */
  url?: string;
  /** Called with the URL a redirect experiment sends the user to (default in a page: location.replace). Not called when the user stays. */
  navigate?: (url: string) => void;
  /** Do not run URL-redirect experiments in createClient(). */
  disableUrlRedirectExperiments?: boolean;
  /** Called once createClient() has decided that the page stays (no redirect), or failed: pass antiFlicker()'s reveal so the page is shown only then. */
  reveal?: () => void;
  /** Delay before queued events are sent, in ms (default 1000); config events.batchSize also triggers. */
  flushIntervalMs?: number;
  /** The wasm module: a URL (default: dist/tailor_sdk.wasm next to the SDK), bytes or a compiled Module. */
  wasm?: string | URL | BufferSource | WebAssembly.Module;
  /** fetch to use (default: globalThis.fetch). */
  fetch?: typeof fetch;
  /**
   * With edgeUrl + sdkKey: how long a config request may take, in ms (default 3000). When the
   * edge cannot be asked (network error, this timeout, HTTP 408, 429 or 5xx), createClient()
   * still resolves: it decides from the config the edge served last (kept in localStorage,
   * with consent) or, without one, from no config (every feature "unknownFeature", value null,
   * so the page shows its own defaults); onError and "error" listeners hear why, and
   * subscribe (or a later refresh()) brings the edge's config once it answers.
   */
  configTimeoutMs?: number;
  /**
   * With edgeUrl + sdkKey: follow config updates over Server-Sent Events
   * (GET {edgeUrl}/v1/config/{sdkKey}/stream). Each new version is compiled and emits "change";
   * one the core rejects emits "error" (see onError) and the config in use stays.
   */
  subscribe?: boolean;
  /** EventSource to use for subscribe (default: globalThis.EventSource). */
  EventSource?: { new (url: string): EventSource };
  /**
   * Called with each config from the edge that the core rejects, pushed over the stream or
   * fetched (refresh(), which also rejects with it): the Error's message is the core's, naming
   * the field. The config in use stays. Registered before the first fetch, so it also hears of
   * a rejected first config (createClient() then rejects with it).
   */
  onError?: (error: Error, client: TailorClient) => void;
}

export interface TrackProps {
  /** Default "custom". */
  type?: "custom" | "conversion";
  value?: number;
  attributes?: { [name: string]: Json };
}

/** What happened to a recorded event. */
export type Recorded = "queued" | "noConsent" | "duplicate" | "capped";

export declare class TailorClient {
  private constructor();
  readonly attributes: Attributes;
  readonly consent: boolean;
  /**
   * Where the config in use came from: "inline" (config option, setConfig), "edge" (fetched
   * or pushed), "cache" (the edge was unavailable: its last config, from localStorage),
   * "defaults" (the edge was unavailable and nothing was cached: no features).
   */
  readonly configSource: "inline" | "edge" | "cache" | "defaults";
  setConfig(config: Config | string): void;
  /**
   * Fetches the config from the edge (ETag-aware). Resolves true when it changed; a config the
   * core rejects emits "error" and rejects with the same Error, and the config in use stays.
   */
  refresh(): Promise<boolean>;
  /** Replaces the attributes (they are parsed once and kept inside wasm). */
  setAttributes(attributes: Attributes): void;
  /** Every feature's decision. Shared until the next change: treat as read-only. No exposures. */
  decideAll(): { readonly [key: string]: Decision };
  /** One feature's decision; logs the exposure (once per user x experiment per session). */
  decide<T extends Json = Json>(key: string): Decision<T>;
  /** One feature's decision with its rule trace, for previews (interpreted each call; no exposure). */
  explain<T extends Json = Json>(key: string): ExplainedDecision<T>;
  /** The user's segments: rule -> boolean, rfm -> {r, f, m, score}, kmeans -> centroid name, logistic -> probability; null when an input is missing. */
  segments(): { [key: string]: Json };
  /** After attributes or config change. Returns a function that removes the listener. */
  on(event: "change", listener: (client: TailorClient) => void): () => void;
  /**
   * A config from the edge (stream or refresh()) was rejected by the core; the config in use
   * stays. Without "error" listeners, a rejected pushed config goes to reportError (the console).
   */
  on(event: "error", listener: (error: Error, client: TailorClient) => void): () => void;
  /** Follows config updates from the edge over SSE (as the subscribe option); needs edgeUrl + sdkKey. */
  subscribe(): void;
  /** Closes the config stream (destroy() does too). */
  unsubscribe(): void;
  enableStickyBucketing(): void;
  /** Runs the redirect experiments for `url` (default location.href), logging their exposures; does not navigate. */
  urlRedirect(url?: string): UrlRedirect;
  setConsent(granted: boolean): void;
  track(name: string, props?: TrackProps): Recorded;
  /** Sends waiting events; failures stay stored and are retried with backoff. */
  flush(options?: { unloading?: boolean }): Promise<void>;
  /** Events recorded but not yet accepted by the server. */
  pendingEvents(): number;
  destroy(): void;
}

/** Loads the wasm module, compiles the config and applies attributes and consent. */
export declare function createClient(options: ClientOptions): Promise<TailorClient>;

/**
 * Hides `selector` (default [data-tailor-hide]) until the returned reveal() runs or `timeout` ms pass (default 1000).
 * A `<style data-tailor-anti-flicker>` already in the page (render-blocking, in its head) is adopted instead: reveal() removes it.
 */
export declare function antiFlicker(options?: {
  selector?: string;
  timeout?: number;
  document?: Document;
}): () => void;
