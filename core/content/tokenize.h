// The tokeniser of retrieval: SQLite FTS5's default "unicode61" tokeniser (remove_diacritics
// 1), reproduced exactly for ASCII and Latin-1 text, so core's BM25 scores equal FTS5's
// bm25() (tests/content/bm25_test.cc checks this against tools/gen/bm25_fts5.py).
//
// Text is UTF-8. A token is a maximal run of token characters, folded:
//   ASCII        letters and digits are token characters; A-Z fold to a-z; every other ASCII
//                byte separates tokens ("19.99" -> "19" "99", "WINTER20" -> "winter20").
//   Latin-1      (U+00A0-U+00FF) letters and digits as Unicode classes them (L*, N*): their
//                capitals fold to small letters and diacritics are removed (É, é -> e; Ç -> c;
//                Ñ -> n; Ý, ÿ -> y), while æ ð ø þ ß ª º ² ³ ¹ ¼ ½ ¾ are kept as they are
//                (Æ -> æ, Ø -> ø, ...) and µ becomes Greek μ (U+03BC), as unicode61 does.
//                The rest of the block (no-break space, ¡ ¢ £ ¤ ¥ ¦ § ¨ © « ¬ soft hyphen ®
//                ¯ ° ± ´ ¶ · ¸ » ¿ × ÷) separates.
//   Separators   from other blocks: General Punctuation U+2000-U+206F (dashes, curly quotes,
//                bullets, ellipsis), Currency Symbols U+20A0-U+20CF (€), U+2190-U+2BFF
//                (arrows, maths, box drawing, dingbats), U+3000-U+303F, U+FE00-U+FE0F,
//                U+FEFF, U+1F000-U+1FAFF (emoji), U+FFFD, encoded surrogates, and bytes that
//                are not valid UTF-8 (json::decode_utf8 reads them as U+FFFD).
//   Other        code points are token characters kept as they are: no case folding or
//                diacritic removal there, which is where this differs from unicode61 (a Greek
//                or Cyrillic capital, Latin Extended letters). Locales in use today are
//                English-first; a corpus in such a script still ranks, only case-sensitively.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tailor::content {

// Appends the tokens of `text` to `out`.
void tokenize(std::string_view text, std::vector<std::string>& out);

}  // namespace tailor::content
