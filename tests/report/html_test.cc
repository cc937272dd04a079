// core/report HTML: the sections, charts and accessibility parts are there, data text is
// escaped, nothing is fetched; and the number formats the page uses.
#include "core/report/html.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/report/campaign.h"
#include "core/report/format.h"
#include "core/report/svg.h"
#include "tests/report/campaign_fixture.h"

using tailor::report::AttributeColumn;
using tailor::report::CampaignData;
using tailor::report::render_html;
using tailor::report::ReportOptions;
using namespace tailor::report::testing;

namespace {

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

std::string golden_html(const std::string& segment_name) {
  CampaignData d = golden_campaign();
  d.segments[0].name = segment_name;
  AttributeColumn spend{"spend_12m", AttributeColumn::Kind::kNumeric, {}, {}};
  AttributeColumn member{"loyalty_member", AttributeColumn::Kind::kCategorical, {}, {}};
  for (size_t i = 0; i < d.units.size(); ++i) {
    spend.numbers.push_back(static_cast<double>((i * 37) % 500));
    member.labels.push_back(i % 3 == 0 ? "true" : "false");
  }
  d.attributes = {spend, member};
  auto r = tailor::report::campaign_report(d, ReportOptions{});
  REQUIRE(r.ok());
  return render_html(*r);
}

}  // namespace

TEST_CASE("html: sections, charts, accessibility and print styles", "[campaign-report]") {
  const std::string html = golden_html("Loyal");
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
  CHECK(html.find("<title>Campaign report: golden</title>") != std::string::npos);
  CHECK(count(html, "<h1>") == 1);
  for (const char* id :
       {"recommendations", "kpi", "segments", "lifts", "pooled", "attribution", "method"}) {
    INFO(id);
    CHECK(html.find("<section id=\"" + std::string(id) + "\">") != std::string::npos);
  }
  // 2 segments x 2 arm charts + 4 forest plots + 1 pooled forest + 1 ranking chart +
  // 2 attributes x 2 bin charts.
  CHECK(count(html, "<svg ") == 4 + 4 + 1 + 1 + 4);
  CHECK(count(html, "<svg ") == count(html, "</svg>"));
  CHECK(count(html, "role=\"img\"") == count(html, "<svg "));
  CHECK(count(html, "<caption>") >= 8);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("North star: RpMT") != std::string::npos);
  CHECK(html.find("Safety screening pass rate") != std::string::npos);
  CHECK(html.find("class=\"whisker\"") != std::string::npos);
  // Self-contained: no script, no external resource (the only URL is SVG's namespace name).
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(count(html, "http") == count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
}

TEST_CASE("html: text from data is escaped everywhere", "[campaign-report]") {
  const std::string html = golden_html("<script>alert(\"x\")</script> & 'co'");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;") !=
        std::string::npos);
  CHECK(tailor::report::html_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
}

TEST_CASE("html: any document renders (missing members become n/a)", "[campaign-report]") {
  const std::string html = render_html(tailor::json::Value::empty_object());
  CHECK(html.find("<title>Campaign report: </title>") != std::string::npos);
  CHECK(html.find("</html>") != std::string::npos);
}

TEST_CASE("format: numbers as the report prints them", "[campaign-report]") {
  using namespace tailor::report;
  CHECK(format_count(1234567.4) == "1,234,567");
  CHECK(format_count(999) == "999");
  CHECK(format_count(-1234) == "-1,234");
  CHECK(format_percent(0.1234) == "12.3%");
  CHECK(format_signed_percent(0.1234) == "+12.3%");
  CHECK(format_signed_percent(-0.05) == "-5.0%");
  CHECK(format_signed_percent(-0.0001) == "+0.0%");
  CHECK(format_fixed(0.456, 2) == "0.46");
  CHECK(format_p(0.0004) == "< 0.001");
  CHECK(format_p(0.04249) == "0.042");
  CHECK(format_general(0.05) == "0.05");
  CHECK(format_fixed(std::nan(""), 2) == "n/a");
}
