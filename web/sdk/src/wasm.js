// Loads the SDK's standalone wasm module (dist/tailor_sdk.wasm, built by the wasm-release
// preset from wasm/sdk_bindings.cc) and wraps its C boundary: UTF-8 bytes in through one input
// buffer, UTF-8 JSON out through one output buffer, negative lengths for errors. Nothing throws
// inside wasm; a failure comes back as a status and becomes a JavaScript Error here.

/**
 * The module's exports (wasm/sdk_bindings.cc): every tailor_* function takes and returns
 * numbers (handles, lengths, pointers into memory, times in ms).
 * @typedef {{ memory: WebAssembly.Memory; _initialize?: () => void } &
 *   { [name: `tailor_${string}`]: (...args: number[]) => number }} Exports
 */
/**
 * @typedef {{ heap: Uint8Array | null; memory?: WebAssembly.Memory;
 *   regexes: (RegExp | null)[]; free: number[] }} HeapState
 */

const defaultWasmUrl = new URL("../dist/tailor_sdk.wasm", import.meta.url);
/** @type {Promise<WebAssembly.Module> | null} */
let modulePromise = null;

/** @param {URL} url */
async function compileUrl(url) {
  if (url.protocol === "file:") {
    const { readFile } = await import("node:fs/promises");
    return WebAssembly.compile(await readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`tailor: cannot load ${url}: HTTP ${response.status}`);
  // Streaming compiles while downloading; it needs the application/wasm content type.
  if (WebAssembly.compileStreaming && response.headers.get("content-type") === "application/wasm") {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

// Compiles the module once per page (or process); `source` may be a URL, bytes or a Module.
/**
 * @param {string | URL | BufferSource | WebAssembly.Module} [source]
 * @returns {Promise<WebAssembly.Module>}
 */
export function compileModule(source) {
  if (source instanceof WebAssembly.Module) return Promise.resolve(source);
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return WebAssembly.compile(source);
  }
  if (!modulePromise || source) {
    const url = source ? new URL(source, import.meta.url) : defaultWasmUrl;
    const compiled = compileUrl(url);
    if (source) return compiled;
    modulePromise = compiled;
  }
  return modulePromise;
}

// In a page, start downloading and compiling the default module as soon as the SDK is
// imported, so it overlaps whatever the page does before createClient() (fetching config).
if (typeof document !== "undefined") compileModule().catch(() => {});

// The host functions the module imports: memory growth notifications, and number <-> text
// conversions (core/json/js.cc, TAILOR_JS_HOST_NUMBERS): JavaScript's own String(d) and
// Number(s), which the core's number formatting and parsing are defined by, so the module
// need not carry printf's and strtod's floating-point code; regular expressions (the page's
// RegExp, core/targeting/regex_host.cc); and lowercasing (toLowerCase(),
// core/json/lower_case_host.cc). Anything else a standalone
// emscripten module could import fails loudly if ever called.
/**
 * @param {WebAssembly.Module} module
 * @param {HeapState} state
 */
function imports(module, state) {
  const heap = () => {
    const buffer = /** @type {WebAssembly.Memory} */ (state.memory).buffer;
    if (!state.heap || state.heap.buffer !== buffer) state.heap = new Uint8Array(buffer);
    return state.heap;
  };
  /** @type {(ptr: number, length: number) => string} */
  const utf16 = (ptr, length) => {
    const units = new Uint16Array(heap().buffer, ptr, length);
    let text = "";
    for (let i = 0; i < length; i += 4096) {
      text += String.fromCharCode.apply(null, /** @type {any} */ (units.subarray(i, i + 4096)));
    }
    return text;
  };
  const known = {
    emscripten_notify_memory_growth: () => {
      state.heap = null;
    },
    // ASCII only: String(d) of a number is, and the literals parsed are checked digits.
    /** @type {(d: number, ptr: number, capacity: number) => number} */
    tailor_format_number: (d, ptr, capacity) => {
      const text = String(d);
      const bytes = heap();
      const n = Math.min(text.length, capacity);
      for (let i = 0; i < n; i++) bytes[ptr + i] = text.charCodeAt(i);
      return n;
    },
    /** @type {(ptr: number, length: number) => number} */
    tailor_parse_number: (ptr, length) => {
      const bytes = heap();
      let text = "";
      for (let i = 0; i < length; i++) text += String.fromCharCode(bytes[ptr + i]);
      return Number(text);
    },
    // Regular expressions (core/targeting/regex_host.cc): the page's own RegExp, which the
    // core's regex contract (core/targeting/regex.h) is defined by. Sources and subjects are
    // UTF-16 code units in the module's memory, lone surrogates included.
    /** @type {(ptr: number, length: number, ignoreCase: number, error: number, capacity: number) => number} */
    tailor_regex_compile: (ptr, length, ignoreCase, error, capacity) => {
      const source = utf16(ptr, length);
      const flags = ignoreCase ? "i" : "";
      let regex;
      try {
        regex = new RegExp(source, flags);
      } catch (e) {
        // The reason alone, as the native engine gives it: V8 prefixes the whole pattern.
        let message = String(/** @type {Error} */ (e).message);
        const prefix = `Invalid regular expression: /${source}/${flags}: `;
        if (message.startsWith(prefix)) message = message.slice(prefix.length);
        const { written } = new TextEncoder().encodeInto(message, heap().subarray(error, error + capacity));
        return -1 - written;
      }
      const handle = state.free.length ? /** @type {number} */ (state.free.pop()) : state.regexes.length;
      state.regexes[handle] = regex;
      return handle;
    },
    /** @type {(handle: number, ptr: number, length: number) => number} */
    tailor_regex_test: (handle, ptr, length) =>
      /** @type {RegExp} */ (state.regexes[handle]).test(utf16(ptr, length)) ? 1 : 0,
    /** @type {(handle: number) => void} */
    tailor_regex_free: (handle) => {
      state.regexes[handle] = null;
      state.free.push(handle);
    },
    // Lowercasing (core/json/lower_case_host.cc): the page's own toLowerCase(), which the
    // core's to_lower (core/json/js.h) is defined by, over UTF-16 code units.
    /** @type {(ptr: number, length: number, out: number, capacity: number) => number} */
    tailor_to_lower: (ptr, length, out, capacity) => {
      const lower = utf16(ptr, length).toLowerCase();
      if (lower.length <= capacity) {
        const units = new Uint16Array(heap().buffer, out, lower.length);
        for (let i = 0; i < lower.length; i++) units[i] = lower.charCodeAt(i);
      }
      return lower.length;
    },
    // URLs (core/assign/url_parse_host.cc): the page's own URL, which the core's parse_url
    // (core/assign/url.h) is defined by. Its parts (ASCII) go back NUL-terminated.
    /** @type {(ptr: number, length: number, base: number, baseLength: number, out: number, capacity: number) => number} */
    tailor_url_parse: (ptr, length, base, baseLength, out, capacity) => {
      let url;
      try {
        url = baseLength < 0 ? new URL(utf16(ptr, length)) : new URL(utf16(ptr, length), utf16(base, baseLength));
      } catch {
        return -1;
      }
      const text = [url.protocol, url.username, url.password, url.hostname, url.port, url.pathname, url.href, ""].join("\0");
      if (text.length <= capacity) {
        const bytes = heap();
        for (let i = 0; i < text.length; i++) bytes[out + i] = text.charCodeAt(i);
      }
      return text.length;
    },
    /** @type {(code: number) => never} */
    proc_exit: (code) => {
      throw new Error(`tailor: wasm exited with code ${code}`);
    },
  };
  /** @type {{ [ns: string]: { [name: string]: Function } }} */
  const out = {};
  for (const { module: ns, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== "function") continue;
    out[ns] ??= {};
    out[ns][name] =
      known[/** @type {keyof typeof known} */ (name)] ??
      (() => {
        throw new Error(`tailor: wasm called the unsupported host function ${ns}.${name}`);
      });
  }
  return out;
}

// Matches a surrogate that is not half of a pair (with the u flag a pair is one code point).
const loneSurrogate = /[\ud800-\udfff]/u;

export class Core {
  /** @param {string | URL | BufferSource | WebAssembly.Module} [source] */
  static async load(source) {
    const module = await compileModule(source);
    /** @type {HeapState} */
    const state = { heap: null, regexes: [], free: [] };
    const instance = await WebAssembly.instantiate(module, imports(module, state));
    state.memory = /** @type {WebAssembly.Memory} */ (instance.exports.memory);
    return new Core(instance, state);
  }

  /**
   * @param {WebAssembly.Instance} instance
   * @param {HeapState} state
   */
  constructor(instance, state) {
    this.exports = /** @type {Exports} */ (/** @type {unknown} */ (instance.exports));
    this.state = state;
    this.encoder = new TextEncoder();
    this.decoder = new TextDecoder();
    if (this.exports._initialize) this.exports._initialize();
  }

  heap() {
    const buffer = this.exports.memory.buffer;
    if (!this.state.heap || this.state.heap.buffer !== buffer) this.state.heap = new Uint8Array(buffer);
    return this.state.heap;
  }

  // Writes `text` as UTF-8 into the module's input buffer; returns its length in bytes. A lone
  // surrogate is written as WTF-8 (its three-byte form, ED A0 80 for U+D800), which is what the
  // module's JSON parser makes of "\ud800" in a config, so a feature key reaches explain() as
  // the config holds it (TextEncoder would write U+FFFD).
  /** @param {string} text */
  input(text) {
    const max = text.length * 3;
    const ptr = this.exports.tailor_input(max);
    const bytes = this.heap().subarray(ptr, ptr + max);
    if (!loneSurrogate.test(text)) return this.encoder.encodeInto(text, bytes).written;
    let n = 0;
    for (const ch of text) {
      const c = ch.charCodeAt(0);
      if (loneSurrogate.test(ch)) {
        bytes[n++] = 0xed;  // U+D800..U+DFFF: 1110_1101 10xx_xxxx 10xx_xxxx
        bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[n++] = 0x80 | (c & 0x3f);
      } else {
        n += this.encoder.encodeInto(ch, bytes.subarray(n)).written;
      }
    }
    return n;
  }

  /** @param {number} length */
  output(length) {
    const ptr = this.exports.tailor_output();
    return this.decoder.decode(this.heap().subarray(ptr, ptr + length));
  }

  // Calls an export returning a length; a negative length is an error message.
  /**
   * @param {`tailor_${string}`} name
   * @param {number[]} args
   */
  call(name, ...args) {
    const n = this.exports[name](...args);
    if (n < 0) throw new Error(`tailor: ${this.output(-n)}`);
    return n;
  }
}
