#include "core/segmentation/rfm.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tailor::segmentation {

namespace {

// bins[k-1] = v[rank(k)] (1-based), then made strictly ascending as the header says.
template <class Rank>
std::array<double, 4> bins(std::vector<double>& v, Rank rank) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  std::array<double, 4> out{};
  for (size_t k = 1; k <= 4; ++k) out[k - 1] = v[std::min(rank(k, n), n) - 1];
  for (size_t k = 1; k < 4; ++k) {
    if (out[k] > out[k - 1]) continue;
    auto above = std::upper_bound(v.begin(), v.end(), out[k - 1]);
    if (above != v.end()) {
      out[k] = *above;
    } else {
      const double next = out[k - 1] + 1;
      out[k] =
          next > out[k - 1] ? next : std::nextafter(out[k - 1], std::numeric_limits<double>::max());
    }
  }
  return out;
}

}  // namespace

std::array<double, 4> recency_bins(std::vector<double>& values) {
  return bins(values, [](size_t k, size_t n) { return (k * n + 4) / 5; });
}

std::array<double, 4> ascending_bins(std::vector<double>& values) {
  return bins(values, [](size_t k, size_t n) { return k * n / 5 + 1; });
}

}  // namespace tailor::segmentation
