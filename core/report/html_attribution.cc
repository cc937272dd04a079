// The attribution section of the campaign report's HTML (report/html.h).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/report/format.h"
#include "core/report/html_parts.h"

namespace tailor::report::html_detail {

using json::Value;

namespace {

std::string difference(const Value& d, Scale scale) {
  if (!flag(d, "testable")) return "n/a";
  return format_value(number(d, "difference"), scale) + " [" +
         format_value(number(d, "ciLower"), scale) + ", " +
         format_value(number(d, "ciUpper"), scale) + "]";
}

std::string ranking_table(const Value& a) {
  std::string s =
      "<table><caption>Attributes ranked by the treatment x attribute interaction "
      "(robust Wald test, outcome: " +
      esc(text(a, "rankedBy") == "rpm" ? "revenue per message" : text(a, "rankedBy")) +
      ")</caption>" + head_row({"Rank", "Attribute", "Wald chi-square", "df", "p"}) + "<tbody>";
  std::vector<Bar> bars;
  for (const Value& r : array(a, "ranking")) {
    s += "<tr>" + cell(format_count(number(r, "rank")), true) + "<th scope=\"row\">" +
         esc(text(r, "attribute")) + "</th>" + cell(format_general(number(r, "wald"), 4), true) +
         cell(format_count(number(r, "dof")), true) + cell(format_p(number(r, "pValue")), true) +
         "</tr>";
    // The chart shows what the ranking orders by: the evidence -log10(p) (p = 0 after underflow
    // is drawn at 300, the smallest double's exponent).
    const double p = number(r, "pValue");
    bars.push_back({text(r, "attribute"), -std::log10(std::max(p, 1e-300)), std::nan(""),
                    std::nan(""), bars.empty(), false});
  }
  s += "</tbody></table>";
  if (!bars.empty()) {
    s += "<figure>" +
         bar_chart("attr-rank", bars, "Evidence of interaction by attribute",
                   "Minus log10 of the robust Wald test's p-value for each attribute's "
                   "treatment interaction; longer bars mean stronger evidence that the attribute "
                   "changes the treatment effect.",
                   Scale::kNumber) +
         "<figcaption>Evidence that the attribute changes the treatment effect (&minus;log10 p "
         "of the Wald test); the strongest is highlighted</figcaption></figure>";
  }
  return s;
}

std::string coefficients_table(const Value& reg, std::string_view outcome) {
  if (reg.contains("error")) {
    return "<p>Regression for " + esc(outcome) + " not fitted: " + esc(text(reg, "error")) + "</p>";
  }
  std::string s = "<table><caption>Interaction coefficients, " + esc(outcome) +
                  " (OLS, HC1 robust standard errors, n = " + format_count(number(reg, "n")) +
                  ")</caption>" + head_row({"Term", "Coefficient", "Robust SE", "t"}) + "<tbody>";
  auto row = [&](const Value& t) {
    s += "<tr><th scope=\"row\">" + esc(text(t, "term")) + "</th>" +
         cell(format_general(number(t, "coefficient"), 4), true) +
         cell(format_general(number(t, "se"), 4), true) +
         cell(format_fixed(number(t, "t"), 2), true) + "</tr>";
  };
  row(member(reg, "treated"));
  for (const Value& attr : array(reg, "attributes")) {
    for (const Value& t : array(attr, "interactions")) row(t);
  }
  s += "</tbody></table>";
  for (const Value& l : array(reg, "leftOut")) {
    s += "<p>Left out: " + esc(text(l, "attribute")) + " (" + esc(text(l, "reason")) + ").</p>";
  }
  return s;
}

std::string bins_article(const Value& attr, size_t index) {
  const std::string name = text(attr, "attribute");
  std::vector<Bar> rpm, purchase;
  std::string rows;
  for (const Value& b : array(attr, "bins")) {
    const Value& r = member(b, "rpm");
    const Value& p = member(b, "purchase");
    auto bar = [&](const Value& d) {
      const bool ok = flag(d, "testable");
      return Bar{text(b, "label"),
                 ok ? number(d, "difference") : std::nan(""),
                 number(d, "ciLower"),
                 number(d, "ciUpper"),
                 false,
                 false};
    };
    rpm.push_back(bar(r));
    purchase.push_back(bar(p));
    rows += "<tr><th scope=\"row\">" + esc(text(b, "label")) + "</th>" +
            cell(format_count(number(b, "treatmentSends")), true) +
            cell(format_count(number(b, "controlSends")), true) +
            cell(difference(p, Scale::kPoints), true) +
            cell(difference(r, Scale::kSignedMoney), true) + "</tr>";
  }
  const std::string id = "bins" + std::to_string(index);
  const std::string t1 = "Uplift in revenue per message by " + name;
  const std::string t2 = "Uplift in purchase rate by " + name;
  return "<article class=\"attribute\"><h4>" + esc(name) + "</h4><div class=\"charts\"><figure>" +
         bar_chart(id + "-rpm", rpm, t1,
                   t1 + " (treatment minus control) per bin, with confidence intervals.",
                   Scale::kSignedMoney) +
         "<figcaption>" + esc(t1) + "</figcaption></figure><figure>" +
         bar_chart(id + "-purchase", purchase, t2,
                   t2 + " (treatment minus control, percentage points) per bin, with "
                        "confidence intervals.",
                   Scale::kPoints) +
         "<figcaption>" + esc(t2) + "</figcaption></figure></div><table><caption>Uplift by " +
         esc(name) + " (treatment minus control, post-stratified by segment)</caption>" +
         head_row({"Bin", "Treatment sends", "Control sends", "Purchase rate uplift [CI]",
                   "RpM uplift [CI]"}) +
         "<tbody>" + rows + "</tbody></table></article>";
}

}  // namespace

std::string attribution_section(const Value& a) {
  std::string s = "<section id=\"attribution\"><h2>Attribution</h2>";
  if (!a.is_object()) return s + "<p>No attribution in this report.</p></section>";
  const Value& strongest = member(a, "strongest");
  s += "<p>Which customer attributes drive the difference between treatment (" +
       esc(text(a, "treatment")) + ") and control. Strongest attribute: <strong>" +
       (strongest.is_string() ? esc(strongest.as_string()) : std::string("none")) +
       "</strong>.</p>";
  s += ranking_table(a);
  const Value& reg = member(a, "regression");
  if (reg.contains("error")) {
    s += "<p>Regression not fitted: " + esc(text(reg, "error")) + "</p>";
  } else {
    s += coefficients_table(member(reg, "rpm"), "revenue per message");
    s += coefficients_table(member(reg, "purchase"), "purchase (linear probability)");
  }
  s += "<h3>Uplift by attribute bin</h3>";
  size_t i = 0;
  for (const Value& attr : array(a, "bins")) s += bins_article(attr, i++);
  return s + "</section>";
}

}  // namespace tailor::report::html_detail
