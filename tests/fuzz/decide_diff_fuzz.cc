// Differential: config and attributes (two lines of JSON) -> CompiledConfig::decide_json and
// feature_json against json::stringify(decide(...)) of the interpreter, sticky bucketing off
// and on. compiled.h's contract says they agree byte for byte on every input; any difference
// aborts.
#include "core/assign/compiled.h"
#include "core/assign/decide.h"
#include "core/json/js.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  using json::Value;
  auto parts = fuzz::split_lines(fuzz::as_text(data, size), 2);
  auto config = fuzz::parse_json(parts[0]);
  if (!config) return 0;
  auto parsed_attributes = fuzz::parse_json(parts[1]);
  Value attributes = parsed_attributes ? *parsed_attributes : Value::empty_object();
  assign::CompiledConfig compiled(*config);
  auto user = compiled.bind(attributes);
  for (const Value& sticky : {Value(), Value::empty_object()}) {
    std::string got;
    compiled.decide_json(user, sticky, got);
    std::string want = json::stringify(assign::decide(*config, attributes, sticky));
    if (got != want) fuzz::fail("CompiledConfig::decide_json != decide()", got, want);
  }
  Value full = assign::decide(*config, attributes, Value());
  const Value* features = full.find("features");
  for (size_t i = 0; i < compiled.feature_count(); ++i) {
    const std::string& key = compiled.feature_key(i);
    std::string got;
    bool found = compiled.feature_json(key, user, got);
    const Value* want = features ? features->find(key) : nullptr;
    std::string want_text = want ? json::stringify(*want) : "";
    if (found != (want != nullptr) || got != want_text) {
      fuzz::fail("CompiledConfig::feature_json != decide()", got, want_text);
    }
  }
  return 0;
}
