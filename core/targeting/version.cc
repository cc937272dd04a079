// targeting::padded_version_string (core/targeting/condition.h), apart from the rest of the
// condition evaluator: compiled version comparisons ($vgt, ... in compiled_condition_eval.cc)
// call it for every decision, so the browser SDK's module compiles it for speed while
// condition.cc, the interpreter, is compiled for size (wasm/CMakeLists.txt).
#include <string>
#include <string_view>
#include <vector>

#include "core/json/js.h"
#include "core/targeting/condition.h"

namespace tailor::targeting {
namespace {

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_line_terminator_at(std::string_view s, size_t i) {
  if (s[i] == '\n' || s[i] == '\r') return true;
  // U+2028 and U+2029 are E2 80 A8 / E2 80 A9.
  return s.substr(i, 2) == "\xE2\x80" && i + 2 < s.size() &&
         (s[i + 2] == '\xA8' || s[i + 2] == '\xA9');
}

}  // namespace

std::string padded_version_string(const json::Value& v) {
  std::string input;
  if (v.is_number()) {
    input = json::number_to_string(v.as_number());
  } else if (v.is_string() && !v.as_string().empty()) {
    input = v.as_string();
  } else {
    input = "0";
  }
  // .replace(/(^v|\+.*$)/g, ""): drop a leading "v" and build metadata. "+.*$" matches from
  // the first "+" that has no line terminator after it.
  size_t cut = std::string::npos;
  for (size_t i = input.size(); i-- > 0;) {
    if (is_line_terminator_at(input, i)) break;
    if (input[i] == '+') cut = i;
  }
  if (cut != std::string::npos) input.erase(cut);
  if (!input.empty() && input[0] == 'v') input.erase(0, 1);
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= input.size(); ++i) {
    if (i == input.size() || input[i] == '-' || input[i] == '.') {
      parts.push_back(input.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() == 3) parts.push_back("~");
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.push_back('-');
    if (is_digits(parts[i]) && parts[i].size() < 5) out.append(5 - parts[i].size(), ' ');
    out += parts[i];
  }
  return out;
}

}  // namespace tailor::targeting
