#include "tools/cli/campaign_files.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace tailor::cli {
namespace fs = std::filesystem;

Result<OutputDir> OutputDir::begin(const std::string& out) {
  std::error_code ec;
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out, ec)) {
      return Result<OutputDir>::failure(out + " exists and is not a directory");
    }
    if (!fs::is_empty(out, ec) && !fs::exists(fs::path(out) / "run.json", ec)) {
      return Result<OutputDir>::failure(
          out + " is a directory that does not hold a previous campaign run (no run.json); "
                "choose an empty or new directory");
    }
  }
  const std::string temp = out + ".tmp-" + std::to_string(::getpid());
  fs::remove_all(temp, ec);
  if (!fs::create_directories(temp, ec)) {
    return Result<OutputDir>::failure("cannot create " + temp + ": " + ec.message());
  }
  return OutputDir(out, temp);
}

OutputDir::OutputDir(OutputDir&& other) noexcept
    : out_(std::move(other.out_)), temp_(std::move(other.temp_)), committed_(other.committed_) {
  other.committed_ = true;  // the moved-from object owns nothing
}

OutputDir::~OutputDir() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(temp_, ec);
}

Result<bool> OutputDir::write(std::string_view name, std::string_view bytes) {
  const std::string path = (fs::path(temp_) / name).string();
  std::ofstream file(path, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) return Result<bool>::failure("cannot write " + path);
  return true;
}

Result<bool> OutputDir::copy_from(const std::string& dir, std::string_view name) {
  std::error_code ec;
  fs::copy_file(fs::path(dir) / name, fs::path(temp_) / name, ec);
  if (ec) {
    return Result<bool>::failure("cannot copy " + (fs::path(dir) / name).string() + ": " +
                                 ec.message());
  }
  return true;
}

Result<bool> OutputDir::commit() {
  std::error_code ec;
  const std::string old = out_ + ".old-" + std::to_string(::getpid());
  const bool replace = fs::exists(out_, ec);
  if (replace) {
    fs::rename(out_, old, ec);
    if (ec) return Result<bool>::failure("cannot move aside " + out_ + ": " + ec.message());
  }
  fs::rename(temp_, out_, ec);
  if (ec) {
    if (replace) fs::rename(old, out_, ec);
    return Result<bool>::failure("cannot rename " + temp_ + " to " + out_ + ": " + ec.message());
  }
  committed_ = true;
  if (replace) fs::remove_all(old, ec);
  return true;
}

Result<std::vector<std::pair<std::string, std::string>>> read_content_dir(const std::string& dir) {
  using R = Result<std::vector<std::pair<std::string, std::string>>>;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return R::failure(dir + " is not a directory");
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".md" || ext == ".json")) paths.push_back(entry.path());
  }
  if (ec) return R::failure("cannot list " + dir + ": " + ec.message());
  if (paths.empty()) return R::failure(dir + " holds no content items (*.md or *.json)");
  std::sort(paths.begin(), paths.end());
  std::vector<std::pair<std::string, std::string>> files;
  for (const fs::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return R::failure("cannot read " + path.string());
    files.emplace_back(path.filename().string(), bytes.str());
  }
  return files;
}

std::string with_commas(size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void Progress::start(std::string_view stage, size_t total) {
  stage_ = stage;
  total_ = total;
  started_ = last_ = std::chrono::steady_clock::now();
}

void Progress::tick(size_t done) {
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(500)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  char eta[64] = "";
  if (rate > 0 && total_ > done) {
    std::snprintf(eta, sizeof eta, ", ETA %.1f s", static_cast<double>(total_ - done) / rate);
  }
  err_ << "  " << stage_ << "  " << with_commas(done) << " / " << with_commas(total_) << "  ("
       << with_commas(static_cast<size_t>(rate)) << "/s" << eta << ")\n";
}

void Progress::finish(std::string_view summary) {
  if (quiet_) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  char took[32];
  std::snprintf(took, sizeof took, "%.2f s", seconds);
  err_ << stage_ << ": " << summary << " (" << took << ")\n";
}

void Progress::note(std::string_view line) {
  if (!quiet_) err_ << "  " << line << "\n";
}

}  // namespace tailor::cli
