#include "core/safety/protocol.h"

#include "core/json/js.h"
#include "core/json/parse.h"
#include "core/safety/screen.h"

namespace tailor::safety {
namespace {

std::string error_line(long line_number, const std::string& message) {
  json::Value v = json::Value::empty_object();
  v.set("error", json::Value("line " + std::to_string(line_number) + ": " + message));
  return json::stringify(v);
}

}  // namespace

std::string screen_line(std::string_view line, long line_number) {
  // The lexicons compile once per process; screening itself is pure.
  static const Result<Screener> screener = Screener::create(default_policy());
  if (!screener) return error_line(line_number, screener.error());
  auto parsed = json::parse(line);
  if (!parsed) return error_line(line_number, "invalid JSON: " + parsed.error());
  auto message = message_from_json(*parsed);
  if (!message) return error_line(line_number, message.error());
  return json::stringify(screening_to_json(screener->screen(*message)));
}

}  // namespace tailor::safety
