// The host functions the SDK's standalone module imports from `env` beyond emscripten's own
// (core/json/js.cc, TAILOR_JS_HOST_NUMBERS; core/targeting/regex_host.cc;
// core/json/lower_case_host.cc). Declared here only so the link knows they are
// imports: the module is standalone (no emscripten JS), and web/sdk/src/wasm.js supplies
// them when it instantiates the module.
mergeInto(LibraryManager.library, {
  tailor_format_number: function (d, ptr, capacity) {
    throw new Error("tailor_format_number is supplied by web/sdk/src/wasm.js");
  },
  tailor_parse_number: function (ptr, length) {
    throw new Error("tailor_parse_number is supplied by web/sdk/src/wasm.js");
  },
  tailor_regex_compile: function (source, length, ignoreCase, error, capacity) {
    throw new Error("tailor_regex_compile is supplied by web/sdk/src/wasm.js");
  },
  tailor_regex_test: function (handle, input, length) {
    throw new Error("tailor_regex_test is supplied by web/sdk/src/wasm.js");
  },
  tailor_regex_free: function (handle) {
    throw new Error("tailor_regex_free is supplied by web/sdk/src/wasm.js");
  },
  tailor_to_lower: function (units, length, out, capacity) {
    throw new Error("tailor_to_lower is supplied by web/sdk/src/wasm.js");
  },
  tailor_url_parse: function (input, length, base, baseLength, out, capacity) {
    throw new Error("tailor_url_parse is supplied by web/sdk/src/wasm.js");
  },
});
