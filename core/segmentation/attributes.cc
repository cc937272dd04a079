#include "core/segmentation/attributes.h"

#include <utility>

#include "core/dataset/types.h"

namespace tailor::segmentation {

namespace {

json::Value cell(const dataset::Table& table, size_t row, size_t col) {
  switch (table.column_type(col)) {
    case dataset::ColumnType::kNumber:
    case dataset::ColumnType::kInteger:
      return json::Value(table.number(row, col));
    case dataset::ColumnType::kBoolean:
      return json::Value(table.boolean(row, col));
    case dataset::ColumnType::kDate:
      return json::Value(dataset::format_date(table.date(row, col)));
    case dataset::ColumnType::kId:
    case dataset::ColumnType::kEmail:
    case dataset::ColumnType::kString:
    case dataset::ColumnType::kCategory:
      break;
  }
  return json::Value(table.text(row, col));
}

}  // namespace

json::Value customer_attributes(const dataset::Table& table, size_t row) {
  json::Object members;
  members.reserve(table.column_count());
  for (size_t col = 0; col < table.column_count(); ++col) {
    if (!table.missing(row, col))
      members.emplace_back(table.column_name(col), cell(table, row, col));
  }
  return json::Value::object(std::move(members));
}

json::Value customer_attributes(const dataset::Table& table, size_t row,
                                const std::vector<size_t>& columns) {
  json::Object members;
  members.reserve(columns.size());
  for (size_t col : columns) {
    if (!table.missing(row, col))
      members.emplace_back(table.column_name(col), cell(table, row, col));
  }
  return json::Value::object(std::move(members));
}

std::string slug(std::string_view name) {
  std::string out;
  bool gap = false;
  for (char c : name) {
    const bool digit = c >= '0' && c <= '9';
    const bool lower = c >= 'a' && c <= 'z';
    const bool upper = c >= 'A' && c <= 'Z';
    if (!digit && !lower && !upper) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += '-';
    gap = false;
    out += upper ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace tailor::segmentation
