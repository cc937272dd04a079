#include "core/safety/context.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <initializer_list>
#include <string>

namespace tailor::safety {
namespace {

// Before a finding: any of these in the five preceding tokens of its sentence negates it.
constexpr std::string_view kNegators[] = {
    "not",   "never",   "cannot", "cant",  "dont",    "doesnt", "didnt",  "wont",
    "isnt",  "arent",   "wasnt",  "nor",   "neither", "nobody", "none",   "nunca",
    "jamas", "jamais",  "pas",    "aucun", "aucune",  "nicht",  "kein",   "keine",
    "nie",   "niemals", "non",    "mai",   "nao",     "ningun", "ninguna"};
// "No supplement cures ...": a product noun after "no".
constexpr std::string_view kProductNouns[] = {
    "supplement", "supplements", "product", "products", "pill",  "pills",  "tea",     "cream",
    "remedy",     "diet",        "app",     "fund",     "funds", "investment", "investments",
    "vitamin",    "treatment",   "broker",  "bank",     "one",   "platform", "scheme"};
// Who makes a claim the message reports ("if anyone promises", "apps promising").
constexpr std::string_view kOthers[] = {
    "quelquun", "jemand", "alguien", "qualcuno", "alguem", "anbieter", "plattformen", "sitios",
    "siti",     "plateformes", "certains", "manche", "algunos", "alcuni",
    "anyone",  "someone",  "somebody", "anybody",   "apps",      "sites",     "websites",
    "platforms", "firms",  "companies", "brokers",  "scammers",  "fraudsters", "others",
    "people",  "adverts",  "ads",      "messages",  "texts",     "emails",    "callers",
    "influencers", "schemes", "offers"};
constexpr std::string_view kReportingVerbs[] = {"promise",  "promises", "promising", "promised",
                                                "claim",    "claims",   "claiming",  "offer",
                                                "offering", "offers",   "guaranteeing", "tell",
                                                "tells",    "telling",  "affichent", "promettent",
                                                "promet",   "versprechen", "verspricht", "prometen",
                                                "promete",  "promettono", "promette", "prometem",
                                                "anuncian", "annoncent"};
// Inside a finding (after its first token): only unambiguous negators ("no risk" is a claim).
constexpr std::string_view kInnerNegators[] = {"not",   "never",  "cannot", "cant",
                                               "isnt",  "arent",  "dont",   "doesnt",
                                               "nicht", "jamais", "nunca",  "pas"};
constexpr std::string_view kNoticeCues[] = {
    "scam",       "scams",  "scammer", "scammers",   "phishing", "fraud",       "fraudulent",
    "fraudsters", "fake",   "beware",  "suspicious", "spoofed",  "impersonate", "impersonating",
    "estafa",     "fraude", "arnaque", "betrug",     "smishing", "genuine",
    // Warnings that call the quoted promise a lie or its maker a shark.
    "shark",      "sharks", "lies",    "lying",      "liar",     "liars",       "lugt",
    "lugen",      "miente", "mienten", "mentent",    "truffa",   "golpe",       "betruger",
    "estafas",    "arnaques", "truffe", "oplichting", "oplichters", "vorsicht", "scammy",
    // A notice on reporting abuse quotes the abuse ("Nachrichten wie «Du bist hässlich» ...
    // Melden").
    "report",     "melden",  "signaler", "signalez", "denunciar", "denuncia", "segnala",
    "segnalare",  "harassment", "belastigt", "belastigung", "acoso", "harcelement", "molestie",
    // "sorteos falsos que prometen «rentabilidad garantizada»".
    "falsos",     "falsas",  "faux",     "fausses", "falsche", "falschen", "falsi", "nep",
    // House rules naming the insults they ban ("Beleidigungen wie „Schwuchtel“ ...").
    "insults",    "slurs",   "insultes", "insultos", "insulti", "beleidigungen", "scheldwoorden",
    "hausverbot"};

template <size_t N>
bool listed(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

bool negatable(Category c) {
  return c == Category::kFinancialGuarantee || c == Category::kProhibitedHealthClaim ||
         c == Category::kUnsubstantiatedClaim || c == Category::kDeceptiveUrgency ||
         c == Category::kViolence;
}

// Words that continue a coordinated list across a comma ("not intended to diagnose, treat,
// cure or prevent"), so the negation's scope runs through it.
constexpr std::string_view kListWords[] = {"diagnose", "treat",   "cure", "prevent", "mitigate",
                                           "heal",     "reverse", "or",   "and"};

// Whether the gap between two tokens ends the negation's scope: a sentence, or a clause
// (comma) unless the next word continues a list.
bool scope_break(std::string_view text, size_t from, size_t to, const std::string& next) {
  const std::string_view gap = text.substr(from, to - from);
  if (gap.find_first_of(".!?;:\n") != std::string_view::npos) return true;
  return gap.find(',') != std::string_view::npos && !listed(kListWords, next);
}

bool negated(std::string_view text, const std::vector<Token>& tokens, const Finding& f) {
  size_t first = 0;
  while (first < tokens.size() && tokens[first].end <= f.begin) ++first;
  if (first == tokens.size()) return false;
  // "no risk-free investment": "no" before a hyphenated compound negates the compound ("no
  // risk" alone is the claim).
  if (tokens[first].text == "no" && first + 2 < tokens.size() &&
      text.substr(tokens[first + 1].end, tokens[first + 2].begin - tokens[first + 1].end) == "-")
    return true;
  // Inside: a negator in the same clause as the finding's end ("returns are not guaranteed";
  // not "can't lose: guaranteed profit").
  for (size_t k = first + 1; k < tokens.size() && tokens[k].end <= f.end; ++k) {
    if (listed(kInnerNegators, tokens[k].text) &&
        text.substr(tokens[k].end, f.end - tokens[k].end).find_first_of(".!?;:,\n") ==
            std::string_view::npos)
      return true;
  }
  // The finding opens with the reporting verb: "apps [promising guaranteed returns]".
  if (first > 0 && listed(kReportingVerbs, tokens[first].text) &&
      listed(kOthers, tokens[first - 1].text))
    return true;
  for (size_t back = 1; back <= 5 && back <= first; ++back) {
    const size_t k = first - back;
    if (scope_break(text, tokens[k].end, tokens[k + 1].begin, tokens[k + 1].text)) return false;
    if (listed(kNegators, tokens[k].text)) return true;
    // "there is no such thing as a risk-free investment".
    if (tokens[k].text == "no" && k + 1 < tokens.size() && tokens[k + 1].text == "such")
      return true;
    // "no" negates only what follows it directly ("there is no risk-free investment"), since
    // "no risk, no fees, guaranteed returns" lists claims; or a product noun after it ("No
    // supplement cures insomnia").
    if (back == 1 && (tokens[k].text == "no" || tokens[k].text == "ni")) return true;
    if (back == 2 && tokens[k].text == "no" && listed(kProductNouns, tokens[k + 1].text))
      return true;
    // The claim is someone else's, reported: "if anyone promises you guaranteed returns",
    // "apps promising guaranteed returns" (not "our fund promises ...", not "we promise").
    if (back <= 3 && listed(kReportingVerbs, tokens[k].text) && k > 0 &&
        listed(kOthers, tokens[k - 1].text))
      return true;
  }
  return false;
}

// Byte ranges between paired quotation marks ("...", “...”, «...», „...“).
std::vector<std::pair<size_t, size_t>> quoted_ranges(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t open = std::string_view::npos;
  for (size_t i = 0; i < s.size(); ++i) {
    // Only '"' and the lead bytes of “ ” „ (E2) and « » (C2) can start a quotation mark.
    if (s[i] != '"' && s[i] != '\xE2' && s[i] != '\xC2') continue;
    const bool ascii = s[i] == '"';
    const bool curly_open = s.compare(i, 3, "\xE2\x80\x9C") == 0 ||  // “
                            s.compare(i, 3, "\xE2\x80\x9E") == 0 ||  // „
                            s.compare(i, 2, "\xC2\xAB") == 0;        // «
    const bool curly_close =
        s.compare(i, 3, "\xE2\x80\x9D") == 0 ||  // ”
        s.compare(i, 2, "\xC2\xBB") == 0 ||      // »
        (open != std::string_view::npos && s.compare(i, 3, "\xE2\x80\x9C") == 0);
    if (open == std::string_view::npos && (ascii || curly_open)) {
      open = i;
    } else if (open != std::string_view::npos && (ascii || curly_close)) {
      out.emplace_back(open, i);
      open = std::string_view::npos;
    }
  }
  // Single quotation marks ('...', ‘...’): an opening mark stands before a word and after a
  // space or the start, a closing one after a word and before a space, punctuation or the
  // end, so the apostrophes of "that's" and "l'iscrizione" are neither.
  auto letter = [](unsigned char c) { return c >= 0x80 || std::isalnum(c); };
  size_t single = std::string_view::npos;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool ascii = s[i] == '\'';
    const bool left = s.compare(i, 3, "\xE2\x80\x98") == 0;   // ‘
    const bool right = s.compare(i, 3, "\xE2\x80\x99") == 0;  // ’ (also an apostrophe)
    if (!ascii && !left && !right) continue;
    const size_t after = i + (ascii ? 1 : 3);
    const bool before_word = after < s.size() && letter(static_cast<unsigned char>(s[after]));
    const bool after_word = i > 0 && letter(static_cast<unsigned char>(s[i - 1]));
    if (single == std::string_view::npos) {
      if ((ascii || left) && before_word && !after_word) single = i;
    } else if ((ascii || right) && !before_word &&
               (after_word || (i > 1 && std::strchr(".!?", s[i - 1]) != nullptr &&
                               letter(static_cast<unsigned char>(s[i - 2]))))) {
      // (A quotation may end with its sentence: 'Congratulations! ... to claim it.')
      out.emplace_back(single, i);
      single = std::string_view::npos;
    }
  }
  return out;
}

// Words that say the next or previous capitalised word is a name: a place, a pet, a pub.
constexpr std::string_view kNameCues[] = {
    "named",   "called",  "name",    "renamed", "village", "town",   "hamlet", "city",
    "river",   "street",  "road",    "lane",    "inn",     "pub",    "tavern", "cat",
    "dog",     "kitten",  "puppy",   "horse",   "pony",    "parrot", "gin",    "ale",
    "beer",    "whisky",  "brand",   "band",    "dorf",    "pueblo", "ville",  "wine",
    "vodka",   "label",   "estate",  "winery",  "brewery", "neighbour", "neighbor",
    // Places: a campus, a festival, a mountain ("our Austin and Cumming campuses", "the Dildo
    // Days festival", "die Tour auf den Wank").
    "campus",  "campuses", "festival", "mount",  "mountain", "peak",  "summit", "trail",
    "tour",    "gipfel",  "berg",    "county",  "township", "station", "airport"};

// A profanity that is a proper name: capitalised mid-sentence, with a naming word within three
// words ("the village of Fugging, once Fucking", "our cat Bastard (yes, that's his name)").
bool proper_name(std::string_view text, const std::vector<Token>& tokens, const Finding& f) {
  if (f.begin >= text.size() || !(text[f.begin] >= 'A' && text[f.begin] <= 'Z')) return false;
  size_t first = 0;
  while (first < tokens.size() && tokens[first].end <= f.begin) ++first;
  if (first == tokens.size() || first == 0) return false;
  // Mid-sentence: no sentence end between the previous word and this one.
  const std::string_view gap =
      text.substr(tokens[first - 1].end, tokens[first].begin - tokens[first - 1].end);
  if (gap.find_first_of(".!?:\n") != std::string_view::npos) return false;
  size_t last = first;
  while (last + 1 < tokens.size() && tokens[last + 1].begin < f.end) ++last;
  const size_t from = first >= 3 ? first - 3 : 0;
  for (size_t k = from; k < tokens.size() && k <= last + 3; ++k) {
    if ((k < first || k > last) && listed(kNameCues, tokens[k].text)) return true;
  }
  // A place with its region: "in Dildo, Newfoundland", "near Cumming, Georgia".
  static constexpr std::string_view kIn[] = {"in", "near", "at", "from", "to", "outside"};
  if (listed(kIn, tokens[first - 1].text) && last + 1 < tokens.size() &&
      text.substr(tokens[last].end, tokens[last + 1].begin - tokens[last].end) == ", " &&
      text[tokens[last + 1].begin] >= 'A' && text[tokens[last + 1].begin] <= 'Z')
    return true;
  return false;
}

// Words with an everyday sense in one domain, read in that sense when the message is about it:
// a breeder's "brood bitch", a butcher's "faggots and peas", a farm's "jackass". The cues are
// nouns of the domain, anywhere in the message.
struct WordSense {
  std::string_view word;
  std::string_view cues[12];
};
constexpr WordSense kWordSenses[] = {
    {"bitch", {"puppy", "puppies", "litter", "whelping", "breeder", "breeders", "kennel",
               "stud", "dam", "pedigree", "brood", "dogs"}},
    {"bitches", {"puppy", "puppies", "litter", "litters", "whelping", "breeder", "breeders",
                 "kennel", "stud", "pedigree", "brood", "dogs"}},
    {"faggots", {"peas", "gravy", "onion", "menu", "butcher", "butchers", "meatballs", "mash",
                 "cafe", "pork", "sausages", "recipe"}},
    {"faggot", {"peas", "gravy", "onion", "menu", "butcher", "butchers", "meatballs", "mash",
                "cafe", "pork", "firewood", "recipe"}},
    {"jackass", {"donkey", "donkeys", "jenny", "mule", "mules", "farm", "sanctuary", "foal",
                 "stud", "breeding", "paddock", "herd"}},
};

bool domain_sense(const std::vector<Token>& tokens, const Finding& f) {
  size_t first = 0;
  while (first < tokens.size() && tokens[first].end <= f.begin) ++first;
  if (first == tokens.size() || tokens[first].end < f.end) return false;  // one word only
  for (const WordSense& ws : kWordSenses) {
    if (tokens[first].text != ws.word) continue;
    for (const Token& t : tokens) {
      for (std::string_view cue : ws.cues) {
        if (!cue.empty() && t.text == cue) return true;
      }
    }
  }
  return false;
}

// Whether [begin, end) lies inside quotations: one, or a list of them whose gaps are short
// ("guaranteed returns", "double your Bitcoin in 24 hours" and "risk-free profit"), so that
// unquoted words between two quotations are never covered.
bool covered_by_quotes(std::string_view text, std::vector<std::pair<size_t, size_t>> quotes,
                       size_t begin, size_t end) {
  std::sort(quotes.begin(), quotes.end());
  size_t at = begin;  // the first byte not yet shown to be quoted
  for (const auto& [open, close] : quotes) {
    if (close <= at) continue;
    if (open >= at) {
      // The first quotation must hold `begin`; between two, only marks, punctuation and one
      // conjunction ("”, “", "' or '", "» et «", "“ oder „").
      if (at == begin) return false;
      std::string word;
      for (char c : text.substr(at, open - at)) {
        if (std::isalpha(static_cast<unsigned char>(c))) word.push_back(c);
      }
      static constexpr std::string_view kAnd[] = {"", "and", "or", "y", "o", "e", "ou", "et",
                                                  "und", "oder", "en", "of"};
      if (!listed(kAnd, word)) return false;
    }
    at = close;
    if (end <= close) return true;
  }
  return false;
}

bool safety_notice(const std::vector<Token>& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (listed(kNoticeCues, tokens[i].text)) return true;
    // Compounds that name the fraud ("Anlagebetrug", "Kreditbetrug", "anti-scam" is two words).
    if (tokens[i].text.size() > 6 && tokens[i].text.ends_with("betrug")) return true;
    // "Red flags: ..." lists what a scam says.
    if (i + 1 < tokens.size() && tokens[i].text == "red" &&
        (tokens[i + 1].text == "flags" || tokens[i + 1].text == "flag"))
      return true;
    // "we will never ask for your PIN", "our team will never say ...".
    static constexpr std::string_view kNeverVerbs[] = {"ask",  "asks",  "say",   "says",
                                                       "call", "calls", "text",  "request",
                                                       "promise", "promises", "pide", "demande",
                                                       "promete", "prometemos", "promet",
                                                       "verspricht", "promette"};
    if (i + 1 < tokens.size() &&
        (tokens[i].text == "never" || tokens[i].text == "nunca" || tokens[i].text == "jamais") &&
        listed(kNeverVerbs, tokens[i + 1].text))
      return true;
  }
  return false;
}

std::string compact(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '@')
      out.push_back(c);
  }
  return out;
}

bool own_detail(const std::vector<std::string>& own, std::string_view found) {
  for (const auto& o : own) {
    // Leading zeros are a national trunk prefix ("020 ..." is "+44 20 ...").
    std::string c = compact(o);
    std::string f = compact(found);
    c.erase(0, c.find_first_not_of('0'));
    f.erase(0, f.find_first_not_of('0'));
    if (c.empty() || f.empty()) continue;
    if (c == f) return true;
    // "+1 (555) 010-0199" is "555-010-0199": one a suffix of the other, seven or more left.
    const std::string& longer = c.size() > f.size() ? c : f;
    const std::string& shorter = c.size() > f.size() ? f : c;
    if (shorter.size() >= 7 &&
        longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0)
      return true;
  }
  return false;
}

bool has_phrase(const std::vector<Token>& tokens, std::initializer_list<std::string_view> words) {
  for (size_t i = 0; i + words.size() <= tokens.size(); ++i) {
    size_t k = 0;
    for (std::string_view w : words) {
      if (tokens[i + k].text != w) break;
      ++k;
    }
    if (k == words.size()) return true;
  }
  return false;
}

}  // namespace

namespace {

// "Cut yourself a slice", "cut yourself some slack", "treat yourself to": a reflexive followed by
// a determiner and a noun is who gets the thing (a double object), not who is harmed. Not
// when the words after are a measure of the harm ("cut yourself a little deeper").
bool reflexive_beneficiary(const std::vector<Token>& tokens, const Finding& f) {
  static const char* kDeterminers[] = {"a", "an", "some", "another", "one"};
  static const char* kMeasures[] = {"little", "bit", "lot", "few", "more", "again", "tonight",
                                    "deeper", "couple", "week", "day", "days"};
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (tokens[i].end != f.end) continue;
    const std::string& r = tokens[i].text;
    if (r != "yourself" && r != "urself" && r != "yourselves") return false;
    bool det = false, measure = false;
    for (const char* d : kDeterminers) det = det || tokens[i + 1].text == d;
    for (const char* w : kMeasures) measure = measure || tokens[i + 2].text == w;
    return det && !measure;
  }
  return false;
}

}  // namespace

void apply_context(const Message& m, std::string_view text, const std::vector<Token>& tokens,
                   std::vector<Finding>& findings) {
  const auto quotes = quoted_ranges(text);
  const bool notice = !quotes.empty() && safety_notice(tokens);
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (auto& f : findings) {
    if (negatable(f.category) && negated(text, tokens, f)) continue;
    if (f.category == Category::kSelfHarm && reflexive_beneficiary(tokens, f)) continue;
    if (f.category == Category::kPiiLeak && !m.own_details.empty() &&
        own_detail(m.own_details, text.substr(f.begin, f.end - f.begin)))
      continue;
    if (f.category == Category::kUnfilledPlaceholder && m.explains_merge_tags) continue;
    if ((f.category == Category::kProfanity || f.category == Category::kSexual) &&
        f.severity > 1 && proper_name(text, tokens, f)) {
      f.severity = 1;
      f.detail += " (a proper name)";
    }
    if ((f.category == Category::kProfanity || f.category == Category::kHate) &&
        f.severity > 1 && domain_sense(tokens, f)) {
      f.severity = 1;
      f.detail += " (its everyday sense in this message's subject)";
    }
    const bool structural = f.category == Category::kPiiLeak ||
                            f.category == Category::kMissingUnsubscribe ||
                            f.category == Category::kUnfilledPlaceholder;
    if (notice && !structural && f.severity > 1 && covered_by_quotes(text, quotes, f.begin, f.end)) {
      f.severity = 1;
      f.detail += " (quoted in a safety notice)";
    }
    kept.push_back(std::move(f));
  }
  findings = std::move(kept);
}

namespace {

bool starts_with_any(const std::string& t, std::initializer_list<std::string_view> stems) {
  for (std::string_view s : stems) {
    if (t.starts_with(s)) return true;
  }
  return false;
}

// Whether a token starting with one of `a` stands within `window` tokens of one starting with
// one of `b` (either order).
bool stems_near(const std::vector<Token>& tokens, std::initializer_list<std::string_view> a,
                std::initializer_list<std::string_view> b, size_t window) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!starts_with_any(tokens[i].text, a)) continue;
    const size_t lo = i >= window ? i - window : 0;
    for (size_t j = lo; j < tokens.size() && j <= i + window; ++j) {
      if (j != i && starts_with_any(tokens[j].text, b)) return true;
    }
  }
  return false;
}

// A risk word near a loss word, in the languages of the markets; a risk that is denied or
// dared ("risk-free", "sin riesgo", "zero risk", "don't risk losing out") does not count.
bool risk_near_loss(const std::vector<Token>& tokens) {
  static const std::string_view kDenied[] = {
      "no", "dont", "zero", "sin", "sem", "senza", "sans", "ohne", "zonder", "without", "nessun",
      "aucun", "kein", "geen", "never", "nunca", "mai", "jamais", "nie", "nooit"};
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i].text;
    if (!starts_with_any(t, {"risk", "riesg", "risc", "risq", "risik", "risico", "volatil"}))
      continue;
    if (i > 0 && std::find(std::begin(kDenied), std::end(kDenied), tokens[i - 1].text) !=
                     std::end(kDenied))
      continue;
    if (i + 1 < tokens.size() && (tokens[i + 1].text == "free" || tokens[i + 1].text == "frei"))
      continue;
    const size_t lo = i >= 15 ? i - 15 : 0;
    for (size_t j = lo; j < tokens.size() && j <= i + 15; ++j) {
      if (starts_with_any(tokens[j].text, {"lose", "losing", "loss", "perd", "perte", "verlier",
                                           "verlust", "totalverlust", "verlies", "verliez",
                                           "verlor"}))
        return true;
    }
  }
  return false;
}

// A value that can rise or fall: the two verbs joined by "or" ("steigen oder fallen",
// "augmenter ou diminuer", "subir ou descer", "salire o scendere", "stijgen of dalen"; not
// "watch your savings rise this fall").
bool rise_or_fall(const std::vector<Token>& tokens) {
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (!starts_with_any(tokens[i].text,
                         {"steig", "augment", "subir", "salir", "salg", "aumen", "stijg", "rise"}))
      continue;
    const std::string& conj = tokens[i + 1].text;
    if (conj != "or" && conj != "oder" && conj != "ou" && conj != "o" && conj != "of" &&
        conj != "y" && conj != "and" && conj != "und" && conj != "et" && conj != "e" &&
        conj != "en")
      continue;
    if (starts_with_any(tokens[i + 2].text, {"fall", "diminu", "baiss", "descer", "desce",
                                             "scend", "bajar", "bajan", "disminu", "dalen",
                                             "daalt"}))
      return true;
  }
  return false;
}

// "no están garantizadas", "non sono garantiti", "nicht garantiert", "ne sont pas garantis".
bool negated_guarantee(const std::vector<Token>& tokens) {
  static const std::string_view kNot[] = {"no", "not", "non", "nicht", "pas", "nao", "niet",
                                          "geen", "keine", "kein"};
  for (size_t i = 1; i < tokens.size(); ++i) {
    if (!tokens[i].text.starts_with("garant")) continue;
    for (size_t k = i >= 3 ? i - 3 : 0; k < i; ++k) {
      if (std::find(std::begin(kNot), std::end(kNot), tokens[k].text) != std::end(kNot))
        return true;
    }
  }
  return false;
}

}  // namespace

void detect_missing_disclaimers(const Message& m, const std::vector<Token>& tokens,
                                size_t text_size, std::vector<Finding>& out) {
  // The supplement disclaimer in any language names the four verbs ("not intended to
  // diagnose, treat, cure or prevent", "destinado a diagnosticar, tratar, curar ni prevenir",
  // "diagnostiquer, traiter, guérir ou prévenir"), or says the regulator has not evaluated the
  // statements ("no han sido evaluadas por la FDA").
  if (m.has_supplement_disclaimer_required && !has_phrase(tokens, {"not", "been", "evaluated"}) &&
      !has_phrase(tokens, {"not", "intended", "to", "diagnose"}) &&
      !stems_near(tokens, {"diagnos"}, {"prevent", "preven", "preveni", "verhinder", "vorbeug",
                                        "voorkom"}, 8) &&
      !stems_near(tokens, {"fda", "efsa", "anvisa", "cofepris"},
                  {"evaluad", "avaliad", "valutat", "evaluee", "bewertet", "gepruft",
                   "beoordeeld"}, 8))
    out.push_back({Category::kMissingUnsubscribe, 4, 0, text_size,
                   "a dietary supplement needs its disclaimer (\"not been evaluated by the Food "
                   "and Drug Administration... not intended to diagnose, treat, cure or prevent "
                   "any disease\") and none was found"});
  if (m.has_risk_disclaimer_required) {
    const bool found =
        has_phrase(tokens, {"capital", "at", "risk"}) ||
        has_phrase(tokens, {"capital", "is", "at", "risk"}) ||
        has_phrase(tokens, {"past", "performance"}) || has_phrase(tokens, {"may", "lose"}) ||
        has_phrase(tokens, {"could", "lose"}) || has_phrase(tokens, {"can", "lose"}) ||
        has_phrase(tokens, {"prepared", "to", "lose"}) ||
        has_phrase(tokens, {"down", "as", "well", "as", "up"}) ||
        has_phrase(tokens, {"fall", "as", "well", "as", "rise"}) ||
        has_phrase(tokens, {"involves", "risk"}) || has_phrase(tokens, {"involve", "risk"}) ||
        has_phrase(tokens, {"risk", "of", "loss"}) ||
        // A price or a value that "can fall" / "may go down", or returns "not guaranteed".
        has_phrase(tokens, {"can", "fall"}) || has_phrase(tokens, {"may", "fall"}) ||
        has_phrase(tokens, {"could", "fall"}) || has_phrase(tokens, {"can", "drop"}) ||
        has_phrase(tokens, {"may", "drop"}) || has_phrase(tokens, {"can", "go", "down"}) ||
        has_phrase(tokens, {"may", "go", "down"}) || has_phrase(tokens, {"not", "guaranteed"}) ||
        has_phrase(tokens, {"arent", "guaranteed"}) || has_phrase(tokens, {"isnt", "guaranteed"}) ||
        has_phrase(tokens, {"capital", "en", "riesgo"}) ||
        has_phrase(tokens, {"capital", "en", "risque"}) ||
        has_phrase(tokens, {"kapital", "ist", "risiko"}) ||
        // In any of the languages: a risk word near a loss word ("toda inversión conlleva
        // riesgos y puedes perder parte de tu capital", "risque de perte en capital",
        // "Verluste bis hin zum Totalverlust ... Risikohinweis", "beleggen brengt risico's met
        // zich mee: u kunt uw inleg verliezen", "high-risk investment ... lose all the money").
        risk_near_loss(tokens) ||
        // "high-risk investment", "inversión de alto riesgo", "hohes Risiko"; returns "not
        // guaranteed" in any language ("no están garantizadas", "nicht garantiert").
        has_phrase(tokens, {"high", "risk"}) || has_phrase(tokens, {"alto", "riesgo"}) ||
        has_phrase(tokens, {"alto", "rischio"}) || has_phrase(tokens, {"alto", "risco"}) ||
        has_phrase(tokens, {"hohes", "risiko"}) || has_phrase(tokens, {"hoog", "risico"}) ||
        has_phrase(tokens, {"risque", "eleve"}) || negated_guarantee(tokens) ||
        // A value that can rise or fall ("kann steigen oder fallen", "peut augmenter ou
        // diminuer", "pode subir ou descer"), less back than put in ("get back less", "weniger
        // zurück", "récupérer moins"), or risks that investing carries ("subject to market
        // risks", "mit Risiken verbunden", "comportent des risques", "conlleva riesgos").
        rise_or_fall(tokens) || has_phrase(tokens, {"up", "or", "down"}) ||
        has_phrase(tokens, {"back", "less"}) || has_phrase(tokens, {"weniger", "zuruck"}) ||
        has_phrase(tokens, {"recuperer", "moins"}) || has_phrase(tokens, {"receber", "menos"}) ||
        has_phrase(tokens, {"subject", "to", "market"}) ||
        stems_near(tokens, {"conllev", "implica", "comport", "envolv", "verbunden", "brengt",
                            "involv", "carri", "carry", "entail"},
                   {"risk", "riesg", "risc", "risq", "risik", "risico"}, 3) ||
        // Past performance, in other words ("rendimientos pasados no garantizan", "les
        // performances passées ne préjugent pas", "vergangene Wertentwicklungen",
        // "rendimenti passati").
        stems_near(tokens, {"pasad", "passe", "passat", "passad", "vergangen", "verleden"},
                   {"rendim", "rentab", "perform", "wertentwickl", "resultat", "rendement"}, 2);
    if (!found)
      out.push_back({Category::kMissingUnsubscribe, 4, 0, text_size,
                     "an investment message needs a risk warning (\"capital at risk\", \"past "
                     "performance is not a guide to future returns\") and none was found"});
  }
  // HELP wording: the word in the languages of the channel's markets, or a help keyword in
  // capitals ("Vragen? Sms INFO naar 4411", "AIUTO per assistenza").
  bool help = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (std::string_view w : {"help", "ayuda", "aide", "hilfe", "aiuto", "ajuda", "hulp",
                               "assistenza"}) {
      help = help || tokens[i].text == w;
    }
    // "Text INFO to 4411", "Sms INFO naar 4411": an information keyword after a sending verb.
    help = help || (tokens[i].text == "info" && i > 0 &&
                    starts_with_any(tokens[i - 1].text,
                                    {"text", "sms", "reply", "send", "envi", "respond", "invia"}));
  }
  if (m.has_sms_help_required && !help)
    out.push_back({Category::kMissingUnsubscribe, 4, 0, text_size,
                   "an SMS needs HELP wording (\"Reply HELP for help\") and none was found"});
}

}  // namespace tailor::safety
