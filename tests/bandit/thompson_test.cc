// Thompson sampling and the seeded generator: closed-form win probabilities, determinism,
// control floor and minimum weight.
#include "core/bandit/thompson.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "core/bandit/random.h"
#include "core/stats/distributions.h"

namespace tailor::bandit {
namespace {

using Catch::Detail::Approx;

TEST_CASE("Rng integer stream is the reference xoshiro256**", "[bandit]") {
  // Reference: xoshiro256** seeded by four SplitMix64 outputs from state 1, computed with
  // Python integers (Blackman & Vigna's published algorithms).
  Rng rng(1);
  CHECK(rng.next() == 0xb3f2af6d0fc710c5ULL);
  CHECK(rng.next() == 0x853b559647364ceaULL);
  CHECK(rng.next() == 0x92f89756082a4514ULL);
}

TEST_CASE("Rng draws have the right moments", "[bandit]") {
  Rng rng(99);
  const int n = 20000;
  double su = 0, sn = 0, snn = 0, sb = 0, sg = 0;
  for (int i = 0; i < n; ++i) {
    su += rng.uniform();
    double z = rng.normal();
    sn += z;
    snn += z * z;
    sb += rng.beta(2, 5);  // mean 2/7
    sg += rng.gamma(0.5);  // mean 0.5 (the shape < 1 path)
  }
  // 4-5 standard errors: uniform se 0.002, normal 0.007, beta 0.0011, gamma 0.005.
  CHECK(su / n == Approx(0.5).margin(0.01));
  CHECK(sn / n == Approx(0).margin(0.03));
  CHECK(snn / n == Approx(1).margin(0.05));
  CHECK(sb / n == Approx(2.0 / 7).margin(0.006));
  CHECK(sg / n == Approx(0.5).margin(0.025));
}

TEST_CASE("Beta-Bernoulli win probability matches the closed form", "[bandit]") {
  // Control 0/0 -> Beta(1, 1); challenger 1/1 -> Beta(2, 1) with density 2x.
  // P(challenger best) = int_0^1 2x * x dx = 2/3. 10,000 draws: se = 0.0047.
  auto a = thompson_bernoulli({{0, 0}, {1, 1}}, ThompsonOptions{7, 10000, 0, 0});
  REQUIRE(a.ok());
  CHECK(a->win_probability[1] == Approx(2.0 / 3).margin(0.02));
  CHECK(a->weights[0] + a->weights[1] == Approx(1));
  // Same inputs and seed: identical weights.
  auto b = thompson_bernoulli({{0, 0}, {1, 1}}, ThompsonOptions{7, 10000, 0, 0});
  CHECK(a->weights == b->weights);
}

TEST_CASE("Gaussian win probability matches the closed form", "[bandit]") {
  // Arm 0: n = 100, mean 10, s^2 = 4 -> N(10, 0.04); arm 1: n = 100, mean 10.3, s^2 = 4.
  // P(arm 1 best) = Phi(0.3 / sqrt(0.08)) = Phi(1.06066) = 0.8556.
  // sum_squares = (n - 1) s^2 + n mean^2.
  GaussianArm c{100, 1000, 99 * 4 + 100 * 100.0}, t{100, 1030, 99 * 4 + 100 * 10.3 * 10.3};
  auto a = thompson_gaussian({c, t}, ThompsonOptions{3, 20000, 0, 0});
  REQUIRE(a.ok());
  CHECK(a->win_probability[1] == Approx(stats::normal_cdf(0.3 / std::sqrt(0.08))).margin(0.015));
  CHECK_FALSE(thompson_gaussian({c, GaussianArm{1, 1, 1}}, ThompsonOptions{}).ok());
}

TEST_CASE("control floor and minimum weight", "[bandit]") {
  // Seed 002: control keeps 30%; challengers share 70% by win probability.
  // p = [0.1, 0.6, 0.3]: 0.7 * 0.6/0.9 = 0.46667, 0.7 * 0.3/0.9 = 0.23333.
  auto w = allocation_weights({0.1, 0.6, 0.3}, 0.3, 0);
  REQUIRE(w.ok());
  CHECK((*w)[0] == Approx(0.3));
  CHECK((*w)[1] == Approx(0.7 * 2 / 3));
  CHECK((*w)[2] == Approx(0.7 / 3));
  // A control that wins more than the floor keeps its share.
  CHECK((*allocation_weights({0.5, 0.5}, 0.3, 0))[0] == Approx(0.5));
  // No challenger ever wins: they split the rest equally.
  auto eq = *allocation_weights({1.0, 0, 0}, 0.3, 0);
  CHECK(eq[1] == Approx(0.0));  // control won everything: it keeps 1.0
  auto eq2 = *allocation_weights({0.2, 0, 0}, 0.3, 0);
  CHECK(eq2[1] == Approx(0.35));
  CHECK(eq2[2] == Approx(0.35));
  // min_weight 0.05: [0.3, 0.7, 0] -> arm 2 lifted to 0.05, taken from the others in
  // proportion to their surplus over 0.05 (0.25 : 0.65): 0.3 - 0.05*0.25/0.9, 0.7 - 0.05*0.65/0.9.
  auto m = *allocation_weights({0.3, 0.7, 0}, 0.3, 0.05);
  CHECK(m[2] == Approx(0.05));
  CHECK(m[0] == Approx(0.3 - 0.05 * 0.25 / 0.9));
  CHECK(m[1] == Approx(0.7 - 0.05 * 0.65 / 0.9));
  CHECK(m[0] + m[1] + m[2] == Approx(1));
  // Thompson with the floor: a clearly worse control still gets 30%.
  auto a =
      thompson_bernoulli({{1000, 20}, {1000, 60}, {1000, 50}}, ThompsonOptions{1, 5000, 0.3, 0.01});
  REQUIRE(a.ok());
  CHECK(a->weights[0] == Approx(0.3).margin(1e-12));
  CHECK(a->weights[1] > a->weights[2]);
  CHECK_FALSE(thompson_bernoulli({{10, 11}, {10, 1}}, ThompsonOptions{}).ok());
  CHECK_FALSE(thompson_bernoulli({{10, 1}}, ThompsonOptions{}).ok());
  CHECK_FALSE(thompson_bernoulli({{10, 1}, {10, 2}}, ThompsonOptions{1, 0, 0, 0}).ok());
  CHECK_FALSE(thompson_bernoulli({{10, 1}, {10, 2}}, ThompsonOptions{1, 10, 1.0, 0}).ok());
}

}  // namespace
}  // namespace tailor::bandit
