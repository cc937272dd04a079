// Draft validation, the same for every backend (the built-in composer and an LLM):
// grounding (citations), placeholders, and the channel's shape. Composer output always
// passes (it validates itself); an LLM's answer that fails is retried by the caller within
// its budget.
//
// Sentences. Subject and body are split into lines, and each line into sentences: a sentence
// ends at a run of ".", "!" or "?" followed (after optional closing quotes or parentheses and
// optional citations) by a space or the end of the line; a line's trailing text without that
// punctuation is a sentence too (subject lines, greetings, sign-offs). Citations right after
// the punctuation belong to the sentence before: "Free returns [c1]." and "Free returns. [c1]"
// both cite c1. "19.99" and "e.g.x" do not end a sentence.
//
// A sentence states a fact when its text, citations and placeholders removed,
//   (1) contains a digit, "%", "$", "€" or "£" (amounts, percentages, dates, counts, codes);
//   (2) contains one of the claim words, as a whole word in any case: free, guarantee,
//       guaranteed, proven, certified, award, awarded, rated, bestseller, bestselling,
//       lowest, cheapest, fastest, recycled, organic, waterproof, discount, sale, save,
//       savings; or
//   (3) repeats a claim's wording: four consecutive tokens (content/tokenize.h) of one of the
//       supplied passages' claims or offer descriptions.
// Rules, each failure naming the part, the sentence and what would be valid:
//   - every citation names a supplied passage's item id; the draft cites at least one;
//   - every factual sentence carries at least one citation;
//   - grounding of numbers: every number (maximal digit run) of a cited sentence appears as a
//     number in what it cites (title, text, claims, offer description, code and deadline
//     YYYY-MM-DD of the cited passages), so "30% off [c5]" fails when c5 says 20%;
//   - markup (markup.h check_markup): known placeholders only, no stray brackets or braces;
//     no control characters but the body's line breaks;
//   - Draft::citations equals citations_in(subject + "\n" + body) (order of first use);
//   - channel shape, measured on the customer-facing text at its longest (max_rendered_bytes:
//     slots at their maximum, citations removed), in bytes (= characters for ASCII):
//       email  subject 1..kMaxSubjectBytes, one line; body 1..kMaxEmailBodyBytes
//       sms    no subject; body one line, 1..kMaxSmsBytes (one 160-character SMS segment)
//       web    no subject; body one line, 1..kMaxWebBytes (a banner headline and a line)
#pragma once

#include <string_view>
#include <vector>

#include "core/generate/draft.h"
#include "core/status.h"

namespace tailor::generate {

inline constexpr size_t kMaxSubjectBytes = 120;
inline constexpr size_t kMaxEmailBodyBytes = 5000;
inline constexpr size_t kMaxSmsBytes = 160;
inline constexpr size_t kMaxWebBytes = 140;

Status validate_draft(const Draft& draft, const Request& request);

struct Sentence {
  std::string_view text;               // including its citations
  std::vector<std::string> citations;  // ids, in order
};
// The sentences of one text, as defined above (empty lines yield none).
std::vector<Sentence> split_sentences(std::string_view text);

// Whether `sentence` states a fact by rules (1)-(3) above, for the request's passages.
bool states_fact(std::string_view sentence, const Request& request);

}  // namespace tailor::generate
