// The steps of decide() (decide.cc), shared with the compiled decision path (compiled.cc),
// which uses them for the parts of a config it does not compile. Internal to core/assign.
#pragma once

#include <string>

#include "core/assign/evaluate_internal.h"

namespace tailor::assign::detail {

// The evaluation context decide() builds: the config's features and saved groups, the user's
// attributes, and sticky bucketing on (documents read and updated in *docs) when *docs is an
// object. `config` and `docs` must outlive the context.
Ctx decide_ctx(const Value& config, const Value& attributes, Value* docs);

// One member of decide()'s "features": {value, on, source, ruleId, reason, experiment?, error?,
// trace? (when explain)}.
Value decide_feature(Ctx& ctx, const std::string& key, bool explain = false);

// decide()'s "experiments" member, for the config's experiments array.
Value decide_experiments(Ctx& ctx, const Value& config);

// decide() for attributes that already carry the config's segments (segment::with_segments).
Value decide_resolved(const Value& config, const Value& attributes, const Value& sticky_docs,
                      bool explain = false);

}  // namespace tailor::assign::detail
