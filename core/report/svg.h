// Inline SVG charts for the campaign report's HTML (report/html.h): horizontal bar charts
// with interval whiskers and forest plots. Each returns one <svg> element with role="img", a
// <title> and a <desc> (screen readers read them), sized by a viewBox so it scales with the
// page and prints crisply. All text is escaped; non-finite values draw nothing (a bar without
// a value is labelled "n/a"). `id` must be unique in the page ([A-Za-z0-9-]; it names the
// title and description elements).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tailor::report {

// & < > " ' as entities: safe in HTML text, in attribute values and in SVG/XML.
std::string html_escape(std::string_view s);

enum class Scale { kPercent, kMoney, kNumber, kSignedPercent, kPoints, kSignedMoney };

// The value as the charts and tables print it: 0.123 -> "12.3%" (kPercent), "0.45" (kMoney),
// "+12.3%" (kSignedPercent), a difference of rates 0.0123 -> "+1.23 pp" (kPoints, percentage
// points), a difference of money 0.5 -> "+0.50" (kSignedMoney).
std::string format_value(double x, Scale scale);

struct Bar {
  std::string label;
  double value = 0;
  double lower = 0;  // whisker; NaN = none
  double upper = 0;
  bool highlight = false;  // drawn in the accent colour (a control arm is drawn muted)
  bool muted = false;
};

// Horizontal bars from 0 (the axis also covers negative values and whiskers).
std::string bar_chart(std::string_view id, const std::vector<Bar>& bars, std::string_view title,
                      std::string_view description, Scale scale);

struct ForestRow {
  std::string label;
  double effect = 0;
  double lower = 0;
  double upper = 0;
  bool significant = false;
};

// A point and its interval per row around a vertical line at 0 ("no difference").
std::string forest_plot(std::string_view id, const std::vector<ForestRow>& rows,
                        std::string_view title, std::string_view description, Scale scale);

}  // namespace tailor::report
