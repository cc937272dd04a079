// core/report OLS with HC1 errors against numpy (tools/gen/campaign_report_reference.py:
// np.linalg.lstsq and the HC1 sandwich with np.linalg.inv), and its failures.
#include "core/report/ols.h"

#include <catch2/catch.hpp>
#include <vector>

#include "tests/report/campaign_fixture.h"

using tailor::json::Value;
using tailor::report::ols_hc1;
using tailor::report::wald_statistic;
using namespace tailor::report::testing;

TEST_CASE("ols: coefficients, HC1 errors and Wald statistic equal numpy's", "[campaign-report]") {
  const auto& cases = arr(campaign_cases(), "ols");
  REQUIRE(cases.size() == 2);
  for (const Value& c : cases) {
    INFO(str(c, "name"));
    const auto& x = arr(c, "x");
    const auto& y = arr(c, "y");
    const size_t n = x.size(), p = x[0].as_array().size();
    auto fit = ols_hc1(n, p, [&](size_t i, double* row, double* out) {
      for (size_t j = 0; j < p; ++j) row[j] = x[i].as_array()[j].as_number();
      *out = y[i].as_number();
    });
    REQUIRE(fit.ok());
    for (size_t j = 0; j < p; ++j) {
      CHECK(fit->coefficients[j] == Approx(arr(c, "coefficients")[j].as_number()).epsilon(1e-9));
      CHECK(fit->std_errors[j] == Approx(arr(c, "se")[j].as_number()).epsilon(1e-9));
    }
    CHECK(fit->residual_sum_squares == Approx(num(c, "rss")).epsilon(1e-9));
    std::vector<size_t> terms;
    for (const Value& t : arr(c, "waldTerms")) terms.push_back(static_cast<size_t>(t.as_number()));
    auto w = wald_statistic(*fit, terms);
    REQUIRE(w.ok());
    CHECK(*w == Approx(num(c, "wald")).epsilon(1e-8));
  }
}

TEST_CASE("ols: an exact line is recovered, collinear columns and too few rows fail",
          "[campaign-report]") {
  // y = 2 + 3x exactly on x = 0..4: coefficients (2, 3), zero residuals, zero robust errors.
  auto exact = ols_hc1(5, 2, [](size_t i, double* x, double* y) {
    x[0] = 1;
    x[1] = static_cast<double>(i);
    *y = 2 + 3 * static_cast<double>(i);
  });
  REQUIRE(exact.ok());
  CHECK(exact->coefficients[0] == Approx(2));
  CHECK(exact->coefficients[1] == Approx(3));
  CHECK(exact->std_errors[1] == Approx(0).margin(1e-9));

  // Column 2 = 2 * column 1.
  auto collinear = ols_hc1(6, 3, [](size_t i, double* x, double* y) {
    x[0] = 1;
    x[1] = static_cast<double>(i % 3);
    x[2] = 2 * x[1];
    *y = static_cast<double>(i);
  });
  CHECK(collinear.error() ==
        "regression column 2 is constant or a combination of the columns before it");
  size_t column = 0;
  auto again = ols_hc1(
      6, 3,
      [](size_t i, double* x, double* y) {
        x[0] = 1;
        x[1] = static_cast<double>(i % 3);
        x[2] = 2 * x[1];
        *y = static_cast<double>(i);
      },
      &column);
  CHECK_FALSE(again.ok());
  CHECK(column == 2);
  auto few = ols_hc1(2, 2, [](size_t, double* x, double* y) { x[0] = x[1] = *y = 1; });
  CHECK(few.error() == "the regression has 2 rows for 2 columns, expected more rows than columns");
}
