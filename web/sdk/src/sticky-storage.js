// Where sticky-bucket documents live between page loads (the stickyBucketStorage option):
// "localStorage" (default), "cookie" (first-party, sent to the site's own server too, so a
// server-rendered page can read the same assignments), or the caller's object with get/set
// (and optionally remove) of strings. The client only calls it while consent is granted.
import { storage } from "./storage.js";

/** @typedef {import("../index.d.ts").StickyBucketStorage} StickyBucketStorage */

// Browsers keep at least 4096 bytes per cookie (RFC 6265 §6.1), name and attributes included.
export const COOKIE_LIMIT = 4000;

/** @type {StickyBucketStorage} */
const localStore = {
  get: (key) => storage.get("local", key),
  set: (key, value) => {
    if (!storage.set("local", key, value)) throw new Error("tailor: localStorage refused the sticky-bucket documents (quota or private mode)");
  },
  remove: (key) => storage.remove("local", key),
};

/** @param {string} key */
const cookieName = (key) => key.replace(/[^A-Za-z0-9_-]/g, "_");

/** @type {StickyBucketStorage} */
const cookieStore = {
  get(key) {
    const name = `${cookieName(key)}=`;
    for (const part of (globalThis.document?.cookie ?? "").split(/;\s*/)) {
      if (part.startsWith(name)) {
        try {
          return decodeURIComponent(part.slice(name.length));
        } catch {
          return null;
        }
      }
    }
    return null;
  },
  set(key, value) {
    const doc = globalThis.document;
    if (!doc) throw new Error("tailor: the cookie sticky-bucket storage needs a document");
    const encoded = encodeURIComponent(value);
    if (encoded.length > COOKIE_LIMIT) {
      throw new Error(`tailor: the sticky-bucket documents are ${encoded.length} bytes encoded, over the cookie limit of ${COOKIE_LIMIT}; use stickyBucketStorage "localStorage" or your own storage`);
    }
    const secure = globalThis.location?.protocol === "https:" ? "; Secure" : "";
    doc.cookie = `${cookieName(key)}=${encoded}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
  },
  remove(key) {
    const doc = globalThis.document;
    if (doc) doc.cookie = `${cookieName(key)}=; Path=/; Max-Age=0; SameSite=Lax`;
  },
};

// The storage named or given by the option; a clear TypeError for anything else.
/**
 * @param {unknown} option
 * @returns {StickyBucketStorage}
 */
export function stickyStorage(option) {
  if (option === undefined || option === "localStorage") return localStore;
  if (option === "cookie") return cookieStore;
  const o = /** @type {Partial<StickyBucketStorage>} */ (option);
  if (o && typeof o === "object" && typeof o.get === "function" && typeof o.set === "function") {
    if (o.remove !== undefined && typeof o.remove !== "function") {
      throw new TypeError("tailor: stickyBucketStorage.remove must be a function when given");
    }
    return /** @type {StickyBucketStorage} */ (o);
  }
  throw new TypeError(`tailor: createClient() option stickyBucketStorage must be "localStorage", "cookie" or an object with get(key) and set(key, value), got ${option === null ? "null" : typeof option}`);
}
