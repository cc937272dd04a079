// JSON Merge Patch (RFC 7386): `patch` applied to `target`. An object patch sets each of its
// members in the target, recursively, and removes those whose value is null; any other patch
// replaces the target whole. Used where a client changes part of a document it did not write
// (the edge's campaign spec from demo data: {"segmentation": {"method": "kmeans"}}).
#pragma once

#include "core/json/value.h"

namespace tailor::json {

Value merge_patch(Value target, const Value& patch);

}  // namespace tailor::json
