// Pieces shared by the campaign report's HTML renderer (html.cc, html_attribution.cc): safe
// readers of the report document (absent or mistyped members read as null, NaN, "" or []) and
// table helpers. Internal to report/html.h.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.h"
#include "core/report/svg.h"

namespace tailor::report::html_detail {

inline const json::Value& member(const json::Value& v, std::string_view key) {
  static const json::Value null;
  const json::Value* m = v.find(key);
  return m != nullptr ? *m : null;
}

inline double number(const json::Value& v, std::string_view key) {
  const json::Value& m = member(v, key);
  return m.is_number() ? m.as_number() : std::nan("");
}

inline std::string text(const json::Value& v, std::string_view key) {
  const json::Value& m = member(v, key);
  return m.is_string() ? m.as_string() : "";
}

inline const json::Array& array(const json::Value& v, std::string_view key) {
  static const json::Array empty;
  const json::Value& m = member(v, key);
  return m.is_array() ? m.as_array() : empty;
}

inline bool flag(const json::Value& v, std::string_view key) {
  const json::Value& m = member(v, key);
  return m.is_bool() && m.as_bool();
}

inline std::string esc(std::string_view s) { return html_escape(s); }

// `s` is already HTML (escaped by the caller).
inline std::string cell(const std::string& s, bool numeric = false) {
  return numeric ? "<td class=\"num\">" + s + "</td>" : "<td>" + s + "</td>";
}

inline std::string head_row(const std::vector<std::string>& cols) {
  std::string s = "<thead><tr>";
  for (const std::string& c : cols) s += "<th scope=\"col\">" + esc(c) + "</th>";
  return s + "</tr></thead>";
}

// The attribution section (html_attribution.cc).
std::string attribution_section(const json::Value& attribution);

}  // namespace tailor::report::html_detail
