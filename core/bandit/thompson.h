// Thompson-sampling allocation: traffic weights for the next period from each arm's
// statistics so far. Arm 0 is control.
//
// Each draw samples every arm's posterior mean and credits the arm with the largest sample;
// an arm's win probability is its share of `draws` draws. Posteriors:
//   Bernoulli arms: Beta(1 + successes, 1 + n - successes)  (uniform prior)
//   Gaussian arms:  N(mean, s^2 / n), s^2 the sample variance  (flat prior, needs n >= 2)
// Weights from win probabilities p_i:
//   1. control gets max(control_floor, p_0); challengers share the rest in proportion to p_i
//      (equally when all challengers have p_i = 0). Seed 002: control_floor 0.3.
//   2. every arm gets at least min_weight (taken proportionally from the arms above it), so
//      every period has units in every arm and the per-period analysis stays defined
//      (docs/statistics.md, "Results under changing bandit weights").
// Deterministic: the same statistics, seed and draws give the same weights.
// Failure: fewer than 2 arms, bad statistics, draws outside 1..1,000,000, control_floor or
// min_weight outside [0, 1), or min_weight * arms > 1.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"

namespace tailor::bandit {

struct BernoulliArm {
  double n = 0;
  double successes = 0;
};

struct GaussianArm {
  double n = 0;
  double sum = 0;
  double sum_squares = 0;
};

struct ThompsonOptions {
  std::uint64_t seed = 1;
  int draws = 10000;
  double control_floor = 0;
  double min_weight = 0;
};

struct Allocation {
  std::vector<double> win_probability;  // share of draws each arm won
  std::vector<double> weights;          // after control floor and minimum weight; sum to 1
};

Result<Allocation> thompson_bernoulli(const std::vector<BernoulliArm>& arms,
                                      const ThompsonOptions& options);
Result<Allocation> thompson_gaussian(const std::vector<GaussianArm>& arms,
                                     const ThompsonOptions& options);

// Step 2 and 1 above, exposed for tests: weights from win probabilities.
Result<std::vector<double>> allocation_weights(const std::vector<double>& win_probability,
                                               double control_floor, double min_weight);

}  // namespace tailor::bandit
