#include "core/report/html.h"

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "core/report/format.h"
#include "core/report/html_parts.h"
#include "core/report/html_style.h"
#include "core/report/svg.h"

namespace tailor::report {

using json::Value;
using namespace html_detail;

namespace {

Scale metric_scale(std::string_view metric) {
  return metric == "rpm" ? Scale::kMoney : Scale::kPercent;
}

std::string metric_name(std::string_view metric) {
  if (metric == "open") return "Open rate";
  if (metric == "click") return "Click rate";
  if (metric == "purchase") return "Purchase rate";
  if (metric == "rpm") return "Revenue per message";
  return std::string(metric);
}

// "+12.3% [+1.0%, +23.6%]" for a relative lift (or an absolute difference with its scale).
std::string effect_with_ci(const Value& c, std::string_view key, Scale scale) {
  if (!flag(c, "testable")) return "n/a (" + esc(text(c, "reason")) + ")";
  return format_value(number(c, key), scale) + " [" + format_value(number(c, "ciLower"), scale) +
         ", " + format_value(number(c, "ciUpper"), scale) + "]";
}

std::string status_badge(const std::string& status) {
  return "<span class=\"badge " + std::string(status == "pass" ? "pass" : "fail") + "\">" +
         esc(status) + "</span>";
}

std::string recommendations(const Value& report) {
  std::string s =
      "<section id=\"recommendations\"><h2>Recommendations</h2><table>"
      "<caption>Winner per segment on revenue per message (the north star)</caption>" +
      head_row({"Segment", "Winner", "Recommendation"}) + "<tbody>";
  for (const Value& seg : array(report, "segments")) {
    const Value& w = member(seg, "winner");
    const std::string winner = member(w, "variant").is_string() ? esc(text(w, "variant")) : "none";
    s += "<tr><th scope=\"row\">" + esc(text(seg, "name")) + "</th>" + cell(winner) +
         cell(esc(text(w, "recommendation"))) + "</tr>";
  }
  return s + "</tbody></table></section>";
}

std::string kpi_section(const Value& kpi) {
  std::string s = "<section id=\"kpi\"><h2>KPI tree</h2>";
  const Value& ns = member(kpi, "northStar");
  const Value& lift = member(ns, "lift");
  s += "<div class=\"northstar\"><h3>North star: " + esc(text(ns, "name")) + "</h3><p>" +
       "<strong>" + format_value(number(ns, "treatment"), Scale::kMoney) +
       "</strong> treatment vs <strong>" + format_value(number(ns, "control"), Scale::kMoney) +
       "</strong> control; lift " + effect_with_ci(lift, "lift", Scale::kSignedPercent) +
       (flag(lift, "testable") ? ", p " + format_p(number(lift, "pValue")) : "") +
       ".</p><p class=\"formula\">" + esc(text(ns, "formula")) + " &mdash; " +
       esc(text(ns, "source")) + "</p></div>";
  const Value& plan = member(kpi, "testPlan");
  if (plan.is_object()) {
    s += "<p>Test plan (seed 002: detect a +15% relative lift in conversion): at the control's " +
         format_value(number(plan, "baseline"), Scale::kPercent) + " conversion rate that needs " +
         format_count(number(plan, "perArm")) + " sends per arm (alpha " +
         format_general(number(plan, "alpha")) + ", power " +
         format_percent(number(plan, "power"), 0) + ").</p>";
  }
  s += "<table><caption>Supporting metrics (treatment = all treatment arms)</caption>" +
       head_row({"Metric", "Formula", "Source", "Treatment", "Control", "Lift [CI]",
                 "Seed 002 baseline"}) +
       "<tbody>";
  for (const Value& m : array(kpi, "supporting")) {
    const Scale sc =
        text(m, "key") == "aov" || text(m, "key") == "rpm" || text(m, "key") == "revenuePerEmail"
            ? Scale::kMoney
            : Scale::kPercent;
    const Value& l = member(m, "lift");
    s += "<tr><th scope=\"row\">" + esc(text(m, "name")) + "</th>" + cell(esc(text(m, "formula"))) +
         cell(esc(text(m, "source"))) + cell(format_value(number(m, "treatment"), sc), true) +
         cell(format_value(number(m, "control"), sc), true) +
         cell(l.is_object() ? effect_with_ci(l, "lift", Scale::kSignedPercent) : "&mdash;", true) +
         cell(format_value(number(member(m, "seed002"), "baseline"), sc), true) + "</tr>";
  }
  s += "</tbody></table><table><caption>Guardrails</caption>" +
       head_row({"Guardrail", "Rule", "Status", "Detail"}) + "<tbody>";
  for (const Value& g : array(kpi, "guardrails")) {
    s += "<tr><th scope=\"row\">" + esc(text(g, "name")) + "</th>" + cell(esc(text(g, "rule"))) +
         cell(status_badge(text(g, "status"))) + cell(esc(text(g, "detail"))) + "</tr>";
  }
  return s + "</tbody></table></section>";
}

std::string arm_chart(const std::string& id, const Value& seg, std::string_view value_key,
                      std::string_view ci_key, std::string_view title, Scale scale) {
  std::vector<Bar> bars;
  const std::string winner = text(member(seg, "winner"), "variant");
  for (const Value& arm : array(seg, "arms")) {
    const json::Array& ci = array(arm, ci_key);
    const bool has_ci = ci.size() == 2 && ci[0].is_number() && ci[1].is_number();
    bars.push_back({text(arm, "variant"), number(arm, value_key),
                    has_ci ? ci[0].as_number() : std::nan(""),
                    has_ci ? ci[1].as_number() : std::nan(""),
                    !winner.empty() && text(arm, "variant") == winner, flag(arm, "control")});
  }
  const std::string t = std::string(title) + ": " + text(seg, "name");
  return "<figure>" +
         bar_chart(id, bars, t, t + " by arm, with confidence intervals as whiskers.", scale) +
         "<figcaption>" + esc(t) + " by arm (whiskers: confidence interval)</figcaption></figure>";
}

std::string segment_article(const Value& seg, size_t index) {
  const std::string name = esc(text(seg, "name"));
  const std::string id = "seg" + std::to_string(index);
  std::string s =
      "<article class=\"segment\"><h3>" + name + "</h3><p>" + format_count(number(seg, "sends")) +
      " sends; experiment <code>" + esc(text(seg, "experiment")) +
      "</code>.</p><div class=\"charts\">" +
      arm_chart(id + "-rpm", seg, "rpm", "rpmCi", "Revenue per message", Scale::kMoney) +
      arm_chart(id + "-purchase", seg, "purchaseRate", "purchaseRateCi", "Purchase rate",
                Scale::kPercent) +
      "</div>";
  s += "<table><caption>Arms of " + name + "</caption>" +
       head_row({"Arm", "Sends", "Open rate", "Click rate", "Purchase rate", "RpM",
                 "Unsubscribe rate", "AOV"}) +
       "<tbody>";
  for (const Value& a : array(seg, "arms")) {
    s += "<tr><th scope=\"row\">" + esc(text(a, "variant")) + "</th>" +
         cell(format_count(number(a, "sends")), true) +
         cell(format_value(number(a, "openRate"), Scale::kPercent), true) +
         cell(format_value(number(a, "clickRate"), Scale::kPercent), true) +
         cell(format_value(number(a, "purchaseRate"), Scale::kPercent), true) +
         cell(format_value(number(a, "rpm"), Scale::kMoney), true) +
         cell(format_value(number(a, "unsubscribeRate"), Scale::kPercent), true) +
         cell(format_value(number(a, "aov"), Scale::kMoney), true) + "</tr>";
  }
  s += "</tbody></table><table><caption>Lifts against control in " + name +
       " (Holm-adjusted across the whole family)</caption>" +
       head_row({"Treatment", "Metric", "Control", "Treatment value", "Relative lift [CI]", "p",
                 "Holm p", "Significant"}) +
       "<tbody>";
  for (const Value& l : array(seg, "lifts")) {
    const Scale sc = metric_scale(text(l, "metric"));
    s += "<tr><th scope=\"row\">" + esc(text(l, "variant")) + "</th>" +
         cell(esc(metric_name(text(l, "metric")))) +
         cell(format_value(number(l, "control"), sc), true) +
         cell(format_value(number(l, "treatment"), sc), true) +
         cell(effect_with_ci(l, "lift", Scale::kSignedPercent), true) +
         cell(format_p(number(l, "pValue")), true) + cell(format_p(number(l, "pAdjusted")), true) +
         cell(flag(l, "significant") ? "yes *" : "no") + "</tr>";
  }
  const Value& srm = member(seg, "srm");
  s += "</tbody></table><p class=\"srm\">Sample ratio check: " +
       (srm.contains("error")
            ? "not computed (" + esc(text(srm, "error")) + ")"
            : std::string(flag(srm, "mismatch") ? "<strong>MISMATCH</strong>" : "ok") +
                  " (chi-square " + format_general(number(srm, "chi2"), 3) + ", p " +
                  format_p(number(srm, "pValue")) + ")") +
       ".</p>";
  return s + "</article>";
}

std::string forest_section(const Value& report) {
  std::string s = "<section id=\"lifts\"><h2>Lifts by segment and treatment</h2>";
  size_t k = 0;
  for (std::string_view metric : {"rpm", "purchase", "open", "click"}) {
    std::vector<ForestRow> rows;
    for (const Value& seg : array(report, "segments")) {
      for (const Value& l : array(seg, "lifts")) {
        if (text(l, "metric") != metric) continue;
        const bool ok = flag(l, "testable");
        rows.push_back({text(seg, "name") + " \u00b7 " + text(l, "variant"),
                        ok ? number(l, "lift") : std::nan(""), number(l, "ciLower"),
                        number(l, "ciUpper"), flag(l, "significant")});
      }
    }
    const std::string title = "Relative lift in " + metric_name(metric);
    s += "<figure>" +
         forest_plot("forest" + std::to_string(k++), rows, title,
                     title +
                         " of each treatment against its segment's control with its "
                         "confidence interval; * marks Holm-significant lifts.",
                     Scale::kSignedPercent) +
         "<figcaption>" + esc(title) + " (* Holm-adjusted p &lt; alpha)</figcaption></figure>";
  }
  return s + "</section>";
}

std::string pooled_section(const Value& report) {
  std::string s =
      "<section id=\"pooled\"><h2>By strategy across segments</h2><table>"
      "<caption>Pooled lift per strategy, post-stratified by segment (own Holm "
      "family of " +
      format_count(number(member(report, "pooledFamily"), "size")) + ")</caption>" +
      head_row({"Strategy", "Metric", "Relative lift [CI]", "p", "Holm p", "Significant"}) +
      "<tbody>";
  std::vector<ForestRow> rows;
  for (const Value& l : array(report, "pooled")) {
    s += "<tr><th scope=\"row\">" + esc(text(l, "variant")) + "</th>" +
         cell(esc(metric_name(text(l, "metric")))) +
         cell(effect_with_ci(l, "lift", Scale::kSignedPercent), true) +
         cell(format_p(number(l, "pValue")), true) + cell(format_p(number(l, "pAdjusted")), true) +
         cell(flag(l, "significant") ? "yes *" : "no") + "</tr>";
    if (text(l, "metric") == "rpm") {
      rows.push_back({text(l, "variant"), flag(l, "testable") ? number(l, "lift") : std::nan(""),
                      number(l, "ciLower"), number(l, "ciUpper"), flag(l, "significant")});
    }
  }
  s += "</tbody></table><figure>" +
       forest_plot("pooled-rpm", rows, "Pooled relative lift in revenue per message",
                   "Pooled relative lift in revenue per message per strategy, with confidence "
                   "intervals.",
                   Scale::kSignedPercent) +
       "<figcaption>Pooled relative lift in revenue per message by strategy</figcaption>"
       "</figure>";
  return s + "</section>";
}

}  // namespace

std::string render_html(const Value& report) {
  const std::string campaign = esc(text(report, "campaign"));
  const Value& family = member(report, "family");
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>Campaign report: " +
      campaign + "</title><style>" + std::string(kReportCss) +
      "</style></head><body><header><h1>Campaign report: " + campaign + "</h1><p>" +
      format_count(number(report, "units")) + " sends in " +
      std::to_string(array(report, "segments").size()) + " segments. Significance at alpha " +
      format_general(number(report, "alpha")) + ", Holm-adjusted over " +
      format_count(number(family, "size")) + " comparisons (" + esc(text(family, "members")) +
      ").</p></header>"
      "<nav aria-label=\"Contents\"><ol><li><a href=\"#recommendations\">"
      "Recommendations</a></li><li><a href=\"#kpi\">KPI tree</a></li><li><a "
      "href=\"#segments\">Segments</a></li><li><a href=\"#lifts\">Lifts</a></li><li>"
      "<a href=\"#pooled\">By strategy</a></li><li><a href=\"#attribution\">"
      "Attribution</a></li><li><a href=\"#method\">Method</a></li></ol></nav><main>";
  s += recommendations(report);
  s += kpi_section(member(report, "kpi"));
  s += "<section id=\"segments\"><h2>Segments</h2>";
  size_t i = 0;
  for (const Value& seg : array(report, "segments")) s += segment_article(seg, i++);
  s += "</section>";
  s += forest_section(report);
  s += pooled_section(report);
  s += attribution_section(member(report, "attribution"));
  s += "<section id=\"method\"><h2>Method</h2><dl>";
  const Value& method = member(report, "method");
  if (method.is_object()) {
    for (const auto& [key, value] : method.as_object()) {
      s += "<dt>" + esc(key) + "</dt><dd>" +
           (value.is_string()   ? esc(value.as_string())
            : value.is_number() ? format_general(value.as_number())
                                : "") +
           "</dd>";
    }
  }
  return s + "</dl></section></main></body></html>\n";
}

}  // namespace tailor::report
