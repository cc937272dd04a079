// One member of a JSON object read without building the object: the edge's results look up a
// single attribute (the segment) in millions of stored attribute documents.
#pragma once

#include <string_view>

namespace tailor::json {

enum class MemberScan {
  kFound,   // `out` views the raw text of the member's value
  kAbsent,  // the object has no member `key`
  kUnsure,  // not an object this scanner reads (a key with an escape, text it cannot
            // follow): parse the text whole instead
};

// Finds the member `key` of the JSON object `text`; when the key repeats, the last one (as
// parse() and JSON.parse keep). Keys are compared as written, so a key holding a backslash
// escape makes the answer kUnsure. Values are skipped, not validated: for text that parse()
// accepts, a kFound value's text parses to what parse(text)->find(key) holds.
MemberScan find_member(std::string_view text, std::string_view key, std::string_view& out);

}  // namespace tailor::json
