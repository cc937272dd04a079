// decide() throughput: parses the config and every user once, then decides every feature and
// experiment for every user, for a fixed number of rounds. Built natively and with emscripten
// (run under node), so tools/bench/decide prints both side by side with GrowthBook's JS SDK.
//   tailor_decide_bench CONFIG USERS.jsonl [ROUNDS]
// Prints one JSON line: {"target":…,"users":…,"decisions":…,"seconds":…,"checksum":…}.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/assign/decide.h"
#include "core/json/js.h"
#include "core/json/parse.h"

namespace {

std::string slurp(const char* path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s CONFIG USERS.jsonl [ROUNDS]\n", argv[0]);
    return 2;
  }
  using tailor::json::Value;
  auto config = tailor::json::parse(slurp(argv[1]));
  if (!config) {
    std::fprintf(stderr, "%s: %s\n", argv[1], config.error().c_str());
    return 1;
  }
  std::vector<Value> users;
  std::istringstream lines(slurp(argv[2]));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    auto user = tailor::json::parse(line);
    if (!user) {
      std::fprintf(stderr, "%s: %s\n", argv[2], user.error().c_str());
      return 1;
    }
    users.push_back(std::move(user).value());
  }
  int rounds = argc > 3 ? std::atoi(argv[3]) : 3;
  const Value sticky = Value::empty_object();
  size_t decisions = 0;
  size_t checksum = 0;  // keeps the work observable so nothing is optimised away
  auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& user : users) {
      Value d = tailor::assign::decide(*config, user, sticky);
      const Value* features = d.find("features");
      if (features == nullptr) continue;
      for (const auto& [key, result] : features->as_object()) {
        ++decisions;
        if (const Value* v = result.find("value")) checksum += tailor::json::to_js_string(*v).size();
      }
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
#ifdef __EMSCRIPTEN__
  const char* target = "wasm";
#else
  const char* target = "native";
#endif
  std::printf("{\"target\":\"%s\",\"users\":%zu,\"decisions\":%zu,\"seconds\":%.6f,\"checksum\":%zu}\n",
              target, users.size() * static_cast<size_t>(rounds), decisions, seconds, checksum);
  return 0;
}
