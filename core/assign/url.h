// URLs for experiment URL targeting (GrowthBook's `urlPatterns`), parsed the way a browser's
// `new URL(input, base)` parses them, for what targeting reads: host, pathname, search
// parameters, hash, href and origin.
//
// Covered: special schemes (http, https, ws, wss, ftp, file) with userinfo, ports (default
// ports dropped), backslashes as slashes, relative references (path, "?query", "#hash",
// "//authority"), dot-segment removal, percent-encoding of the path/query/fragment sets, and
// application/x-www-form-urlencoded search parameters. Other schemes keep an opaque path.
// Not covered (the URL is still parsed, these parts are kept as written, lowercased): IDNA
// for non-ASCII host names and IPv4/IPv6 host canonicalisation. That is parse_url in
// url_parse.cc (native builds, tailor_core.wasm); the browser SDK's module calls the page's own
// URL instead (url_parse_host.cc), which covers them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json/value.h"

namespace tailor::assign {

struct Url {
  std::string scheme;    // "https" (no colon)
  std::string userinfo;  // "user:pass" or empty
  std::string hostname;  // lowercased
  std::string port;      // empty when absent or the scheme's default
  std::string path;      // "/a/b" (special schemes) or the opaque path
  std::optional<std::string> query;     // without "?"; nullopt when absent
  std::optional<std::string> fragment;  // without "#"; nullopt when absent
  bool special = false;

  std::string host() const { return port.empty() ? hostname : hostname + ":" + port; }
  std::string search() const { return query && !query->empty() ? "?" + *query : ""; }
  std::string hash() const { return fragment && !fragment->empty() ? "#" + *fragment : ""; }
  std::string origin() const;
  std::string href() const;
  // URLSearchParams: decoded name/value pairs in order.
  std::vector<std::pair<std::string, std::string>> search_params() const;
};

// new URL(input, base): nullopt where the browser would throw a TypeError.
std::optional<Url> parse_url(std::string_view input, const Url* base);

// GrowthBook's isURLTargeted(url, urlPatterns): `patterns` is the experiment's urlPatterns
// array of {type: "simple"|"regex", pattern, include?}. nullopt where JavaScript would throw
// (a null entry), so the caller can report the config as invalid.
std::optional<bool> is_url_targeted(std::string_view url, const json::Value& patterns);

}  // namespace tailor::assign
