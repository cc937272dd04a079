// decide() throughput: parses the config and every user once, then decides every feature and
// experiment for every user, for a fixed number of rounds. Built natively and with emscripten
// (run under node), so tools/bench/decide prints both side by side with GrowthBook's JS SDK.
//   tailor_decide_bench CONFIG USERS.jsonl [ROUNDS]
// Prints one JSON line per path: the interpreter (decide(), answer as a json::Value) and the
// compiled config (CompiledConfig::decide_json, answer as JSON text; compiling is timed apart):
// {"target":…,"users":…,"decisions":…,"seconds":…,"checksum":…}.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/assign/compiled.h"
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
  const std::string target = "wasm";
#else
  const std::string target = "native";
#endif
  auto report = [&](const std::string& name, size_t n, double s, size_t sum) {
    std::printf(
        "{\"target\":\"%s\",\"users\":%zu,\"decisions\":%zu,\"seconds\":%.6f,\"checksum\":%zu}\n",
        name.c_str(), users.size() * static_cast<size_t>(rounds), n, s, sum);
  };
  report(target, decisions, seconds, checksum);

  start = std::chrono::steady_clock::now();
  tailor::assign::CompiledConfig compiled(*config);
  double compile_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  decisions = 0;
  checksum = 0;
  const Value no_sticky;
  std::string out;
  start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& user : users) {
      out.clear();
      compiled.decide_json(compiled.bind(user), no_sticky, out);
      decisions += compiled.feature_count();
      checksum += out.size();
    }
  }
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // The checksum is computed as for the other rows (value lengths), outside the timed loop.
  checksum = 0;
  for (const auto& user : users) {
    out.clear();
    compiled.decide_json(compiled.bind(user), no_sticky, out);
    auto answer = tailor::json::parse(out);
    const Value* features = answer ? answer->find("features") : nullptr;
    if (features == nullptr) continue;
    for (const auto& [key, result] : features->as_object()) {
      if (const Value* v = result.find("value")) {
        checksum += tailor::json::to_js_string(*v).size() * static_cast<size_t>(rounds);
      }
    }
  }
  report(target + "-compiled", decisions, seconds, checksum);
  std::fprintf(stderr, "%s: compiled %zu of %zu features in %.3f ms\n", target.c_str(),
               compiled.compiled_feature_count(), compiled.feature_count(),
               compile_seconds * 1000);
  return 0;
}
