// One screening request line in, one answer line out: what `tailor screen` prints for a
// message, reachable from the studio's wasm module (browser preview) through one function.
#pragma once

#include <string>
#include <string_view>

namespace tailor::safety {

// `line` is a message as message_from_json reads it; the answer is
// json::stringify(screening_to_json(...)) under the default policy, or
// {"error":"line N: <what is wrong>"} naming the member. Never throws.
std::string screen_line(std::string_view line, long line_number);

}  // namespace tailor::safety
