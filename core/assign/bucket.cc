#include "core/assign/bucket.h"

#include <cmath>
#include <limits>
#include <string>

#include "core/assign/hash.h"

namespace tailor::assign {

std::vector<double> equal_weights(int num_variations) {
  if (num_variations <= 0) return {};
  return std::vector<double>(static_cast<size_t>(num_variations),
                             1.0 / static_cast<double>(num_variations));
}

std::vector<BucketRange> bucket_ranges(int num_variations, double coverage,
                                       const std::vector<double>* weights) {
  if (coverage < 0) {
    coverage = 0;
  } else if (coverage > 1) {
    coverage = 1;
  }
  std::vector<double> equal = equal_weights(num_variations);
  const std::vector<double>* w = weights ? weights : &equal;
  if (static_cast<long long>(w->size()) != num_variations) w = &equal;
  double total = 0;
  for (double x : *w) total = x + total;
  // A NaN total fails both comparisons and keeps the weights, as in JavaScript.
  if (total < 0.99 || total > 1.01) w = &equal;

  std::vector<BucketRange> ranges;
  ranges.reserve(w->size());
  double cumulative = 0;
  for (double x : *w) {
    double start = cumulative;
    cumulative += x;
    ranges.emplace_back(start, start + coverage * x);
  }
  return ranges;
}

bool in_range(double n, const BucketRange& range) { return n >= range.first && n < range.second; }

int choose_variation(double n, const std::vector<BucketRange>& ranges) {
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (in_range(n, ranges[i])) return static_cast<int>(i);
  }
  return -1;
}

bool in_namespace(std::string_view hash_value, std::string_view namespace_id, double start,
                  double end) {
  std::string seed = "__";
  seed.append(namespace_id);
  std::optional<double> n = hash(seed, hash_value, 1);
  return n && *n >= start && *n < end;
}

namespace {

// Length of the JavaScript white space or line terminator (StrWhiteSpaceChar) starting at
// s[i], in bytes; 0 when s[i] starts something else.
size_t white_space_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  unsigned c = b(0);
  if (c == ' ' || (c >= 0x09 && c <= 0x0d)) return 1;
  if (c == 0xc2 && b(1) == 0xa0) return 2;                  // U+00A0
  if (c == 0xe1 && b(1) == 0x9a && b(2) == 0x80) return 3;  // U+1680
  if (c == 0xe2 && b(1) == 0x80 &&
      ((b(2) >= 0x80 && b(2) <= 0x8a) || b(2) == 0xa8 || b(2) == 0xa9 || b(2) == 0xaf)) {
    return 3;  // U+2000-200A, 2028, 2029, 202F
  }
  if (c == 0xe2 && b(1) == 0x81 && b(2) == 0x9f) return 3;  // U+205F
  if (c == 0xe3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  if (c == 0xef && b(1) == 0xbb && b(2) == 0xbf) return 3;  // U+FEFF
  return 0;
}

// Length in bytes of a line terminator (\n, \r, U+2028, U+2029) at s[i]; 0 otherwise.
size_t line_terminator_length(std::string_view s, size_t i) {
  if (s[i] == '\n' || s[i] == '\r') return 1;
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xe2 &&
      static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(s[i + 2]) == 0xa8 ||
       static_cast<unsigned char>(s[i + 2]) == 0xa9)) {
    return 3;
  }
  return 0;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

}  // namespace

double js_parse_int(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t w = white_space_length(s, i);
    if (w == 0) break;
    i += w;
  }
  double sign = 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    if (s[i] == '-') sign = -1;
    ++i;
  }
  int radix = 10;
  if (i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
    radix = 16;
    i += 2;
  }
  size_t first = i;
  double value = 0;
  // Only whether the value is a small non-negative integer matters to callers; digits beyond
  // double precision cannot change that, and the product saturates to +Infinity.
  while (i < s.size() && digit_value(s[i]) < radix) {
    value = value * radix + digit_value(s[i]);
    ++i;
  }
  if (i == first) return std::numeric_limits<double>::quiet_NaN();
  return sign * value;
}

std::optional<int> query_string_override(std::string_view id, std::string_view url,
                                         int num_variations) {
  if (url.empty()) return std::nullopt;
  size_t q = url.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view search = url.substr(q + 1);
  search = search.substr(0, search.find('?'));
  if (search.empty()) return std::nullopt;

  // `.replace(/#.*/, "")`: '.' stops at a line terminator, and only the first match goes.
  std::string cleaned(search);
  if (size_t hash_pos = cleaned.find('#'); hash_pos != std::string::npos) {
    size_t end = hash_pos;
    while (end < cleaned.size() && line_terminator_length(cleaned, end) == 0) ++end;
    cleaned.erase(hash_pos, end - hash_pos);
  }

  std::string_view rest = cleaned;
  while (true) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    if (key == id) {
      // kv.split("=", 2)[1]; a missing value is parseInt(undefined), which is NaN.
      if (eq == std::string_view::npos) return std::nullopt;
      std::string_view value = pair.substr(eq + 1);
      value = value.substr(0, value.find('='));
      double v = js_parse_int(value);
      if (v >= 0 && v < num_variations) return static_cast<int>(v);
      return std::nullopt;
    }
    if (amp == std::string_view::npos) return std::nullopt;
    rest = rest.substr(amp + 1);
  }
}

}  // namespace tailor::assign
