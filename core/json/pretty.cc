#include "core/json/pretty.h"

#include "core/json/js.h"

namespace tailor::json {
namespace {

void write(std::string& out, const Value& v, int depth) {
  const std::string indent(static_cast<size_t>(depth + 1) * 2, ' ');
  const std::string close(static_cast<size_t>(depth) * 2, ' ');
  if (v.is_array() && !v.as_array().empty()) {
    out += "[\n";
    for (size_t i = 0; i < v.as_array().size(); ++i) {
      out += indent;
      write(out, v.as_array()[i], depth + 1);
      out += i + 1 < v.as_array().size() ? ",\n" : "\n";
    }
    out += close + "]";
  } else if (v.is_object() && !v.as_object().empty()) {
    out += "{\n";
    const Object& members = v.as_object();
    for (size_t i = 0; i < members.size(); ++i) {
      out += indent + stringify(Value(members[i].first)) + ": ";
      write(out, members[i].second, depth + 1);
      out += i + 1 < members.size() ? ",\n" : "\n";
    }
    out += close + "}";
  } else {
    out += stringify(v);
  }
}

}  // namespace

std::string stringify_pretty(const Value& value) {
  std::string out;
  write(out, value, 0);
  return out;
}

}  // namespace tailor::json
