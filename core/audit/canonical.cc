#include "core/audit/canonical.h"

#include <algorithm>
#include <cmath>

#include "core/json/js.h"

namespace tailor::audit {
namespace {

bool has_lone_surrogate(const std::string& s) {
  // WTF-8 encodes a surrogate as ED A0..BF xx; well-formed UTF-8 never contains that.
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xED && static_cast<unsigned char>(s[i + 1]) >= 0xA0)
      return true;
  }
  return false;
}

bool append(std::string& out, const json::Value& v, std::string& path, std::string& error) {
  switch (v.type()) {
    case json::Type::kNull:
      out += "null";
      return true;
    case json::Type::kBool:
      out += v.as_bool() ? "true" : "false";
      return true;
    case json::Type::kNumber:
      if (!std::isfinite(v.as_number())) {
        error = path + ": number is not finite, expected a finite number";
        return false;
      }
      out += json::number_to_string(v.as_number());
      return true;
    case json::Type::kString:
      if (has_lone_surrogate(v.as_string())) {
        error = path + ": string holds a lone surrogate, expected valid UTF-8";
        return false;
      }
      json::append_quoted(out, v.as_string());
      return true;
    case json::Type::kArray: {
      out.push_back('[');
      const auto& items = v.as_array();
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out.push_back(',');
        const size_t mark = path.size();
        path += "[" + std::to_string(i) + "]";
        if (!append(out, items[i], path, error)) return false;
        path.resize(mark);
      }
      out.push_back(']');
      return true;
    }
    case json::Type::kObject: {
      std::vector<const json::Member*> members;
      for (const auto& m : v.as_object()) members.push_back(&m);
      std::sort(members.begin(), members.end(), [](const json::Member* a, const json::Member* b) {
        return json::compare_utf16(a->first, b->first) < 0;
      });
      out.push_back('{');
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out.push_back(',');
        if (has_lone_surrogate(members[i]->first)) {
          error = path + ": key holds a lone surrogate, expected valid UTF-8";
          return false;
        }
        json::append_quoted(out, members[i]->first);
        out.push_back(':');
        const size_t mark = path.size();
        path += "." + members[i]->first;
        if (!append(out, members[i]->second, path, error)) return false;
        path.resize(mark);
      }
      out.push_back('}');
      return true;
    }
  }
  return true;
}

}  // namespace

Result<std::string> canonical_json(const json::Value& value) {
  std::string out, path = "$", error;
  if (!append(out, value, path, error)) return Result<std::string>::failure(error);
  return out;
}

}  // namespace tailor::audit
