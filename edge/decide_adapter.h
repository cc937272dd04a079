// The one place tailor-edge calls the decision core.
//
// PreparedConfig is what a published config is turned into once, at publish time; decide_with
// is called per request. Today it is the parsed JSON handed to tailor::assign::decide; when the
// compiled config lands, PreparedConfig becomes the compiled form and these two functions
// call its compile/decide, with no change elsewhere in edge/.
#pragma once

#include <memory>

#include "core/assign/decide.h"
#include "core/json/value.h"

namespace tailor::edge {

using PreparedConfig = json::Value;

// Prepares a validated config document for decisions (called once per publish).
inline std::shared_ptr<const PreparedConfig> prepare_config(json::Value config) {
  return std::make_shared<const PreparedConfig>(std::move(config));
}

// Every decision for one user; same contract as tailor::assign::decide (core/assign/decide.h).
inline json::Value decide_with(const PreparedConfig& config, const json::Value& attributes,
                               const json::Value& sticky_docs) {
  return assign::decide(config, attributes, sticky_docs);
}

}  // namespace tailor::edge
