// Screening throughput: reads JSON-lines messages once, then screens every message for a fixed
// number of rounds on one thread (the rate is per core). Built natively and with emscripten
// (run under node) by tools/bench/screen.
//   tailor_screen_bench MESSAGES.jsonl... [--rounds N]
// Prints one JSON line: {"target":…,"messages":…,"seconds":…,"per_second":…,"checksum":…}.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/json/parse.h"
#include "core/safety/screen.h"

namespace {

std::string slurp(const char* path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tailor;
  std::vector<safety::Message> messages;
  int rounds = 20;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::atoi(argv[++i]);
      continue;
    }
    std::istringstream lines(slurp(argv[i]));
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      auto v = json::parse(line);
      auto m = v ? safety::message_from_json(*v) : Result<safety::Message>::failure(v.error());
      if (!m) {
        std::fprintf(stderr, "%s: %s\n", argv[i], m.error().c_str());
        return 1;
      }
      messages.push_back(std::move(m).value());
    }
  }
  if (messages.empty()) {
    std::fprintf(stderr, "usage: %s MESSAGES.jsonl... [--rounds N]\n", argv[0]);
    return 2;
  }
  auto screener = safety::Screener::create(safety::default_policy());
  if (!screener) return 1;
  size_t checksum = 0, screened = 0, bytes = 0;
  for (const auto& m : messages) bytes += m.subject.size() + m.body.size();
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& m : messages) {
      const safety::Screening s = screener->screen(m);
      checksum += static_cast<size_t>(s.severity) + s.findings.size();
      ++screened;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
#ifdef __EMSCRIPTEN__
  const char* target = "wasm (node)";
#else
  const char* target = "native";
#endif
  std::printf(
      "{\"target\":\"%s\",\"messages\":%zu,\"avg_bytes\":%zu,\"seconds\":%.3f,"
      "\"per_second\":%.0f,\"checksum\":%zu}\n",
      target, screened, bytes / messages.size(), seconds, screened / seconds, checksum);
  return 0;
}
