// JavaScript-compatible regular expressions for GrowthBook `$regex` / `$regexi` conditions.
//
// Regex answers what `new RegExp(source, ignore_case ? "i" : undefined).test(input)` answers in
// JavaScript (ECMA-262 non-unicode mode with the Annex B web-compatibility grammar), on strings
// of UTF-16 code units, identically on every platform (std::regex is not: libstdc++ and libc++
// differ and recurse). Matching runs on an explicit backtrack stack, never the C++ stack.
//
// Supported: literals, `.`, `^` `$` (input start/end; there is no `m` flag), `|`, `( )`,
// `(?: )`, `(?<name> )`, `(?= )` `(?! )` `(?<= )` `(?<! )`, `\1`..`\N` and `\k<name>`,
// `* + ? {n} {n,} {n,m}` and their lazy `?` forms (a `{` that is not a quantifier is a literal),
// classes with ranges, `\d \D \w \W \s \S \b \B \t \n \r \v \f \0 \cX \xHH \uHHHH`, legacy octal
// escapes and identity escapes. The `i` flag uses ECMAScript Canonicalize (single-unit
// toUpperCase, never non-ASCII to ASCII) for all 65,536 code units, tabulated from node's ICU by
// tools/gen/regex-case-table.mjs. Like node 20 (V8 11.3), compile rejects ES2025 syntax:
// `(?i:...)` modifiers and duplicate group names in different alternatives.
// Not supported (compile fails with an "unsupported" message): group names containing escapes
// or non-ASCII characters, groups nested more than 200 deep, sources over 131072 code units.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tailor::targeting {

namespace regex_internal {
struct Program;
}

class Regex {
 public:
  // Work one search may do before giving up: one step is one VM instruction, one backtrack,
  // or one code unit compared by a backreference or scanned by a repetition. Exhausting it takes
  // roughly 50-100 ms in optimised native and wasm builds.
  static constexpr int64_t kMaxSteps = 10'000'000;
  // Most pending backtrack entries one search may hold (16 bytes each); beyond it the search
  // gives up like an exhausted budget.
  static constexpr size_t kMaxBacktrackEntries = size_t{1} << 18;

  // Compiles a JavaScript RegExp source as `new RegExp(source, ignore_case ? "i" : "")` would.
  // Returns std::nullopt and sets *error (if non-null) to "at position N: problem" when JS would
  // throw a SyntaxError or the pattern uses a feature listed above as unsupported.
  static std::optional<Regex> compile(std::u16string_view source, bool ignore_case,
                                      std::string* error = nullptr);

  enum class MatchResult { kNoMatch, kMatch, kBudgetExhausted };
  // RegExp.prototype.test semantics (lastIndex 0, no `g`/`y`): kMatch if the pattern matches
  // anywhere in input. kBudgetExhausted when kMaxSteps or kMaxBacktrackEntries would be
  // exceeded, e.g. for `(a+)+$` on 40 'a's then 'b'; callers decide what that means.
  MatchResult search(std::u16string_view input) const;

 private:
  explicit Regex(std::shared_ptr<const regex_internal::Program> program);
  std::shared_ptr<const regex_internal::Program> program_;  // immutable, shared by copies
};

}  // namespace tailor::targeting
