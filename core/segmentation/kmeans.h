// k-means on standardised features: what fit() writes as a config "kmeans" segment.
//
// Points are rows of `d` numbers, row-major in one vector (z[i * d + j]), already standardised
// the way core/segment/segments.h scores a visitor: z = (x - mean) / scale, where mean is the
// feature's mean and scale its POPULATION standard deviation (divided by n, as sklearn's
// StandardScaler) over the customers that have every feature, or 1 when that is 0.
// Distances are squared Euclidean, summed in feature order (as segments.h does), and a point
// equally near two centers goes to the first, so labels here equal the SDK's.
//
// kmeans(): k-means++ seeding (Arthur & Vassilvitskii 2007: the first center a uniformly drawn
// point, each next one drawn with probability proportional to its squared distance to the
// nearest chosen center) from tailor::bandit::Rng(seed), then Lloyd iterations: an assignment
// pass (every point to its nearest center), then, while passes < max_iterations, move each
// center to its points' mean (an emptied cluster takes the point farthest from its own center)
// and assign again; converged when no label changed or the centers moved by at most
// kCenterTolerance in all (the sum of squared moves, in standardised units: sklearn's tol of
// 1e-4 times the features' variance, which standardising makes 1). The last step is always an
// assignment, so labels are each point's nearest center, and inertia is over those.
// Fails (kInvalidArgument) when there are fewer than k distinct points.
//
// silhouette(): the mean over points of (b - a) / max(a, b), a the mean Euclidean distance to
// the other points of its cluster, b the smallest mean distance to another cluster's points;
// 0 for a point alone in its cluster (sklearn.metrics.silhouette_score's definition). nullopt
// unless at least 2 and at most n - 1 clusters are occupied.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.h"

namespace tailor::segmentation {

constexpr double kCenterTolerance = 1e-4;

struct KMeansResult {
  std::vector<double> centers;   // k * d, row-major
  std::vector<uint32_t> labels;  // per point: its nearest center
  double inertia = 0;            // sum of squared distances to the nearest center
  int iterations = 0;            // assignment passes
  bool converged = false;
};

Result<KMeansResult> kmeans(const std::vector<double>& z, size_t d, size_t k, uint64_t seed,
                            int max_iterations);

std::optional<double> silhouette(const std::vector<double>& z, size_t d,
                                 const std::vector<uint32_t>& labels, size_t k);

}  // namespace tailor::segmentation
