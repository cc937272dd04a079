#include <cstring>
#include <string>

#include "core/safety/detectors.h"

namespace tailor::safety {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alnum(char c) { return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z'); }

// Expected IBAN length by country (ISO 13616 registry) for the countries we see most; other
// countries are accepted at any length 15-34 that passes the checksum.
int iban_length(std::string_view country) {
  static const struct {
    const char* cc;
    int length;
  } kLengths[] = {{"AT", 20}, {"BE", 16}, {"CH", 21}, {"DE", 22}, {"DK", 18}, {"ES", 24},
                  {"FI", 18}, {"FR", 27}, {"GB", 22}, {"IE", 22}, {"IT", 27}, {"LU", 20},
                  {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"SE", 24}};
  for (const auto& l : kLengths) {
    if (country == l.cc) return l.length;
  }
  return 0;
}

void add(std::vector<Finding>& out, int severity, size_t begin, size_t end, std::string detail) {
  out.push_back({Category::kPiiLeak, severity, begin, end, std::move(detail)});
}

// Card numbers: 13-19 digits in groups separated by single spaces, dashes or dots.
void find_cards(std::string_view s, std::vector<char>& used, std::vector<Finding>& out) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(s[i]) || used[i] || (i > 0 && is_alnum(s[i - 1]))) continue;
    std::string digits;
    size_t j = i, end = i;
    while (j < s.size()) {
      if (is_digit(s[j])) {
        digits.push_back(s[j]);
        end = ++j;
      } else if ((s[j] == ' ' || s[j] == '-' || s[j] == '.') && j + 1 < s.size() &&
                 is_digit(s[j + 1])) {
        ++j;
      } else {
        break;
      }
      if (digits.size() > 19) break;
    }
    if (end < s.size() && is_alnum(s[end])) continue;
    if (digits.size() >= 13 && digits.size() <= 19 && luhn_valid(digits) &&
        digits.find_first_not_of(digits[0]) != std::string::npos) {
      add(out, 6, i, end,
          "payment card number (" + std::to_string(digits.size()) + " digits, Luhn-valid)");
      for (size_t k = i; k < end; ++k) used[k] = 1;
    }
    i = end > i ? end - 1 : i;
  }
}

void find_ibans(std::string_view s, std::vector<char>& used, std::vector<Finding>& out) {
  for (size_t i = 0; i + 4 < s.size(); ++i) {
    if (!is_upper(s[i]) || !is_upper(s[i + 1]) || !is_digit(s[i + 2]) || !is_digit(s[i + 3]) ||
        (i > 0 && is_alnum(s[i - 1])))
      continue;
    // Collect up to 34 alphanumerics, allowing single spaces between groups.
    std::string compact;
    std::vector<size_t> ends;  // byte end after each character
    for (size_t j = i; j < s.size() && compact.size() < 34; ++j) {
      if (is_upper(s[j]) || is_digit(s[j])) {
        compact.push_back(s[j]);
        ends.push_back(j + 1);
      } else if (s[j] == ' ' && j + 1 < s.size() && (is_upper(s[j + 1]) || is_digit(s[j + 1]))) {
        continue;
      } else {
        break;
      }
    }
    const int expected = iban_length(std::string_view(compact).substr(0, 2));
    for (size_t len = compact.size(); len >= 15; --len) {
      if (expected != 0 && static_cast<int>(len) != expected) continue;
      if (iban_valid(std::string_view(compact).substr(0, len))) {
        add(out, 6, i, ends[len - 1], "IBAN (" + compact.substr(0, 2) + ", checksum valid)");
        for (size_t k = i; k < ends[len - 1]; ++k) used[k] = 1;
        i = ends[len - 1];
        break;
      }
    }
  }
}

void find_ssns(std::string_view s, std::vector<Finding>& out) {
  for (size_t i = 0; i + 11 <= s.size(); ++i) {
    if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '-')) continue;
    std::string_view c = s.substr(i, 11);
    bool shape = c[3] == '-' && c[6] == '-';
    for (size_t k : {0, 1, 2, 4, 5, 7, 8, 9, 10}) shape = shape && is_digit(c[k]);
    if (!shape || (i + 11 < s.size() && (is_alnum(s[i + 11]) || s[i + 11] == '-'))) continue;
    const std::string_view area = c.substr(0, 3), group = c.substr(4, 2), serial = c.substr(7, 4);
    if (area == "000" || area == "666" || area[0] == '9' || group == "00" || serial == "0000")
      continue;
    add(out, 6, i, i + 11, "US social security number");
  }
}

void find_contacts(std::string_view s, const std::vector<char>& used, std::vector<Finding>& out) {
  auto local = [](char c) { return is_alnum(c) || std::strchr("._%+-", c) != nullptr; };
  for (size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    size_t b = at;
    while (b > 0 && local(s[b - 1])) --b;
    size_t e = at + 1, dots = 0;
    while (e < s.size() && (is_alnum(s[e]) || s[e] == '-' ||
                            (s[e] == '.' && e + 1 < s.size() && is_alnum(s[e + 1])))) {
      dots += s[e] == '.';
      ++e;
    }
    if (b < at && dots > 0) add(out, 1, b, e, "email address (check it is a business contact)");
  }
  // Phone numbers: 10-13 digits, starting with + ( or 0, in groups.
  for (size_t i = 0; i < s.size(); ++i) {
    if (!(s[i] == '+' || s[i] == '(' || s[i] == '0') || (i > 0 && is_alnum(s[i - 1])) || used[i])
      continue;
    size_t j = i, digits = 0, end = i;
    while (j < s.size()) {
      if (is_digit(s[j])) {
        ++digits;
        end = ++j;
      } else if (std::strchr(" -.()+", s[j]) != nullptr && j + 1 < s.size() &&
                 (is_digit(s[j + 1]) || s[j + 1] == '(')) {
        ++j;
      } else {
        break;
      }
    }
    if (digits >= 10 && digits <= 13 && (end >= s.size() || !is_alnum(s[end]))) {
      add(out, 1, i, end, "phone number (check it is a business contact)");
      i = end;
    }
  }
}

void find_passports(std::string_view s, const std::vector<Token>& tokens,
                    std::vector<Finding>& out) {
  for (size_t t = 0; t < tokens.size(); ++t) {
    const std::string& w = tokens[t].text;
    if (w != "passport" && w != "pasaporte" && w != "passeport" && w != "reisepass") continue;
    for (size_t k = t + 1; k < tokens.size() && k <= t + 3; ++k) {
      std::string_view raw = s.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
      size_t digits = 0;
      for (char c : raw) digits += is_digit(c);
      if (raw.size() >= 6 && raw.size() <= 12 && digits >= 5) {
        add(out, 5, tokens[t].begin, tokens[k].end, "passport number");
        break;
      }
    }
  }
}

}  // namespace

bool luhn_valid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!is_digit(digits[i])) continue;
    int d = digits[i] - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool iban_valid(std::string_view compact) {
  if (compact.size() < 15 || compact.size() > 34) return false;
  int remainder = 0;
  auto feed = [&](char c) {
    if (is_digit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (is_upper(c)) {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    }
  };
  for (char c : compact.substr(4)) feed(c);
  for (char c : compact.substr(0, 4)) feed(c);
  return remainder == 1;
}

void detect_pii(std::string_view text, const std::vector<Token>& tokens,
                std::vector<Finding>& out) {
  std::vector<char> used(text.size(), 0);
  find_ibans(text, used, out);
  find_cards(text, used, out);
  find_ssns(text, out);
  find_passports(text, tokens, out);
  find_contacts(text, used, out);
}

}  // namespace tailor::safety
