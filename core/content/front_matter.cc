// Markdown items: the strict front-matter subset documented in item.h, read line by line.
#include <string>

#include "core/content/fields.h"

namespace tailor::content::internal {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool is_key_char(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

// "key: value" or "key:" -> key and value; false when the line is not of that shape.
bool split_key(std::string_view line, std::string_view& key, std::string_view& value) {
  size_t i = 0;
  while (i < line.size() && is_key_char(line[i])) ++i;
  if (i == 0 || i >= line.size() || line[i] != ':') return false;
  if (i + 1 < line.size() && line[i + 1] != ' ') return false;
  key = line.substr(0, i);
  value = trim(line.substr(i + 1));
  return true;
}

// "[a, b]" -> {"a", "b"}; "[]" -> {}; an empty item ("[a, , b]") is an error.
Result<std::vector<std::string>> inline_list(std::string_view file, int line, std::string_view key,
                                             std::string_view value) {
  std::vector<std::string> out;
  std::string_view inner = trim(value.substr(1, value.size() - 2));
  if (inner.empty()) return out;
  while (true) {
    const size_t comma = inner.find(',');
    const std::string_view item = trim(inner.substr(0, comma));
    if (item.empty()) {
      return Result<std::vector<std::string>>::failure(
          where(file, line) + std::string(key) + " has an empty item in \"" + std::string(value) +
          "\", expected [item, item, ...]");
    }
    out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    inner = inner.substr(comma + 1);
  }
  return out;
}

}  // namespace

Result<std::vector<Field>> fields_from_front_matter(std::string_view file, std::string_view text,
                                                    std::string& body, int& body_line) {
  using R = Result<std::vector<Field>>;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Field> fields;
  size_t pos = 0;
  int line_no = 0;
  bool open = false, closed = false;
  Field* block = nullptr;  // the key whose block ("  - x" / "  k: v") lines extend
  while (pos < text.size() && !closed) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    ++line_no;
    const std::string here = where(file, line_no);
    if (!open) {
      if (line != "---") {
        return R::failure(here + "expected \"---\" opening the front matter (id, title, ...)");
      }
      open = true;
      continue;
    }
    if (line == "---") {
      closed = true;
      break;
    }
    if (trim(line).empty() || line[0] == '#') continue;
    if (line.find('\t') != std::string_view::npos) {
      return R::failure(here + "a tab in the front matter, expected spaces");
    }
    if (line.substr(0, 2) == "  ") {
      const std::string_view rest = line.substr(2);
      if (block == nullptr || rest.empty() || rest[0] == ' ') {
        return R::failure(here +
                          "unexpected indented line, expected \"  - item\" under a list "
                          "key or \"  key: value\" under offer");
      }
      if (rest.substr(0, 2) == "- " || rest == "-") {
        if (block->kind == Field::Kind::kMap) {
          return R::failure(here + block->key + " mixes list items and members");
        }
        block->kind = Field::Kind::kList;
        const std::string_view item = trim(rest.substr(1));
        if (item.empty()) return R::failure(here + block->key + " has an empty list item");
        block->list.emplace_back(item);
        continue;
      }
      std::string_view key, value;
      if (!split_key(rest, key, value) || block->kind == Field::Kind::kList) {
        return R::failure(here + "unexpected line under " + block->key +
                          ", expected \"  - item\" or \"  key: value\"");
      }
      for (const Field& m : block->members) {
        if (m.key == key) {
          return R::failure(here + block->key + "." + std::string(key) +
                            " is repeated (first on line " + std::to_string(m.line) + ")");
        }
      }
      block->kind = Field::Kind::kMap;
      block->members.push_back(
          {std::string(key), line_no, Field::Kind::kScalar, std::string(value), {}, {}});
      continue;
    }
    std::string_view key, value;
    if (!split_key(line, key, value)) {
      return R::failure(here + "expected \"key: value\" (lower-case key), got \"" +
                        std::string(line.substr(0, 40)) + "\"");
    }
    for (const Field& f : fields) {
      if (f.key == key) {
        return R::failure(here + std::string(key) + " is repeated (first on line " +
                          std::to_string(f.line) + ")");
      }
    }
    Field f{std::string(key), line_no, Field::Kind::kScalar, {}, {}, {}};
    block = nullptr;
    if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
      auto list = inline_list(file, line_no, key, value);
      if (!list) return R(list.status());
      f.kind = Field::Kind::kList;
      f.list = std::move(*list);
    } else {
      f.scalar = std::string(value);
    }
    fields.push_back(std::move(f));
    // A key without a value may open a block (its lines follow); pointer into fields is safe
    // until the next push_back, which also ends the block.
    if (value.empty()) block = &fields.back();
  }
  if (!open) return R::failure(where(file, 1) + "the file is empty, expected front matter");
  if (!closed) {
    return R::failure(where(file, line_no) + "the front matter is not closed by a \"---\" line");
  }
  // The body: the rest, without leading blank lines or trailing whitespace.
  body_line = line_no + 1;
  std::string_view rest = pos < text.size() ? text.substr(pos) : std::string_view();
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    if (!trim(rest.substr(0, nl)).empty()) break;
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++body_line;
  }
  if (rest.empty()) body_line = line_no + 1;  // no body: point at the line after "---"
  while (!rest.empty() &&
         (rest.back() == '\n' || rest.back() == '\r' || rest.back() == ' ' || rest.back() == '\t'))
    rest.remove_suffix(1);
  body.clear();
  for (char c : rest) {
    if (c != '\r') body.push_back(c);
  }
  return fields;
}

}  // namespace tailor::content::internal
