// Grounded variant generation (stage 4 of the campaign pipeline): the request a backend
// answers, the draft it returns, and the backend interface.
//
// Two backends implement Backend: the built-in Composer (composer.h; offline, deterministic,
// the default) and an OpenAI-compatible chat-completions client, whose HTTP part lives
// outside core (tools/, edge/) and whose pure protocol parts are chat.h. Whatever the
// backend, its draft must pass validate_draft (validate.h) before it is screened.
//
// Copy conventions shared by every backend and checked by validate_draft:
//   citations     "[c12]" (or "[c12, c7]") names the approved item(s) a sentence rests on; it
//                 stands before the sentence's final punctuation or right after it
//   placeholders  "{{first_name}}", "{{favourite_category}}": the fixed set of slots.h,
//                 filled per customer at render time, never left visible
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/content/corpus.h"
#include "core/generate/strategy.h"
#include "core/result.h"

namespace tailor::generate {

struct Brand {
  std::string name;     // "Northwind Outfitters"
  std::string voice;    // free text for an LLM; the Composer reads warm, formal or playful
  std::string signoff;  // "The Northwind team"
};

struct Request {
  std::string campaign;  // id, e.g. "winter-2026"
  std::string segment;   // display name, e.g. "At Risk"
  // A few facts about the segment for personalisation, e.g. {"top category", "outerwear"},
  // {"typical recency", "about 200 days"}: context for an LLM, never stated as facts.
  std::vector<std::pair<std::string, std::string>> profile;
  Strategy strategy = Strategy::kBenefit;
  content::Channel channel = content::Channel::kEmail;
  Brand brand;
  std::vector<content::Passage> passages;  // retrieved approved content, best first
  int32_t as_of_day = 0;                   // days since 1970-01-01
};

struct Draft {
  std::string subject;  // email only; empty for sms and web
  std::string body;
  std::vector<std::string> citations;  // item ids in order of first use (subject, then body)
};

class Backend {
 public:
  virtual ~Backend() = default;
  // A draft for the request, or why there is none. Implementations validate their drafts.
  virtual Result<Draft> generate(const Request& request) = 0;
  // "composer", "openai:<model>", ...: recorded with each variant.
  virtual std::string_view name() const = 0;
};

// What screening may treat as approved (safety::Message::approved_claims): every supplied
// passage's claims, then each offer's description, in passage order, without repeats.
std::vector<std::string> approved_statements(const std::vector<content::Passage>& passages);

}  // namespace tailor::generate
