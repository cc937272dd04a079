// Canonical JSON: the one byte sequence an audit record is hashed as. It is RFC 8785 (JSON
// Canonicalization Scheme), which is exactly:
//   - no whitespace anywhere;
//   - object members sorted by key, comparing keys as UTF-16 code units (JavaScript's sort);
//   - strings escaped as JSON.stringify does (\" \\ \b \f \n \r \t, other controls as \u00xx
//     lowercase hex, everything else as raw UTF-8, including "/" and non-ASCII);
//   - numbers as JavaScript's Number.prototype.toString (1, 0.5, 1e+21, -0 -> 0);
//   - literals true, false, null.
// Failure (Result error naming the path, e.g. "$.findings[0].severity"): a non-finite number
// (JSON cannot carry NaN/Infinity) or a string holding a lone surrogate (not valid UTF-8).
#pragma once

#include <string>

#include "core/json/value.h"
#include "core/result.h"

namespace tailor::audit {

Result<std::string> canonical_json(const json::Value& value);

}  // namespace tailor::audit
