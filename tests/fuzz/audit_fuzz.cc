// An exported audit trail -> audit::verify as JSON lines and as CSV, and the CSV row reader on
// the same bytes. Properties: never crashes; every row the reader returns, written again with
// format_row, reads back as the same cells (neutralisation and quoting are reversible).
#include "core/audit/csv.h"
#include "core/audit/export.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  std::string_view text = fuzz::as_text(data, size);
  for (auto format : {audit::Format::kJsonLines, audit::Format::kCsv}) {
    auto report = audit::verify(text, format);
    if (report.ok && report.records < 0) fuzz::fail("negative record count", text, "");
  }
  (void)audit::verify_json(text, "");
  size_t pos = 0;
  for (int rows = 0; pos < text.size() && rows < 10000; ++rows) {
    size_t before = pos;
    auto row = audit::csv::read_row(text, pos);
    if (!row) break;
    if (pos <= before) fuzz::fail("read_row made no progress", text, "");
    std::string written = audit::csv::format_row(row.value());
    size_t again_pos = 0;
    auto again = audit::csv::read_row(written, again_pos);
    if (!again || again.value() != row.value() || again_pos != written.size()) {
      fuzz::fail("format_row output does not read back as the same cells", text, written);
    }
  }
  return 0;
}
