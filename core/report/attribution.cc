#include "core/report/attribution.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/report/arm_metrics.h"
#include "core/report/attribute_coding.h"
#include "core/report/ols.h"
#include "core/stats/distributions.h"

namespace tailor::report {

using json::Value;

namespace {

Value num(double x) { return json_number(x); }

// Uplift of one group of units: treatment minus control, post-stratified by segment.
Value uplift_json(const std::vector<Stratum>& strata, const stats::TestOptions& absolute) {
  ArmTotals c, t;
  for (const Stratum& s : strata) {
    c.add(s.control);
    t.add(s.treatment);
  }
  Value v = Value::object({{"treatmentSends", num(t.sends)}, {"controlSends", num(c.sends)}});
  for (Metric m : {Metric::kPurchase, Metric::kRpm}) {
    Value d = comparison_json(compare_stratified(strata, m, absolute), "difference");
    d.set("treatment", num(metric_value(t, m)));
    d.set("control", num(metric_value(c, m)));
    v.set(std::string(metric_key(m)), std::move(d));
  }
  return v;
}

Value bins_json(const CampaignData& data, const AttributeCoding& coding,
                const stats::TestOptions& absolute) {
  const size_t groups = coding.labels.size() + (coding.missing > 0 ? 1 : 0);
  const size_t nseg = data.segments.size();
  std::vector<std::vector<Stratum>> strata(groups, std::vector<Stratum>(nseg));
  for (size_t i = 0; i < data.units.size(); ++i) {
    const UnitOutcome& u = data.units[i];
    const int g = coding.group[i];
    const size_t b = g == AttributeCoding::kMissing ? coding.labels.size() : static_cast<size_t>(g);
    Stratum& s = strata[b][u.segment];
    (u.arm == 0 ? s.control : s.treatment).add(u);
  }
  json::Array bins;
  for (size_t b = 0; b < groups; ++b) {
    Value v = uplift_json(strata[b], absolute);
    v.set("label", Value(b < coding.labels.size() ? coding.labels[b] : "(missing)"));
    bins.push_back(std::move(v));
  }
  return Value::object({{"attribute", Value(coding.name)},
                        {"kind", Value(coding.numeric ? "numeric" : "categorical")},
                        {"bins", Value(std::move(bins))}});
}

// One attribute's regression columns: numeric -> its z-score; categorical -> an indicator per
// level other than the reference (and one for "(missing)" when any value is missing).
struct Encoded {
  const AttributeCoding* coding;
  std::vector<std::string> terms;  // column names
  std::vector<int> level_column;   // categorical: level -> column offset, -1 = reference
};

Encoded encode(const AttributeCoding& c) {
  Encoded e{&c, {}, {}};
  if (c.numeric) {
    e.terms.push_back(c.name + " (z)");
    return e;
  }
  for (size_t l = 0; l < c.labels.size(); ++l) {
    if (static_cast<int>(l) == c.reference) {
      e.level_column.push_back(-1);
    } else {
      e.level_column.push_back(static_cast<int>(e.terms.size()));
      e.terms.push_back(c.name + "=" + c.labels[l]);
    }
  }
  if (c.missing > 0) e.terms.push_back(c.name + "=(missing)");
  return e;
}

// Writes the attribute's columns for unit i into z (size terms.size()).
void attribute_values(const Encoded& e, const CampaignData& data, size_t attr, size_t i,
                      double* z) {
  const AttributeCoding& c = *e.coding;
  if (c.numeric) {
    const double v = data.attributes[attr].numbers[i];
    z[0] = std::isnan(v) ? 0.0 : (v - c.mean) / c.sd;
    return;
  }
  std::fill(z, z + e.terms.size(), 0.0);
  const int g = c.group[i];
  if (g == AttributeCoding::kMissing) {
    z[e.terms.size() - 1] = 1;
  } else if (e.level_column[static_cast<size_t>(g)] >= 0) {
    z[e.level_column[static_cast<size_t>(g)]] = 1;
  }
}

struct Model {
  std::vector<size_t> attrs;  // indices into data.attributes / codings
  std::vector<Value> left_out;
};

Value regression_json(const CampaignData& data, const std::vector<AttributeCoding>& codings,
                      Model model, Metric outcome) {
  // Segments with units get a dummy, except the first of them (the baseline).
  std::vector<int> seg_column(data.segments.size(), -1);
  std::vector<size_t> seg_units(data.segments.size(), 0);
  for (const UnitOutcome& u : data.units) ++seg_units[u.segment];
  std::vector<std::string> base_columns = {"intercept"};
  bool first = true;
  for (size_t s = 0; s < data.segments.size(); ++s) {
    if (seg_units[s] == 0) continue;
    if (first) {
      first = false;
      continue;
    }
    seg_column[s] = static_cast<int>(base_columns.size());
    base_columns.push_back("segment=" + data.segments[s].name);
  }
  const size_t t_col = base_columns.size();
  base_columns.push_back("treated");
  for (;;) {
    std::vector<Encoded> enc;
    std::vector<size_t> offset;  // first main-effect column of each attribute
    std::vector<std::string> columns = base_columns;
    for (size_t a : model.attrs) enc.push_back(encode(codings[a]));
    for (const Encoded& e : enc) {
      offset.push_back(columns.size());
      columns.insert(columns.end(), e.terms.begin(), e.terms.end());
    }
    const size_t inter = columns.size();
    for (const Encoded& e : enc) {
      for (const std::string& t : e.terms) columns.push_back("treated x " + t);
    }
    const size_t p = columns.size();
    const size_t mains = inter - t_col - 1;
    auto rows = [&](size_t i, double* x, double* y) {
      const UnitOutcome& u = data.units[i];
      std::fill(x, x + t_col, 0.0);
      x[0] = 1;
      if (seg_column[u.segment] >= 0) x[seg_column[u.segment]] = 1;
      const double treated = u.arm > 0 ? 1 : 0;
      x[t_col] = treated;
      for (size_t k = 0; k < enc.size(); ++k) {
        attribute_values(enc[k], data, model.attrs[k], i, x + offset[k]);
      }
      for (size_t j = 0; j < mains; ++j) x[inter + j] = treated * x[t_col + 1 + j];
      *y = outcome == Metric::kRpm ? u.revenue : (u.purchased ? 1 : 0);
    };
    size_t bad = p;
    auto fit = ols_hc1(data.units.size(), p, rows, &bad);
    if (!fit) {
      // A collinear attribute column: leave that attribute out and fit again.
      const std::string& msg = fit.error();
      size_t owner = enc.size();
      for (size_t k = 0; k < enc.size(); ++k) {
        const size_t main_end = offset[k] + enc[k].terms.size();
        const size_t i0 = inter + (offset[k] - t_col - 1);
        if ((bad >= offset[k] && bad < main_end) || (bad >= i0 && bad < i0 + enc[k].terms.size())) {
          owner = k;
        }
      }
      if (owner == enc.size()) return Value::object({{"error", Value(msg)}});
      model.left_out.push_back(
          Value::object({{"attribute", Value(enc[owner].coding->name)},
                         {"reason", Value("collinear with other columns of the regression")}}));
      model.attrs.erase(model.attrs.begin() + static_cast<std::ptrdiff_t>(owner));
      continue;
    }
    auto coef = [&](size_t j) {
      const double se = fit->std_errors[j];
      return Value::object({{"term", Value(columns[j])},
                            {"coefficient", num(fit->coefficients[j])},
                            {"se", num(se)},
                            {"t", num(se > 0 ? fit->coefficients[j] / se : std::nan(""))}});
    };
    json::Array attributes;
    for (size_t k = 0; k < enc.size(); ++k) {
      std::vector<size_t> terms;
      json::Array inter_terms;
      const size_t i0 = inter + (offset[k] - t_col - 1);
      for (size_t j = 0; j < enc[k].terms.size(); ++j) {
        terms.push_back(i0 + j);
        inter_terms.push_back(coef(i0 + j));
      }
      auto w = wald_statistic(*fit, terms);
      const double dof = static_cast<double>(terms.size());
      attributes.push_back(Value::object({{"attribute", Value(enc[k].coding->name)},
                                          {"interactions", Value(std::move(inter_terms))},
                                          {"wald", w ? num(*w) : Value()},
                                          {"dof", num(dof)},
                                          {"pValue", w ? num(stats::chi2_sf(*w, dof)) : Value()}}));
    }
    json::Array cols;
    for (const std::string& c : columns) cols.push_back(Value(c));
    return Value::object({{"outcome", Value(metric_key(outcome))},
                          {"n", num(static_cast<double>(fit->n))},
                          {"columns", Value(std::move(cols))},
                          {"treated", coef(t_col)},
                          {"attributes", Value(std::move(attributes))},
                          {"leftOut", Value(json::Array(model.left_out))}});
  }
}

// Attributes of a regression, strongest first: Wald p ascending, ties by the statistic.
json::Array ranking(const Value& regression) {
  const Value* attrs = regression.find("attributes");
  if (attrs == nullptr) return {};
  std::vector<const Value*> order;
  for (const Value& a : attrs->as_array()) {
    if (a.find("pValue")->is_number()) order.push_back(&a);
  }
  std::stable_sort(order.begin(), order.end(), [](const Value* a, const Value* b) {
    const double pa = a->find("pValue")->as_number(), pb = b->find("pValue")->as_number();
    if (pa != pb) return pa < pb;
    return a->find("wald")->as_number() > b->find("wald")->as_number();
  });
  json::Array out;
  for (size_t r = 0; r < order.size(); ++r) {
    out.push_back(Value::object({{"rank", num(static_cast<double>(r + 1))},
                                 {"attribute", *order[r]->find("attribute")},
                                 {"wald", *order[r]->find("wald")},
                                 {"dof", *order[r]->find("dof")},
                                 {"pValue", *order[r]->find("pValue")}}));
  }
  return out;
}

}  // namespace

Value attribution_report(const CampaignData& data, const ReportOptions& options) {
  const stats::TestOptions absolute{options.alpha, stats::Alternative::kTwoSided, false};
  std::vector<AttributeCoding> codings;
  json::Array bins;
  Model model;
  for (size_t a = 0; a < data.attributes.size(); ++a) {
    codings.push_back(code_attribute(data.attributes[a], options.bins, options.max_categories));
    const AttributeCoding& c = codings.back();
    bins.push_back(bins_json(data, c, absolute));
    const bool constant = c.numeric ? !(c.sd > 0) : c.labels.size() + (c.missing > 0) < 2;
    if (constant) {
      model.left_out.push_back(Value::object(
          {{"attribute", Value(c.name)}, {"reason", Value("the same value for every unit")}}));
    } else {
      model.attrs.push_back(a);
    }
  }
  Value out =
      Value::object({{"treatment", Value("all treatment arms")}, {"bins", Value(std::move(bins))}});
  if (model.attrs.empty()) {
    out.set("regression", Value::object({{"error", Value("no attribute varies")}}));
    out.set("ranking", Value(json::Array{}));
    out.set("strongest", Value());
    return out;
  }
  Value purchase = regression_json(data, codings, model, Metric::kPurchase);
  Value rpm = regression_json(data, codings, model, Metric::kRpm);
  json::Array rank = ranking(rpm);
  out.set("rankedBy", Value("rpm"));
  out.set("strongest", rank.empty() ? Value() : *rank[0].find("attribute"));
  out.set("ranking", Value(std::move(rank)));
  out.set("purchaseRanking", Value(ranking(purchase)));
  out.set("regression",
          Value::object({{"purchase", std::move(purchase)}, {"rpm", std::move(rpm)}}));
  return out;
}

}  // namespace tailor::report
