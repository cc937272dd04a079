// Ordinary least squares with heteroskedasticity-robust (HC1) standard errors, for the
// campaign report's attribution regression (a few dozen columns, up to millions of rows).
//
// beta = (X'X)^-1 X'y, solved through the Cholesky factor of X'X (the columns the report builds
// are standardised, so the normal equations are well conditioned). HC1 (MacKinnon & White
// 1985, Stata's "robust"): V = n / (n - p) (X'X)^-1 (sum_i e_i^2 x_i x_i') (X'X)^-1 with
// residuals e = y - X beta. Rows are read twice through a callback (once for X'X and X'y, once
// for the residuals), so X is never held in memory.
//
// Failure: p == 0, n <= p, a non-finite value in a row, or X'X not positive definite (a column
// that is constant zero or a linear combination of others: the message names the first such
// column index).
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "core/result.h"

namespace tailor::report {

struct OlsFit {
  size_t n = 0;
  size_t p = 0;
  std::vector<double> coefficients;  // p
  std::vector<double> covariance;    // p x p, row-major, HC1
  std::vector<double> std_errors;    // sqrt of the covariance's diagonal
  double residual_sum_squares = 0;
};

// Fills x[0..p) and *y with row i (0 <= i < n).
using OlsRows = std::function<void(size_t i, double* x, double* y)>;

// `collinear_column`, when given, receives the index of the offending column when X'X is not
// positive definite (and p otherwise), so a caller can drop that column's variable and refit.
Result<OlsFit> ols_hc1(size_t n, size_t p, const OlsRows& rows, size_t* collinear_column = nullptr);

// The robust Wald statistic b_S' V_SS^-1 b_S of the coefficients `terms` (chi-square with
// |S| degrees of freedom under b_S = 0). Failure: an index out of range, no terms, V_SS not
// positive definite.
Result<double> wald_statistic(const OlsFit& fit, const std::vector<size_t>& terms);

// In-place Cholesky factorisation of the symmetric positive definite p x p row-major matrix
// `a` into its lower factor L (a = L L'; the upper triangle is left as it was). Returns the
// index of the first column whose pivot is not positive (relative to the column's original
// diagonal), or p on success.
size_t cholesky(std::vector<double>& a, size_t p);

// Solves L L' x = b in place for the factor from cholesky().
void cholesky_solve(const std::vector<double>& l, size_t p, double* b);

}  // namespace tailor::report
