// The learned backstop's features of each message (core/safety/backstop.h), for the trainer
// (tools/train-safety): reads screening inputs as JSON lines on stdin and writes, per line,
// the message's distinct feature buckets in ascending order, separated by spaces. The trainer
// uses exactly the code the screener runs, so training and screening cannot disagree.
//   tailor_safety_features < corpus.jsonl > features.txt
#include <cstdio>
#include <iostream>
#include <string>

#include "core/json/parse.h"
#include "core/safety/backstop.h"
#include "core/safety/screen.h"

int main() {
  using namespace tailor;
  std::string line;
  long n = 0;
  while (std::getline(std::cin, line)) {
    ++n;
    auto v = json::parse(line);
    auto m = v ? safety::message_from_json(*v) : Result<safety::Message>::failure(v.error());
    if (!m) {
      std::fprintf(stderr, "stdin line %ld: %s\n", n, m.error().c_str());
      return 1;
    }
    const auto features = safety::backstop_features(safety::tokenize(safety::screened_text(*m)));
    std::string out;
    for (const auto& f : features) {
      if (!out.empty()) out += ' ';
      out += std::to_string(f.bucket);
    }
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return 0;
}
