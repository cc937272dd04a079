// Number formatting for the campaign report's sentences and its HTML: fixed rules, so the
// same report reads the same everywhere (std::snprintf with "C"-locale formats; no locale).
// Non-finite values print as "n/a".
#pragma once

#include <string>

namespace tailor::report {

// 0.1234 -> "12.3%" (digits after the point).
std::string format_percent(double fraction, int digits = 1);
// A signed relative change: 0.1234 -> "+12.3%", -0.05 -> "-5.0%".
std::string format_signed_percent(double fraction, int digits = 1);
// Fixed digits: 0.456 -> "0.46" (digits = 2).
std::string format_fixed(double x, int digits);
// Whole numbers with thousands separators: 12345 -> "12,345" (rounded to nearest).
std::string format_count(double x);
// p-values: "< 0.001" below 0.001, else three decimals ("0.042").
std::string format_p(double p);
// Up to `significant` significant digits, shortest form ("0.05", "1.25", "1200").
std::string format_general(double x, int significant = 4);

}  // namespace tailor::report
