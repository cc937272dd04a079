// assign::parse_url (core/assign/url.h): new URL(input, base) as the WHATWG URL standard
// parses it, for what targeting reads. The browser SDK's module (tailor_sdk.wasm) asks the
// page's own URL instead (url_parse_host.cc), the definition this follows.
#include <string>
#include <vector>

#include "core/assign/url.h"
#include "core/text/hex.h"
#include "core/text/percent.h"

namespace tailor::assign {
namespace {

bool is_special(std::string_view scheme) {
  return scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" ||
         scheme == "ftp" || scheme == "file";
}

std::string_view default_port(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return "80";
  if (scheme == "https" || scheme == "wss") return "443";
  if (scheme == "ftp") return "21";
  return "";
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

enum class EncodeSet { kPath, kQuery, kSpecialQuery, kFragment, kUserinfo };

bool needs_encoding(unsigned char c, EncodeSet set) {
  if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>') return true;
  switch (set) {
    case EncodeSet::kFragment: return c == '`';
    case EncodeSet::kQuery: return c == '#';
    case EncodeSet::kSpecialQuery: return c == '#' || c == '\'';
    case EncodeSet::kPath: return c == '#' || c == '?' || c == '`' || c == '{' || c == '}';
    case EncodeSet::kUserinfo:
      return c == '#' || c == '?' || c == '`' || c == '{' || c == '}' || c == '/' || c == ':' ||
             c == ';' || c == '=' || c == '@' || c == '[' || c == '\\' || c == ']' || c == '^' ||
             c == '|';
  }
  return false;
}

std::string percent_encode(std::string_view s, EncodeSet set) {
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (needs_encoding(c, set)) {
      out.push_back('%');
      text::append_hex(out, c, 2, text::HexCase::kUpper);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

bool is_single_dot(std::string_view seg) { return seg == "." || seg == "%2e" || seg == "%2E"; }
bool is_double_dot(std::string_view seg) {
  if (seg.size() < 2 || seg.size() > 6) return false;
  std::string s;
  for (char c : seg) s.push_back(lower(c));
  return s == ".." || s == ".%2e" || s == "%2e." || s == "%2e%2e";
}

// Appends the segments of `input` (a path with "/" or "\" separators) to `segments`.
void push_path(std::vector<std::string>& segments, std::string_view input) {
  size_t start = 0;
  while (true) {
    size_t end = input.find_first_of("/\\", start);
    bool last = end == std::string_view::npos;
    std::string_view seg = input.substr(start, last ? std::string_view::npos : end - start);
    if (is_double_dot(seg)) {
      if (!segments.empty()) segments.pop_back();
      if (last) segments.emplace_back();
    } else if (is_single_dot(seg)) {
      if (last) segments.emplace_back();
    } else {
      segments.push_back(percent_encode(seg, EncodeSet::kPath));
    }
    if (last) break;
    start = end + 1;
  }
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  if (path.empty()) return out;
  size_t start = 1;  // skip the leading "/"
  while (true) {
    size_t end = path.find('/', start);
    out.emplace_back(path.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string join_path(const std::vector<std::string>& segments) {
  std::string out;
  for (const auto& s : segments) out += "/" + s;
  return out.empty() ? "/" : out;
}

// Takes "#fragment" and then "?query" off the end of `rest` into `url`; leaves the path.
void take_query_fragment(Url& url, std::string_view& rest) {
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    url.fragment = percent_encode(rest.substr(hash + 1), EncodeSet::kFragment);
    rest = rest.substr(0, hash);
  }
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    url.query = percent_encode(rest.substr(q + 1),
                               url.special ? EncodeSet::kSpecialQuery : EncodeSet::kQuery);
    rest = rest.substr(0, q);
  }
}

// Splits "path?query#fragment" into its parts on `url`, resolving the path onto `segments`.
void set_path_query_fragment(Url& url, std::string_view rest, std::vector<std::string> segments) {
  take_query_fragment(url, rest);
  if (!rest.empty()) {
    if (rest[0] == '/' || rest[0] == '\\') rest.remove_prefix(1);
    push_path(segments, rest);
  }
  url.path = join_path(segments);
}

bool parse_authority(Url& url, std::string_view authority) {
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    // username[:password], each encoded; an empty password is dropped.
    std::string_view info = authority.substr(0, at);
    size_t sep = info.find(':');
    url.userinfo = percent_encode(info.substr(0, sep), EncodeSet::kUserinfo);
    if (sep != std::string_view::npos && sep + 1 < info.size()) {
      url.userinfo += ":" + percent_encode(info.substr(sep + 1), EncodeSet::kUserinfo);
    }
    authority = authority.substr(at + 1);
  }
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    authority = authority.substr(0, colon);
    std::string digits;
    // Their value (not std::stoi, whose error path links printf into the browser module).
    long value = 0;
    for (char c : port) {
      if (!is_digit(c)) return false;
      if (!(digits.empty() && c == '0')) digits.push_back(c);
      if (!digits.empty() && digits.size() <= 5) value = value * 10 + (c - '0');
    }
    if (digits.size() > 5 || value > 65535) return false;
    if (digits.empty() && !port.empty()) digits = "0";
    url.port = digits == default_port(url.scheme) ? "" : digits;
  }
  std::string host = text::percent_decode(authority, text::PlusSign::kLiteral);
  if (host.empty()) return url.scheme == "file";
  // An IPv6 literal is kept as written (not canonicalised), but it must be one: "[...]" of
  // hex digits, ':' and '.' ("http://[::1]:8x:/" is no URL, and "[::1]:8x" no host).
  if (host[0] == '[' &&
      (host.size() < 3 || host.back() != ']' ||
       host.find_first_not_of("0123456789abcdefABCDEF:.", 1) != host.size() - 1)) {
    return false;
  }
  for (char& c : host) {
    if (std::string_view(" #%/:<>?@[\\]^|").find(c) != std::string_view::npos &&
        !(host[0] == '[' && (c == ':' || c == '[' || c == ']'))) {
      return false;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    c = lower(c);
  }
  url.hostname = host;
  return true;
}

}  // namespace

std::optional<Url> parse_url(std::string_view raw, const Url* base) {
  // Trim C0 controls and spaces, drop tabs and newlines anywhere.
  while (!raw.empty() && static_cast<unsigned char>(raw.front()) <= 0x20) raw.remove_prefix(1);
  while (!raw.empty() && static_cast<unsigned char>(raw.back()) <= 0x20) raw.remove_suffix(1);
  std::string input;
  for (char c : raw) {
    if (c != '\t' && c != '\n' && c != '\r') input.push_back(c);
  }
  std::string_view in(input);

  Url url;
  size_t colon = 0;
  if (!in.empty() && is_alpha(in[0])) {
    colon = 1;
    while (colon < in.size() && (is_alpha(in[colon]) || is_digit(in[colon]) ||
                                 in[colon] == '+' || in[colon] == '-' || in[colon] == '.')) {
      ++colon;
    }
    if (colon >= in.size() || in[colon] != ':') colon = 0;
  }
  if (colon > 0) {
    for (char c : in.substr(0, colon)) url.scheme.push_back(lower(c));
    url.special = is_special(url.scheme);
    std::string_view rest = in.substr(colon + 1);
    if (!url.special) {
      // An opaque or non-special hierarchical URL: kept as written past the scheme.
      take_query_fragment(url, rest);
      url.path = std::string(rest);
      return url;
    }
    bool slashes = !rest.empty() && (rest[0] == '/' || rest[0] == '\\');
    if (!slashes && base != nullptr && base->scheme == url.scheme) {
      return parse_url(rest, base);  // "https:foo" against an https base is relative
    }
    if (url.scheme == "file") {
      // Exactly two slashes introduce file's host: "file:///a" has none and the path "/a".
      size_t n = 0;
      while (n < 2 && n < rest.size() && (rest[n] == '/' || rest[n] == '\\')) ++n;
      rest.remove_prefix(n);
      if (n < 2) {
        set_path_query_fragment(url, rest, {});
        return url;
      }
    } else {
      while (!rest.empty() && (rest[0] == '/' || rest[0] == '\\')) rest.remove_prefix(1);
    }
    size_t end = rest.find_first_of("/\\?#");
    if (!parse_authority(url, rest.substr(0, end))) return std::nullopt;
    if (url.hostname.empty() && url.scheme != "file") return std::nullopt;
    set_path_query_fragment(url, end == std::string_view::npos ? "" : rest.substr(end), {});
    return url;
  }

  if (base == nullptr) return std::nullopt;
  url.scheme = base->scheme;
  url.special = base->special;
  if (!url.special) return std::nullopt;  // relative to an opaque base: not needed here
  auto slash = [](char c) { return c == '/' || c == '\\'; };
  if (in.size() >= 2 && slash(in[0]) && slash(in[1])) {
    std::string_view rest = in.substr(2);
    size_t end = rest.find_first_of("/\\?#");
    if (!parse_authority(url, rest.substr(0, end))) return std::nullopt;
    if (url.hostname.empty() && url.scheme != "file") return std::nullopt;
    set_path_query_fragment(url, end == std::string_view::npos ? "" : rest.substr(end), {});
    return url;
  }
  url.userinfo = base->userinfo;
  url.hostname = base->hostname;
  url.port = base->port;
  if (in.empty()) {
    url.path = base->path;
    url.query = base->query;
    return url;
  }
  if (in[0] == '#') {
    url.path = base->path;
    url.query = base->query;
    url.fragment = percent_encode(in.substr(1), EncodeSet::kFragment);
    return url;
  }
  if (in[0] == '?') {
    url.path = base->path;
    set_path_query_fragment(url, in, split_path(base->path));
    return url;
  }
  std::vector<std::string> segments;
  if (!slash(in[0])) {
    segments = split_path(base->path);
    if (!segments.empty()) segments.pop_back();  // resolve against the base's directory
  }
  set_path_query_fragment(url, slash(in[0]) ? in : "/" + std::string(in), std::move(segments));
  return url;
}

}  // namespace tailor::assign
