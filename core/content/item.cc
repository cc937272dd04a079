// Item validation shared by both formats, and the item's filters.
#include "core/content/item.h"

#include <string>

#include "core/content/fields.h"
#include "core/dataset/types.h"
#include "core/json/js.h"

namespace tailor::content {

std::string_view channel_name(Channel c) {
  switch (c) {
    case Channel::kEmail:
      return "email";
    case Channel::kSms:
      return "sms";
    case Channel::kWeb:
      return "web";
  }
  return "email";
}

std::optional<Channel> parse_channel(std::string_view name) {
  for (Channel c : kAllChannels) {
    if (channel_name(c) == name) return c;
  }
  return std::nullopt;
}

bool Item::valid_on(int32_t day) const {
  return (!valid_from_day || *valid_from_day <= day) &&
         (!valid_until_day || day <= *valid_until_day);
}

bool Item::on_channel(Channel c) const {
  for (Channel own : channels) {
    if (own == c) return true;
  }
  return false;
}

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

bool Item::serves_locale(std::string_view wanted) const {
  if (equal_ignoring_case(locale, wanted)) return true;
  return locale.find('-') == std::string::npos && wanted.size() > locale.size() &&
         wanted[locale.size()] == '-' &&
         equal_ignoring_case(locale, wanted.substr(0, locale.size()));
}

namespace internal {

std::string where(std::string_view file, int line) {
  return std::string(file) + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": ";
}

namespace {

using internal::Field;

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }

bool is_slug(std::string_view s, size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s) {
    if (!is_lower_alnum(c) && c != '-') return false;
  }
  return true;
}

bool is_locale(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
  if (i < 2 || i > 3) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    size_t j = i + 1;
    while (j < s.size() && is_alnum(s[j])) ++j;
    if (j - i - 1 < 2 || j - i - 1 > 8) return false;
    i = j;
  }
  return true;
}

bool is_code(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    if (!is_alnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

// One line of text of 1..max bytes.
bool is_line(std::string_view s, size_t max) {
  return !s.empty() && s.size() <= max && s.find_first_of("\r\n") == std::string_view::npos;
}

class Checker {
 public:
  explicit Checker(std::string_view file) : file_(file) {}
  std::string_view file() const { return file_; }

  Status fail(const Field& f, std::string_view path, const std::string& value,
              std::string_view expected) const {
    return Status::invalid_argument(where(file_, f.line) + std::string(path) + " is " +
                                    json::quoted(value.substr(0, 80)) + ", expected " +
                                    std::string(expected));
  }
  Status shape(const Field& f, std::string_view path, std::string_view expected) const {
    return Status::invalid_argument(where(file_, f.line) + std::string(path) + " is " +
                                    (f.kind == Field::Kind::kList  ? "a list"
                                     : f.kind == Field::Kind::kMap ? "a block of members"
                                                                   : "one value") +
                                    ", expected " + std::string(expected));
  }
  Status missing(std::string_view path, std::string_view expected, int line) const {
    return Status::invalid_argument(where(file_, line) + std::string(path) +
                                    " is missing, expected " + std::string(expected));
  }
  Status date(const Field& f, std::string_view path, int32_t& out) const {
    if (f.kind != Field::Kind::kScalar) return shape(f, path, "a date (YYYY-MM-DD)");
    const auto day = dataset::parse_date(f.scalar);
    if (!day) return fail(f, path, f.scalar, "a date (YYYY-MM-DD)");
    out = *day;
    return {};
  }

 private:
  std::string_view file_;
};

Status read_offer(const Checker& check, const Field& f, Offer& offer) {
  if (f.kind != Field::Kind::kMap) {
    return check.shape(f, "offer", "members description, deadline and optional code");
  }
  bool has_description = false, has_deadline = false;
  for (const Field& m : f.members) {
    const std::string path = "offer." + m.key;
    if (m.key == "description" || m.key == "code") {
      if (m.kind != Field::Kind::kScalar) return check.shape(m, path, "one value");
    }
    if (m.key == "description") {
      if (!is_line(m.scalar, 300)) return check.fail(m, path, m.scalar, "one line of 1-300 bytes");
      offer.description = m.scalar;
      has_description = true;
    } else if (m.key == "code") {
      if (!is_code(m.scalar)) {
        return check.fail(m, path, m.scalar, "1-32 letters, digits, \"-\" or \"_\"");
      }
      offer.code = m.scalar;
    } else if (m.key == "deadline") {
      if (Status s = check.date(m, path, offer.deadline_day); !s) return s;
      has_deadline = true;
    } else {
      return Status::invalid_argument(where(check.file(), m.line) +
                                      "offer has an unknown member \"" + m.key +
                                      "\", expected description, code or deadline");
    }
  }
  if (!has_description) return check.missing("offer.description", "one line of text", f.line);
  if (!has_deadline) return check.missing("offer.deadline", "a date (YYYY-MM-DD)", f.line);
  return {};
}

}  // namespace

Result<Item> item_from_fields(std::string_view file, const std::vector<Field>& fields,
                              std::string body, int body_line) {
  const Checker check(file);
  Item item;
  item.source = std::string(file);
  item.body = std::move(body);
  bool has_id = false, has_title = false, has_channels = false;
  const Field* from = nullptr;
  for (const Field& f : fields) {
    const bool list_field = f.key == "claims" || f.key == "channels" || f.key == "tags";
    if (list_field && f.kind != Field::Kind::kList) {
      return check.shape(f, f.key, "a list (\"[a, b]\" or \"  - item\" lines)");
    }
    if (!list_field && f.key != "offer" && f.kind != Field::Kind::kScalar) {
      return check.shape(f, f.key, "one value");
    }
    if (f.key == "id") {
      if (!is_slug(f.scalar, 64)) return check.fail(f, "id", f.scalar, "1-64 of a-z, 0-9 and -");
      item.id = f.scalar;
      has_id = true;
    } else if (f.key == "title") {
      if (!is_line(f.scalar, 200))
        return check.fail(f, "title", f.scalar, "one line of 1-200 bytes");
      item.title = f.scalar;
      has_title = true;
    } else if (f.key == "body" && body_line == 0) {
      item.body = f.scalar;
    } else if (f.key == "claims") {
      if (f.list.size() > kMaxClaims) {
        return Status(StatusCode::kResourceExhausted,
                      where(file, f.line) + "claims has " + std::to_string(f.list.size()) +
                          " items, expected at most " + std::to_string(kMaxClaims));
      }
      for (size_t i = 0; i < f.list.size(); ++i) {
        const std::string& c = f.list[i];
        const std::string path = "claims[" + std::to_string(i) + "]";
        if (!is_line(c, 300)) return check.fail(f, path, c, "one line of 1-300 bytes");
        if (c.find_first_of("{}[]") != std::string::npos) {
          return check.fail(f, path, c,
                            "a sentence without { } [ ] (placeholder and citation marks)");
        }
        item.claims.push_back(c);
      }
    } else if (f.key == "valid_from" || f.key == "valid_until") {
      int32_t day = 0;
      if (Status s = check.date(f, f.key, day); !s) return s;
      (f.key == "valid_from" ? item.valid_from_day : item.valid_until_day) = day;
      if (f.key == "valid_from") from = &f;
    } else if (f.key == "channels") {
      has_channels = true;
      bool seen[3] = {false, false, false};
      for (const std::string& name : f.list) {
        const auto c = parse_channel(name);
        if (!c) return check.fail(f, "channels", name, "email, sms or web");
        if (seen[static_cast<int>(*c)]) return check.fail(f, "channels", name, "each channel once");
        seen[static_cast<int>(*c)] = true;
      }
      for (Channel c : kAllChannels) {
        if (seen[static_cast<int>(c)]) item.channels.push_back(c);
      }
      if (item.channels.empty()) {
        return check.shape(f, "channels", "at least one of email, sms, web (an empty list)");
      }
    } else if (f.key == "locale") {
      if (!is_locale(f.scalar)) {
        return check.fail(f, "locale", f.scalar, "a language tag such as en or en-GB");
      }
      item.locale = f.scalar;
    } else if (f.key == "offer") {
      Offer offer;
      if (Status s = read_offer(check, f, offer); !s) return s;
      item.offer = std::move(offer);
    } else if (f.key == "tags") {
      for (const std::string& t : f.list) {
        if (!is_slug(t, 32)) return check.fail(f, "tags", t, "1-32 of a-z, 0-9 and -");
      }
      item.tags = f.list;
    } else {
      return Status::invalid_argument(
          where(file, f.line) + "unknown field \"" + f.key +
          "\", expected id, title, claims, valid_from, valid_until, channels, locale, offer, tags" +
          (body_line == 0 ? ", body" : ""));
    }
  }
  if (!has_id) return check.missing("id", "1-64 of a-z, 0-9 and -", 0);
  if (!has_title) return check.missing("title", "one line of text", 0);
  if (item.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return check.missing("body", "the item's approved text", body_line);
  }
  if (item.valid_from_day && item.valid_until_day && *item.valid_until_day < *item.valid_from_day) {
    return Status::invalid_argument(where(file, from != nullptr ? from->line : 0) +
                                    "valid_from is after valid_until, expected valid_from <= "
                                    "valid_until");
  }
  if (!has_channels) item.channels.assign(std::begin(kAllChannels), std::end(kAllChannels));
  return item;
}

}  // namespace internal

Result<Item> parse_item(std::string_view file_name, std::string_view text) {
  if (text.size() > kMaxItemBytes) {
    return Result<Item>::failure(StatusCode::kResourceExhausted,
                                 std::string(file_name) + ": " + std::to_string(text.size()) +
                                     " bytes, expected at most " + std::to_string(kMaxItemBytes));
  }
  auto ends_with = [&](std::string_view suffix) {
    return file_name.size() >= suffix.size() &&
           file_name.substr(file_name.size() - suffix.size()) == suffix;
  };
  if (ends_with(".md")) {
    std::string body;
    int body_line = 0;
    auto fields = internal::fields_from_front_matter(file_name, text, body, body_line);
    if (!fields) return Result<Item>(fields.status());
    return internal::item_from_fields(file_name, *fields, std::move(body), body_line);
  }
  if (ends_with(".json")) {
    auto fields = internal::fields_from_json(file_name, text);
    if (!fields) return Result<Item>(fields.status());
    return internal::item_from_fields(file_name, *fields, std::string(), 0);
  }
  return Result<Item>::failure(std::string(file_name) +
                               ": not a content item, expected a name ending in .md or .json");
}

}  // namespace tailor::content
