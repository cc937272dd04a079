#include "core/stats/srm.h"

#include <cmath>
#include <string>

#include "core/stats/distributions.h"

namespace tailor::stats {

Result<SrmResult> srm_check(const std::vector<double>& observed,
                            const std::vector<double>& weights) {
  using R = Result<SrmResult>;
  if (observed.size() < 2) return R::failure("observed has fewer than 2 arms, expected 2 or more");
  if (weights.size() != observed.size()) {
    return R::failure("weights has " + std::to_string(weights.size()) + " entries, expected " +
                      std::to_string(observed.size()) + " (one per observed arm)");
  }
  double total = 0, total_weight = 0, kept = 0;
  for (size_t i = 0; i < observed.size(); ++i) {
    double o = observed[i], w = weights[i];
    if (!std::isfinite(o) || o < 0 || o != std::floor(o)) {
      return R::failure("observed[" + std::to_string(i) + "] is not a whole number >= 0");
    }
    if (!std::isfinite(w) || !(w >= 0)) {
      return R::failure("weights[" + std::to_string(i) + "] is not a number >= 0");
    }
    if (w == 0) continue;  // an arm meant to get no traffic is not part of the test
    total += o;
    total_weight += w;
    kept += 1;
  }
  SrmResult r;
  r.dof = kept >= 2 ? kept - 1 : 0;
  if (kept < 2 || total == 0) return r;
  for (size_t i = 0; i < observed.size(); ++i) {
    if (weights[i] == 0) continue;
    double e = total * weights[i] / total_weight;
    double d = observed[i] - e;
    r.chi2 += d * d / e;
  }
  r.p_value = chi2_sf(r.chi2, r.dof);
  r.mismatch = r.p_value < kSrmThreshold;
  return r;
}

Result<SrmResult> srm_check_by_period(const std::vector<std::vector<double>>& observed,
                                      const std::vector<std::vector<double>>& weights) {
  using R = Result<SrmResult>;
  if (observed.empty()) return R::failure("no periods, expected 1 or more");
  if (weights.size() != observed.size()) {
    return R::failure("weights has " + std::to_string(weights.size()) + " periods, expected " +
                      std::to_string(observed.size()) + " (one per observed period)");
  }
  const size_t arms = observed[0].size();
  if (arms < 2) return R::failure("period 0 has fewer than 2 arms, expected 2 or more");
  std::vector<double> observed_total(arms, 0), expected(arms, 0);
  for (size_t p = 0; p < observed.size(); ++p) {
    const std::string at = "period " + std::to_string(p) + ": ";
    if (observed[p].size() != arms || weights[p].size() != arms) {
      return R::failure(at + "has " + std::to_string(observed[p].size()) + " counts and " +
                        std::to_string(weights[p].size()) + " weights, expected " +
                        std::to_string(arms) + " of each");
    }
    double units = 0, weight = 0;
    for (size_t i = 0; i < arms; ++i) {
      double o = observed[p][i], w = weights[p][i];
      if (!std::isfinite(o) || o < 0 || o != std::floor(o)) {
        return R::failure(at + "observed[" + std::to_string(i) + "] is not a whole number >= 0");
      }
      if (!std::isfinite(w) || !(w >= 0)) {
        return R::failure(at + "weights[" + std::to_string(i) + "] is not a number >= 0");
      }
      units += o;
      weight += w;
      observed_total[i] += o;
    }
    if (weight == 0) return R::failure(at + "every weight is 0");
    if (units == 0) continue;
    for (size_t i = 0; i < arms; ++i) expected[i] += units * weights[p][i] / weight;
  }
  SrmResult r;
  double kept = 0;
  for (size_t i = 0; i < arms; ++i) {
    if (expected[i] <= 0) continue;
    kept += 1;
    double d = observed_total[i] - expected[i];
    r.chi2 += d * d / expected[i];
  }
  r.dof = kept >= 2 ? kept - 1 : 0;
  if (kept < 2) {
    r.chi2 = 0;
    return r;
  }
  r.p_value = chi2_sf(r.chi2, r.dof);
  r.mismatch = r.p_value < kSrmThreshold;
  return r;
}

}  // namespace tailor::stats
