// RFM quintile bins computed from the data, in the form core/segment/segments.h scores them:
// four strictly ascending cut points per measure.
//
// Let v[1] <= ... <= v[n] be the non-missing values of a column (n >= 1) and k = 1..4.
//   recency (lower is better; r = 5 at or below bins[0], 1 above bins[3]):
//       bins[k-1] = v[ceil(k * n / 5)]
//   frequency, monetary (f = 1 + how many bins x reaches, x >= bin):
//       bins[k-1] = v[floor(k * n / 5) + 1]
// so that with distinct values each score holds a fifth of the customers (n = 10: two each;
// recency's bins are v[2], v[4], v[6], v[8] and frequency's v[3], v[5], v[7], v[9]).
//
// Ties: segments.h requires strictly ascending bins, and tied cut points (many customers with
// one order) are not. Going up from k = 2, a bin that is not above the previous one becomes
// the smallest data value above the previous bin, or, when there is none, the previous bin + 1
// (the next double when + 1 does not change it): a value no customer reaches, so scores keep
// their order and a constant column still has valid bins (v, v + 1, v + 2, v + 3).
// Customers with equal values always get equal scores.
#pragma once

#include <array>
#include <vector>

namespace tailor::segmentation {

// Both sort `values` (which must be non-empty and finite) in place.
std::array<double, 4> recency_bins(std::vector<double>& values);
std::array<double, 4> ascending_bins(std::vector<double>& values);

}  // namespace tailor::segmentation
