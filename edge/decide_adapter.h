// The one place tailor-edge calls the decision core.
//
// PreparedConfig is what a published config is turned into once, at publish time: the
// compiled config (core/assign/compiled.h), the same one the browser SDK decides with. The
// functions below are called per request; decide_json is byte-identical to
// stringify(decide(...)) by contract (tests/assign/compiled_test.cc, compiled-vs-interpreted).
#pragma once

#include <memory>
#include <string>

#include "core/assign/compiled.h"
#include "core/assign/decide.h"
#include "core/json/js.h"
#include "core/json/value.h"

namespace tailor::edge {

using PreparedConfig = assign::CompiledConfig;

// Prepares a validated config document for decisions (called once per publish).
inline std::shared_ptr<const PreparedConfig> prepare_config(json::Value config) {
  return std::make_shared<const PreparedConfig>(std::move(config));
}

// Every decision for one user as a JSON document (decide.h's contract), for callers that
// inspect it (OFREP, publish validation).
// With options.explain (POST /v1/decide {"explain": true}) this interpreted path is also the
// one that answers: the compiled config has no rule trace.
inline json::Value decide_with(const PreparedConfig& config, const json::Value& attributes,
                               const json::Value& sticky_docs,
                               const assign::DecideOptions& options = {}) {
  return assign::decide(config.config(), attributes, sticky_docs, options);
}

// The same decisions as JSON text, exactly JSON.stringify of decide_with's answer: the hot
// path of POST /v1/decide.
inline std::string decide_text(const PreparedConfig& config, const json::Value& attributes,
                               const json::Value& sticky_docs) {
  std::string out;
  config.decide_json(config.bind(attributes), sticky_docs, out);
  return out;
}

}  // namespace tailor::edge
