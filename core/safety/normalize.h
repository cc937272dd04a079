// Normalisation for lexicon matching: text -> word tokens that defeat common obfuscation.
//
// Each code point is folded: case (ASCII, Latin-1, Latin Extended-A), diacritics (é -> e,
// ß -> ss, ü -> u), full-width forms (Ｆ -> f), mathematical and circled letters (𝐟, ⓕ -> f),
// Cyrillic/Greek look-alikes (Cyrillic с, е, о, і -> c, e, o, i), typographic apostrophes and
// dashes; zero-width characters and soft hyphens are dropped. Tokens are runs of letters,
// digits and in-word symbols; apostrophes inside a word are removed ("can't" -> "cant"),
// hyphens split ("risk-free" -> "risk", "free"). A token mixing letters with digits or symbols
// is read as leetspeak (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, 8 b, @ a, $ s, ! i, | l); '*' inside or at
// the end of a word is kept as a wildcard ("f*ck"). Three or more single letters separated by
// one space or punctuation character are joined ("f u c k", "p.o.r.n" -> "fuck", "porn").
// HTML is neutralised first: inline tags (<b>, <span ...>, </a>) vanish, so "f<b>u</b>ck" is
// one word; other tags (<br>, <p>) separate words; character references (&amp;, &#39;,
// &#x2019;, &shy;) read as their characters. Tokens carry their byte span in the input (the
// offset map back to the original text). Other scripts pass through as word characters.
// No failure modes: invalid UTF-8 bytes are separators.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tailor::safety {

struct Token {
  std::string text;  // normalised
  size_t begin = 0;  // byte span in the input
  size_t end = 0;
};

std::vector<Token> tokenize(std::string_view text);

// The normalised tokens of `text` joined by single spaces (how allow-terms are compared).
std::string normalised(std::string_view text);

// Folds one code point as above into `out` (appends 0-2 ASCII characters, or the code point's
// UTF-8 when it has no folding). Returns false when the code point is a separator.
bool fold_code_point(unsigned cp, std::string& out);

}  // namespace tailor::safety
