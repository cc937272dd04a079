// Structural checks: template placeholders, unsubscribe wording, chat control tokens, and
// the shape of spam (capitals, exclamation runs).
#include <string>

#include "core/safety/detectors.h"

namespace tailor::safety {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident(char c) { return is_upper(c) || is_lower(c) || is_digit(c) || c == '_' || c == '.'; }

void placeholder(std::vector<Finding>& out, std::string_view s, size_t b, size_t e) {
  out.push_back({Category::kUnfilledPlaceholder, 4, b, e,
                 "unfilled template placeholder " + std::string(s.substr(b, e - b))});
}

// Position of `close` after `from` within `limit` bytes, or npos.
// Searches only the window, so text full of unclosed '{' stays linear.
size_t closing(std::string_view s, size_t from, std::string_view close, size_t limit) {
  if (from > s.size()) return std::string_view::npos;
  const size_t c = s.substr(from, limit + close.size()).find(close);
  return c == std::string_view::npos ? c : from + c;
}

// Whether s[b, e) is an identifier, allowing spaces around it ("{{ first_name }}").
bool identifier(std::string_view s, size_t b, size_t e) {
  while (b < e && s[b] == ' ') ++b;
  while (e > b && s[e - 1] == ' ') --e;
  if (b == e || is_digit(s[b])) return false;
  for (size_t i = b; i < e; ++i) {
    if (!is_ident(s[i])) return false;
  }
  return true;
}

// "[Customer First Name]", "[your name]", "[Link]": a short bracket of words, one of which is a
// typical merge field.
bool merge_field(std::string_view inner) {
  static const char* kFields[] = {"name",     "first",     "last",    "customer", "company",
                                  "city",     "date",      "product", "address",  "email",
                                  "link",     "recipient", "store",   "phone",    "placeholder",
                                  "discount", "code",      "url",     "fname",    "lname",
                                  "firstname", "lastname", "fullname", "zip",     "postcode",
                                  "coupon",   "promo",     "offer"};
  std::string word;
  bool field = false;
  for (size_t i = 0; i <= inner.size(); ++i) {
    const char c = i < inner.size() ? inner[i] : ' ';
    if (is_upper(c) || is_lower(c)) {
      word.push_back(is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (c == ' ' || c == '_') {
      for (const char* f : kFields) field = field || word == f;
      word.clear();
    } else {
      return false;  // digits or punctuation: a footnote or a citation, not a field
    }
  }
  return field;
}

}  // namespace

void detect_placeholders(std::string_view s, std::vector<Finding>& out) {
  for (size_t i = 0; i < s.size(); ++i) {
    size_t c;
    if (s.compare(i, 2, "{{") == 0 && (c = closing(s, i + 2, "}}", 60)) != s.npos) {
      placeholder(out, s, i, c + 2);
      i = c + 1;
    } else if (s[i] == '{' && (c = closing(s, i + 1, "}", 40)) != s.npos &&
               identifier(s, i + 1, c)) {
      placeholder(out, s, i > 0 && s[i - 1] == '$' ? i - 1 : i, c + 1);
      i = c;
    } else if (s[i] == '[' && (c = closing(s, i + 1, "]", 40)) != s.npos && c > i + 2) {
      // [CUSTOMER NAME], [INSERT CITY], [Insert date]: capitals/underscores, or "insert".
      std::string_view inner = s.substr(i + 1, c - i - 1);
      bool caps = true;
      int letters = 0;
      for (char ch : inner) {
        if (is_upper(ch)) ++letters;
        if (!(is_upper(ch) || ch == ' ' || ch == '_' || is_digit(ch))) caps = false;
      }
      const bool insert = inner.substr(0, 6) == "INSERT" || inner.substr(0, 6) == "Insert" ||
                          inner.substr(0, 6) == "insert";
      // A lone capitalised word is a tag unless it names a field ("[ANCHORDESK]" and "[SQL]"
      // head real newsletters; "[DATE]", "[FNAME]" are fields).
      const bool words = inner.find_first_of(" _") != std::string_view::npos;
      if ((caps && letters >= 2 && words) || insert || merge_field(inner)) {
        placeholder(out, s, i, c + 1);
        i = c;
      }
    } else if (s[i] == '%' && i + 1 < s.size() && is_upper(s[i + 1]) &&
               (c = closing(s, i + 1, "%", 30)) != s.npos) {
      bool caps = true;
      for (size_t k = i + 1; k < c; ++k)
        caps = caps && (is_upper(s[k]) || s[k] == '_' || is_digit(s[k]));
      if (caps && c > i + 2) {
        placeholder(out, s, i, c + 1);
        i = c;
      }
    } else if (s.compare(i, 2, "*|") == 0 && (c = closing(s, i + 2, "|*", 30)) != s.npos) {
      placeholder(out, s, i, c + 2);
      i = c + 1;
    } else if (s.compare(i, 2, "<<") == 0 && (c = closing(s, i + 2, ">>", 40)) != s.npos &&
               identifier(s, i + 2, c)) {
      placeholder(out, s, i, c + 2);
      i = c + 1;
    } else if (s[i] == '<' && (c = closing(s, i + 1, ">", 40)) != s.npos && c > i + 2) {
      // <FIRST NAME>, <CITY>, <First Name>: a merge field in angle brackets, in capitals or of
      // several words; never an HTML tag (<b>, <address>, <a href=...>: lower case, one word
      // or punctuation).
      std::string_view inner = s.substr(i + 1, c - i - 1);
      bool caps = true;
      for (char ch : inner) caps = caps && (is_upper(ch) || ch == ' ' || ch == '_');
      const bool words = inner.find(' ') != std::string_view::npos && inner.front() != ' ';
      if ((caps || words) && merge_field(inner)) {
        placeholder(out, s, i, c + 1);
        i = c;
      }
    }
  }
}

void detect_missing_unsubscribe(const std::vector<Token>& tokens, bool required, size_t text_size,
                                std::vector<Finding>& out) {
  if (!required) return;
  // English, Spanish, French, German, Italian, Portuguese opt-out wording.
  static const char* kSingle[] = {
      "unsubscribe",   "unsubscribing", "optout",        "desuscribirse",
      "desuscribete",  "desuscribir",   "desuscripcion", "baja",
      "desabonner",    "desinscrire",   "desabonnement", "desinscription",
      "desabonnez",    "desinscrivez",  "abmelden",      "abbestellen",
      "austragen",     "abmeldung",     "abbestellung",  "abmeldelink",
      "disiscriviti",  "disiscrizione", "disiscriversi", "disiscriverti",
      "disiscrivervi", "cancellati",    "descadastrar",  "descadastre",
      "descadastrese", "desinscrever",  "desinscreva",   "stop",
      // Dutch, Polish, Swedish, Danish, Catalan.
      "afmelden",      "uitschrijven",  "wypisz",        "wypisac",
      "avregistrera",  "afmeld",        "baixa"};
  static const std::pair<const char*, const char*> kPairs[] = {{"opt", "out"},
                                                               {"manage", "preferences"},
                                                               {"email", "preferences"},
                                                               {"de", "baja"},
                                                               {"cancelar", "suscripcion"},
                                                               {"se", "desabonner"},
                                                               {"plus", "recevoir"},
                                                               {"cancelar", "inscricao"},
                                                               {"cancelar", "subscricao"},
                                                               {"annulla", "iscrizione"},
                                                               {"cancella", "iscrizione"},
                                                               {"non", "ricevere"},
                                                               {"nao", "receber"},
                                                               {"de", "receber"},
                                                               {"de", "recibir"},
                                                               {"recibir", "mas"},
                                                               {"receber", "mais"},
                                                               {"mehr", "erhalten"},
                                                               {"ricevere", "piu"},
                                                               {"piu", "ricevere"},
                                                               {"update", "preferences"},
                                                               {"change", "preferences"},
                                                               {"communication", "preferences"},
                                                               {"subscription", "preferences"},
                                                               {"longer", "wish"},
                                                               {"longer", "want"},
                                                               {"deseas", "recibir"},
                                                               {"desea", "recibir"}};
  // Word families by stem (unsubscribed, désinscrivez-vous, abmelden können, Abmeldelink) and
  // a cancelling verb with a subscription noun up to three words on ("cancelar a inscrição",
  // "annullare l'iscrizione", "annuler l'abonnement", "stop receiving these emails"; not
  // "cancel your subscription", which a subscription box says about its product).
  static const char* kStems[] = {"unsubscri", "desuscri", "desinscri", "desabonn", "disiscri",
                                 "descadastr", "desinscrev", "abmeld", "abbestell", "austrag"};
  static const char* kCancel[] = {"cancel",   "cancelar", "cancela",   "cancele",  "annulla",
                                  "annullare", "cancella", "cancellare", "anular",  "annuler",
                                  "annulez",  "resilier", "kundigen",  "kuendigen", "stop"};
  static const char* kSubscription[] = {"iscri", "inscri", "subscricao", "suscri", "abonnement",
                                        "receiving", "emails", "newsletter"};
  auto contains = [](const std::string& t, const char* part) {
    return t.find(part) != std::string::npos;
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i].text;
    for (const char* w : kSingle) {
      if (t == w) return;
    }
    for (const char* stem : kStems) {
      if (t.starts_with(stem)) return;
    }
    if (i + 1 < tokens.size()) {
      for (const auto& [a, b] : kPairs) {
        if (t == a && tokens[i + 1].text == b) return;
      }
    }
    for (const char* c : kCancel) {
      if (t != c) continue;
      for (size_t j = i + 1; j < tokens.size() && j <= i + 3; ++j) {
        for (const char* sub : kSubscription) {
          if (contains(tokens[j].text, sub)) return;
        }
      }
    }
  }
  out.push_back({Category::kMissingUnsubscribe, 4, 0, text_size,
                 "the channel requires an unsubscribe link or opt-out wording and none was found"});
}

namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// UK postcode: A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA (raw, upper case).
bool uk_postcode_at(std::string_view s, size_t i) {
  auto up = [&](size_t k) { return k < s.size() && is_upper(s[k]); };
  auto dig = [&](size_t k) { return k < s.size() && is_digit(s[k]); };
  if (i > 0 && (is_upper(s[i - 1]) || is_lower(s[i - 1]) || is_digit(s[i - 1]))) return false;
  size_t k = i;
  if (!up(k)) return false;
  ++k;
  if (up(k)) ++k;
  if (!dig(k)) return false;
  ++k;
  if (dig(k) || up(k)) ++k;
  if (k >= s.size() || s[k] != ' ') return false;
  ++k;
  return dig(k) && up(k + 1) && up(k + 2) && !(up(k + 3) || dig(k + 3));
}

}  // namespace

void detect_missing_postal_address(std::string_view text, const std::vector<Token>& tokens,
                                   bool required, std::vector<Finding>& out) {
  if (!required) return;
  static const char* kStreet[] = {
      "street", "st",     "avenue",   "ave",       "road",    "rd",      "boulevard", "blvd",
      "lane",   "ln",     "drive",    "dr",        "way",     "court",   "ct",        "place",
      "pl",     "square", "suite",    "floor",     "highway", "parkway", "calle",     "avenida",
      "plaza",  "paseo",  "rue",      "boulevard", "chemin",  "allee",   "strasse",   "str",
      "weg",    "platz",  "allee",    "gasse",     "viale",   "piazza",  "corso",     "vicolo",
      "rua",    "praca",  "travessa", "largo",     "estrada", "av",     "avda",    "carrer",
      "avinguda"};
  static const char* kBox[] = {"box", "postfach", "apartado", "bp", "cedex"};
  static const char* kStates[] = {"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI",
                                  "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI",
                                  "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
                                  "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
                                  "VT", "VA", "WA", "WV", "WI", "WY", "DC"};
  for (size_t t = 0; t < tokens.size(); ++t) {
    const std::string& w = tokens[t].text;
    // Italian "Via Roma 12": "via" only before a capitalised name ("via email" is not a street).
    const bool via = w == "via" && t + 1 < tokens.size() && text[tokens[t + 1].begin] >= 'A' &&
                     text[tokens[t + 1].begin] <= 'Z';
    for (const char* street : kStreet) {
      if (w != street && !(via && street == kStreet[0])) continue;
      // "221B Baker Street", "10 Downing St", "Calle Mayor 5", "Hauptstrasse 12" (below).
      // "Av. del Puerto 45": the number may stand three words on.
      for (size_t k = t >= 3 ? t - 3 : 0; k < tokens.size() && k <= t + 3; ++k) {
        const std::string_view raw = text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
        if (k != t && !raw.empty() && is_digit(raw[0])) return;
      }
    }
    // German compounds: "Hauptstrasse 12", "Lindenweg 4".
    if (w.size() > 7 && t + 1 < tokens.size() && all_digits(tokens[t + 1].text) &&
        (w.compare(w.size() - 7, 7, "strasse") == 0 || w.compare(w.size() - 3, 3, "weg") == 0 ||
         w.compare(w.size() - 5, 5, "platz") == 0))
      return;
    for (const char* box : kBox) {
      if (w == box && t + 1 < tokens.size() && all_digits(tokens[t + 1].text)) return;
    }
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (uk_postcode_at(text, i)) return;
    // "Portland, OR 97201": a state code, a space, five digits.
    if (i + 8 <= text.size() && is_upper(text[i]) && is_upper(text[i + 1]) && text[i + 2] == ' ') {
      bool zip = true;
      for (size_t k = i + 3; k < i + 8; ++k) zip = zip && is_digit(text[k]);
      if (zip && (i + 8 == text.size() || !is_digit(text[i + 8]))) {
        for (const char* st : kStates) {
          if (text.compare(i, 2, st) == 0) return;
        }
      }
    }
  }
  out.push_back({Category::kMissingUnsubscribe, 4, 0, text.size(),
                 "the channel requires a postal address (CAN-SPAM) and none was found"});
}

void detect_control_tokens(std::string_view s, std::vector<Finding>& out) {
  // ("<s>" is left alone: it is also HTML's strike-through, common in price copy.)
  static const char* kMarkers[] = {"<|", "[INST]", "[/INST]", "<<SYS>>"};
  for (const char* m : kMarkers) {
    const size_t at = s.find(m);
    if (at == std::string_view::npos) continue;
    size_t end = at + std::string_view(m).size();
    if (m[1] == '|') {
      const size_t close = s.find("|>", at + 2);
      if (close != std::string_view::npos && close - at < 40) end = close + 2;
    }
    out.push_back({Category::kPromptInjectionArtifact, 4, at, end,
                   "chat-model control token " + std::string(s.substr(at, end - at))});
    return;
  }
}

void detect_spam_shape(std::string_view s, int phrase_points, std::string phrase_list,
                       std::vector<Finding>& out) {
  int letters = 0, upper = 0, runs = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (is_upper(s[i])) ++upper;
    if (is_upper(s[i]) || is_lower(s[i])) ++letters;
    // A run of three or more '!' (or Spanish '¡', UTF-8 C2 A1) counts once.
    auto bang = [&](size_t k) -> size_t {
      if (k < s.size() && s[k] == '!') return 1;
      if (k + 1 < s.size() && s[k] == '\xC2' && s[k + 1] == '\xA1') return 2;
      return 0;
    };
    size_t k = i, count = 0;
    while (size_t n = bang(k)) {
      k += n;
      ++count;
    }
    if (count >= 3) ++runs;
    if (count > 0) i = k - 1;
  }
  int points = phrase_points;
  std::string detail;
  if (letters >= 15 && upper * 10 >= letters * 6) {
    ++points;
    detail += "mostly capitals; ";
  }
  if (runs > 0) {
    points += std::min(runs, 3);
    detail += std::to_string(runs) + " run(s) of \"!!!\"; ";
  }
  if (!phrase_list.empty()) detail += "phrases: " + phrase_list + "; ";
  if (points == 0) return;
  const int severity = points >= 8 ? 4 : points >= 4 ? 3 : points >= 2 ? 2 : 1;
  detail = "spam signals (" + std::to_string(points) + " points): " + detail;
  detail.resize(detail.size() - 2);
  out.push_back({Category::kSpamSignals, severity, 0, s.size(), detail});
}

}  // namespace tailor::safety
