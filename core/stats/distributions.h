// Probability distributions the statistics engine needs: normal, Student t and chi-square
// CDFs and quantiles.
//
// Implemented over Boost.Math (header-only, platform-free) with a policy that never throws,
// never promotes double to long double (long double is 80-bit on x86 and 128-bit software
// floats on wasm, so promotion would make native and wasm disagree), and returns NaN on a
// domain error. Callers validate arguments first; these functions are total on the documented
// domains and the Boost headers stay confined to distributions.cc.
#pragma once

namespace tailor::stats {

// Standard normal: Phi(x), 1 - Phi(x) without cancellation, phi(x), Phi^-1(p) for p in (0, 1).
double normal_cdf(double x);
double normal_sf(double x);
double normal_pdf(double x);
double normal_quantile(double p);

// Student t with `dof` > 0 degrees of freedom (non-integer allowed: Welch). An infinite dof is
// the standard normal.
double t_cdf(double x, double dof);
double t_sf(double x, double dof);
double t_quantile(double p, double dof);

// Chi-square with `dof` > 0: upper tail P(X >= x) for x >= 0.
double chi2_sf(double x, double dof);

}  // namespace tailor::stats
