// Helpers shared by the libFuzzer targets of tests/fuzz: one fuzz input is split into parts at
// newline bytes (the seed corpora are written that way: tests/fuzz/make-seeds.py), and a part
// that must be JSON is parsed with the core's own parser (an input that is not JSON is simply
// of no further interest).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include "core/json/parse.h"
#include "core/json/value.h"

namespace tailor::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The first `n - 1` newline-terminated parts and the rest; fewer parts when there are fewer
// newlines (the missing ones are empty).
inline std::vector<std::string_view> split_lines(std::string_view text, size_t n) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < n) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) break;
    parts.push_back(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  parts.push_back(text);
  while (parts.size() < n) parts.emplace_back();
  return parts;
}

inline std::optional<json::Value> parse_json(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed) return std::nullopt;
  return std::move(parsed).value();
}

// A property the target checks failed: print it and abort, so libFuzzer saves the input.
[[noreturn]] inline void fail(const char* what, std::string_view a, std::string_view b) {
  std::fprintf(stderr, "fuzz property failed: %s\n  first:  %.*s\n  second: %.*s\n", what,
               static_cast<int>(a.size()), a.data(), static_cast<int>(b.size()), b.data());
  std::abort();
}

}  // namespace tailor::fuzz
