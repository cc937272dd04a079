// File handling of `tailor campaign`: the output directory is written whole or not at all, and
// long stages report progress on stderr.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace tailor::cli {

// Files are written into "<out>.tmp-<pid>" and the directory is renamed to <out> by commit():
// a run that fails leaves no half-written output (the temporary directory is removed by the
// destructor). An existing <out> is replaced only if it is empty or holds a previous run
// (run.json); anything else is refused, so a typo cannot wipe a directory.
class OutputDir {
 public:
  static Result<OutputDir> begin(const std::string& out);
  OutputDir(OutputDir&& other) noexcept;
  OutputDir& operator=(OutputDir&&) = delete;
  ~OutputDir();

  Result<bool> write(std::string_view name, std::string_view bytes);
  // Copies a file of the previous run (campaign approve keeps what it does not recompute).
  Result<bool> copy_from(const std::string& dir, std::string_view name);
  Result<bool> commit();
  const std::string& temp_path() const { return temp_; }

 private:
  OutputDir(std::string out, std::string temp) : out_(std::move(out)), temp_(std::move(temp)) {}
  std::string out_;
  std::string temp_;
  bool committed_ = false;
};

// The text files of a content directory (*.md, *.json), sorted by name, as (name, bytes).
// Failure: not a directory, unreadable, or no item files at all.
Result<std::vector<std::pair<std::string, std::string>>> read_content_dir(const std::string& dir);

// Progress of a stage on stderr: "segments  420,000 / 1,000,000  (840,000/s, ETA 0.7 s)", at
// most every half second, and a final line with the count and the time taken.
class Progress {
 public:
  Progress(std::ostream& err, bool quiet) : err_(err), quiet_(quiet) {}
  void start(std::string_view stage, size_t total);
  void tick(size_t done);
  void finish(std::string_view summary);
  void note(std::string_view line);

 private:
  std::ostream& err_;
  bool quiet_;
  std::string stage_;
  size_t total_ = 0;
  std::chrono::steady_clock::time_point started_, last_;
};

// "1,234,567".
std::string with_commas(size_t n);

}  // namespace tailor::cli
