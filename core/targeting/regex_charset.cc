// Character sets and case folding for tailor::targeting::Regex.
#include <algorithm>

#include "core/targeting/regex_internal.h"

namespace tailor::targeting::regex_internal {

const CaseRun kCaseRuns[] = {
#include "core/targeting/regex_case_table.inc"
};
const size_t kCaseRunCount = sizeof(kCaseRuns) / sizeof(kCaseRuns[0]);

char16_t canonicalize(char16_t c) {
  if (c < 128) return (c >= u'a' && c <= u'z') ? static_cast<char16_t>(c - 32) : c;
  // Last run starting at or before c.
  const CaseRun* end = kCaseRuns + kCaseRunCount;
  const CaseRun* it =
      std::upper_bound(kCaseRuns, end, c, [](char16_t v, const CaseRun& r) { return v < r.first; });
  if (it == kCaseRuns) return c;
  --it;
  if (c > it->last || (c - it->first) % it->stride != 0) return c;
  return static_cast<char16_t>(static_cast<int32_t>(c) + it->delta);
}

void CharClass::normalize() {
  std::sort(ranges.begin(), ranges.end(),
            [](const Range& x, const Range& y) { return x.lo < y.lo; });
  std::vector<Range> merged;
  for (const Range& r : ranges) {
    if (!merged.empty() && static_cast<uint32_t>(r.lo) <= merged.back().hi + 1u) {
      merged.back().hi = std::max(merged.back().hi, r.hi);
    } else {
      merged.push_back(r);
    }
  }
  ranges = std::move(merged);
}

bool CharClass::contains(char16_t c) const {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), c,
                             [](char16_t v, const Range& r) { return v < r.lo; });
  return it != ranges.begin() && c <= (it - 1)->hi;
}

void CharClass::add_set(const CharClass& other) {
  if (!other.negated) {
    ranges.insert(ranges.end(), other.ranges.begin(), other.ranges.end());
    return;
  }
  // Complement of other's (normalized) ranges.
  uint32_t next = 0;
  for (const Range& r : other.ranges) {
    if (r.lo > next) add(static_cast<char16_t>(next), static_cast<char16_t>(r.lo - 1));
    next = r.hi + 1u;
  }
  if (next <= 0xFFFF) add(static_cast<char16_t>(next), u'\xFFFF');
}

CharClass escape_class(char16_t letter) {
  CharClass c;
  switch (letter) {
    case u'd':
    case u'D':
      c.add(u'0', u'9');
      break;
    case u'w':
    case u'W':
      c.add(u'a', u'z');
      c.add(u'A', u'Z');
      c.add(u'0', u'9');
      c.add(u'_', u'_');
      break;
    default:  // s, S: WhiteSpace and LineTerminator as in ECMA-262.
      c.add(u'\t', u'\r');
      c.add(u' ', u' ');
      c.add(u'\u00A0', u'\u00A0');
      c.add(u'\u1680', u'\u1680');
      c.add(u'\u2000', u'\u200A');
      c.add(u'\u2028', u'\u2029');
      c.add(u'\u202F', u'\u202F');
      c.add(u'\u205F', u'\u205F');
      c.add(u'\u3000', u'\u3000');
      c.add(u'\uFEFF', u'\uFEFF');
      break;
  }
  c.normalize();
  c.negated = (letter == u'D' || letter == u'W' || letter == u'S');
  return c;
}

}  // namespace tailor::targeting::regex_internal
