#include "core/audit/csv.h"

namespace tailor::audit::csv {
namespace {

bool needs_neutralising(std::string_view cell) {
  if (cell.empty()) return false;
  switch (cell.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\'':
      return true;
    default:
      return false;
  }
}

}  // namespace

void append_cell(std::string& out, std::string_view cell) {
  std::string value;
  if (needs_neutralising(cell)) value.push_back('\'');
  value.append(cell);
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    out += value;
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string format_row(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_cell(out, cells[i]);
  }
  out += "\r\n";
  return out;
}

Result<std::vector<std::string>> read_row(std::string_view text, size_t& pos) {
  using R = Result<std::vector<std::string>>;
  std::vector<std::string> cells;
  std::string cell;
  size_t i = pos;
  while (true) {
    cell.clear();
    if (i < text.size() && text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size()) return R::failure("quoted cell is not closed");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            cell.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell.push_back(text[i++]);
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
        return R::failure("unexpected character after a closing quote");
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        if (text[i] == '"') return R::failure("quote inside an unquoted cell");
        cell.push_back(text[i++]);
      }
    }
    if (!cell.empty() && cell.front() == '\'') cell.erase(0, 1);
    cells.push_back(cell);
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    break;
  }
  if (i < text.size() && text[i] == '\r') ++i;
  if (i < text.size() && text[i] == '\n') ++i;
  pos = i;
  return cells;
}

}  // namespace tailor::audit::csv
