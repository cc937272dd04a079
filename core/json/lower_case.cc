// json::to_lower (core/json/js.h): String.prototype.toLowerCase() from Unicode tables generated
// off V8 (lower_case_table.inc, tools/gen/lower-case-table.mjs). The browser SDK's module
// (tailor_sdk.wasm) asks the page's own toLowerCase() instead (lower_case_host.cc), the
// definition these tables follow, and so carries neither the tables nor this code.
#include <iterator>
#include <string>
#include <vector>

#include "core/json/js.h"

namespace tailor::json {

namespace {

struct CaseRun {
  unsigned first, last, stride;
  int delta;
};
struct CodeRange {
  unsigned first, last;
};
#include "core/json/lower_case_table.inc"

template <size_t N>
bool in_ranges(const CodeRange (&table)[N], unsigned cp) {
  size_t lo = 0, hi = N;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (table[mid].last < cp) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < N && table[lo].first <= cp;
}

unsigned lower_code_point(unsigned cp) {
  size_t lo = 0, hi = std::size(kLowerRuns);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kLowerRuns[mid].last < cp) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == std::size(kLowerRuns)) return cp;
  const CaseRun& r = kLowerRuns[lo];
  if (cp < r.first || (cp - r.first) % r.stride != 0) return cp;
  return static_cast<unsigned>(static_cast<int>(cp) + r.delta);
}

// Unicode's Final_Sigma: Σ after a cased letter (skipping case-ignorables) and not before one.
bool is_final_sigma(const std::vector<unsigned>& cps, size_t i) {
  auto cased_before = [&] {
    for (size_t k = i; k-- > 0;) {
      if (in_ranges(kCaseIgnorableRanges, cps[k])) continue;
      return in_ranges(kCasedRanges, cps[k]);
    }
    return false;
  };
  auto cased_after = [&] {
    for (size_t k = i + 1; k < cps.size(); ++k) {
      if (in_ranges(kCaseIgnorableRanges, cps[k])) continue;
      return in_ranges(kCasedRanges, cps[k]);
    }
    return false;
  };
  return cased_before() && !cased_after();
}

}  // namespace

std::string to_lower(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  std::string out;
  out.reserve(s.size());
  if (ascii) {
    for (char c : s) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    return out;
  }
  std::vector<unsigned> cps;
  for (size_t i = 0; i < s.size();) cps.push_back(decode_utf8(s, i));
  for (size_t i = 0; i < cps.size(); ++i) {
    unsigned cp = cps[i];
    if (cp == 0x130) {  // İ -> i + COMBINING DOT ABOVE
      append_utf8(out, 0x69);
      append_utf8(out, 0x307);
    } else if (cp == 0x3A3) {
      append_utf8(out, is_final_sigma(cps, i) ? 0x3C2 : 0x3C3);
    } else {
      append_utf8(out, lower_code_point(cp));
    }
  }
  return out;
}

}  // namespace tailor::json
