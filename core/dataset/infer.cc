#include "core/dataset/infer.h"

namespace tailor::dataset {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

bool is_id_name(std::string_view name) {
  const std::string l = lower_ascii(name);
  if (l == "id") return true;
  if (l.size() > 3 && (l.ends_with("_id") || l.ends_with("-id"))) return true;
  // camelCase: customerId, customerID
  const size_t n = name.size();
  return n > 2 && (name.ends_with("Id") || name.ends_with("ID")) && name[n - 3] >= 'a' &&
         name[n - 3] <= 'z';
}

bool is_email_name(std::string_view name) {
  const std::string l = lower_ascii(name);
  return l == "email" || l == "e-mail" || l == "e_mail" || l == "email_address";
}

Inference::Inference(std::string_view name, size_t max_category_values)
    : can_(kBoolean | kInteger | kNumber | kDate | kEmail | kCategory),
      email_name_(is_email_name(name)),
      max_category_values_(max_category_values) {
  if (is_id_name(name)) can_ |= kId;
}

void Inference::add(std::string_view value) {
  if (value.empty()) {
    ++empty_;
    can_ &= static_cast<uint8_t>(~kId);
    return;
  }
  ++non_empty_;
  if (email_name_) return;  // decided by the name
  if (can_ & kBoolean) {
    if (!parse_boolean(value)) {
      can_ &= static_cast<uint8_t>(~kBoolean);
    } else if (!saw_word_ && is_boolean_word(value)) {
      saw_word_ = true;
    }
  }
  if ((can_ & (kInteger | kNumber)) && has_leading_zero(value)) {
    can_ &= static_cast<uint8_t>(~(kInteger | kNumber));
  }
  if ((can_ & kInteger) && !parse_integer(value)) can_ &= static_cast<uint8_t>(~kInteger);
  if ((can_ & kNumber) && !parse_number(value)) can_ &= static_cast<uint8_t>(~kNumber);
  if ((can_ & kDate) && !parse_date(value)) can_ &= static_cast<uint8_t>(~kDate);
  if ((can_ & kEmail) && !is_email(value)) can_ &= static_cast<uint8_t>(~kEmail);
  if (can_ & kCategory) {
    if (distinct_.find(value) == nullptr) {
      if (distinct_.size() < max_category_values_) {
        bool inserted;
        distinct_.emplace(distinct_copies_.emplace_back(value), 0, inserted);
      } else {
        can_ &= static_cast<uint8_t>(~kCategory);
        distinct_ = StringIndex();
        distinct_copies_ = {};
      }
    }
  }
}

bool Inference::id_candidate() const { return (can_ & kId) != 0 && non_empty_ > 0; }

ColumnType Inference::type(bool values_distinct) const {
  if (id_candidate() && values_distinct) return ColumnType::kId;
  if (email_name_) return ColumnType::kEmail;
  if (non_empty_ == 0) return ColumnType::kString;
  if ((can_ & kBoolean) && saw_word_) return ColumnType::kBoolean;
  if (can_ & kInteger) return ColumnType::kInteger;
  if (can_ & kNumber) return ColumnType::kNumber;
  if (can_ & kDate) return ColumnType::kDate;
  if (can_ & kEmail) return ColumnType::kEmail;
  if ((can_ & kCategory) && distinct_.size() * 2 <= non_empty_) return ColumnType::kCategory;
  return ColumnType::kString;
}

}  // namespace tailor::dataset
