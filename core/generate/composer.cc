// The grounded composer (see composer.h): approved claims + a strategy x voice template library.
#include "core/generate/composer.h"

#include <algorithm>
#include <optional>
#include <string>

#include "core/content/tokenize.h"
#include "core/generate/markup.h"
#include "core/generate/validate.h"
#include "core/text/civil.h"

namespace tailor::generate {
namespace {

enum Voice { kWarm, kFormal, kPlayful };

struct Lines {
  const char* greeting;
  const char* signoff;
  // Per strategy (benefit, social_proof, loyalty, urgency).
  const char* subject[4];  // "%s" = brand name; urgency's subject is the offer
  const char* opener[4];
  const char* close[4];  // email close and web line; may hold {{favourite_category}}
  const char* sms_opener[4];
};

// Framing only: no digits, no claim words, nothing a customer could take as a fact.
const Lines kVoices[] = {
    {"Hi {{first_name}},",
     "Warm wishes,",
     {"Picked with you in mind", "Why people choose %s", "A thank-you from %s", ""},
     {"We picked out something we think you will love.", "Don't just take our word for it.",
      "Thank you for shopping with %s. It means a lot to us.",
      "A quick note before our offer ends."},
     {"Take a look at what is new in {{favourite_category}}.",
      "Find your next favourite in {{favourite_category}}.",
      "Your picks in {{favourite_category}} are waiting for you.",
      "Browse {{favourite_category}} while the offer lasts."},
     {"Picked for you.", "Don't just take our word for it.", "Thanks for being with us.",
      "A quick reminder."}},
    {"Hello {{first_name}},",
     "Kind regards,",
     {"Selected for you", "Why customers choose %s", "With our thanks, from %s", ""},
     {"We would like to share something we believe you will value.",
      "We are pleased to share what others say.",
      "Thank you for choosing %s. We value your custom.",
      "We would like to remind you that our offer ends soon."},
     {"We invite you to explore {{favourite_category}}.",
      "We invite you to discover {{favourite_category}}.",
      "Your selection in {{favourite_category}} awaits you.",
      "We invite you to browse {{favourite_category}} before the offer ends."},
     {"Selected for you.", "What others say.", "With our thanks.", "A reminder."}},
    {"Hey {{first_name}},",
     "Cheers,",
     {"Psst, this one's for you", "Don't just take it from us", "High five from %s", ""},
     {"Guess what we found for you?", "You don't have to take our word for it.",
      "You're the best part of %s, and we wanted to say thanks.",
      "Heads up: our offer is wrapping up."},
     {"Go on, have a peek at {{favourite_category}}.",
      "Come see what the fuss is about in {{favourite_category}}.",
      "Your favourites in {{favourite_category}} are right where you left them.",
      "Have a browse in {{favourite_category}} while it lasts."},
     {"Guess what?", "Don't take our word for it.", "Thanks for sticking with us.", "Heads up!"}},
};

Voice voice_of(std::string_view text) {
  std::vector<std::string> words;
  content::tokenize(text, words);
  for (const std::string& w : words) {
    if (w == "warm") return kWarm;
    if (w == "formal") return kFormal;
    if (w == "playful") return kPlayful;
  }
  return kWarm;
}

std::string fill_brand(const char* pattern, std::string_view brand) {
  std::string out(pattern);
  if (const size_t at = out.find("%s"); at != std::string::npos) out.replace(at, 2, brand);
  return out;
}

// A claim with its citation before each sentence's final punctuation: "Free returns [c1]."
// (a claim of two sentences gets two citations, so each sentence is grounded on its own).
std::string cited_sentence(std::string_view sentence, std::string_view id) {
  std::string s(sentence);
  size_t end = s.size();
  while (end > 0 && (s[end - 1] == '.' || s[end - 1] == '!' || s[end - 1] == '?')) --end;
  std::string tail = end < s.size() ? s.substr(end) : ".";
  s.resize(end);
  return s + " [" + std::string(id) + "]" + tail;
}

std::string cited(std::string_view claim, std::string_view id) {
  std::string out;
  for (const Sentence& sentence : split_sentences(claim)) {
    if (!out.empty()) out += ' ';
    out += cited_sentence(sentence.text, id);
  }
  return out;
}

bool has_word(const std::vector<std::string>& words, std::initializer_list<const char*> list) {
  for (const std::string& w : words) {
    for (const char* k : list) {
      if (w == k) return true;
    }
  }
  return false;
}

bool social(const std::vector<std::string>& words) {
  return has_word(words, {"rated", "review", "reviews", "customer", "customers", "stars", "loved",
                          "favourite", "favorite", "popular", "bestseller", "people", "shoppers"});
}
bool loyal(const std::vector<std::string>& words) {
  return has_word(words, {"member", "members", "membership", "points", "loyalty", "rewards", "club",
                          "exclusive", "early"});
}

struct Claim {
  std::string text;  // cited
  int rank;          // lower first
  size_t order;
};

std::vector<Claim> ranked_claims(const Request& r) {
  std::vector<Claim> out;
  std::vector<std::string> words;
  for (const content::Passage& p : r.passages) {
    for (const std::string& c : p.claims) {
      words.clear();
      content::tokenize(c, words);
      const bool s = social(words), l = loyal(words);
      const bool fits = r.strategy == Strategy::kSocialProof ? s
                        : r.strategy == Strategy::kLoyalty   ? l
                                                             : !s && !l;
      out.push_back({cited(c, p.item_id), fits ? 0 : 1, out.size()});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Claim& a, const Claim& b) { return a.rank < b.rank; });
  return out;
}

const char* const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};

struct OfferLines {
  std::string sentence;  // "20% off all winter coats until 24 December [c5]."
  std::string code;      // "Use code WINTER20 at checkout [c5]." or empty
  std::string subject;   // "20% off all winter coats until 24 December [c5]"
};

std::optional<OfferLines> current_offer(const Request& r) {
  for (const content::Passage& p : r.passages) {
    if (!p.offer || p.offer->deadline_day < r.as_of_day) continue;
    const auto date = text::civil_from_days(p.offer->deadline_day);
    std::string description = p.offer->description;
    while (!description.empty() &&
           (description.back() == '.' || description.back() == '!' || description.back() == ' '))
      description.pop_back();
    const std::string until = " until " + std::to_string(date.day) + " " + kMonths[date.month - 1] +
                              " [" + p.item_id + "]";
    OfferLines lines{description + until + ".", "", description + until};
    if (!p.offer->code.empty()) {
      lines.code = "Use code " + p.offer->code + " at checkout [" + p.item_id + "].";
    }
    return lines;
  }
  return std::nullopt;
}

Result<Draft> email(const Request& r, const Lines& v, const std::vector<Claim>& claims,
                    const std::optional<OfferLines>& offer) {
  const int s = static_cast<int>(r.strategy);
  Draft d;
  d.subject = offer ? offer->subject : fill_brand(v.subject[s], r.brand.name);
  std::string body =
      std::string(v.greeting) + "\n\n" + fill_brand(v.opener[s], r.brand.name) + "\n\n";
  if (offer) {
    body += offer->sentence + "\n";
    if (!offer->code.empty()) body += offer->code + "\n";
  }
  for (size_t i = 0; i < claims.size() && i < (offer ? 1u : 2u); ++i) body += claims[i].text + "\n";
  body += "\n" + std::string(v.close[s]) + "\n\n" + v.signoff + "\n" + r.brand.signoff +
          "\n\nYou can unsubscribe from these emails at any time.";
  d.body = std::move(body);
  return d;
}

// The first candidate that fits `limit` at its longest rendering.
Result<Draft> first_fitting(const std::vector<std::string>& candidates, size_t limit,
                            std::string_view channel) {
  for (const std::string& c : candidates) {
    if (max_rendered_bytes(c) <= limit) return Draft{"", c, {}};
  }
  return Result<Draft>::failure("no approved claim fits in " + std::string(channel) + " copy of " +
                                std::to_string(limit) + " bytes, expected a shorter claim");
}

}  // namespace

Result<Draft> Composer::generate(const Request& r) {
  const Lines& v = kVoices[voice_of(r.brand.voice)];
  const int s = static_cast<int>(r.strategy);
  const std::vector<Claim> claims = ranked_claims(r);
  std::optional<OfferLines> offer;
  if (r.strategy == Strategy::kUrgency) {
    offer = current_offer(r);
    if (!offer) {
      return Result<Draft>::failure(
          "urgency needs an approved offer whose deadline is on or after as_of, and no "
          "retrieved passage has one");
    }
  } else if (claims.empty()) {
    return Result<Draft>::failure(
        "none of the retrieved passages has an approved claim to ground the copy, expected "
        "items with claims");
  }
  Result<Draft> draft = Draft{};
  if (r.channel == content::Channel::kEmail) {
    draft = email(r, v, claims, offer);
  } else {
    std::vector<std::string> facts;
    if (offer) facts.push_back(offer->sentence);
    for (const Claim& c : claims) facts.push_back(c.text);
    std::vector<std::string> candidates;
    if (r.channel == content::Channel::kSms) {
      const std::string brand = r.brand.name + ": ";
      const std::string stop = " Reply STOP to opt out.";
      for (const std::string& f : facts)
        candidates.push_back(brand + v.sms_opener[s] + " " + f + stop);
      for (const std::string& f : facts) candidates.push_back(brand + f + stop);
    } else {
      const std::string close = offer ? std::string() : " " + std::string(v.close[s]);
      for (const std::string& f : facts) candidates.push_back(f + close);
      for (const std::string& f : facts) candidates.push_back(f);
    }
    draft =
        first_fitting(candidates, r.channel == content::Channel::kSms ? kMaxSmsBytes : kMaxWebBytes,
                      content::channel_name(r.channel));
  }
  if (!draft) return draft;
  draft->citations = citations_in(draft->subject + "\n" + draft->body);
  if (Status st = validate_draft(*draft, r); !st) return st.prefixed("composer: ");
  return draft;
}

}  // namespace tailor::generate
