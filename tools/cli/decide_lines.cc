#include "tools/cli/decide_lines.h"

#include <cmath>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/assign/compiled.h"
#include "core/assign/decide.h"
#include "core/config/validate.h"
#include "core/exposure/event_log.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "tools/cli/commands.h"

namespace tailor::cli {

namespace {

using json::Value;

std::string error_answer(const std::string& message) {
  std::string out = "{\"error\":";
  json::append_quoted(out, message);
  out += "}";
  return out;
}

// What the SDK reports for a failed call: wasm.js's Error message ("tailor: " + the status
// message of wasm/sdk_bindings.cc).
std::string sdk_error(const std::string& message) { return error_answer("tailor: " + message); }

bool is_integer_in(const Value* v, double lo, double hi) {
  return v->is_number() && std::floor(v->as_number()) == v->as_number() && v->as_number() >= lo &&
         v->as_number() <= hi;
}

// The length of the JSON object or array at text[start] (compact JSON, as stringify writes).
size_t json_length(std::string_view text, size_t start) {
  int depth = 0;
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1 - start;
    }
  }
  return text.size() - start;
}

// The request's shape, checked as the node half checks it (same messages).
std::string check_request(const Value& request) {
  if (!request.find("config")) return "field \"config\" is required";
  if (const Value* keys = request.find("explain")) {
    bool ok = keys->is_array();
    for (size_t i = 0; ok && i < keys->as_array().size(); ++i) ok = keys->as_array()[i].is_string();
    if (!ok) return "field \"explain\" must be an array of feature keys (strings)";
  }
  if (const Value* events = request.find("events"); events && !events->is_array()) {
    return "field \"events\" must be an array";
  }
  if (const Value* now = request.find("now"); now && !is_integer_in(now, 0, 9e15)) {
    return "field \"now\" must be an integer from 0 to 9000000000000000";
  }
  if (const Value* take = request.find("take"); take && !is_integer_in(take, 0, 100000)) {
    return "field \"take\" must be an integer from 0 to 100000";
  }
  return {};
}

// One request replayed on a fresh client, call for call as web/sdk/bin/tailor-sdk-decide.mjs
// drives wasm/sdk_bindings.cc: consent, attributes, config, compact decisions (sticky off),
// sticky documents, decide_all, segments, explain, events.
std::string answer_request(const Value& request) {
  static const Value kEmptyObject = Value::empty_object();
  exposure::EventLog events;
  events.set_consent(true);

  const Value* attributes_in = request.find("attributes");
  const Value& attributes = attributes_in ? *attributes_in : kEmptyObject;
  if (!attributes.is_object()) return sdk_error("attributes must be a JSON object");

  const Value& config = *request.find("config");
  if (Status valid = config::validate(config); !valid.ok()) {
    return sdk_error("config: " + valid.message());
  }
  auto settings = exposure::settings_from_config(config);
  if (!settings.ok()) return sdk_error("config: " + settings.error());
  events.set_settings(std::move(settings).value());
  const assign::CompiledConfig compiled(config);
  const assign::BoundUser user = compiled.bind(attributes);

  // The compact path's decisions are decide_all's "features" with sticky bucketing off: the
  // object after {"features": in decide_json's text.
  std::string unsticky;
  compiled.decide_json(user, Value(), unsticky);
  constexpr size_t kFeaturesAt = sizeof("{\"features\":") - 1;
  std::string out = "{\"features\":";
  out.append(unsticky, kFeaturesAt, json_length(unsticky, kFeaturesAt));

  Value sticky;  // null: off, as a new client
  if (const Value* docs = request.find("sticky")) {
    if (!docs->is_object() && !docs->is_null()) {
      return sdk_error("sticky documents must be an object or null");
    }
    sticky = *docs;
  }
  out += ",\"decide\":";
  if (sticky.is_object()) {
    compiled.decide_json(user, sticky, out);
  } else {
    out += unsticky;  // the same call
  }

  const Value* segments =
      compiled.config().find("segments") ? user.attributes->find("segments") : nullptr;
  out += ",\"segments\":";
  out += segments ? json::stringify(*segments) : "{}";

  if (const Value* keys = request.find("explain")) {
    out += ",\"explain\":[";
    bool first = true;
    for (const Value& key : keys->as_array()) {
      if (!first) out += ',';
      first = false;
      out += json::stringify(
          assign::explain_feature(compiled.config(), attributes, sticky, key.as_string()));
    }
    out += ']';
  }

  if (const Value* list = request.find("events")) {
    out += ",\"events\":{\"recorded\":[";
    bool first = true;
    for (const Value& event : list->as_array()) {
      if (!first) out += ',';
      first = false;
      auto recorded = events.record(event);
      if (recorded.ok()) {
        out += std::to_string(static_cast<int>(*recorded));
      } else {
        json::append_quoted(out, "tailor: " + recorded.error());
      }
    }
    const Value* now = request.find("now");
    const Value* take = request.find("take");
    out += "],\"due\":";
    out += events.flush_due(now ? static_cast<int64_t>(now->as_number()) : 0) ? "true" : "false";
    out += ",\"batch\":";
    out += events.take_batch(take ? static_cast<size_t>(take->as_number()) : 1000);
    out += ",\"state\":";
    out += events.state_json();
    out += '}';
  }
  out += '}';
  return out;
}

std::string answer_line(std::string line, long number) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  auto parsed = json::parse(line);
  const std::string where = "line " + std::to_string(number) + ": ";
  if (!parsed.ok() || !parsed.value().is_object()) {
    return error_answer(where + "request must be a JSON object");
  }
  if (std::string problem = check_request(parsed.value()); !problem.empty()) {
    return error_answer(where + problem);
  }
  return answer_request(parsed.value());
}

}  // namespace

const std::string_view kDecideLinesUsage = R"(  tailor decide --lines [--jobs N]
      Answer SDK decide requests, one JSON object per line on stdin, as the browser SDK's
      module would (docs/conformance.md "SDK module differential"); N threads, answers in order.
)";

int run_decide_lines(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                     std::ostream& err) {
  int jobs = 1;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--lines") continue;
    if (is_help(args[i])) return print_usage(out, kDecideLinesUsage);
    if (args[i] == "--jobs" && i + 1 < args.size()) {
      const std::string& n = args[++i];
      jobs = n.size() == 1 && n[0] >= '1' && n[0] <= '9' ? n[0] - '0' : 0;
      if (jobs == 0) {
        return usage_error(
            err, "tailor decide --lines: --jobs is \"" + n + "\", expected a number from 1 to 9",
            kDecideLinesUsage);
      }
      continue;
    }
    return usage_error(err, "tailor decide --lines: unknown option " + args[i], kDecideLinesUsage);
  }
  return run_decide_lines(in, out, jobs);
}

int run_decide_lines(std::istream& in, std::ostream& out, int jobs) {
  // Lines already waiting are answered as one batch, `jobs` threads taking every jobs-th line
  // (the core is pure: requests share nothing), and written in order. A batch ends where the
  // input pauses, so a driver that waits for each answer still gets it.
  constexpr size_t kMaxBatch = 1024;
  std::vector<std::string> lines, answers;
  std::string line;
  long number = 0;
  for (;;) {
    lines.clear();
    while (lines.size() < kMaxBatch && std::getline(in, line)) {
      lines.push_back(std::move(line));
      if (in.rdbuf()->in_avail() <= 0) break;
    }
    if (lines.empty()) break;
    answers.assign(lines.size(), std::string());
    auto work = [&](size_t first) {
      for (size_t i = first; i < lines.size(); i += static_cast<size_t>(jobs)) {
        answers[i] = answer_line(std::move(lines[i]), number + 1 + static_cast<long>(i));
      }
    };
    std::vector<std::thread> helpers;
    for (int k = 1; k < jobs && static_cast<size_t>(k) < lines.size(); ++k) {
      helpers.emplace_back(work, static_cast<size_t>(k));
    }
    work(0);
    for (std::thread& t : helpers) t.join();
    for (const std::string& a : answers) out << a << '\n';
    // Answer as we go so a driver can stream requests without deadlocking on pipes.
    out.flush();
    number += static_cast<long>(lines.size());
  }
  return 0;
}

}  // namespace tailor::cli
