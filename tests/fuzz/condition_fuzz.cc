// Condition, attribute document and saved groups (three lines of JSON) -> the condition
// checked (config::validate_condition), compiled and evaluated. Properties: nothing crashes,
// and the compiled condition agrees with the interpreter (compiled_condition.h's contract),
// for the attribute document given and for a second one derived from the input bytes.
#include "core/config/validate.h"
#include "core/json/js.h"
#include "core/targeting/compiled_condition.h"
#include "core/targeting/condition.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using tailor::json::Value;

// A small attribute document from raw bytes: the condition's shape is what the fuzzer explores
// most; these bytes give it values of every JSON type under a few common names.
Value derived_attributes(std::string_view bytes) {
  Value doc = Value::empty_object();
  static const char* kNames[] = {"id", "country", "age", "tags", "version", "a"};
  size_t i = 0;
  for (const char* name : kNames) {
    if (i >= bytes.size()) break;
    unsigned char kind = static_cast<unsigned char>(bytes[i++]);
    switch (kind % 6) {
      case 0: doc.set(name, Value()); break;
      case 1: doc.set(name, Value(kind > 127)); break;
      case 2: doc.set(name, Value(static_cast<double>(kind) - 100)); break;
      case 3: doc.set(name, Value(std::string(bytes.substr(i, kind % 8)))); break;
      case 4: doc.set(name, Value(tailor::json::Array{Value("a"), Value(1.0)})); break;
      default: doc.set(name, Value::empty_object()); break;
    }
  }
  return doc;
}

void check(const Value& condition, const Value& groups, const Value& attributes,
           std::string_view text) {
  tailor::targeting::AttributeNames names;
  auto compiled = tailor::targeting::CompiledCondition::compile(condition, groups, names);
  tailor::targeting::AttributeView view;
  view.bind(names, attributes);
  bool want = tailor::targeting::eval_condition(attributes, condition, groups);
  bool got = compiled.eval(view);
  if (want != got) {
    tailor::fuzz::fail("compiled condition != eval_condition", text,
                       tailor::json::stringify(attributes));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tailor;
  std::string_view text = fuzz::as_text(data, size);
  auto parts = fuzz::split_lines(text, 3);
  auto condition = fuzz::parse_json(parts[0]);
  if (!condition) return 0;
  auto attributes = fuzz::parse_json(parts[1]);
  auto groups = fuzz::parse_json(parts[2]);
  Value saved_groups = groups ? *groups : Value::empty_object();
  (void)config::validate_condition(*condition, "condition", saved_groups);
  if (attributes) check(*condition, saved_groups, *attributes, text);
  check(*condition, saved_groups, derived_attributes(parts[1]), text);
  return 0;
}
