#include "core/dataset/types.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include "core/text/civil.h"

namespace tailor::dataset {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_lower(std::string_view text, std::string_view lower_word) {
  if (text.size() != lower_word.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (lower(text[i]) != lower_word[i]) return false;
  }
  return true;
}

bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace

std::string_view column_type_name(ColumnType type) {
  switch (type) {
    case ColumnType::kId:
      return "id";
    case ColumnType::kEmail:
      return "email";
    case ColumnType::kString:
      return "string";
    case ColumnType::kCategory:
      return "category";
    case ColumnType::kNumber:
      return "number";
    case ColumnType::kInteger:
      return "integer";
    case ColumnType::kBoolean:
      return "boolean";
    case ColumnType::kDate:
      return "date";
  }
  return "string";
}

std::optional<ColumnType> parse_column_type(std::string_view name) {
  for (auto type :
       {ColumnType::kId, ColumnType::kEmail, ColumnType::kString, ColumnType::kCategory,
        ColumnType::kNumber, ColumnType::kInteger, ColumnType::kBoolean, ColumnType::kDate}) {
    if (column_type_name(type) == name) return type;
  }
  return std::nullopt;
}

std::string_view expected_value(ColumnType type) {
  switch (type) {
    case ColumnType::kId:
      return "a unique, non-empty id";
    case ColumnType::kEmail:
      return "an email address (name@example.com)";
    case ColumnType::kString:
      return "text";
    case ColumnType::kCategory:
      return "a category";
    case ColumnType::kNumber:
      return "a number (like -12.5, no thousands separators)";
    case ColumnType::kInteger:
      return "a whole number (like -42)";
    case ColumnType::kBoolean:
      return "a boolean (true/false, yes/no, 1/0)";
    case ColumnType::kDate:
      return "a date (YYYY-MM-DD)";
  }
  return "text";
}

std::optional<double> parse_number(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  const bool negative = i < n && text[i] == '-';
  if (negative) ++i;
  uint64_t mantissa = 0;
  int digits = 0;           // significant digits gathered into mantissa
  int fraction_digits = 0;  // of those, after the point
  bool any_digit = false;
  while (i < n && is_digit(text[i])) {
    if (digits < 19) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(text[i] - '0');
      if (mantissa != 0) ++digits;
    } else {
      digits = 99;  // too long for the fast path
    }
    any_digit = true;
    ++i;
  }
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && is_digit(text[i])) {
      if (digits < 19) {
        mantissa = mantissa * 10 + static_cast<uint64_t>(text[i] - '0');
        if (mantissa != 0) ++digits;
        ++fraction_digits;
      } else {
        digits = 99;
      }
      any_digit = true;
      ++i;
    }
  }
  if (!any_digit) return std::nullopt;
  bool exponent = false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    exponent = true;
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (i == n || !is_digit(text[i])) return std::nullopt;
    while (i < n && is_digit(text[i])) ++i;
  }
  if (i != n) return std::nullopt;
  // Clinger's fast path: an exact mantissa divided by an exact power of ten rounds correctly.
  if (!exponent && digits <= 15 && fraction_digits <= 22) {
    const double value = static_cast<double>(mantissa) / kPow10[fraction_digits];
    return negative ? -value : value;
  }
  const std::string copy(text);  // strtod needs a terminator; rare (long or exponent forms)
  const double value = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<int64_t> parse_integer(std::string_view text) {
  size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) i = 1;
  if (i == text.size()) return std::nullopt;
  // Accumulate negatively so INT64_MIN fits.
  int64_t value = 0;
  for (; i < text.size(); ++i) {
    if (!is_digit(text[i])) return std::nullopt;
    const int digit = text[i] - '0';
    if (value < (INT64_MIN + digit) / 10) return std::nullopt;
    value = value * 10 - digit;
  }
  if (negative) return value;
  if (value == INT64_MIN) return std::nullopt;
  return -value;
}

std::optional<bool> parse_boolean(std::string_view text) {
  if (text.size() == 1) {
    if (text[0] == '1') return true;
    if (text[0] == '0') return false;
    return std::nullopt;
  }
  if (equals_lower(text, "true") || equals_lower(text, "yes")) return true;
  if (equals_lower(text, "false") || equals_lower(text, "no")) return false;
  return std::nullopt;
}

std::optional<int32_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(text[i])) return std::nullopt;
  }
  auto num = [&](size_t from, size_t len) {
    int v = 0;
    for (size_t i = from; i < from + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  const int year = num(0, 4), month = num(5, 2), day = num(8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1) return std::nullopt;
  static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int last = kDaysIn[month - 1] + (month == 2 && leap_year(year) ? 1 : 0);
  if (day > last) return std::nullopt;
  return static_cast<int32_t>(
      text::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::string format_date(int32_t days) {
  const auto [y, m, d] = text::civil_from_days(days);
  std::string out = "0000-00-00";
  int64_t yy = y;
  for (int i = 3; i >= 0; --i, yy /= 10)
    out[static_cast<size_t>(i)] = static_cast<char>('0' + yy % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

bool is_email(std::string_view text) {
  if (text.size() > 254) return false;
  const size_t at = text.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;
  }
  const std::string_view domain = text.substr(at + 1);
  if (domain.empty() || domain.find('@') != std::string_view::npos) return false;
  if (domain.find('.') == std::string_view::npos) return false;
  if (domain.front() == '.' || domain.back() == '.') return false;
  return domain.find("..") == std::string_view::npos;
}

bool has_leading_zero(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  return text.size() >= 2 && text[0] == '0' && is_digit(text[1]);
}

bool is_boolean_word(std::string_view text) {
  return equals_lower(text, "true") || equals_lower(text, "false") || equals_lower(text, "yes") ||
         equals_lower(text, "no");
}

}  // namespace tailor::dataset
