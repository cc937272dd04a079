#include "core/json/member.h"

#include <cstddef>

namespace tailor::json {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void skip_space(std::string_view t, size_t& i) {
  while (i < t.size() && is_space(t[i])) ++i;
}

// Past the string starting at t[i] == '"'; false when it does not end.
bool skip_string(std::string_view t, size_t& i) {
  for (++i; i < t.size(); ++i) {
    if (t[i] == '\\') {
      ++i;
    } else if (t[i] == '"') {
      ++i;
      return true;
    }
  }
  return false;
}

// Past one value starting at t[i]; false on text that cannot be a value.
bool skip_value(std::string_view t, size_t& i) {
  if (i >= t.size()) return false;
  if (t[i] == '"') return skip_string(t, i);
  if (t[i] == '{' || t[i] == '[') {
    size_t depth = 0;
    while (i < t.size()) {
      const char c = t[i];
      if (c == '"') {
        if (!skip_string(t, i)) return false;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) {
          ++i;
          return true;
        }
      }
      ++i;
    }
    return false;
  }
  // A number or a literal: up to the next delimiter.
  const size_t start = i;
  while (i < t.size() && !is_space(t[i]) && t[i] != ',' && t[i] != '}' && t[i] != ']') ++i;
  return i > start;
}

}  // namespace

MemberScan find_member(std::string_view t, std::string_view key, std::string_view& out) {
  size_t i = 0;
  skip_space(t, i);
  if (i >= t.size() || t[i] != '{') return MemberScan::kUnsure;
  ++i;
  bool found = false;
  skip_space(t, i);
  const bool empty = i < t.size() && t[i] == '}';
  while (!empty) {
    skip_space(t, i);
    if (i >= t.size() || t[i] != '"') return MemberScan::kUnsure;
    const size_t key_start = i + 1;
    if (!skip_string(t, i)) return MemberScan::kUnsure;
    const std::string_view name = t.substr(key_start, i - 1 - key_start);
    if (name.find('\\') != std::string_view::npos) return MemberScan::kUnsure;
    skip_space(t, i);
    if (i >= t.size() || t[i] != ':') return MemberScan::kUnsure;
    ++i;
    skip_space(t, i);
    const size_t value_start = i;
    if (!skip_value(t, i)) return MemberScan::kUnsure;
    if (name == key) {
      out = t.substr(value_start, i - value_start);
      found = true;
    }
    skip_space(t, i);
    if (i < t.size() && t[i] == ',') {
      ++i;
      continue;
    }
    if (i < t.size() && t[i] == '}') break;
    return MemberScan::kUnsure;
  }
  ++i;
  skip_space(t, i);
  if (i != t.size()) return MemberScan::kUnsure;
  return found ? MemberScan::kFound : MemberScan::kAbsent;
}

}  // namespace tailor::json
