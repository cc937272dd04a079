// Config document and attributes (two lines of JSON) -> config::validate, then decide() with
// sticky bucketing off and on, and explain_feature for every feature. Property: nothing crashes
// and every answer is JSON; a config validate() accepts decides without an "invalidConfig".
#include "core/assign/decide.h"
#include "core/config/validate.h"
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
  Status valid = config::validate(*config);
  for (const Value& sticky : {Value(), Value::empty_object()}) {
    Value answer = assign::decide(*config, attributes, sticky);
    std::string text = json::stringify(answer);
    if (!fuzz::parse_json(text)) fuzz::fail("decide() answer is not JSON", parts[0], text);
    if (valid.ok() && text.find("\"invalidConfig\"") != std::string::npos) {
      fuzz::fail("a valid config decided invalidConfig", parts[0], text);
    }
  }
  if (const Value* features = config->find("features"); features && features->is_object()) {
    for (const auto& [key, feature] : features->as_object()) {
      (void)assign::explain_feature(*config, attributes, Value(), key);
    }
  }
  return 0;
}
