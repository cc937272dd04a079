// core/segmentation/kmeans.h: Lloyd from k-means++ and the silhouette, against hand values and
// an independent numpy computation (tools/gen/segmentation_kmeans_golden.py).
#include "core/segmentation/kmeans.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

using namespace tailor::segmentation;

TEST_CASE("silhouette: a hand-computed example", "[segmentation]") {
  // 1-D points 0, 1 | 10, 11. Point 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5.
  // Point 1: a = 1, b = (9 + 10) / 2 = 9.5, s = 8.5 / 9.5; 10 and 11 mirror them.
  const std::vector<double> z = {0, 1, 10, 11};
  const auto s = silhouette(z, 1, {0, 0, 1, 1}, 2);
  REQUIRE(s.has_value());
  CHECK(*s == Approx((9.5 / 10.5 + 8.5 / 9.5) / 2).epsilon(1e-15));
  // Labels 0 | 1 10 11. Point 0 is alone: 0. Point 1: a = (9 + 10) / 2 = 9.5, b = 1 ->
  // (1 - 9.5) / 9.5. Point 10: a = (9 + 1) / 2 = 5, b = 10 -> 0.5. Point 11: a = (10 + 1) / 2
  // = 5.5, b = 11 -> 0.5.
  const auto t = silhouette(z, 1, {0, 1, 1, 1}, 2);
  REQUIRE(t.has_value());
  CHECK(*t == Approx((0 + (1 - 9.5) / 9.5 + 0.5 + 0.5) / 4).epsilon(1e-15));
  // One cluster, or every point alone: undefined.
  CHECK_FALSE(silhouette(z, 1, {0, 0, 0, 0}, 2).has_value());
  CHECK_FALSE(silhouette(z, 1, {0, 1, 2, 3}, 4).has_value());
}

TEST_CASE("kmeans: finds three separated groups", "[segmentation]") {
  // (The numpy golden of tools/gen/segmentation_kmeans_golden.py is checked through fit() in
  // fit_test.cc, where the standardisation is fit()'s.)
  const std::vector<double> z = {0, 0.1, 0.2, 5, 5.1, 5.2, 10, 10.1, 10.2};
  auto r = kmeans(z, 1, 3, 7, 100);
  REQUIRE(r.ok());
  CHECK(r->converged);
  // Each group's mean is a center, in some order; each point is labelled with its group.
  std::vector<double> centers = r->centers;
  std::sort(centers.begin(), centers.end());
  CHECK(centers[0] == Approx(0.1).epsilon(1e-12));
  CHECK(centers[1] == Approx(5.1).epsilon(1e-12));
  CHECK(centers[2] == Approx(10.1).epsilon(1e-12));
  for (size_t g = 0; g < 3; ++g) {
    CHECK(r->labels[3 * g] == r->labels[3 * g + 1]);
    CHECK(r->labels[3 * g] == r->labels[3 * g + 2]);
  }
  CHECK(r->labels[0] != r->labels[3]);
  CHECK(r->labels[3] != r->labels[6]);
  // Inertia: each group 0.1^2 + 0 + 0.1^2 = 0.02, three groups.
  CHECK(r->inertia == Approx(0.06).epsilon(1e-9));
}

TEST_CASE("kmeans: the same seed gives the same fit; too few distinct points fail",
          "[segmentation]") {
  std::vector<double> z;
  for (int i = 0; i < 200; ++i) z.push_back((i * 37 % 101) / 10.0);
  auto a = kmeans(z, 1, 4, 11, 100), b = kmeans(z, 1, 4, 11, 100);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->centers == b->centers);
  CHECK(a->labels == b->labels);
  auto few = kmeans({1, 1, 2, 2, 2}, 1, 3, 1, 100);
  REQUIRE_FALSE(few.ok());
  CHECK(few.error() == "k-means needs at least 3 distinct customers, the data has fewer");
}

TEST_CASE("kmeans: labels are the nearest center even without convergence", "[segmentation]") {
  std::vector<double> z;
  for (int i = 0; i < 300; ++i) {
    z.push_back((i * 53 % 97) / 9.7);
    z.push_back((i * 29 % 89) / 8.9);
  }
  auto r = kmeans(z, 2, 5, 3, 1);
  REQUIRE(r.ok());
  CHECK(r->iterations == 1);
  CHECK_FALSE(r->converged);
  for (size_t i = 0; i < 300; ++i) {
    double best = 0;
    size_t label = 0;
    for (size_t c = 0; c < 5; ++c) {
      const double dx = z[2 * i] - r->centers[2 * c], dy = z[2 * i + 1] - r->centers[2 * c + 1];
      if (c == 0 || dx * dx + dy * dy < best) {
        best = dx * dx + dy * dy;
        label = c;
      }
    }
    CHECK(r->labels[i] == label);
  }
}
