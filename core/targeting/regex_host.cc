// tailor::targeting::Regex for the browser SDK's module (tailor_sdk.wasm, wasm/CMakeLists.txt):
// compiling and matching go to the page's own RegExp, which Regex's contract is defined by
// (`new RegExp(source, ignore_case ? "i" : "").test(input)`), so the module carries neither the
// parser, the compiler, the backtracking matcher nor the 65,536-entry case table of the native
// engine (regex.cc, regex_*.cc). The host functions are in web/sdk/src/wasm.js.
//
// Where the page's RegExp and regex.h's engine differ (docs/conformance.md, "Regular
// expressions"): the browser has no step budget (kBudgetExhausted is never returned: a pattern
// that backtracks catastrophically takes as long as it does in GrowthBook's SDK), a compile
// error's text is the browser's SyntaxError message, and a browser newer than node 20 accepts the
// ES2025 syntax the engine rejects (`(?i:...)`, duplicate group names), which the edge refuses to
// publish anyway (core/config/validate.cc compiles every pattern with the engine).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/targeting/regex.h"

extern "C" {
// A handle >= 0, or -1 - n with the error message's n UTF-8 bytes written to `error`.
__attribute__((import_module("env"), import_name("tailor_regex_compile"))) int
tailor_regex_compile(const char16_t* source, int length, int ignore_case, char* error,
                     int capacity);
// 1 when the handle's RegExp matches the input, else 0.
__attribute__((import_module("env"), import_name("tailor_regex_test"))) int tailor_regex_test(
    int handle, const char16_t* input, int length);
__attribute__((import_module("env"), import_name("tailor_regex_free"))) void tailor_regex_free(
    int handle);
}

namespace tailor::targeting {

namespace regex_internal {
// One RegExp held by the host, released when the last copy of its Regex goes.
struct Program {
  int handle;
  explicit Program(int h) : handle(h) {}
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  ~Program() { tailor_regex_free(handle); }
};
}  // namespace regex_internal

Regex::Regex(std::shared_ptr<const regex_internal::Program> program)
    : program_(std::move(program)) {}

std::optional<Regex> Regex::compile(std::u16string_view source, bool ignore_case,
                                    std::string* error) {
  char message[256];
  int handle = tailor_regex_compile(source.data(), static_cast<int>(source.size()),
                                    ignore_case ? 1 : 0, message, sizeof message);
  if (handle < 0) {
    if (error != nullptr) error->assign(message, static_cast<size_t>(-1 - handle));
    return std::nullopt;
  }
  return Regex(std::make_shared<const regex_internal::Program>(handle));
}

Regex::MatchResult Regex::search(std::u16string_view input) const {
  return tailor_regex_test(program_->handle, input.data(), static_cast<int>(input.size())) != 0
             ? MatchResult::kMatch
             : MatchResult::kNoMatch;
}

}  // namespace tailor::targeting
