// Web Storage access that never throws (private modes, quotas, node): callers decide *whether*
// to store (consent); this only makes storing safe.
/** @typedef {"local" | "session"} Area */

/** @param {Area} kind */
function area(kind) {
  try {
    return kind === "session" ? globalThis.sessionStorage : globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export const storage = {
  /**
   * @param {Area} kind
   * @param {string} key
   */
  get(kind, key) {
    try {
      return area(kind)?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  /**
   * @param {Area} kind
   * @param {string} key
   * @param {string} value
   */
  set(kind, key, value) {
    try {
      area(kind)?.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  },
  /**
   * @param {Area} kind
   * @param {string} key
   */
  remove(kind, key) {
    try {
      area(kind)?.removeItem(key);
    } catch {
      // nothing stored, nothing to remove
    }
  },
};
