// Word lists from well-kept packages (cuss, obscenity, naughty-words/LDNOOBW, retext-equality),
// generated at build time by tools/gen/safety-wordlists.mjs into the build tree, matched on
// three views of the normalised tokens (normalize.h), every hit mapped back to a byte span of
// the original text:
//   1. the token view: whole tokens and runs of up to four tokens ("alligator bait"), and the
//      token with letter runs of three or more collapsed ("fuuuuck" -> "fuck");
//   2. the in-token view: obscenity's patterns inside a longer token, honouring the pattern's
//      word-boundary flags and its phrase's whitelist ("assoc", "montenegro"), and only when
//      the rest of the token is a compounding affix ("shitload", "hookers"), so "Scunthorpe",
//      "negroni" and "fire retardant" never match;
//   3. the de-spaced view: two to six short tokens that together spell exactly one of
//      obscenity's words ("sh it", "cu nt"), when at least one piece is not a common short word
//      ("pen is" stays clean).
// A hit is evidence with a weight (severity units, see tools/gen/safety-wordlists.mjs): cuss's
// 0-2 sureness is the ambiguity prior, so an ambiguous word ("Dick", "sex") weighs 1 and never
// decides alone, and sureness-0 words ("hell", "kill") are not evidence at all. A capitalised
// word beside another capitalised word mid-sentence is read as part of a name ("Margaret
// Hooker", "Hooker's Reserve") and weighs 1 whatever the list says.
#pragma once

#include <string_view>
#include <vector>

#include "core/safety/normalize.h"
#include "core/safety/types.h"

namespace tailor::safety {

enum WordlistSource : unsigned {
  kFromCuss = 1,
  kFromObscenity = 2,
  kFromLdnoobw = 4,
  kFromEquality = 8,
};

struct WordlistEntry {
  const char* term;  // lower case; several words separated by single spaces
  Category category;
  int weight;        // 1, 2 or 4 (severity units)
  unsigned sources;  // WordlistSource bits
};

struct ObscenityPattern {
  const char* text;        // letters only
  bool boundary_at_start;  // the hit must start a token
  bool boundary_at_end;    // the hit must end a token
  const char* word;        // the phrase's word in kWordlistEntries (weight and category)
  const char* whitelist;   // "assoc|assess": terms that clear an overlapping hit
};

// Appends one finding per hit (bytes of `text`), severity = the entry's weight, detail
// "offensive term (cuss, LDNOOBW): \"...\"". Hits in the same token range as another hit are
// reported once. Pure; the tables are built once per process.
void match_wordlists(std::string_view text, const std::vector<Token>& tokens,
                     std::vector<Finding>& out);

// How many entries the generated table holds (tests check the generator ran).
size_t wordlist_size();

}  // namespace tailor::safety
