#include "core/bandit/thompson.h"

#include <cmath>
#include <string>

#include "core/bandit/random.h"

namespace tailor::bandit {
namespace {

std::string check_options(size_t arms, const ThompsonOptions& o) {
  if (arms < 2) return "arms has fewer than 2 entries, expected control and at least 1 challenger";
  if (o.draws < 1 || o.draws > 1000000) return "draws must be a whole number from 1 to 1000000";
  if (!(o.control_floor >= 0 && o.control_floor < 1)) {
    return "control_floor must be a number from 0 to below 1";
  }
  if (!(o.min_weight >= 0 && o.min_weight < 1) || o.min_weight * static_cast<double>(arms) > 1) {
    return "min_weight must be from 0 to 1/arms";
  }
  return {};
}

bool whole(double x) { return std::isfinite(x) && x >= 0 && x == std::floor(x); }

// Runs the draws; sample(i) draws arm i's posterior.
template <class Sample>
std::vector<double> win_shares(size_t arms, int draws, Sample sample) {
  std::vector<double> wins(arms, 0);
  for (int d = 0; d < draws; ++d) {
    size_t best = 0;
    double best_value = sample(0);
    for (size_t i = 1; i < arms; ++i) {
      double v = sample(i);
      if (v > best_value) {
        best_value = v;
        best = i;
      }
    }
    wins[best] += 1;
  }
  for (auto& w : wins) w /= draws;
  return wins;
}

Result<Allocation> finish(std::vector<double> p, const ThompsonOptions& o) {
  auto w = allocation_weights(p, o.control_floor, o.min_weight);
  if (!w) return Result<Allocation>::failure(w.error());
  return Allocation{std::move(p), std::move(w).value()};
}

}  // namespace

Result<std::vector<double>> allocation_weights(const std::vector<double>& p, double control_floor,
                                               double min_weight) {
  using R = Result<std::vector<double>>;
  const size_t k = p.size();
  if (k < 2) return R::failure("need at least 2 arms");
  std::vector<double> w(k, 0);
  w[0] = std::fmax(control_floor, p[0]);
  double rest = 0;
  for (size_t i = 1; i < k; ++i) rest += p[i];
  for (size_t i = 1; i < k; ++i) {
    w[i] = rest > 0 ? (1 - w[0]) * p[i] / rest : (1 - w[0]) / static_cast<double>(k - 1);
  }
  // Lift arms below the minimum; take the difference from the others in proportion to how far
  // above the minimum they are (repeat: a cut can push another arm below it).
  for (size_t round = 0; round < k && min_weight > 0; ++round) {
    double deficit = 0, surplus = 0;
    for (double x : w) {
      if (x < min_weight)
        deficit += min_weight - x;
      else
        surplus += x - min_weight;
    }
    if (deficit <= 0) break;
    if (surplus <= 0) return R::failure("min_weight leaves no room for allocation");
    for (auto& x : w) {
      x = x < min_weight ? min_weight : x - deficit * (x - min_weight) / surplus;
    }
  }
  return w;
}

Result<Allocation> thompson_bernoulli(const std::vector<BernoulliArm>& arms,
                                      const ThompsonOptions& o) {
  if (auto e = check_options(arms.size(), o); !e.empty()) return Result<Allocation>::failure(e);
  for (size_t i = 0; i < arms.size(); ++i) {
    if (!whole(arms[i].n) || !whole(arms[i].successes) || arms[i].successes > arms[i].n) {
      return Result<Allocation>::failure("arms[" + std::to_string(i) +
                                         "] needs whole numbers n >= 0 and 0 <= successes <= n");
    }
  }
  Rng rng(o.seed);
  auto p = win_shares(arms.size(), o.draws, [&](size_t i) {
    return rng.beta(1 + arms[i].successes, 1 + arms[i].n - arms[i].successes);
  });
  return finish(std::move(p), o);
}

Result<Allocation> thompson_gaussian(const std::vector<GaussianArm>& arms,
                                     const ThompsonOptions& o) {
  if (auto e = check_options(arms.size(), o); !e.empty()) return Result<Allocation>::failure(e);
  std::vector<double> mean(arms.size()), sd(arms.size());
  for (size_t i = 0; i < arms.size(); ++i) {
    const auto& a = arms[i];
    if (!whole(a.n) || a.n < 2 || !std::isfinite(a.sum) || !std::isfinite(a.sum_squares)) {
      return Result<Allocation>::failure("arms[" + std::to_string(i) +
                                         "] needs n >= 2 and finite sum, sum_squares");
    }
    double var = (a.sum_squares - a.sum * a.sum / a.n) / (a.n - 1);
    if (var < 0) var = 0;
    mean[i] = a.sum / a.n;
    sd[i] = std::sqrt(var / a.n);
  }
  Rng rng(o.seed);
  auto p =
      win_shares(arms.size(), o.draws, [&](size_t i) { return mean[i] + sd[i] * rng.normal(); });
  return finish(std::move(p), o);
}

}  // namespace tailor::bandit
