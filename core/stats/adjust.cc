#include "core/stats/adjust.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace tailor::stats {
namespace {

Result<std::vector<size_t>> sorted_order(const std::vector<double>& p) {
  for (size_t i = 0; i < p.size(); ++i) {
    if (!(p[i] >= 0 && p[i] <= 1)) {
      return Result<std::vector<size_t>>::failure("p_values[" + std::to_string(i) +
                                                  "] is not a number from 0 to 1");
    }
  }
  std::vector<size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  return order;
}

}  // namespace

Result<std::vector<double>> holm_adjust(const std::vector<double>& p) {
  auto order = sorted_order(p);
  if (!order) return Result<std::vector<double>>::failure(order.error());
  const double m = static_cast<double>(p.size());
  std::vector<double> out(p.size());
  double running = 0;
  for (size_t rank = 0; rank < p.size(); ++rank) {
    size_t i = (*order)[rank];
    running = std::max(running, std::min(1.0, (m - static_cast<double>(rank)) * p[i]));
    out[i] = running;
  }
  return out;
}

Result<std::vector<double>> bh_adjust(const std::vector<double>& p) {
  auto order = sorted_order(p);
  if (!order) return Result<std::vector<double>>::failure(order.error());
  const double m = static_cast<double>(p.size());
  std::vector<double> out(p.size());
  double running = 1;
  for (size_t rank = p.size(); rank-- > 0;) {
    size_t i = (*order)[rank];
    running = std::min(running, std::min(1.0, m * p[i] / static_cast<double>(rank + 1)));
    out[i] = running;
  }
  return out;
}

}  // namespace tailor::stats
