#include "core/report/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/report/format.h"

namespace tailor::report {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string format_value(double x, Scale scale) {
  switch (scale) {
    case Scale::kPercent:
      return format_percent(x, std::fabs(x) < 0.1 ? 2 : 1);
    case Scale::kSignedPercent:
      return format_signed_percent(x);
    case Scale::kMoney:
      return format_fixed(x, 2);
    case Scale::kNumber:
      return format_general(x, 3);
    case Scale::kPoints: {
      const std::string s = format_fixed(x * 100, std::fabs(x) < 0.1 ? 2 : 1);
      return (std::isfinite(x) && s[0] != '-' ? "+" : "") + s + (std::isfinite(x) ? " pp" : "");
    }
    case Scale::kSignedMoney: {
      const std::string s = format_fixed(x, 2);
      return (std::isfinite(x) && s[0] != '-' ? "+" : "") + s;
    }
  }
  return format_general(x, 3);
}

namespace {

constexpr double kWidth = 640;
constexpr double kLabelWidth = 190;
constexpr double kValueWidth = 70;
constexpr double kRow = 24;
constexpr double kTop = 8;
constexpr double kAxis = 26;

std::string f(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

// A "nice" tick step (1, 2 or 5 times a power of ten) for about four intervals.
double tick_step(double range) {
  if (!(range > 0)) return 1;
  const double raw = range / 4;
  const double mag = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * mag >= raw) return m * mag;
  }
  return 10 * mag;
}

struct Axis {
  double lo = 0, hi = 1, step = 1;
  double x0 = kLabelWidth, x1 = kWidth - kValueWidth;
  double x(double v) const { return x0 + (v - lo) / (hi - lo) * (x1 - x0); }
};

Axis make_axis(double lo, double hi) {
  Axis a;
  if (!(hi > lo)) hi = lo + 1;
  a.step = tick_step(hi - lo);
  a.lo = std::floor(lo / a.step) * a.step;
  a.hi = std::ceil(hi / a.step) * a.step;
  if (!(a.hi > a.lo)) a.hi = a.lo + a.step;
  return a;
}

void extend(double v, double& lo, double& hi) {
  if (std::isfinite(v)) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
}

// The axis covering 0 and every finite value and interval end of the rows.
template <class Row>
Axis axis_for(const std::vector<Row>& rows, double Row::*value) {
  double lo = 0, hi = 0;
  for (const Row& r : rows) {
    extend(r.*value, lo, hi);
    extend(r.lower, lo, hi);
    extend(r.upper, lo, hi);
  }
  return make_axis(lo, hi);
}

std::string open_svg(double height, std::string_view title, std::string_view description,
                     const std::string& id) {
  return "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + f(kWidth) + " " + f(height) +
         "\" aria-labelledby=\"" + id + "-t " + id +
         "-d\" xmlns=\"http://www.w3.org/2000/svg\">"
         "<title id=\"" +
         id + "-t\">" + html_escape(title) + "</title><desc id=\"" + id + "-d\">" +
         html_escape(description) + "</desc>";
}

std::string axis_svg(const Axis& a, double y, Scale scale) {
  std::string s = "<g class=\"axis\"><line x1=\"" + f(a.x0) + "\" x2=\"" + f(a.x1) + "\" y1=\"" +
                  f(y) + "\" y2=\"" + f(y) + "\"/>";
  const double step = a.step;
  // Ticks by index, so rounding never adds or drops the last one.
  const int ticks = static_cast<int>(std::lround((a.hi - a.lo) / step));
  for (int k = 0; k <= ticks; ++k) {
    const double v = a.lo + step * k;
    const double x = a.x(v);
    const double shown = std::fabs(v) < step * 1e-9 ? 0 : v;
    s += "<line x1=\"" + f(x) + "\" x2=\"" + f(x) + "\" y1=\"" + f(y) + "\" y2=\"" + f(y + 4) +
         "\"/><text x=\"" + f(x) + "\" y=\"" + f(y + 16) + "\" text-anchor=\"middle\">" +
         html_escape(format_value(shown, scale)) + "</text>";
  }
  return s + "</g>";
}

std::string whisker(const Axis& a, double lo, double hi, double y) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return "";
  const double xl = a.x(std::max(lo, a.lo)), xh = a.x(std::min(hi, a.hi));
  return "<g class=\"whisker\"><line x1=\"" + f(xl) + "\" x2=\"" + f(xh) + "\" y1=\"" + f(y) +
         "\" y2=\"" + f(y) + "\"/><line x1=\"" + f(xl) + "\" x2=\"" + f(xl) + "\" y1=\"" +
         f(y - 5) + "\" y2=\"" + f(y + 5) + "\"/><line x1=\"" + f(xh) + "\" x2=\"" + f(xh) +
         "\" y1=\"" + f(y - 5) + "\" y2=\"" + f(y + 5) + "\"/></g>";
}

std::string label(const std::string& text, double y) {
  return "<text class=\"label\" x=\"" + f(kLabelWidth - 8) + "\" y=\"" + f(y + 4) +
         "\" text-anchor=\"end\">" + html_escape(text) + "</text>";
}

std::string value_text(const std::string& text, double y) {
  return "<text class=\"value\" x=\"" + f(kWidth - 4) + "\" y=\"" + f(y + 4) +
         "\" text-anchor=\"end\">" + html_escape(text) + "</text>";
}

}  // namespace

std::string bar_chart(std::string_view id, const std::vector<Bar>& bars, std::string_view title,
                      std::string_view description, Scale scale) {
  const Axis a = axis_for(bars, &Bar::value);
  const double height = kTop + kRow * static_cast<double>(bars.size()) + kAxis;
  std::string s = open_svg(height, title, description, html_escape(id));
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = kTop + kRow * static_cast<double>(i) + kRow / 2;
    s += label(b.label, y);
    if (!std::isfinite(b.value)) {
      s += value_text("n/a", y);
      continue;
    }
    const double x0 = a.x(0), x1 = a.x(b.value);
    const char* cls = b.highlight ? "bar accent" : b.muted ? "bar muted" : "bar";
    s += "<rect class=\"" + std::string(cls) + "\" x=\"" + f(std::min(x0, x1)) + "\" y=\"" +
         f(y - 8) + "\" width=\"" + f(std::max(std::fabs(x1 - x0), 0.5)) + "\" height=\"16\"/>" +
         whisker(a, b.lower, b.upper, y) + value_text(format_value(b.value, scale), y);
  }
  s += axis_svg(a, kTop + kRow * static_cast<double>(bars.size()) + 2, scale);
  return s + "</svg>";
}

std::string forest_plot(std::string_view id, const std::vector<ForestRow>& rows,
                        std::string_view title, std::string_view description, Scale scale) {
  const Axis a = axis_for(rows, &ForestRow::effect);
  const double body = kRow * static_cast<double>(rows.size());
  const double height = kTop + body + kAxis;
  std::string s = open_svg(height, title, description, html_escape(id));
  s += "<line class=\"zero\" x1=\"" + f(a.x(0)) + "\" x2=\"" + f(a.x(0)) + "\" y1=\"" + f(kTop) +
       "\" y2=\"" + f(kTop + body) + "\"/>";
  for (size_t i = 0; i < rows.size(); ++i) {
    const ForestRow& r = rows[i];
    const double y = kTop + kRow * static_cast<double>(i) + kRow / 2;
    s += label(r.label, y);
    if (!std::isfinite(r.effect)) {
      s += value_text("n/a", y);
      continue;
    }
    s += whisker(a, r.lower, r.upper, y);
    s += "<circle class=\"" + std::string(r.significant ? "point accent" : "point") + "\" cx=\"" +
         f(a.x(r.effect)) + "\" cy=\"" + f(y) + "\" r=\"5\"/>";
    s += value_text(format_value(r.effect, scale) + (r.significant ? " *" : ""), y);
  }
  s += axis_svg(a, kTop + body + 2, scale);
  return s + "</svg>";
}

}  // namespace tailor::report
