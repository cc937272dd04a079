#include "tools/cli/commands.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "core/assign/decide.h"
#include "core/config/validate.h"
#include "core/conformance/protocol.h"
#include "core/json/js.h"
#include "core/json/parse.h"

namespace tailor::cli {

using json::Value;

const std::string_view kDecideUsage =
    R"(  tailor decide --config FILE --attributes JSON [--sticky JSON] [--table] [--explain]
      Print every feature value and experiment assignment for one user, with reasons;
      --explain adds each feature's rule trace (docs/config.md "Explain: the rule trace").
  tailor decide --config FILE --users FILE.jsonl [--table] [--explain]
      Decide for every user (one attribute document per line); JSON lines, or a table.
)";

const std::string_view kValidateConfigUsage = R"(  tailor validate-config FILE
      Check a config document as tailor-edge's publish and the browser SDK's setConfig do
      (docs/config.md "Validation"); exit 1 with the path of the first problem.
)";

const std::string_view kConformanceUsage = R"(  tailor conformance
      Answer conformance requests, one JSON object per line on stdin (docs/conformance.md).
)";

bool is_help(std::string_view arg) { return arg == "--help" || arg == "-h"; }

int print_usage(std::ostream& out, std::string_view usage) {
  out << "Usage:\n" << usage;
  return 0;
}

int usage_error(std::ostream& err, std::string_view message, std::string_view usage) {
  err << message << "\n\n";
  print_usage(err, usage);
  return 2;
}

std::optional<int> refuse_arguments(const std::vector<std::string>& args, std::string_view command,
                                    std::string_view usage, std::ostream& out, std::ostream& err) {
  if (args.empty()) return std::nullopt;
  if (is_help(args[0])) return print_usage(out, usage);
  return usage_error(
      err,
      std::string(command) + ": unexpected argument \"" + args[0] + "\"; requests come on stdin",
      usage);
}

void answer_lines(
    std::istream& in, std::ostream& out,
    const std::function<std::optional<std::string>(const std::string& line, long number)>& answer) {
  std::string line;
  long number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (std::optional<std::string> text = answer(line, number)) out << *text << '\n';
    if (in.rdbuf()->in_avail() == 0) out.flush();
  }
  out.flush();
}

bool read_whole_file(const std::string& path, std::string& out, std::ostream& err) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    err << "tailor: cannot open " << path << "\n";
    return false;
  }
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

bool for_each_json_line(
    std::istream& in,
    const std::function<bool(long number, Result<json::Value> document)>& on_line) {
  std::string line;
  long number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (!on_line(number, json::parse(line))) return false;
  }
  return true;
}

namespace {

// Parses a JSON document named `what` for error messages ("--config web/demo/config.json").
bool parse_json(const std::string& text, const std::string& what, Value& out, std::ostream& err) {
  auto parsed = json::parse(text);
  if (!parsed) {
    err << "tailor: " << what << ": " << parsed.error() << "\n";
    return false;
  }
  out = std::move(parsed).value();
  return true;
}

std::string cell(const Value* v) { return v == nullptr ? "-" : json::to_js_string(*v); }

void print_table_row(std::ostream& out, const Value& attributes, const Value& decision) {
  const Value* id = attributes.find("id");
  out << std::left << std::setw(10) << cell(id);
  if (const Value* features = decision.find("features")) {
    for (const auto& [key, result] : features->as_object()) {
      out << "  " << key << "="
          << json::stringify(result.find("value") ? *result.find("value") : Value()) << " ("
          << cell(result.find("reason"));
      // --explain: the outcomes in order, "index:outcome[=experimentReason]".
      if (const Value* trace = result.find("trace")) {
        out << ";";
        for (const Value& step : trace->as_array()) {
          out << " ";
          if (const Value* index = step.find("index"); index && !index->is_null()) {
            out << cell(index) << ":";
          }
          out << cell(step.find("outcome"));
          if (const Value* why = step.find("experimentReason")) out << "=" << cell(why);
        }
      }
      out << ")";
    }
  }
  out << "\n";
}

}  // namespace

int run_conformance(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                    std::ostream& err) {
  if (auto code = refuse_arguments(args, "tailor conformance", kConformanceUsage, out, err)) {
    return *code;
  }
  answer_lines(in, out, [](const std::string& line, long number) {
    return std::optional<std::string>(conformance::answer(line, number));
  });
  return 0;
}

int run_decide(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string config_path, attributes_text, users_path, sticky_text = "{}";
  bool table = false;
  assign::DecideOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    auto value = [&](std::string& dest) {
      if (i + 1 >= args.size()) {
        err << "tailor decide: " << args[i] << " needs a value\n";
        return false;
      }
      dest = args[++i];
      return true;
    };
    if (args[i] == "--config") {
      if (!value(config_path)) return 2;
    } else if (args[i] == "--attributes") {
      if (!value(attributes_text)) return 2;
    } else if (args[i] == "--users") {
      if (!value(users_path)) return 2;
    } else if (args[i] == "--sticky") {
      if (!value(sticky_text)) return 2;
    } else if (args[i] == "--table") {
      table = true;
    } else if (args[i] == "--explain") {
      options.explain = true;
    } else if (is_help(args[i])) {
      return print_usage(out, kDecideUsage);
    } else {
      err << "tailor decide: unknown option " << args[i]
          << "; expected --config, --attributes, --users, --sticky, --table or --explain\n";
      return 2;
    }
  }
  if (config_path.empty() || attributes_text.empty() == users_path.empty()) {
    err << "tailor decide: needs --config FILE and exactly one of --attributes JSON or --users FILE\n";
    return 2;
  }
  std::string config_text;
  Value config, sticky;
  if (!read_whole_file(config_path, config_text, err) ||
      !parse_json(config_text, config_path, config, err) ||
      !parse_json(sticky_text, "--sticky", sticky, err)) {
    return 1;
  }
  if (Status valid = config::validate(config); !valid.ok()) {
    err << "tailor decide: " << config_path << ": " << valid.message() << "\n";
    return 1;
  }
  if (!attributes_text.empty()) {
    Value attributes;
    if (!parse_json(attributes_text, "--attributes", attributes, err)) return 1;
    Value decision = assign::decide(config, attributes, sticky, options);
    if (table) {
      print_table_row(out, attributes, decision);
    } else {
      out << json::stringify(decision) << "\n";
    }
    return 0;
  }
  std::string users_text;
  if (!read_whole_file(users_path, users_text, err)) return 1;
  std::istringstream lines(users_text);
  int failures = 0;
  for_each_json_line(lines, [&](long number, Result<Value> attributes) {
    if (!attributes) {
      err << "tailor: " << users_path << " line " << number << ": " << attributes.error() << "\n";
      ++failures;
      return true;
    }
    Value decision = assign::decide(config, *attributes, Value::empty_object(), options);
    if (table) {
      print_table_row(out, *attributes, decision);
    } else {
      out << json::stringify(decision) << "\n";
    }
    return true;
  });
  return failures == 0 ? 0 : 1;
}

int run_validate_config(const std::vector<std::string>& args, std::ostream& out,
                        std::ostream& err) {
  if (args.size() == 1 && is_help(args[0])) return print_usage(out, kValidateConfigUsage);
  if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
    return usage_error(err, "tailor validate-config: needs exactly one FILE (a config document)",
                       kValidateConfigUsage);
  }
  const std::string& path = args[0];
  std::string text;
  Value config;
  if (!read_whole_file(path, text, err)) return 1;
  auto parsed = json::parse(text);
  if (!parsed) {
    err << "tailor validate-config: " << path << ": " << parsed.error() << "\n";
    return 1;
  }
  // THE validation: the edge's publish and the SDK's setConfig call the same function.
  if (Status valid = config::validate(parsed.value()); !valid.ok()) {
    err << "tailor validate-config: " << path << ": " << valid.message() << "\n";
    return 1;
  }
  out << path << ": valid\n";
  return 0;
}

}  // namespace tailor::cli
