// Draft validation (rules in validate.h).
#include "core/generate/validate.h"

#include <algorithm>
#include <string>

#include "core/content/tokenize.h"
#include "core/dataset/types.h"
#include "core/generate/markup.h"
#include "core/json/js.h"

namespace tailor::generate {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Position just past the citations (and spaces between them) starting at `i`, or `i`.
size_t skip_citations(std::string_view line, size_t i) {
  size_t j = i;
  while (true) {
    size_t k = j;
    while (k < line.size() && line[k] == ' ') ++k;
    if (k >= line.size() || line[k] != '[') return j;
    const size_t close = line.find(']', k);
    if (close == std::string_view::npos) return j;
    j = close + 1;
  }
}

bool is_closer(char c) { return c == '"' || c == '\'' || c == ')'; }

void split_line(std::string_view line, std::vector<Sentence>& out) {
  size_t start = 0;
  auto emit = [&](size_t end) {
    std::string_view s = line.substr(start, end - start);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (!s.empty()) out.push_back({s, citations_in(s)});
    start = end;
  };
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '.' && line[i] != '!' && line[i] != '?') continue;
    size_t j = i;
    while (j < line.size() && (line[j] == '.' || line[j] == '!' || line[j] == '?')) ++j;
    while (j < line.size() && is_closer(line[j])) ++j;
    // Curly closing quotes (’ ” are E2 80 99 / E2 80 9D).
    while (j + 2 < line.size() && line.compare(j, 2, "\xE2\x80") == 0 &&
           (line[j + 2] == '\x99' || line[j + 2] == '\x9D'))
      j += 3;
    j = skip_citations(line, j);
    if (j == line.size() || line[j] == ' ') {
      emit(j);
      i = j;
    } else {
      i = j - 1;
    }
  }
  emit(line.size());
}

// The sentence without citations and placeholders.
std::string plain(std::string_view sentence) {
  std::string s = strip_citations(sentence);
  for (size_t open; (open = s.find("{{")) != std::string::npos;) {
    const size_t close = s.find("}}", open);
    if (close == std::string::npos) break;
    s.erase(open, close + 2 - open);
  }
  return s;
}

std::vector<std::string> numbers(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    if (!is_digit(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool has_run(const std::vector<std::string>& words, const std::vector<std::string>& claim) {
  constexpr size_t kRun = 4;
  if (words.size() < kRun || claim.size() < kRun) return false;
  for (size_t i = 0; i + kRun <= words.size(); ++i) {
    for (size_t j = 0; j + kRun <= claim.size(); ++j) {
      if (std::equal(words.begin() + static_cast<long>(i),
                     words.begin() + static_cast<long>(i + kRun),
                     claim.begin() + static_cast<long>(j)))
        return true;
    }
  }
  return false;
}

// The tokens of every supplied claim and offer description (rule 3), computed once a draft.
std::vector<std::vector<std::string>> claim_tokens(const Request& request) {
  std::vector<std::vector<std::string>> out;
  for (const content::Passage& p : request.passages) {
    for (const std::string& c : p.claims) {
      out.emplace_back();
      content::tokenize(c, out.back());
    }
    if (p.offer) {
      out.emplace_back();
      content::tokenize(p.offer->description, out.back());
    }
  }
  return out;
}

bool fact_in(std::string_view sentence, const std::vector<std::vector<std::string>>& claims) {
  const std::string s = plain(sentence);
  for (size_t i = 0; i < s.size(); ++i) {
    if (is_digit(s[i]) || s[i] == '%' || s[i] == '$') return true;
  }
  if (s.find("\xE2\x82\xAC") != std::string::npos || s.find("\xC2\xA3") != std::string::npos) {
    return true;
  }
  std::vector<std::string> words;
  content::tokenize(s, words);
  static const char* kClaimWords[] = {
      "free",    "guarantee",  "guaranteed",  "proven", "certified", "award",   "awarded",
      "rated",   "bestseller", "bestselling", "lowest", "cheapest",  "fastest", "recycled",
      "organic", "waterproof", "discount",    "sale",   "save",      "savings"};
  for (const std::string& w : words) {
    for (const char* k : kClaimWords) {
      if (w == k) return true;
    }
  }
  for (const auto& claim : claims) {
    if (has_run(words, claim)) return true;
  }
  return false;
}

const content::Passage* find_passage(const Request& r, std::string_view id) {
  for (const content::Passage& p : r.passages) {
    if (p.item_id == id) return &p;
  }
  return nullptr;
}

// The numbers a citation of `p` grounds.
void grounded_numbers(const content::Passage& p, std::vector<std::string>& out) {
  auto add = [&](std::string_view s) {
    for (std::string& n : numbers(s)) out.push_back(std::move(n));
  };
  add(p.title);
  add(p.text);
  for (const std::string& c : p.claims) add(c);
  if (p.offer) {
    add(p.offer->description);
    add(p.offer->code);
    add(dataset::format_date(p.offer->deadline_day));
  }
}

// Equal as numbers written in digits ("05" == "5").
bool same_number(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  return a == b;
}

std::string quoted(std::string_view s) { return json::quoted(s.substr(0, 120)); }

Status check_text(std::string_view part, std::string_view text, const Request& request,
                  const std::vector<std::vector<std::string>>& claims, bool multiline) {
  for (char c : text) {
    if ((static_cast<unsigned char>(c) < 0x20 && !(multiline && c == '\n')) || c == 0x7F) {
      return Status::invalid_argument(std::string(part) + " contains a control character" +
                                      (multiline ? " other than a line break" : "") +
                                      ", expected plain text");
    }
  }
  if (Status s = check_markup(text); !s) return s.prefixed(std::string(part) + ": ");
  int index = 0;
  for (const Sentence& sentence : split_sentences(text)) {
    ++index;
    // Built only on failure: validation runs for every draft, failures are rare.
    const auto where = [&] {
      return std::string(part) + " sentence " + std::to_string(index) + " " + quoted(sentence.text);
    };
    for (const std::string& id : sentence.citations) {
      if (!find_passage(request, id)) {
        std::string supplied;
        for (const content::Passage& p : request.passages) {
          supplied += (supplied.empty() ? "" : ", ") + p.item_id;
        }
        return Status::invalid_argument(where() + " cites [" + id +
                                        "], expected one of the supplied passages: " +
                                        (supplied.empty() ? "(none)" : supplied));
      }
    }
    if (sentence.citations.empty()) {
      if (fact_in(sentence.text, claims)) {
        return Status::invalid_argument(
            where() +
            " states a fact without a citation, expected a citation "
            "such as [" +
            (request.passages.empty() ? std::string("c12") : request.passages[0].item_id) +
            "] of the approved passage it rests on");
      }
      continue;
    }
    std::vector<std::string> grounded;
    for (const std::string& id : sentence.citations) {
      grounded_numbers(*find_passage(request, id), grounded);
    }
    for (const std::string& n : numbers(plain(sentence.text))) {
      const bool found = std::any_of(grounded.begin(), grounded.end(),
                                     [&](const std::string& g) { return same_number(g, n); });
      if (!found) {
        return Status::invalid_argument(where() + " states the number " + n +
                                        ", which its cited passages do not contain; expected "
                                        "only numbers from the approved content");
      }
    }
  }
  return {};
}

}  // namespace

std::vector<Sentence> split_sentences(std::string_view text) {
  std::vector<Sentence> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    split_line(text.substr(pos, end - pos), out);
    pos = end + 1;
  }
  return out;
}

bool states_fact(std::string_view sentence, const Request& request) {
  return fact_in(sentence, claim_tokens(request));
}

Status validate_draft(const Draft& draft, const Request& request) {
  const bool email = request.channel == content::Channel::kEmail;
  const std::string channel(content::channel_name(request.channel));
  const std::vector<std::vector<std::string>> claims = claim_tokens(request);
  if (email) {
    if (draft.subject.empty()) {
      return Status::invalid_argument("subject is empty, expected an email subject line");
    }
    if (Status s = check_text("subject", draft.subject, request, claims, false); !s) return s;
    if (const size_t n = max_rendered_bytes(draft.subject); n > kMaxSubjectBytes) {
      return Status::invalid_argument("subject can render to " + std::to_string(n) +
                                      " bytes, expected at most " +
                                      std::to_string(kMaxSubjectBytes));
    }
  } else if (!draft.subject.empty()) {
    return Status::invalid_argument("subject is " + quoted(draft.subject) + ", expected none for " +
                                    channel);
  }
  if (draft.body.find_first_not_of(" \n") == std::string::npos) {
    return Status::invalid_argument("body is empty, expected the " + channel + " copy");
  }
  if (Status s = check_text("body", draft.body, request, claims, email); !s) return s;
  const size_t limit = email                                       ? kMaxEmailBodyBytes
                       : request.channel == content::Channel::kSms ? kMaxSmsBytes
                                                                   : kMaxWebBytes;
  if (const size_t n = max_rendered_bytes(draft.body); n > limit) {
    return Status::invalid_argument("body can render to " + std::to_string(n) +
                                    " bytes, expected at most " + std::to_string(limit) + " for " +
                                    channel);
  }
  const std::vector<std::string> cited = citations_in(draft.subject + "\n" + draft.body);
  if (cited.empty()) {
    return Status::invalid_argument(
        "the draft cites no approved passage, expected at least one "
        "citation such as [" +
        (request.passages.empty() ? std::string("c12") : request.passages[0].item_id) + "]");
  }
  if (draft.citations != cited) {
    std::string list;
    for (const std::string& id : cited) list += (list.empty() ? "" : ", ") + id;
    return Status::invalid_argument(
        "citations does not list the cited ids in order of first use, "
        "expected [" +
        list + "]");
  }
  return {};
}

}  // namespace tailor::generate
