// Replays fuzz inputs through the fuzz targets without libFuzzer, in the normal test build
// (native-asan, GCC): `tailor_fuzz_replay DIR...` runs every file of DIR/TARGET/ through that
// target's LLVMFuzzerTestOneInput (each target source is compiled with the entry point renamed
// to tailor_fuzz_TARGET, tests/CMakeLists.txt). A failed property aborts, a sanitizer report
// aborts; otherwise prints how many inputs each target replayed. The ctest `fuzz-replay` runs
// it over the seeds (tests/fuzz/make-seeds.py) and the regression inputs of
// tests/fuzz/regressions/, so every crash the fuzzers ever found stays fixed.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#define TAILOR_FUZZ_TARGETS(X)                                                             \
  X(json) X(condition) X(regex) X(url) X(config) X(decide_diff) X(events) X(conformance) \
  X(stats) X(safety) X(audit) X(customers_csv) X(campaign_spec) X(http_request)

#define DECLARE(name) extern "C" int tailor_fuzz_##name(const uint8_t* data, size_t size);
TAILOR_FUZZ_TARGETS(DECLARE)
#undef DECLARE

namespace {

struct Target {
  const char* name;
  int (*run)(const uint8_t*, size_t);
};

#define ENTRY(name) {#name, tailor_fuzz_##name},
const Target kTargets[] = {TAILOR_FUZZ_TARGETS(ENTRY)};
#undef ENTRY

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 2) {
    std::fprintf(stderr, "usage: tailor_fuzz_replay DIR...  (DIR/TARGET/ holds inputs)\n");
    return 2;
  }
  size_t total = 0;
  for (const Target& target : kTargets) {
    size_t count = 0;
    for (int i = 1; i < argc; ++i) {
      fs::path dir = fs::path(argv[i]) / target.name;
      if (!fs::is_directory(dir)) continue;
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::fprintf(stderr, "%s\r", file.c_str());
        target.run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
        ++count;
      }
    }
    std::printf("%-14s %zu inputs\n", target.name, count);
    total += count;
  }
  std::printf("replayed %zu inputs, no failure\n", total);
  return total > 0 ? 0 : 1;
}
