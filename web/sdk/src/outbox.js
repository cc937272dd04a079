// Event batches on their way to POST /v1/events ({sdkKey, events}): kept in localStorage until
// the server accepts them (2xx), retried with exponential backoff (1 s doubling to 5 min), also
// on the next page. On unload they go by navigator.sendBeacon (fallback fetch keepalive) and
// stay stored, because a beacon's fate is unknown: a later retry may repeat them, and the edge
// drops repeats by event id. The client only uses the outbox while consent is granted.
import { storage } from "./storage.js";

/** @typedef {{ events: object[]; attempts: number; nextAt: number }} Batch */

const MAX_BATCHES = 50;
/** @param {number} attempts */
const backoff = (attempts) => Math.min(1000 * 2 ** Math.max(attempts - 1, 0), 300000);

export class Outbox {
  /**
   * @param {{ key: string; url: string | null; sdkKey: string; fetch?: typeof globalThis.fetch }} options
   *   url: where batches go (null: nowhere, events stay stored)
   */
  constructor({ key, url, sdkKey, fetch }) {
    this.key = key;
    this.url = url;
    this.sdkKey = sdkKey;
    this.fetch = fetch;
    /** @type {Batch[] | null} */
    this.batches = null;
    /** @type {Promise<void> | null} */
    this.sending = null;
  }

  /** @returns {Batch[]} */
  #load() {
    if (this.batches) return this.batches;
    try {
      const saved = JSON.parse(storage.get("local", this.key) ?? "[]");
      this.batches = Array.isArray(saved) ? saved : [];
    } catch {
      this.batches = [];
    }
    return this.batches;
  }

  #save() {
    if (this.batches?.length) storage.set("local", this.key, JSON.stringify(this.batches));
    else storage.remove("local", this.key);
  }

  size() {
    return this.#load().reduce((n, b) => n + b.events.length, 0);
  }

  /** @param {object[]} events */
  add(events) {
    const batches = this.#load();
    batches.push({ events, attempts: 0, nextAt: 0 });
    while (batches.length > MAX_BATCHES) batches.shift();
    this.#save();
  }

  // Drops the batches, in memory only (clear() also erases the stored ones).
  forget() {
    this.batches = [];
  }

  clear() {
    this.batches = [];
    storage.remove("local", this.key);
  }

  /** @param {number} now */
  nextDelay(now) {
    const next = Math.min(...this.#load().map((b) => b.nextAt));
    return Math.max(0, next - now);
  }

  /** @param {{ unloading: boolean; now: number }} options */
  async send({ unloading, now }) {
    const url = this.url;
    if (!url) return;
    if (unloading) {
      for (const batch of this.#load()) this.#beacon(url, batch);
      return;
    }
    if (this.sending) return this.sending;
    this.sending = this.#sendDue(url, now).finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  /** @param {Batch} batch */
  #body(batch) {
    return JSON.stringify({ sdkKey: this.sdkKey, events: batch.events });
  }

  /**
   * @param {string} url
   * @param {Batch} batch
   */
  #beacon(url, batch) {
    const body = this.#body(batch);
    let sent = false;
    try {
      sent = globalThis.navigator?.sendBeacon?.(url, new Blob([body], { type: "text/plain" })) ?? false;
    } catch {
      sent = false;
    }
    if (!sent) {
      (this.fetch ?? fetch)(url, { method: "POST", body, keepalive: true }).catch(() => {});
    }
  }

  /**
   * @param {string} url
   * @param {number} now
   */
  async #sendDue(url, now) {
    for (const batch of [...this.#load()]) {
      if (batch.nextAt > now) continue;
      let ok = false;
      try {
        const body = this.#body(batch);
        const response = await (this.fetch ?? fetch)(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          keepalive: body.length < 60000,
        });
        ok = response.ok;
      } catch {
        ok = false;
      }
      const batches = this.#load();
      const i = batches.indexOf(batch);
      if (i < 0) continue;  // cleared meanwhile (consent withdrawn)
      if (ok) {
        batches.splice(i, 1);
      } else {
        batch.attempts += 1;
        batch.nextAt = Date.now() + backoff(batch.attempts);
      }
      this.#save();
    }
  }
}
