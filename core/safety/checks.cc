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

void detect_missing_unsubscribe(std::string_view text, const std::vector<Token>& tokens,
                                bool required, size_t text_size, std::vector<Finding>& out) {
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
      "avregistrera",  "afmeld",        "baixa",
      // Italian with a clitic ("Puoi cancellarti qui").
      "cancellarti",   "cancellarsi",   "cancellarvi"};
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
                                  "annulez",  "resilier", "kundigen",  "kuendigen", "stop",
                                  "sair",     "salir"};
  // ("cancelar o recebimento", "annuler la réception", "stop receiving": the receiving noun or
  // verb by its stem in each language.)
  static const char* kSubscription[] = {"iscri",  "inscri", "subscricao", "suscri", "abonnement",
                                        "receiving", "emails", "newsletter", "receb", "recib",
                                        "recep",  "ricev",  "ricez",      "recev",  "mensagens",
                                        "mensajes", "lista"};
  // SMS keywords: a reply verb, a keyword in capitals, and a cancelling word after it ("Responda
  // SAIR p/ cancelar", "Reply END to cancel", "Envía BAJA para cancelar"; not "Reply YES to
  // book").
  static const char* kReply[] = {"reply", "text", "send", "responda", "responde", "responder",
                                 "envie", "envia", "reponds", "repondez", "envoyez",
                                 "antworte", "antworten", "rispondi", "invia", "sms"};
  auto contains = [](const std::string& t, const char* part) {
    return t.find(part) != std::string::npos;
  };
  // An opt-out keyword in capitals near the end of the message ("... R$ 99. Sair: SAIR",
  // "Text END"): the SMS convention, where the keyword is the instruction.
  static const char* kKeywords[] = {"sair", "parar", "end", "quit", "cancel", "cancelar",
                                    "stopp", "arret", "fin", "alto", "annulla"};
  auto capitals = [&](size_t k, size_t min) {
    const std::string_view r = text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
    bool caps = r.size() >= min;
    for (char ch : r) caps = caps && is_upper(ch);
    return caps;
  };
  for (size_t i = tokens.size() > 8 ? tokens.size() - 8 : 0; i < tokens.size(); ++i) {
    // A keyword stands alone in capitals: "END OF SEASON SALE" is a headline.
    if (!capitals(i, 3) || (i > 0 && capitals(i - 1, 2)) ||
        (i + 1 < tokens.size() && capitals(i + 1, 2)))
      continue;
    for (const char* k : kKeywords) {
      if (tokens[i].text == k) return;
    }
  }
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
    for (const char* r : kReply) {
      if (t != r || i + 2 >= tokens.size()) continue;
      const std::string_view key =
          text.substr(tokens[i + 1].begin, tokens[i + 1].end - tokens[i + 1].begin);
      bool caps = key.size() >= 2 && key.size() <= 10;
      for (char ch : key) caps = caps && is_upper(ch);
      if (!caps) continue;
      for (size_t j = i + 2; j < tokens.size() && j <= i + 5; ++j) {
        for (const char* c : kCancel) {
          if (tokens[j].text == c) return;
        }
        for (const char* stem : kStems) {
          if (tokens[j].text.starts_with(stem)) return;
        }
        if (tokens[j].text == "opt" || tokens[j].text == "parar" || tokens[j].text == "sair")
          return;
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

// Irish Eircode: a routing key (a letter, two digits, or "D6W"), a space, then four letters
// and digits with at least one of each ("D03 K7W8", "A65 F4E2").
bool eircode_at(std::string_view s, size_t i) {
  auto up = [&](size_t k) { return k < s.size() && is_upper(s[k]); };
  auto dig = [&](size_t k) { return k < s.size() && is_digit(s[k]); };
  if (i > 0 && (is_upper(s[i - 1]) || is_lower(s[i - 1]) || is_digit(s[i - 1]))) return false;
  if (i + 8 > s.size() || !up(i) || !dig(i + 1) || !(dig(i + 2) || s[i + 2] == 'W') ||
      s[i + 3] != ' ')
    return false;
  int letters = 0, numbers = 0;
  for (size_t k = i + 4; k < i + 8; ++k) {
    if (up(k)) ++letters;
    else if (dig(k)) ++numbers;
    else return false;
  }
  const bool end = i + 8 == s.size() || !(is_upper(s[i + 8]) || is_lower(s[i + 8]) ||
                                           is_digit(s[i + 8]));
  return letters > 0 && numbers > 0 && end;
}

// The raw text of token k.
std::string_view raw_token(std::string_view text, const std::vector<Token>& tokens, size_t k) {
  return text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
}

// A capitalised word: an ASCII capital or a Latin-1 capital (UTF-8 C3 80..9E: "Évora",
// "Østerbro", "Ürgüp").
bool capitalised(std::string_view r) {
  if (r.empty()) return false;
  if (is_upper(r[0])) return true;
  return r.size() > 1 && static_cast<unsigned char>(r[0]) == 0xC3 &&
         static_cast<unsigned char>(r[1]) >= 0x80 && static_cast<unsigned char>(r[1]) <= 0x9E &&
         static_cast<unsigned char>(r[1]) != 0x97;
}

// Whether the text between two tokens breaks an address line into parts: a comma, a line
// break, a semicolon, '|', a middle dot or a bullet ("Ledgerly BV, Keizersgracht 241, 1016 EA
// Amsterdam", "Rheinufer 3, 56068 Koblenz · Abmelden").
bool part_break(std::string_view gap) {
  for (char c : {',', '\n', ';', '|'}) {
    if (gap.find(c) != std::string_view::npos) return true;
  }
  return gap.find("\xC2\xB7") != std::string_view::npos ||
         gap.find("\xE2\x80\xA2") != std::string_view::npos;
}

// A house number: 1-4 digits and at most one letter ("8", "241", "221B", "12a").
bool house_number(std::string_view r) {
  size_t d = 0;
  while (d < r.size() && is_digit(r[d])) ++d;
  if (d == 0 || d > 4) return false;
  return d == r.size() || (d + 1 == r.size() && (is_upper(r[d]) || is_lower(r[d])));
}

// Addresses as the world writes them, beyond the street words above: postcodes by country,
// street words inside a compound, a street word with its name before the number, and
// "number + name + Park". Each form asks for the parts an address has around it (a break in
// the line, a capitalised place name), so that "via 3 channels", "Top 10 Tips", "valid until
// 12 May 2026" and "Order 560103 has shipped" are not addresses.
bool postal_address_found(std::string_view text, const std::vector<Token>& tokens) {
  const size_t n = tokens.size();
  auto raw = [&](size_t k) { return raw_token(text, tokens, k); };
  auto gap = [&](size_t k) {  // the text before token k
    const size_t b = k == 0 ? 0 : tokens[k - 1].end;
    return text.substr(b, tokens[k].begin - b);
  };
  auto starts_part = [&](size_t k) { return k == 0 || part_break(gap(k)); };
  auto ends_part = [&](size_t k) {  // token k is the last of its part
    if (k + 1 >= n) return true;
    return part_break(gap(k + 1)) || gap(k + 1).find(". ") != std::string_view::npos ||
           text.substr(tokens[k].end, 1) == ".";
  };
  auto digits = [&](size_t k, size_t lo, size_t hi) {
    const std::string_view r = raw(k);
    return r.size() >= lo && r.size() <= hi && all_digits(std::string(r));
  };
  auto single_space = [&](size_t k) { return gap(k) == " "; };
  static const char* kParticles[] = {"de",  "del", "della", "dei", "degli", "delle", "dello",
                                     "di",  "da",  "do",    "dos", "das",   "la",    "le",
                                     "les", "des", "du",    "el",  "los",   "las",   "van",
                                     "der", "den", "von",   "am",  "an",    "y",     "e",
                                     "sur", "sous", "d",    "l",   "of",    "the"};
  auto particle = [&](size_t k) {
    for (const char* p : kParticles) {
      if (tokens[k].text == p) return true;
    }
    return false;
  };
  // Does a house number, with a name in front of it, stand in one part of the line after a
  // part that ends in a house number? ("Gran Vía 30, 28013 Madrid": the part before the
  // postcode.)
  auto part_before_has_number = [&](size_t k) {
    for (size_t j = k; j-- > 0;) {
      if (house_number(raw(j))) return true;
      if (starts_part(j)) return false;
    }
    return false;
  };
  static const char* kAuStates[] = {"NSW", "VIC", "QLD", "SA", "WA", "TAS", "NT", "ACT"};
  // Street words that end a compound (Dutch, German, Scandinavian, Finnish, Hungarian):
  // "Keizersgracht 241", "Dorpsstraat 8", "Rheinufer 3", "Lindenweg 4", "Markt 1".
  static const char* kSuffixes[] = {"strasse", "straat", "gracht", "weg",    "laan",  "plein",
                                    "kade",    "singel", "dijk",   "steeg",  "markt", "gasse",
                                    "allee",   "platz",  "ufer",   "gade",   "vej",   "gatan",
                                    "gata",    "veien",  "vegen",  "katu",   "utca",  "ulica",
                                    "hof",     "damm",   "graben", "straede", "str",
                                    "vagen"};
  // Street words after a house number and a name ("4 Tech Park", "1 Route des Alpes",
  // "2 Market Sq", "7 Rose Close").
  static const char* kAfterNumber[] = {
      "park",    "route",   "sq",     "square",  "close",   "crescent", "terrace", "grove",
      "gardens", "mews",    "row",    "parade",  "quay",    "wharf",    "walk",    "green",
      "hill",    "rise",    "estate", "yard",    "centre",  "center",   "house",   "building",
      "tower",   "street",  "st",     "road",    "rd",      "lane",     "ln",      "avenue",
      "ave",     "drive",   "dr",     "way",     "court",   "ct",       "place",   "pl",
      "boulevard", "blvd",  "chaussee", "steenweg", "chemin", "allee",  "rue",     "impasse",
      "quai",    "cours",   "esplanade", "circus", "broadway", "market", "farm",   "industrial"};
  // Street words before a name and a number ("Via dei Calzaiuoli 5", "Calle de Alcalá 45").
  static const char* kBeforeName[] = {"via",   "viale",   "piazza",  "corso",   "vicolo",
                                      "calle", "avenida", "avda",    "av",      "plaza",
                                      "paseo", "carrer",  "avinguda", "rua",    "praca",
                                      "largo", "travessa", "estrada", "ronda",  "rambla",
                                      "camino", "carretera", "strada", "piazzale", "lungomare"};
  auto in = [](const std::string& w, const auto& list) {
    for (const char* x : list) {
      if (w == x) return true;
    }
    return false;
  };
  for (size_t k = 0; k < n; ++k) {
    const std::string_view r = raw(k);
    const std::string& w = tokens[k].text;
    // NL "1016 EA Amsterdam": four digits, two capitals, a place, at the start of a part.
    if (digits(k, 4, 4) && k + 2 < n && single_space(k + 1) && raw(k + 1).size() == 2 &&
        is_upper(raw(k + 1)[0]) && is_upper(raw(k + 1)[1]) && capitalised(raw(k + 2)) &&
        starts_part(k))
      return true;
    // "28013 Madrid", "50122 Firenze", "8001 Zürich", "00-950 Warszawa", "1100-148 Lisboa",
    // "01310-100 São Paulo": a postcode opening a part, then a place that ends the part or
    // follows a part ending in a house number.
    if (starts_part(k) && (digits(k, 4, 5) || digits(k, 2, 5))) {
      size_t city = k + 1;
      bool code = digits(k, 4, 5);
      if (digits(k, 2, 5) && k + 2 < n && gap(k + 1) == "-" && digits(k + 1, 3, 3)) {
        code = true;
        city = k + 2;
      }
      if (code && city < n && gap(city).find('\n') == std::string_view::npos &&
          capitalised(raw(city))) {
        size_t end = city;
        while (end + 1 < n && !ends_part(end) && (capitalised(raw(end + 1)) || particle(end + 1)) &&
               end < city + 3)
          ++end;
        if (ends_part(end) || part_before_has_number(k)) return true;
      }
    }
    // SE "171 48 Solna", CZ/SK "110 00 Praha", GR "105 57 Athina": three digits, two
    // digits, a place, at the start of a part.
    if (digits(k, 3, 3) && k + 2 < n && single_space(k + 1) && digits(k + 1, 2, 2) &&
        single_space(k + 2) && capitalised(raw(k + 2)) && starts_part(k))
      return true;
    // IN "Bangalore 560103", "Mumbai - 400001": a place opening a part, a six-digit PIN
    // ending it.
    if (digits(k, 6, 6) && k > 0 && capitalised(raw(k - 1)) && ends_part(k)) {
      static const char* kNotPlace[] = {"order", "invoice", "ref", "reference", "ticket",
                                        "account", "code", "no", "number", "booking", "pin",
                                        "id", "otp", "card", "member", "customer", "tracking"};
      size_t first = k - 1;
      while (first > 0 && !starts_part(first) && capitalised(raw(first - 1)) && first + 3 > k)
        --first;
      if (starts_part(first) && !in(tokens[k - 1].text, kNotPlace)) return true;
    }
    // CA "K1A 0B1": letter digit letter, space, digit letter digit.
    if (r.size() == 3 && is_upper(r[0]) && is_digit(r[1]) && is_upper(r[2]) && k + 1 < n &&
        single_space(k + 1)) {
      const std::string_view b = raw(k + 1);
      if (b.size() == 3 && is_digit(b[0]) && is_upper(b[1]) && is_digit(b[2])) return true;
    }
    // AU "Sydney NSW 2000", "Perth WA 6000": a state code in capitals and four digits.
    if (k + 1 < n && single_space(k + 1) && digits(k + 1, 4, 4) && ends_part(k + 1)) {
      for (const char* st : kAuStates) {
        if (r == st) return true;
      }
    }
    // A street word ending a capitalised compound, then the house number: "Keizersgracht 241".
    if (capitalised(r) && k + 1 < n && single_space(k + 1) && house_number(raw(k + 1)) &&
        (k + 2 >= n || !digits(k + 2, 1, 4) || part_break(gap(k + 2)))) {
      // The street word alone ("Markt 1, Gouda") only when the number ends the part: "Platz
      // 1 im Test" is a ranking.
      for (const char* suf : kSuffixes) {
        const size_t m = std::string_view(suf).size();
        if (w.size() >= m && w.compare(w.size() - m, m, suf) == 0 &&
            (w.size() > m || ends_part(k + 1)))
          return true;
      }
    }
    // "Via dei Calzaiuoli 5", "Calle de Alcalá 45", "Gran Vía 30": a capitalised street word,
    // a name (capitalised words and particles, at least one name word, or a name word just
    // before it), then the house number.
    if (capitalised(r) && in(w, kBeforeName)) {
      size_t j = k + 1, names = 0;
      while (j < n && j <= k + 5 && (capitalised(raw(j)) || particle(j)) && !house_number(raw(j))) {
        if (capitalised(raw(j))) ++names;
        ++j;
      }
      const bool named_before = k > 0 && capitalised(raw(k - 1)) && !starts_part(k);
      // The number ends the part or a place follows: "Via WhatsApp 24 hours a day" is not one.
      if (j < n && house_number(raw(j)) &&
          (ends_part(j) || (j + 1 < n && capitalised(raw(j + 1)))) &&
          (names > 0 || (named_before && ends_part(j))))
        return true;
    }
    // "4 Tech Park, Bangalore", "1 Route des Alpes, Annecy", "2 Market Sq, Hexham": a house
    // number opening a run of capitalised words and particles that holds a street word and
    // ends the part, then a town.
    if (house_number(r) && k + 1 < n && capitalised(raw(k + 1))) {
      bool street = false;
      size_t j = k + 1;
      for (; j < n && j <= k + 5; ++j) {
        if (!capitalised(raw(j)) && !particle(j)) break;
        if (capitalised(raw(j)) && in(tokens[j].text, kAfterNumber)) street = true;
        if (ends_part(j)) break;
      }
      // The town follows after a comma: "Open house at 8 Elm Close." names a place to visit,
      // not the sender's postal address.
      if (street && j + 1 < n && j <= k + 5 && capitalised(raw(j)) &&
          gap(j + 1).find(',') != std::string_view::npos && capitalised(raw(j + 1)))
        return true;
    }
  }
  return false;
}

}  // namespace

void detect_missing_postal_address(std::string_view text, const std::vector<Token>& tokens,
                                   bool required, std::vector<Finding>& out) {
  if (!required) return;
  static const char* kStreet[] = {
      "street", "st",     "avenue",   "ave",       "road",    "rd",      "boulevard", "blvd",
      "lane",   "ln",     "drive",    "dr",        "way",     "court",   "ct",        "place",
      "pl",     "square", "suite",    "floor",     "highway", "parkway", "calle",     "avenida",
      "plaza",  "paseo",  "rue",      "chemin",    "viale",   "piazza",  "corso",     "vicolo",
      "rua",    "praca",  "travessa", "largo",     "estrada", "av",      "avda",      "carrer",
      "avinguda"};
  // (German and Dutch street words, alone or ending a compound, and Italian "Via" are read by
  // postal_address_found, which asks more of them: "Platz 1 im Test", "Via WhatsApp 24 hours".)
  static const char* kBox[] = {"box", "postfach", "apartado", "bp", "cedex"};
  static const char* kStates[] = {"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI",
                                  "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI",
                                  "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
                                  "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
                                  "VT", "VA", "WA", "WV", "WI", "WY", "DC"};
  for (size_t t = 0; t < tokens.size(); ++t) {
    const std::string& w = tokens[t].text;
    for (const char* street : kStreet) {
      if (w != street) continue;
      // "221B Baker Street", "10 Downing St", "Calle Mayor 5", "Hauptstrasse 12" (below).
      // "Av. del Puerto 45": the number may stand three words on.
      for (size_t k = t >= 3 ? t - 3 : 0; k < tokens.size() && k <= t + 3; ++k) {
        const std::string_view raw = text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
        if (k != t && !raw.empty() && is_digit(raw[0])) return;
      }
    }
    for (const char* box : kBox) {
      if (w == box && t + 1 < tokens.size() && all_digits(tokens[t + 1].text)) return;
    }
  }
  if (postal_address_found(text, tokens)) return;
  for (size_t i = 0; i < text.size(); ++i) {
    if (uk_postcode_at(text, i) || eircode_at(text, i)) return;
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
