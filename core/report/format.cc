#include "core/report/format.h"

#include <cmath>
#include <cstdio>

namespace tailor::report {

namespace {

std::string printf_double(const char* format, int digits, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, digits, x);
  std::string s = buf;
  if (s == "-0" || s.rfind("-0.", 0) == 0) {  // no "-0.0" for values that round to zero
    bool all_zero = true;
    for (char c : s) all_zero = all_zero && (c == '-' || c == '0' || c == '.');
    if (all_zero) s.erase(0, 1);
  }
  return s;
}

}  // namespace

std::string format_percent(double fraction, int digits) {
  if (!std::isfinite(fraction)) return "n/a";
  return printf_double("%.*f", digits, fraction * 100) + "%";
}

std::string format_signed_percent(double fraction, int digits) {
  if (!std::isfinite(fraction)) return "n/a";
  std::string s = printf_double("%.*f", digits, fraction * 100);
  if (s[0] != '-') s = "+" + s;
  return s + "%";
}

std::string format_fixed(double x, int digits) {
  if (!std::isfinite(x)) return "n/a";
  return printf_double("%.*f", digits, x);
}

std::string format_count(double x) {
  if (!std::isfinite(x)) return "n/a";
  std::string digits = printf_double("%.*f", 0, std::fabs(x));
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    out += digits[i];
    if ((n - 1 - i) % 3 == 0 && i + 1 < n) out += ',';
  }
  return (x < 0 && out != "0" ? "-" : "") + out;
}

std::string format_p(double p) {
  if (!std::isfinite(p)) return "n/a";
  if (p < 0.001) return "< 0.001";
  return printf_double("%.*f", 3, p);
}

std::string format_general(double x, int significant) {
  if (!std::isfinite(x)) return "n/a";
  return printf_double("%.*g", significant, x);
}

}  // namespace tailor::report
