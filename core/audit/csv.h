// RFC 4180 CSV cells, made safe against spreadsheet formula injection.
//
// Writing: a cell that starts with = + - @ TAB or CR would be evaluated as a formula by Excel,
// LibreOffice or Sheets, so it is neutralised with a leading apostrophe ('=SUM(A1) shows as
// text). A cell that itself starts with an apostrophe gets one more, so neutralisation is
// reversible: read_cell strips exactly one leading apostrophe. Cells holding , " CR or LF are
// quoted, with " doubled. Rows end with CRLF.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tailor::audit::csv {

// Appends one cell (neutralised and quoted as needed), without a separator.
void append_cell(std::string& out, std::string_view cell);
// Joins cells with "," and ends the row with "\r\n".
std::string format_row(const std::vector<std::string>& cells);

// Reads the row starting at `pos` (which must be < text.size()): cells exactly as written,
// with quotes removed and neutralisation undone; `pos` moves past the row's CRLF (or LF, or
// end of text). Error: a quote that is not closed, or a character after a closing quote.
Result<std::vector<std::string>> read_row(std::string_view text, size_t& pos);

}  // namespace tailor::audit::csv
