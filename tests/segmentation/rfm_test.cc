// core/segmentation/rfm.h: quintile cut points, by hand, and strictly ascending bins on ties.
#include "core/segmentation/rfm.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace tailor::segmentation;

TEST_CASE("rfm bins: quintile cut points of ten distinct values", "[segmentation]") {
  // Sorted: 3 5 8 12 30 40 60 90 150 200 (n = 10). Recency: v[ceil(2k)] = v[2], v[4], v[6],
  // v[8] = 5, 12, 40, 90.
  std::vector<double> recency = {5, 40, 12, 90, 200, 3, 60, 150, 30, 8};
  CHECK(recency_bins(recency) == std::array<double, 4>{5, 12, 40, 90});
  // Frequency 1..10: v[floor(2k) + 1] = v[3], v[5], v[7], v[9] = 3, 5, 7, 9.
  std::vector<double> frequency = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  CHECK(ascending_bins(frequency) == std::array<double, 4>{3, 5, 7, 9});
}

TEST_CASE("rfm bins: n not a multiple of five", "[segmentation]") {
  // n = 7, sorted 1..7. Recency ranks ceil(7k/5) = 2, 3, 5, 6; ascending floor(7k/5)+1 = 2, 3,
  // 5, 6 as well (1.4 -> 2, 2.8 -> 3, 4.2 -> 5, 5.6 -> 6).
  std::vector<double> a = {7, 6, 5, 4, 3, 2, 1}, b = a;
  CHECK(recency_bins(a) == std::array<double, 4>{2, 3, 5, 6});
  CHECK(ascending_bins(b) == std::array<double, 4>{2, 3, 5, 6});
  // n = 3, sorted 10 20 30: recency ranks ceil(0.6)=1, ceil(1.2)=2, ceil(1.8)=2, ceil(2.4)=3
  // -> 10, 20, 20, 30 -> the tie (20) moves to the next value above 20: 30, then 30 -> +1.
  std::vector<double> c = {30, 10, 20};
  CHECK(recency_bins(c) == std::array<double, 4>{10, 20, 30, 31});
}

TEST_CASE("rfm bins: ties become the next larger value", "[segmentation]") {
  // Sorted 1 1 1 1 1 1 2 3 4 5. Frequency ranks 3, 5, 7, 9 -> 1, 1, 2, 4 -> 1, 2, 3, 4.
  std::vector<double> f = {1, 2, 1, 3, 1, 4, 1, 5, 1, 1}, r = f;
  CHECK(ascending_bins(f) == std::array<double, 4>{1, 2, 3, 4});
  // Recency ranks 2, 4, 6, 8 -> 1, 1, 1, 3 -> 1, 2, 3, 4.
  CHECK(recency_bins(r) == std::array<double, 4>{1, 2, 3, 4});
}

TEST_CASE("rfm bins: a constant column still has ascending bins", "[segmentation]") {
  std::vector<double> a = {7, 7, 7}, b = a;
  CHECK(recency_bins(a) == std::array<double, 4>{7, 8, 9, 10});
  CHECK(ascending_bins(b) == std::array<double, 4>{7, 8, 9, 10});
  std::vector<double> one = {2.5};
  CHECK(ascending_bins(one) == std::array<double, 4>{2.5, 3.5, 4.5, 5.5});
  // + 1 does not change 1e300: the next doubles instead, still strictly ascending.
  std::vector<double> huge = {1e300, 1e300};
  const auto bins = ascending_bins(huge);
  CHECK(bins[0] == 1e300);
  CHECK(bins[0] < bins[1]);
  CHECK(bins[1] < bins[2]);
  CHECK(bins[2] < bins[3]);
}
