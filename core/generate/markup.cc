// Citations and placeholders: one scanner used by validation, rendering and length checks.
#include "core/generate/markup.h"

#include <algorithm>

namespace tailor::generate {
namespace {

struct Mark {
  enum class Kind { kCitation, kPlaceholder } kind;
  size_t begin, end;             // bytes of `text`
  std::vector<std::string> ids;  // kCitation
  const Slot* slot = nullptr;    // kPlaceholder
};

bool is_id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// A citation starting at text[i] == '['; sets `end` past "]".
bool citation_at(std::string_view text, size_t i, size_t& end, std::vector<std::string>& ids) {
  size_t j = i + 1;
  ids.clear();
  while (true) {
    const size_t start = j;
    while (j < text.size() && is_id_char(text[j]) && j - start < 64) ++j;
    if (j == start) return false;
    ids.emplace_back(text.substr(start, j - start));
    if (j < text.size() && text[j] == ']') {
      end = j + 1;
      return true;
    }
    if (j >= text.size() || text[j] != ',') return false;
    ++j;
    while (j < text.size() && text[j] == ' ') ++j;
  }
}

std::string known_list() {
  std::string out;
  const auto& slots = known_slots();
  for (size_t i = 0; i < slots.size(); ++i) {
    if (i > 0) out += i + 1 == slots.size() ? " or " : ", ";
    out += "{{" + std::string(slots[i].name) + "}}";
  }
  return out;
}

// All marks of `text`, or the first malformed one as an error.
Status scan(std::string_view text, std::vector<Mark>* marks) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '[') {
      size_t end = 0;
      if (!citation_at(text, i, end, ids)) {
        return Status::invalid_argument("\"[\" at byte " + std::to_string(i) +
                                        " does not open a citation such as [c12]; " +
                                        "square brackets are reserved for citations");
      }
      if (marks) marks->push_back({Mark::Kind::kCitation, i, end, ids});
      i = end - 1;
    } else if (c == ']') {
      return Status::invalid_argument("\"]\" at byte " + std::to_string(i) +
                                      " closes no citation; square brackets are reserved for "
                                      "citations such as [c12]");
    } else if (c == '{') {
      const size_t close = text.compare(i, 2, "{{") == 0 ? text.find("}}", i + 2) : text.npos;
      const size_t line_end = text.find('\n', i);
      if (close == text.npos || close > line_end || close - i > 64) {
        return Status::invalid_argument("\"{\" at byte " + std::to_string(i) +
                                        " is not part of a {{placeholder}}, expected " +
                                        known_list());
      }
      std::string_view name = text.substr(i + 2, close - i - 2);
      while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      const auto& slots = known_slots();
      const auto slot =
          std::find_if(slots.begin(), slots.end(), [&](const Slot& s) { return s.name == name; });
      if (slot == slots.end()) {
        return Status::invalid_argument("unknown placeholder " +
                                        std::string(text.substr(i, close + 2 - i)) + ", expected " +
                                        known_list());
      }
      if (marks) marks->push_back({Mark::Kind::kPlaceholder, i, close + 2, {}, &*slot});
      i = close + 1;
    } else if (c == '}') {
      return Status::invalid_argument("\"}\" at byte " + std::to_string(i) +
                                      " closes no {{placeholder}}");
    }
  }
  return {};
}

bool acceptable(std::string_view v, size_t max_bytes) {
  if (v.empty() || v.size() > max_bytes) return false;
  for (char c : v) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    if (c == '{' || c == '}' || c == '[' || c == ']' || c == '<' || c == '>') return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// `text` with marks replaced: placeholders by fill(slot), citations dropped unless kept.
template <class Fill>
std::string rebuild(std::string_view text, const std::vector<Mark>& marks, bool keep_citations,
                    Fill fill) {
  std::string out;
  size_t at = 0;
  for (const Mark& m : marks) {
    out.append(text.substr(at, m.begin - at));
    if (m.kind == Mark::Kind::kPlaceholder) {
      out.append(fill(*m.slot));
    } else if (keep_citations) {
      out.append(text.substr(m.begin, m.end - m.begin));
    } else if (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    at = m.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace

const std::vector<Slot>& known_slots() {
  static const std::vector<Slot> kSlots = {{"first_name", "there", 24},
                                           {"favourite_category", "our latest collection", 32}};
  return kSlots;
}

Status check_markup(std::string_view text) { return scan(text, nullptr); }

std::vector<std::string> citations_in(std::string_view text) {
  std::vector<std::string> out, ids;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t end = 0;
    if (text[i] != '[' || !citation_at(text, i, end, ids)) continue;
    for (std::string& id : ids) {
      if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
    }
    i = end - 1;
  }
  return out;
}

std::string strip_citations(std::string_view text) {
  std::string out;
  std::vector<std::string> ids;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t end = 0;
    if (text[i] == '[' && citation_at(text, i, end, ids)) {
      if (!out.empty() && out.back() == ' ') out.pop_back();
      i = end - 1;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

Result<std::string> render(std::string_view text, const Slots& values, RenderOptions options) {
  std::vector<Mark> marks;
  if (Status s = scan(text, &marks); !s) return s;
  return rebuild(text, marks, options.keep_citations, [&](const Slot& slot) {
    const auto it = values.find(slot.name);
    if (it != values.end()) {
      const std::string_view v = trim(it->second);
      if (acceptable(v, slot.max_bytes)) return std::string(v);
    }
    return std::string(slot.fallback);
  });
}

size_t max_rendered_bytes(std::string_view text) {
  std::vector<Mark> marks;
  if (!scan(text, &marks)) return text.size();
  return rebuild(text, marks, false,
                 [](const Slot& slot) {
                   return std::string(std::max(slot.max_bytes, slot.fallback.size()), 'x');
                 })
      .size();
}

}  // namespace tailor::generate
