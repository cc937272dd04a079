#include "core/report/ols.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace tailor::report {

size_t cholesky(std::vector<double>& a, size_t p) {
  for (size_t j = 0; j < p; ++j) {
    const double original = a[j * p + j];
    double d = original;
    for (size_t k = 0; k < j; ++k) d -= a[j * p + k] * a[j * p + k];
    // A pivot that lost all but a rounding residue of its column's own norm means the column
    // is (numerically) a combination of the earlier ones.
    if (!(d > 1e-10 * original) || !(original > 0)) return j;
    const double root = std::sqrt(d);
    a[j * p + j] = root;
    for (size_t i = j + 1; i < p; ++i) {
      double s = a[i * p + j];
      for (size_t k = 0; k < j; ++k) s -= a[i * p + k] * a[j * p + k];
      a[i * p + j] = s / root;
    }
  }
  return p;
}

void cholesky_solve(const std::vector<double>& l, size_t p, double* b) {
  for (size_t i = 0; i < p; ++i) {  // L z = b
    double s = b[i];
    for (size_t k = 0; k < i; ++k) s -= l[i * p + k] * b[k];
    b[i] = s / l[i * p + i];
  }
  for (size_t i = p; i-- > 0;) {  // L' x = z
    double s = b[i];
    for (size_t k = i + 1; k < p; ++k) s -= l[k * p + i] * b[k];
    b[i] = s / l[i * p + i];
  }
}

namespace {

// (L L')^-1, symmetric, row-major.
std::vector<double> inverse_from_factor(const std::vector<double>& l, size_t p) {
  std::vector<double> inv(p * p, 0.0), col(p);
  for (size_t j = 0; j < p; ++j) {
    for (size_t i = 0; i < p; ++i) col[i] = i == j ? 1.0 : 0.0;
    cholesky_solve(l, p, col.data());
    for (size_t i = 0; i < p; ++i) inv[i * p + j] = col[i];
  }
  return inv;
}

// Adds w x x' into the lower triangle of the p x p matrix m.
void add_outer_lower(std::vector<double>& m, const double* x, size_t p, double w) {
  for (size_t i = 0; i < p; ++i) {
    const double wx = w * x[i];
    if (wx == 0) continue;
    double* row = &m[i * p];
    for (size_t j = 0; j <= i; ++j) row[j] += wx * x[j];
  }
}

void mirror_lower(std::vector<double>& m, size_t p) {
  for (size_t i = 0; i < p; ++i) {
    for (size_t j = 0; j < i; ++j) m[j * p + i] = m[i * p + j];
  }
}

}  // namespace

Result<OlsFit> ols_hc1(size_t n, size_t p, const OlsRows& rows, size_t* collinear_column) {
  if (collinear_column != nullptr) *collinear_column = p;
  using R = Result<OlsFit>;
  if (p == 0) return R::failure("the regression has no columns, expected at least 1");
  if (n <= p) {
    return R::failure("the regression has " + std::to_string(n) + " rows for " + std::to_string(p) +
                      " columns, expected more rows than columns");
  }
  std::vector<double> xtx(p * p, 0.0), xty(p, 0.0), x(p);
  for (size_t i = 0; i < n; ++i) {
    double y = 0;
    rows(i, x.data(), &y);
    if (!std::isfinite(y)) return R::failure("row " + std::to_string(i) + ": y is not finite");
    for (size_t j = 0; j < p; ++j) {
      if (!std::isfinite(x[j])) {
        return R::failure("row " + std::to_string(i) + " column " + std::to_string(j) +
                          " is not finite");
      }
      xty[j] += x[j] * y;
    }
    add_outer_lower(xtx, x.data(), p, 1.0);
  }
  mirror_lower(xtx, p);
  std::vector<double> l = xtx;
  const size_t bad = cholesky(l, p);
  if (bad < p) {
    if (collinear_column != nullptr) *collinear_column = bad;
    return R::failure("regression column " + std::to_string(bad) +
                      " is constant or a combination of the columns before it");
  }
  OlsFit fit;
  fit.n = n;
  fit.p = p;
  fit.coefficients = xty;
  cholesky_solve(l, p, fit.coefficients.data());

  std::vector<double> meat(p * p, 0.0);
  for (size_t i = 0; i < n; ++i) {
    double y = 0;
    rows(i, x.data(), &y);
    double e = y;
    for (size_t j = 0; j < p; ++j) e -= x[j] * fit.coefficients[j];
    fit.residual_sum_squares += e * e;
    add_outer_lower(meat, x.data(), p, e * e);
  }
  mirror_lower(meat, p);
  const std::vector<double> bread = inverse_from_factor(l, p);
  // V = c * bread * meat * bread.
  std::vector<double> tmp(p * p, 0.0);
  for (size_t i = 0; i < p; ++i) {
    for (size_t k = 0; k < p; ++k) {
      const double b = bread[i * p + k];
      for (size_t j = 0; j < p; ++j) tmp[i * p + j] += b * meat[k * p + j];
    }
  }
  const double scale = static_cast<double>(n) / static_cast<double>(n - p);
  fit.covariance.assign(p * p, 0.0);
  for (size_t i = 0; i < p; ++i) {
    for (size_t k = 0; k < p; ++k) {
      const double t = tmp[i * p + k];
      for (size_t j = 0; j < p; ++j) fit.covariance[i * p + j] += t * bread[k * p + j];
    }
  }
  fit.std_errors.resize(p);
  for (size_t i = 0; i < p; ++i) {
    for (size_t j = 0; j < p; ++j) fit.covariance[i * p + j] *= scale;
    fit.std_errors[i] = std::sqrt(std::max(0.0, fit.covariance[i * p + i]));
  }
  return fit;
}

Result<double> wald_statistic(const OlsFit& fit, const std::vector<size_t>& terms) {
  using R = Result<double>;
  if (terms.empty()) return R::failure("no terms to test");
  const size_t k = terms.size();
  std::vector<double> v(k * k), b(k);
  for (size_t i = 0; i < k; ++i) {
    if (terms[i] >= fit.p) return R::failure("term " + std::to_string(terms[i]) + " out of range");
    b[i] = fit.coefficients[terms[i]];
    for (size_t j = 0; j < k; ++j) v[i * k + j] = fit.covariance[terms[i] * fit.p + terms[j]];
  }
  if (cholesky(v, k) < k) return R::failure("the terms' covariance is singular");
  std::vector<double> x = b;
  cholesky_solve(v, k, x.data());
  double w = 0;
  for (size_t i = 0; i < k; ++i) w += b[i] * x[i];
  return w;
}

}  // namespace tailor::report
