// The one place tailor-edge calls the decision core.
//
// PreparedConfig is what a published config is turned into once, at publish time; the
// functions below are called per request. Today PreparedConfig is the parsed JSON and both
// functions call tailor::assign::decide (core/assign/decide.h). When the compiled config
// (core/assign/compiled.h) is available, PreparedConfig becomes it and decide_text calls its
// decide_json, which is byte-identical to stringify(decide(...)) by contract; nothing else in
// edge/ changes.
#pragma once

#include <memory>
#include <string>

#include "core/assign/decide.h"
#include "core/json/js.h"
#include "core/json/value.h"

namespace tailor::edge {

using PreparedConfig = json::Value;

// Prepares a validated config document for decisions (called once per publish).
inline std::shared_ptr<const PreparedConfig> prepare_config(json::Value config) {
  return std::make_shared<const PreparedConfig>(std::move(config));
}

// Every decision for one user as a JSON document (decide.h's contract), for callers that
// inspect it (OFREP, publish validation).
inline json::Value decide_with(const PreparedConfig& config, const json::Value& attributes,
                               const json::Value& sticky_docs) {
  return assign::decide(config, attributes, sticky_docs);
}

// The same decisions as JSON text, exactly JSON.stringify of decide_with's answer: the hot
// path of POST /v1/decide.
inline std::string decide_text(const PreparedConfig& config, const json::Value& attributes,
                               const json::Value& sticky_docs) {
  return json::stringify(assign::decide(config, attributes, sticky_docs));
}

}  // namespace tailor::edge
