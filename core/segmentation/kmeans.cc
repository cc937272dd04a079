#include "core/segmentation/kmeans.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/bandit/random.h"

namespace tailor::segmentation {

namespace {

// Squared distance, summed in feature order as core/segment/segments.h sums it.
double distance2(const double* a, const double* b, size_t d) {
  double sum = 0;
  for (size_t j = 0; j < d; ++j) {
    const double diff = a[j] - b[j];
    sum = sum + diff * diff;
  }
  return sum;
}

// The nearest center (the first on a tie) and its squared distance.
uint32_t nearest(const double* point, const std::vector<double>& centers, size_t d, size_t k,
                 double* best) {
  uint32_t label = 0;
  for (size_t c = 0; c < k; ++c) {
    const double dist = distance2(point, &centers[c * d], d);
    if (c == 0 || dist < *best) {
      *best = dist;
      label = static_cast<uint32_t>(c);
    }
  }
  return label;
}

// k-means++; false when fewer than k points are distinct.
bool seed_centers(const std::vector<double>& z, size_t n, size_t d, size_t k, uint64_t seed,
                  std::vector<double>& centers) {
  bandit::Rng rng(seed);
  centers.assign(k * d, 0);
  size_t first = static_cast<size_t>(rng.uniform() * static_cast<double>(n));
  if (first >= n) first = n - 1;
  for (size_t j = 0; j < d; ++j) centers[j] = z[first * d + j];
  std::vector<double> d2(n);
  for (size_t i = 0; i < n; ++i) d2[i] = distance2(&z[i * d], &centers[0], d);
  for (size_t c = 1; c < k; ++c) {
    double total = 0;
    for (double x : d2) total += x;
    if (!(total > 0)) return false;
    const double target = rng.uniform() * total;
    size_t pick = n;
    double cumulative = 0;
    for (size_t i = 0; i < n; ++i) {
      cumulative += d2[i];
      if (d2[i] > 0 && cumulative > target) {
        pick = i;
        break;
      }
    }
    if (pick == n) {  // rounding left target at the very top: the last point with weight
      for (size_t i = n; i-- > 0;) {
        if (d2[i] > 0) {
          pick = i;
          break;
        }
      }
    }
    double* center = &centers[c * d];
    for (size_t j = 0; j < d; ++j) center[j] = z[pick * d + j];
    for (size_t i = 0; i < n; ++i) {
      const double dist = distance2(&z[i * d], center, d);
      if (dist < d2[i]) d2[i] = dist;
    }
  }
  return true;
}

}  // namespace

Result<KMeansResult> kmeans(const std::vector<double>& z, size_t d, size_t k, uint64_t seed,
                            int max_iterations) {
  const size_t n = d == 0 ? 0 : z.size() / d;
  KMeansResult out;
  if (k == 0 || n < k || !seed_centers(z, n, d, k, seed, out.centers)) {
    return Result<KMeansResult>::failure("k-means needs at least " + std::to_string(k) +
                                         " distinct customers, the data has fewer");
  }
  out.labels.assign(n, 0);
  std::vector<double> dist(n, 0);
  std::vector<double> sums(k * d);
  std::vector<size_t> counts(k);
  // One assignment pass: every label its nearest center; how many labels changed.
  auto assign = [&]() {
    size_t changed = 0;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t label = nearest(&z[i * d], out.centers, d, k, &dist[i]);
      changed += label != out.labels[i];
      out.labels[i] = label;
    }
    ++out.iterations;
    return changed;
  };
  // Centers to their points' means; the sum of squared center moves.
  auto update = [&]() {
    std::fill(sums.begin(), sums.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0);
    for (size_t i = 0; i < n; ++i) {
      const uint32_t c = out.labels[i];
      ++counts[c];
      for (size_t j = 0; j < d; ++j) sums[c * d + j] += z[i * d + j];
    }
    double shift = 0;
    for (size_t c = 0; c < k; ++c) {
      size_t source = n;  // an emptied cluster: the point farthest from its center
      if (counts[c] == 0) {
        source = 0;
        for (size_t i = 1; i < n; ++i) source = dist[i] > dist[source] ? i : source;
        dist[source] = 0;
      }
      for (size_t j = 0; j < d; ++j) {
        const double moved =
            source < n ? z[source * d + j] : sums[c * d + j] / static_cast<double>(counts[c]);
        const double diff = moved - out.centers[c * d + j];
        shift += diff * diff;
        out.centers[c * d + j] = moved;
      }
    }
    return shift;
  };
  assign();
  while (out.iterations < max_iterations) {
    const double shift = update();
    const size_t changed = assign();
    if (changed == 0 || shift <= kCenterTolerance) {
      out.converged = true;
      break;
    }
  }
  for (size_t i = 0; i < n; ++i) out.inertia += dist[i];
  return out;
}

std::optional<double> silhouette(const std::vector<double>& z, size_t d,
                                 const std::vector<uint32_t>& labels, size_t k) {
  const size_t n = labels.size();
  std::vector<size_t> sizes(k, 0);
  for (uint32_t l : labels) ++sizes[l];
  size_t occupied = 0;
  for (size_t s : sizes) occupied += s > 0;
  if (occupied < 2 || occupied > n - 1) return std::nullopt;
  std::vector<double> sum_to(n * k, 0);  // sum_to[i * k + c]: distances from i to cluster c
  for (size_t i = 0; i < n; ++i) {
    for (size_t m = i + 1; m < n; ++m) {
      const double dist = std::sqrt(distance2(&z[i * d], &z[m * d], d));
      sum_to[i * k + labels[m]] += dist;
      sum_to[m * k + labels[i]] += dist;
    }
  }
  double total = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t own = labels[i];
    if (sizes[own] == 1) continue;
    const double a = sum_to[i * k + own] / static_cast<double>(sizes[own] - 1);
    double b = 0;
    bool first = true;
    for (size_t c = 0; c < k; ++c) {
      if (c == own || sizes[c] == 0) continue;
      const double mean = sum_to[i * k + c] / static_cast<double>(sizes[c]);
      if (first || mean < b) b = mean;
      first = false;
    }
    const double denominator = a > b ? a : b;
    if (denominator > 0) total += (b - a) / denominator;
  }
  return total / static_cast<double>(n);
}

}  // namespace tailor::segmentation
