#include "core/segmentation/fit.h"

#include <set>
#include <string_view>
#include <utility>

#include "core/segment/segments.h"
#include "core/segmentation/attributes.h"
#include "core/segmentation/models.h"
#include "core/targeting/compiled_condition.h"
#include "core/targeting/condition.h"

namespace tailor::segmentation {

namespace {

using json::Value;

// Every object key and string anywhere in `v`, and each of their dotted prefixes ("a.b.c":
// "a", "a.b", "a.b.c"): a superset of the top-level attribute names a segment or condition
// can read, since every attribute read is through a path written in it.
void collect_names(const Value& v, std::set<std::string, std::less<>>& out) {
  auto add = [&](std::string_view s) {
    for (size_t dot = s.find('.'); dot != std::string_view::npos; dot = s.find('.', dot + 1)) {
      out.emplace(s.substr(0, dot));
    }
    out.emplace(s);
  };
  if (v.is_string()) {
    add(v.as_string());
  } else if (v.is_array()) {
    for (const Value& x : v.as_array()) collect_names(x, out);
  } else if (v.is_object()) {
    for (const auto& [key, x] : v.as_object()) {
      add(key);
      collect_names(x, out);
    }
  }
}

// The columns the segments can read (see collect_names), in table order.
std::vector<size_t> read_columns(const dataset::Table& table, const Value& config,
                                 const std::vector<NamedSegment>& segments) {
  std::set<std::string, std::less<>> names;
  collect_names(config, names);
  for (const NamedSegment& s : segments) collect_names(s.condition, names);
  std::vector<size_t> out;
  for (size_t c = 0; c < table.column_count(); ++c) {
    if (names.count(table.column_name(c))) out.push_back(c);
  }
  return out;
}

// {"means": {column: mean}, "top": {column: [{"value", "count"}]}} into `entry`.
void add_profile(const SegmentProfile& p, Value& entry) {
  json::Object means, top;
  for (const ColumnMean& m : p.means) means.emplace_back(m.column, m.mean);
  for (const ColumnTop& t : p.top) {
    json::Array values;
    for (const auto& v : t.top) {
      values.push_back(
          Value::object({{"value", v.value}, {"count", static_cast<double>(v.count)}}));
    }
    top.emplace_back(t.column, Value(std::move(values)));
  }
  entry.set("size", static_cast<double>(p.size));
  entry.set("share", p.share);
  entry.set("means", Value::object(std::move(means)));
  entry.set("top", Value::object(std::move(top)));
}

}  // namespace

size_t segment_of(const json::Value& config, const std::vector<NamedSegment>& segments,
                  const json::Value& attributes) {
  static const Value kNoGroups = Value::empty_object();
  const Value scored = segment::with_segments(config, attributes);
  for (size_t i = 0; i < segments.size(); ++i) {
    if (targeting::eval_condition(scored, segments[i].condition, kNoGroups)) return i;
  }
  return segments.size();
}

Result<Fitted> fit(const dataset::Table& table, const Spec& spec) {
  if (table.row_count() == 0) {
    return Result<Fitted>::failure(spec.path + ": the customer table has no rows to segment");
  }
  Result<internal::Model> model = spec.method == Method::kRules ? internal::rules_model(spec)
                                  : spec.method == Method::kRfm
                                      ? internal::rfm_model(table, spec)
                                      : internal::kmeans_model(table, spec);
  if (!model.ok()) return Result<Fitted>(model.status());
  Fitted out;
  out.method = spec.method;
  out.config_segments = std::move(model->config_segments);
  out.segments = std::move(model->segments);
  out.diagnostics = std::move(model->diagnostics);

  const Value config = Value::object({{"segments", out.config_segments}});
  const std::vector<size_t> columns = read_columns(table, config, out.segments);
  // segment_of() per row, made cheaper without changing what it computes: the conditions
  // compiled once (targeting's contract: the same result as eval_condition), and the segments
  // member added in place instead of on a copy (what with_segments does).
  static const Value kNoGroups = Value::empty_object();
  targeting::AttributeNames attribute_names;
  std::vector<targeting::CompiledCondition> conditions;
  for (const NamedSegment& s : out.segments) {
    conditions.push_back(
        targeting::CompiledCondition::compile(s.condition, kNoGroups, attribute_names));
  }
  const bool scores = segment::has_segments(config);
  targeting::AttributeView view;
  out.row_segment.resize(table.row_count());
  for (size_t row = 0; row < table.row_count(); ++row) {
    Value attributes = customer_attributes(table, row, columns);
    if (scores) attributes.set("segments", segment::evaluate(config, attributes));
    view.bind(attribute_names, attributes);
    size_t s = 0;
    while (s < conditions.size() && !conditions[s].eval(view)) ++s;
    const bool disagrees = !model->expected.empty() && model->expected[row] != s;
    if (s == out.segments.size() || disagrees) {
      return Result<Fitted>::failure(StatusCode::kInternal,
                                     spec.path + ": row " + std::to_string(row) +
                                         " evaluates to segment " + std::to_string(s) +
                                         ", not the one fitted; this is a defect");
    }
    out.row_segment[row] = static_cast<uint32_t>(s);
  }
  std::vector<std::string> names;
  for (const NamedSegment& s : out.segments) names.push_back(s.name);
  out.profiles = profile_segments(table, out.row_segment, names);
  return out;
}

json::Value to_json(const Fitted& fitted) {
  json::Array segments;
  for (size_t i = 0; i < fitted.segments.size(); ++i) {
    const NamedSegment& s = fitted.segments[i];
    Value entry = Value::object({{"name", s.name}, {"slug", s.slug}, {"condition", s.condition}});
    if (i < fitted.profiles.size()) add_profile(fitted.profiles[i], entry);
    segments.push_back(std::move(entry));
  }
  return Value::object({{"method", std::string(method_name(fitted.method))},
                        {"segments", Value(std::move(segments))},
                        {"config_segments", fitted.config_segments},
                        {"diagnostics", fitted.diagnostics}});
}

}  // namespace tailor::segmentation
