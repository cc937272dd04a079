// The parts of core/assign/url.h a parsed URL is read by: Url's members and isURLTargeted.
// Parsing itself is url_parse.cc (url_parse_host.cc in the browser SDK's module).
#include "core/assign/url.h"

#include <string>

#include "core/json/js.h"
#include "core/targeting/regex.h"
#include "core/text/percent.h"

namespace tailor::assign {
std::string Url::origin() const {
  if (!special || scheme == "file") return "null";
  return scheme + "://" + host();
}

std::string Url::href() const {
  std::string out = scheme + ":";
  if (special) {
    out += "//";
    if (!userinfo.empty()) out += userinfo + "@";
    out += host();
  }
  out += path;
  if (query) out += "?" + *query;
  if (fragment) out += "#" + *fragment;
  return out;
}

std::vector<std::pair<std::string, std::string>> Url::search_params() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!query) return out;
  std::string_view q(*query);
  size_t start = 0;
  while (start <= q.size()) {
    size_t end = q.find('&', start);
    std::string_view pair = q.substr(start, end == std::string_view::npos ? end : end - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      // application/x-www-form-urlencoded: '+' is a space; invalid UTF-8 becomes U+FFFD.
      auto decode = [](std::string_view s) {
        return json::to_utf8(json::to_utf16(text::percent_decode(s, text::PlusSign::kSpace)));
      };
      out.emplace_back(decode(pair.substr(0, eq)),
                       decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1)));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

namespace {

// RegExp.prototype.test, with an invalid or runaway pattern reading as "no match".
bool regex_test(std::string_view source, bool ignore_case, std::string_view subject) {
  auto re = targeting::Regex::compile(json::to_utf16(source), ignore_case);
  return re && re->search(json::to_utf16(subject)) == targeting::Regex::MatchResult::kMatch;
}

// GrowthBook's _evalSimpleUrlPart: `*` (spelled "_____" after parsing) matches anything, paths
// ignore a leading and trailing slash, case-insensitive.
bool simple_part_matches(const std::string& actual, const std::string& pattern, bool is_path) {
  std::string escaped;
  for (char c : pattern) {
    if (std::string_view("*.+?^${}()|[]\\").find(c) != std::string_view::npos) escaped.push_back('\\');
    escaped.push_back(c);
  }
  for (size_t pos; (pos = escaped.find("_____")) != std::string::npos;) escaped.replace(pos, 5, ".*");
  if (is_path) {
    if (!escaped.empty() && escaped.front() == '/') escaped.erase(0, 1);
    if (!escaped.empty() && escaped.back() == '/') escaped.pop_back();
    escaped = "\\/?" + escaped + "\\/?";
  }
  return regex_test("^" + escaped + "$", true, actual);
}

bool simple_target_matches(const Url& actual, const std::string& raw_pattern) {
  // A host without a scheme ("www.example.com/x") gets "https://"; "*" becomes "_____".
  std::string pattern = raw_pattern;
  size_t stop = pattern.find_first_of(":/?");
  if (pattern.substr(0, stop).find('.') != std::string::npos) pattern = "https://" + pattern;
  for (size_t pos; (pos = pattern.find('*')) != std::string::npos;) pattern.replace(pos, 1, "_____");
  auto base = parse_url("https://_____", nullptr);
  auto expected = parse_url(pattern, &*base);
  if (!expected) return false;
  if (!simple_part_matches(actual.host(), expected->host(), false)) return false;
  if (!simple_part_matches(actual.path, expected->path, true)) return false;
  if (!expected->hash().empty() && !simple_part_matches(actual.hash(), expected->hash(), false)) {
    return false;
  }
  auto have = actual.search_params();
  for (const auto& [name, value] : expected->search_params()) {
    std::string got;
    for (const auto& [n, v] : have) {
      if (n == name) {
        got = v;
        break;
      }
    }
    if (!simple_part_matches(got, value, false)) return false;
  }
  return true;
}

bool target_matches(std::string_view url, const json::Value& type, const json::Value& pattern) {
  auto base = parse_url("https://_", nullptr);
  auto parsed = parse_url(url, &*base);
  if (!parsed || !type.is_string() || !pattern.is_string()) return false;
  if (type.as_string() == "regex") {
    std::string href = parsed->href();
    std::string origin = parsed->origin();
    std::string rest = json::utf16_length(href) > json::utf16_length(origin)
                           ? json::to_utf8(json::to_utf16(href).substr(json::utf16_length(origin)))
                           : std::string();
    return regex_test(pattern.as_string(), false, href) ||
           regex_test(pattern.as_string(), false, rest);
  }
  if (type.as_string() == "simple") return simple_target_matches(*parsed, pattern.as_string());
  return false;
}

}  // namespace

std::optional<bool> is_url_targeted(std::string_view url, const json::Value& patterns) {
  if (!patterns.is_array() || patterns.as_array().empty()) return false;
  bool has_include_rules = false;
  bool included = false;
  const json::Value undefined;
  for (const auto& target : patterns.as_array()) {
    if (target.is_null()) return std::nullopt;  // targets[i].type throws on null
    const json::Value* type = target.find("type");
    const json::Value* pattern = target.find("pattern");
    bool match = target_matches(url, type ? *type : undefined, pattern ? *pattern : undefined);
    const json::Value* include = target.find("include");
    if (include != nullptr && include->is_bool() && !include->as_bool()) {
      if (match) return false;
    } else {
      has_include_rules = true;
      if (match) included = true;
    }
  }
  return included || !has_include_rules;
}

}  // namespace tailor::assign
