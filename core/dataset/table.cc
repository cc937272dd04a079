#include "core/dataset/table.h"

#include <utility>

namespace tailor::dataset {

Table::Table(std::vector<Column> columns, std::vector<size_t> lines, std::optional<Consent> consent)
    : columns_(std::move(columns)), lines_(std::move(lines)), consent_(consent) {}

std::optional<size_t> Table::find_column(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == name) return i;
  }
  return std::nullopt;
}

std::optional<size_t> Table::id_column() const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].type == ColumnType::kId) return i;
  }
  return std::nullopt;
}

double Table::number(size_t row, size_t col) const {
  const Column& c = columns_[col];
  if (c.type == ColumnType::kNumber) return c.numbers[row];
  if (c.type == ColumnType::kInteger) return static_cast<double>(c.integers[row]);
  return 0;
}

int64_t Table::integer(size_t row, size_t col) const {
  const Column& c = columns_[col];
  return c.type == ColumnType::kInteger ? c.integers[row] : 0;
}

bool Table::boolean(size_t row, size_t col) const {
  const Column& c = columns_[col];
  return c.type == ColumnType::kBoolean && c.flags[row] != 0;
}

int32_t Table::date(size_t row, size_t col) const {
  const Column& c = columns_[col];
  return c.type == ColumnType::kDate ? c.days[row] : 0;
}

std::string_view Table::text(size_t row, size_t col) const {
  const Column& c = columns_[col];
  switch (c.type) {
    case ColumnType::kId:
    case ColumnType::kEmail:
    case ColumnType::kString: {
      const size_t begin = row == 0 ? 0 : c.text_ends[row - 1];
      return std::string_view(c.text).substr(begin, c.text_ends[row] - begin);
    }
    case ColumnType::kCategory:
      return c.present[row] ? std::string_view(c.dictionary[c.codes[row]]) : std::string_view();
    default:
      return {};
  }
}

bool Table::may_contact(size_t row) const {
  if (!consent_) return false;
  const Column& c = columns_[consent_->column];
  if (c.type != ColumnType::kBoolean || c.present[row] == 0) return false;
  const bool flag = c.flags[row] != 0;
  return consent_->meaning == ConsentMeaning::kTrueMeansConsent ? flag : !flag;
}

}  // namespace tailor::dataset
