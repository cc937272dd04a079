// assign::parse_url (core/assign/url.h) for the browser SDK's module (tailor_sdk.wasm,
// wasm/CMakeLists.txt): the page's own `new URL(input, base)`, which parse_url's contract is
// defined by, so the module carries neither url_parse.cc's parser nor its percent-encode sets
// (and a browser's URL also canonicalises IDNA and IPv4/IPv6 hosts, which url_parse.cc keeps
// as written). The host function is in web/sdk/src/wasm.js.
#include <string>
#include <string_view>

#include "core/assign/url.h"
#include "core/json/js.h"

extern "C" {
// new URL(input, base) of the `length` UTF-16 code units at `input` (and the `base_length` at
// `base`, when base_length >= 0). Writes its protocol, username, password, hostname, port,
// pathname and href (ASCII), each followed by a NUL, to `out` and returns their total length
// in bytes, or -1 where new URL throws; a length above `capacity` means nothing was written.
__attribute__((import_module("env"), import_name("tailor_url_parse"))) int tailor_url_parse(
    const char16_t* input, int length, const char16_t* base, int base_length, char* out,
    int capacity);
}

namespace tailor::assign {

std::optional<Url> parse_url(std::string_view input, const Url* base) {
  const std::u16string units = json::to_utf16(input);
  const std::u16string base_units = base ? json::to_utf16(base->href()) : std::u16string();
  std::string parts(64 + 4 * (units.size() + base_units.size()), '\0');
  for (;;) {
    const int n = tailor_url_parse(units.data(), static_cast<int>(units.size()),
                                   base_units.data(), base ? static_cast<int>(base_units.size()) : -1,
                                   parts.data(), static_cast<int>(parts.size()));
    if (n < 0) return std::nullopt;
    const bool fits = static_cast<size_t>(n) <= parts.size();
    parts.resize(static_cast<size_t>(n));
    if (fits) break;
  }
  std::string_view rest(parts);
  auto next = [&rest] {
    const size_t end = rest.find('\0');
    std::string_view part = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    return part;
  };
  const std::string_view protocol = next(), username = next(), password = next(),
                         hostname = next(), port = next(), pathname = next(), href = next();
  Url url;
  url.scheme = std::string(protocol.substr(0, protocol.size() - 1));  // without the ":"
  url.special = url.scheme == "http" || url.scheme == "https" || url.scheme == "ws" ||
                url.scheme == "wss" || url.scheme == "ftp" || url.scheme == "file";
  // A serialised URL's query starts at its first "?" and its fragment at its first "#": both are
  // percent-encoded everywhere before them.
  std::string_view rest_of_href = href;
  if (const size_t hash = rest_of_href.find('#'); hash != std::string_view::npos) {
    url.fragment = std::string(rest_of_href.substr(hash + 1));
    rest_of_href = rest_of_href.substr(0, hash);
  }
  if (const size_t q = rest_of_href.find('?'); q != std::string_view::npos) {
    url.query = std::string(rest_of_href.substr(q + 1));
    rest_of_href = rest_of_href.substr(0, q);
  }
  if (!url.special) {
    // As url_parse.cc keeps them: everything after the scheme is the path.
    url.path = std::string(rest_of_href.substr(protocol.size()));
    return url;
  }
  url.userinfo = std::string(username);
  if (!password.empty()) url.userinfo += ":" + std::string(password);
  url.hostname = std::string(hostname);
  url.port = std::string(port);
  url.path = std::string(pathname);
  return url;
}

}  // namespace tailor::assign
