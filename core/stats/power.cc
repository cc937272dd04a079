#include "core/stats/power.h"

#include <cmath>
#include <string>

#include "core/json/js.h"
#include "core/stats/distributions.h"

namespace tailor::stats {
namespace {

std::string check_level(double alpha, double power) {
  if (!(alpha > 0 && alpha < 1)) return "alpha must be a number between 0 and 1";
  if (!(power > 0 && power < 1)) return "power must be a number between 0 and 1";
  return {};
}

std::string check_rate(const char* name, double p) {
  if (!(p > 0 && p < 1)) return std::string(name) + " must be a rate between 0 and 1";
  return {};
}

double z_sum(double alpha, double power) {
  return normal_quantile(1 - alpha / 2) + normal_quantile(power);
}

// P(reject) when the standardized true effect is `shift` (effect / se).
double two_sided_power(double shift, double alpha) {
  double z = normal_quantile(1 - alpha / 2);
  shift = std::fabs(shift);
  return normal_cdf(shift - z) + normal_cdf(-shift - z);
}

}  // namespace

Result<double> sample_size_proportions(double pc, double pt, double alpha, double power) {
  for (auto e :
       {check_level(alpha, power), check_rate("baseline", pc), check_rate("treatment", pt)}) {
    if (!e.empty()) return Result<double>::failure(e);
  }
  if (pc == pt) return Result<double>::failure("treatment equals baseline, expected a difference");
  double z = z_sum(alpha, power);
  double d = pt - pc;
  return std::ceil(z * z * (pc * (1 - pc) + pt * (1 - pt)) / (d * d));
}

Result<double> sample_size_means(double sd, double mde, double alpha, double power) {
  if (auto e = check_level(alpha, power); !e.empty()) return Result<double>::failure(e);
  if (!(sd > 0) || !std::isfinite(sd)) return Result<double>::failure("sd must be a number > 0");
  if (!std::isfinite(mde) || mde == 0) {
    return Result<double>::failure("mde must be a non-zero number");
  }
  double z = z_sum(alpha, power);
  return std::ceil(2 * z * z * sd * sd / (mde * mde));
}

Result<double> power_proportions(double pc, double pt, double n, double alpha) {
  for (auto e :
       {check_level(alpha, 0.5), check_rate("baseline", pc), check_rate("treatment", pt)}) {
    if (!e.empty()) return Result<double>::failure(e);
  }
  if (!(n >= 1) || !std::isfinite(n)) return Result<double>::failure("n must be a number >= 1");
  double se = std::sqrt((pc * (1 - pc) + pt * (1 - pt)) / n);
  return two_sided_power((pt - pc) / se, alpha);
}

Result<double> power_means(double sd, double mde, double n, double alpha) {
  if (auto e = check_level(alpha, 0.5); !e.empty()) return Result<double>::failure(e);
  if (!(sd > 0) || !std::isfinite(sd)) return Result<double>::failure("sd must be a number > 0");
  if (!std::isfinite(mde)) return Result<double>::failure("mde must be a number");
  if (!(n >= 1) || !std::isfinite(n)) return Result<double>::failure("n must be a number >= 1");
  return two_sided_power(mde / (sd * std::sqrt(2 / n)), alpha);
}

Result<double> mde_proportions(double pc, double n, double alpha, double power) {
  for (auto e : {check_level(alpha, power), check_rate("baseline", pc)}) {
    if (!e.empty()) return Result<double>::failure(e);
  }
  if (!(n >= 1) || !std::isfinite(n)) return Result<double>::failure("n must be a number >= 1");
  double z = z_sum(alpha, power);
  // f(d) = d - z sqrt((pc qc + pt qt)/n) is increasing in d on the range where it changes
  // sign; bisect on (0, 1 - pc).
  auto f = [&](double d) {
    double pt = pc + d;
    return d - z * std::sqrt((pc * (1 - pc) + pt * (1 - pt)) / n);
  };
  double lo = 0, hi = 1 - pc;
  if (f(hi) < 0) {
    return Result<double>::failure("no increase over the baseline is detectable with n = " +
                                   json::number_to_string(n) + " per arm");
  }
  for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
    double mid = 0.5 * (lo + hi);
    (f(mid) < 0 ? lo : hi) = mid;
  }
  return hi;
}

Result<double> mde_means(double sd, double n, double alpha, double power) {
  if (auto e = check_level(alpha, power); !e.empty()) return Result<double>::failure(e);
  if (!(sd > 0) || !std::isfinite(sd)) return Result<double>::failure("sd must be a number > 0");
  if (!(n >= 1) || !std::isfinite(n)) return Result<double>::failure("n must be a number >= 1");
  return z_sum(alpha, power) * sd * std::sqrt(2 / n);
}

}  // namespace tailor::stats
