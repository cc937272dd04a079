// Shared helpers for the safety tests.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "core/safety/screen.h"

namespace safety_test {

using namespace tailor::safety;

inline const Screener& default_screener() {
  static const Screener s = Screener::create(default_policy()).value();
  return s;
}

inline Screening screen_body(const std::string& body, std::vector<std::string> claims = {},
                             bool unsubscribe_required = false) {
  Message m;
  m.id = "t";
  m.body = body;
  m.approved_claims = std::move(claims);
  m.has_unsubscribe_required = unsubscribe_required;
  return default_screener().screen(m);
}

// Categories of every finding (any severity).
inline std::vector<std::string> found(const Screening& s) {
  std::vector<std::string> out;
  for (const auto& f : s.findings) out.emplace_back(category_name(f.category));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

inline bool has(const Screening& s, Category c) {
  return std::any_of(s.findings.begin(), s.findings.end(),
                     [&](const Finding& f) { return f.category == c; });
}

}  // namespace safety_test
