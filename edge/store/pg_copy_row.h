// PostgreSQL's text-format COPY: writing fields for COPY FROM (event batches) and decoding
// COPY TO rows (used to stream large reads).
#pragma once

#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace tailor::edge {

// Text-format COPY field: backslash escapes for the characters COPY treats specially.
inline void copy_field(std::string& out, const std::string& s, bool null_when_empty) {
  if (null_when_empty && s.empty()) {
    out += "\\N";
    return;
  }
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

inline std::string number(double d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

// One text-format COPY TO row, split into fields and unescaped (`null[i]` for \N). COPY TO
// writes backslash escapes only for \\, \b, \f, \n, \r, \t and \v.
class CopyRow {
 public:
  bool parse(std::string_view line, size_t fields) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    text_.resize(fields);
    null_.assign(fields, 0);
    size_t f = 0;
    for (size_t start = 0; f < fields; ++f) {
      size_t tab = line.find('\t', start);
      std::string_view raw = line.substr(start, tab == std::string_view::npos ? tab : tab - start);
      if (!unescape(raw, text_[f], null_[f])) return false;
      if (tab == std::string_view::npos) return f + 1 == fields;
      start = tab + 1;
    }
    return false;
  }
  std::string_view text(size_t i) const { return text_[i]; }
  bool null(size_t i) const { return null_[i] != 0; }
  bool number(size_t i, double& out) const {
    const std::string& t = text_[i];
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc() && end == t.data() + t.size();
  }

 private:
  static bool unescape(std::string_view raw, std::string& out, char& null) {
    out.clear();
    if (raw == "\\N") {
      null = 1;
      return true;
    }
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '\\') {
        out += raw[i];
        continue;
      }
      if (++i == raw.size()) return false;
      switch (raw[i]) {
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'v':
          out += '\v';
          break;
        default:
          out += raw[i];
      }
    }
    return true;
  }
  std::vector<std::string> text_;
  std::vector<char> null_;
};

}  // namespace tailor::edge
