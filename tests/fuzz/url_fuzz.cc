// URL and base (two lines), then URL patterns (a third line of JSON) -> parse_url as
// `new URL(input, base)`, every accessor targeting reads, and is_url_targeted. Property:
// nothing crashes; a parsed URL's href parses again (a browser's URL serialiser output is a
// valid absolute URL).
#include "core/assign/url.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  auto parts = fuzz::split_lines(fuzz::as_text(data, size), 3);
  auto base = assign::parse_url(parts[1], nullptr);
  auto url = assign::parse_url(parts[0], base ? &*base : nullptr);
  if (url) {
    std::string href = url->href();
    (void)url->origin();
    (void)url->host();
    (void)url->search();
    (void)url->hash();
    (void)url->search_params();
    if (!assign::parse_url(href, nullptr)) fuzz::fail("href does not parse again", parts[0], href);
  }
  if (auto patterns = fuzz::parse_json(parts[2])) (void)assign::is_url_targeted(parts[0], *patterns);
  return 0;
}
