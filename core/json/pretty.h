// JSON for people to read: JSON.stringify(value, null, 2), the same text JavaScript writes
// (members in the value's order, two spaces per level, "[]" and "{}" for empty containers),
// for the files a person reviews (a campaign's design.json, variants.json, report.json).
#pragma once

#include <string>

#include "core/json/value.h"

namespace tailor::json {

std::string stringify_pretty(const Value& value);

}  // namespace tailor::json
