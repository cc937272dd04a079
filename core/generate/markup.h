// The two marks of generated copy, their grammar, and rendering for customers.
//
// Citation: "[" id ("," " "* id)* "]", id = [a-z0-9-]{1,64} (content item ids): "[c12]",
//   "[c12, c7]". Any other "[" or "]" is an error: square brackets are reserved for citations
//   (safety screening treats "[First Name]"-like brackets as unfilled merge fields).
// Placeholder: "{{" " "* name " "* "}}", name one of the slots below. Any other "{" or "}" is
//   an error, so no malformed "{{first_name}" or "{name}" survives to a customer.
//
// Slots (the fixed set; a customer value is used when, trimmed, it is 1..max_bytes bytes
// with no control character and none of { } [ ] < >; otherwise the fallback, so rendering
// never fails for a customer's data and never shows a placeholder):
//   first_name          fallback "there"                  max 24 bytes  ("Hi {{first_name}},")
//   favourite_category  fallback "our latest collection"  max 32 bytes
// The fallbacks are written to read well where the built-in composer places the slots
// (a greeting; "what is new in {{favourite_category}}").
//
// Customer-facing text drops citations: the variant record (variants.json) keeps the cited
// text and the citation list for review and audit, while the message a customer reads
// carries no source ids. Screening sees the customer-facing text rendered with fallbacks.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tailor::generate {

struct Slot {
  std::string_view name;
  std::string_view fallback;
  size_t max_bytes;
};
// first_name, favourite_category (above).
const std::vector<Slot>& known_slots();

// A customer's slot values by slot name (e.g. from the customer's CSV columns).
using Slots = std::map<std::string, std::string, std::less<>>;

// Ok when every "[", "]", "{" and "}" of `text` belongs to a citation or a known placeholder;
// otherwise the first offence: `unknown placeholder {{city}}, expected {{first_name}} or
// {{favourite_category}}`, `"{" at byte 12 is not part of a {{placeholder}}`, ...
Status check_markup(std::string_view text);

// The item ids cited in `text`, in order of first use, each once (malformed marks ignored).
std::vector<std::string> citations_in(std::string_view text);

// `text` without its citations; a space before a citation goes with it ("30 days [c12]." ->
// "30 days.").
std::string strip_citations(std::string_view text);

struct RenderOptions {
  bool keep_citations = false;  // true: the review form, citations left in place
};
// `text` with every placeholder filled by the customer's value or the slot's fallback (see
// above), citations removed unless kept. Fails only when check_markup fails.
Result<std::string> render(std::string_view text, const Slots& values, RenderOptions options = {});

// The most bytes the customer-facing form of `text` can have: every slot at its max_bytes
// (or its fallback when that is longer), citations removed. check_markup must hold.
size_t max_rendered_bytes(std::string_view text);

}  // namespace tailor::generate
