// A customers file (the campaign pipeline's CSV) -> dataset::read_csv, failing on the first bad
// row and skipping bad rows, with types inferred. Properties: never crashes; with bad rows
// skipped, read + skipped rows never exceed the records in the file, and every kept problem
// names the source.
#include "core/dataset/read.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  std::string_view text = fuzz::as_text(data, size);
  (void)dataset::read_csv(text, "customers.csv");
  dataset::ReadOptions skip;
  skip.bad_rows = dataset::BadRows::kSkip;
  skip.max_problems = 5;
  auto read = dataset::read_csv(text, "customers.csv", skip);
  if (!read) {
    if (read.error().find("customers.csv") == std::string::npos) {
      fuzz::fail("error does not name the file", text, read.error());
    }
    return 0;
  }
  const auto& report = read.value().report;
  if (report.rows_skipped > report.rows_read) fuzz::fail("more rows skipped than read", text, "");
  if (read.value().table.row_count() + report.rows_skipped != report.rows_read) {
    fuzz::fail("kept + skipped != read", text, "");
  }
  for (const auto& problem : report.problems) {
    if (problem.message.rfind("customers.csv:", 0) != 0) {
      fuzz::fail("problem does not start with the file name", text, problem.message);
    }
  }
  return 0;
}
