#include "core/stats/distributions.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace tailor::stats {
namespace {

namespace bmp = boost::math::policies;
using Policy =
    bmp::policy<bmp::domain_error<bmp::ignore_error>, bmp::pole_error<bmp::ignore_error>,
                bmp::overflow_error<bmp::ignore_error>, bmp::underflow_error<bmp::ignore_error>,
                bmp::denorm_error<bmp::ignore_error>, bmp::evaluation_error<bmp::ignore_error>,
                bmp::rounding_error<bmp::ignore_error>,
                bmp::indeterminate_result_error<bmp::ignore_error>, bmp::promote_float<false>,
                bmp::promote_double<false>>;
using Normal = boost::math::normal_distribution<double, Policy>;
using StudentT = boost::math::students_t_distribution<double, Policy>;
using ChiSquared = boost::math::chi_squared_distribution<double, Policy>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double normal_cdf(double x) {
  if (std::isnan(x)) return kNaN;
  if (std::isinf(x)) return x > 0 ? 1.0 : 0.0;
  return boost::math::cdf(Normal(), x);
}

double normal_sf(double x) {
  if (std::isnan(x)) return kNaN;
  if (std::isinf(x)) return x > 0 ? 0.0 : 1.0;
  return boost::math::cdf(boost::math::complement(Normal(), x));
}

double normal_pdf(double x) {
  if (std::isnan(x)) return kNaN;
  if (std::isinf(x)) return 0.0;
  return boost::math::pdf(Normal(), x);
}

double normal_quantile(double p) {
  if (!(p > 0 && p < 1)) {
    if (p == 0) return -std::numeric_limits<double>::infinity();
    if (p == 1) return std::numeric_limits<double>::infinity();
    return kNaN;
  }
  return boost::math::quantile(Normal(), p);
}

double t_cdf(double x, double dof) {
  if (std::isnan(x) || !(dof > 0)) return kNaN;
  if (std::isinf(dof)) return normal_cdf(x);
  if (std::isinf(x)) return x > 0 ? 1.0 : 0.0;
  return boost::math::cdf(StudentT(dof), x);
}

double t_sf(double x, double dof) {
  if (std::isnan(x) || !(dof > 0)) return kNaN;
  if (std::isinf(dof)) return normal_sf(x);
  if (std::isinf(x)) return x > 0 ? 0.0 : 1.0;
  return boost::math::cdf(boost::math::complement(StudentT(dof), x));
}

double t_quantile(double p, double dof) {
  if (!(dof > 0)) return kNaN;
  if (std::isinf(dof)) return normal_quantile(p);
  if (!(p > 0 && p < 1)) {
    if (p == 0) return -std::numeric_limits<double>::infinity();
    if (p == 1) return std::numeric_limits<double>::infinity();
    return kNaN;
  }
  return boost::math::quantile(StudentT(dof), p);
}

double chi2_sf(double x, double dof) {
  if (std::isnan(x) || !(dof > 0)) return kNaN;
  if (x <= 0) return 1.0;
  if (std::isinf(x)) return 0.0;
  return boost::math::cdf(boost::math::complement(ChiSquared(dof), x));
}

}  // namespace tailor::stats
