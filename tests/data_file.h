// Test helper: the text of a file in tests/data (TAILOR_TEST_DATA_DIR; under wasm, NODERAWFS
// makes the same path readable). Empty when the file cannot be read, so the test that parses
// it fails on its own assertions.
#pragma once

#include <cstdio>
#include <string>

#ifndef TAILOR_TEST_DATA_DIR
#error "TAILOR_TEST_DATA_DIR must name the tests/data directory"
#endif

namespace tailor::testing {

inline std::string read_data_file(const std::string& name) {
  std::string text;
  const std::string path = std::string(TAILOR_TEST_DATA_DIR) + "/" + name;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
  }
  return text;
}

}  // namespace tailor::testing
