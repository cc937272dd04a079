#include "core/segmentation/models.h"

#include <utility>

#include "core/dataset/types.h"
#include "core/segmentation/attributes.h"
#include "core/segmentation/rfm.h"

namespace tailor::segmentation::internal {

using json::Value;

NamedSegment unscored(const char* key) {
  return {"Unscored", "unscored",
          Value::object({{std::string("segments.") + key, Value::object({{"$exists", false}})}})};
}

Result<size_t> numeric_column(const dataset::Table& table, const std::string& name,
                              const std::string& at) {
  const auto col = table.find_column(name);
  if (!col) {
    std::string names;
    for (size_t c = 0; c < table.column_count() && c < 30; ++c) {
      names += (c ? ", " : "") + table.column_name(c);
    }
    return Result<size_t>::failure(at + ": the customer table has no column \"" + name +
                                   "\" (its columns: " + names + ")");
  }
  const dataset::ColumnType type = table.column_type(*col);
  if (type != dataset::ColumnType::kNumber && type != dataset::ColumnType::kInteger) {
    return Result<size_t>::failure(at + ": column \"" + name + "\" is a " +
                                   std::string(dataset::column_type_name(type)) +
                                   " column; it must be a number or integer column");
  }
  return *col;
}

Result<Model> rules_model(const Spec& spec) {
  Model m;
  m.config_segments = Value(json::Array{});
  for (size_t i = 0; i < spec.segments.size(); ++i) {
    const SegmentRule& rule = spec.segments[i];
    const std::string key = slug(rule.name);
    if (i + 1 == spec.segments.size()) {
      m.segments.push_back({rule.name, key, Value::empty_object()});
      break;
    }
    m.config_segments.push_back(
        Value::object({{"key", key}, {"type", "rule"}, {"condition", rule.condition}}));
    m.segments.push_back({rule.name, key, Value::object({{"segments." + key, true}})});
  }
  m.diagnostics = Value::object({{"rules", static_cast<double>(spec.segments.size() - 1)}});
  return m;
}

Result<Model> rfm_model(const dataset::Table& table, const Spec& spec) {
  const char* members[] = {"recency", "frequency", "monetary"};
  const std::string* names[] = {&spec.recency, &spec.frequency, &spec.monetary};
  size_t cols[3];
  for (int i = 0; i < 3; ++i) {
    auto c = numeric_column(table, *names[i], spec.path + "." + members[i]);
    if (!c.ok()) return Result<Model>(c.status());
    cols[i] = *c;
  }
  std::vector<double> values[3];
  for (size_t r = 0; r < table.row_count(); ++r) {
    if (table.missing(r, cols[0]) || table.missing(r, cols[1]) || table.missing(r, cols[2])) {
      continue;
    }
    for (int i = 0; i < 3; ++i) values[i].push_back(table.number(r, cols[i]));
  }
  const size_t scored = values[0].size();
  if (scored == 0) {
    return Result<Model>::failure(spec.path + ": no customer has all of \"" + spec.recency +
                                  "\", \"" + spec.frequency + "\" and \"" + spec.monetary +
                                  "\", so no RFM bins can be computed");
  }
  const std::array<double, 4> bins[3] = {recency_bins(values[0]), ascending_bins(values[1]),
                                         ascending_bins(values[2])};
  auto array = [](const std::array<double, 4>& b) {
    return Value(json::Array{b[0], b[1], b[2], b[3]});
  };
  Model m;
  m.config_segments = Value(json::Array{Value::object({{"key", "rfm"},
                                                       {"type", "rfm"},
                                                       {"recency", spec.recency},
                                                       {"frequency", spec.frequency},
                                                       {"monetary", spec.monetary},
                                                       {"recencyBins", array(bins[0])},
                                                       {"frequencyBins", array(bins[1])},
                                                       {"monetaryBins", array(bins[2])}})});
  if (scored < table.row_count()) m.segments.push_back(unscored("rfm"));
  for (const SegmentRule& rule : spec.segments) {
    m.segments.push_back({rule.name, slug(rule.name), rule.condition});
  }
  m.diagnostics = Value::object({{"recencyBins", array(bins[0])},
                                 {"frequencyBins", array(bins[1])},
                                 {"monetaryBins", array(bins[2])},
                                 {"scored", static_cast<double>(scored)},
                                 {"unscored", static_cast<double>(table.row_count() - scored)}});
  return m;
}

}  // namespace tailor::segmentation::internal
