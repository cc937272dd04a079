// Differential test of the compiled decision path against the interpreter, on conformance
// cases (tools/gen/conformance-cases.mjs, docs/conformance.md):
//   evalCondition  CompiledCondition::eval == eval_condition
//   feature, run   CompiledConfig::decide_json == json::stringify(decide(...)) for the config
//                  {features, savedGroups, experiments: [experiment]} of the case's context,
//                  sticky bucketing off and on ({} or the context's documents)
// Other ops are skipped. Prints a summary line; exits 1 on the first 10 mismatches (printed).
//   tailor_compiled_diff CASES.jsonl
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/assign/compiled.h"
#include "core/assign/decide.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "core/targeting/compiled_condition.h"
#include "core/targeting/condition.h"

namespace {

using tailor::json::Value;

const Value& member(const Value& v, const char* key) {
  static const Value kNull;
  const Value* m = v.find(key);
  return m ? *m : kNull;
}

// Empty when the paths agree; else a description of the difference.
std::string check_condition(const Value& c) {
  const Value& groups = member(c, "savedGroups");
  tailor::targeting::AttributeNames names;
  auto compiled =
      tailor::targeting::CompiledCondition::compile(member(c, "condition"), groups, names);
  tailor::targeting::AttributeView view;
  const Value& attributes = member(c, "attributes");
  static const Value kEmpty = Value::empty_object();
  view.bind(names, attributes);
  bool want = tailor::targeting::eval_condition(attributes, member(c, "condition"), groups);
  bool got = compiled.eval(view);
  if (want == got) return {};
  return std::string("compiled ") + (got ? "true" : "false") + ", interpreted " +
         (want ? "true" : "false");
}

size_t features_total = 0, features_compiled = 0;

std::string check_decide(const Value& c) {
  const Value& context = member(c, "context");
  Value config = Value::empty_object();
  if (const Value* f = context.find("features")) config.set("features", *f);
  if (const Value* g = context.find("savedGroups")) config.set("savedGroups", *g);
  if (const Value* e = c.find("experiment")) config.set("experiments", tailor::json::Array{*e});
  const Value& attributes = member(context, "attributes");
  tailor::assign::CompiledConfig compiled(config);
  auto user = compiled.bind(attributes);
  features_total += compiled.feature_count();
  features_compiled += compiled.compiled_feature_count();
  const Value* docs = context.find("stickyBucketAssignmentDocs");
  for (const Value& sticky : {Value(), Value::empty_object(), docs ? *docs : Value()}) {
    std::string got;
    compiled.decide_json(user, sticky, got);
    std::string want = tailor::json::stringify(tailor::assign::decide(config, attributes, sticky));
    if (got != want) return "compiled " + got + "\n  interpreted " + want;
  }
  if (const Value* key = c.find("featureKey"); key && key->is_string()) {
    std::string got;
    bool found = compiled.feature_json(key->as_string(), user, got);
    Value full = tailor::assign::decide(config, attributes, Value());
    const Value* want = member(full, "features").find(key->as_string());
    std::string want_text = want ? tailor::json::stringify(*want) : "";
    if (found != (want != nullptr) || got != want_text) {
      return "feature_json " + got + "\n  interpreted " + want_text;
    }
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CASES.jsonl\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "%s: cannot open\n", argv[1]);
    return 2;
  }
  size_t line_number = 0, conditions = 0, decisions = 0, mismatches = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    auto parsed = tailor::json::parse(line);
    if (!parsed.ok() || !parsed->is_object()) continue;
    const Value& c = *parsed;
    const Value& op = member(c, "op");
    if (!op.is_string()) continue;
    std::string diff;
    if (op.as_string() == "evalCondition") {
      ++conditions;
      diff = check_condition(c);
    } else if (op.as_string() == "feature" || op.as_string() == "run") {
      ++decisions;
      diff = check_decide(c);
    } else {
      continue;
    }
    if (diff.empty()) continue;
    if (++mismatches <= 10) {
      std::printf("line %zu: %s\n  %s\n", line_number, line.substr(0, 2000).c_str(), diff.c_str());
    }
  }
  std::printf(
      "compiled-vs-interpreted: %zu conditions, %zu decisions (%zu of %zu features compiled), "
      "%zu mismatches\n",
      conditions, decisions, features_compiled, features_total, mismatches);
  return mismatches == 0 && conditions + decisions > 0 ? 0 : 1;
}
