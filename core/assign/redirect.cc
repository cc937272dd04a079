#include "core/assign/redirect.h"

#include <utility>
#include <vector>

#include "core/assign/evaluate_internal.h"
#include "core/assign/js_ops.h"
#include "core/assign/url.h"
#include "core/json/js.h"
#include "core/text/hex.h"

namespace tailor::assign {
namespace {

using detail::Value;

// The application/x-www-form-urlencoded byte serializer (WHATWG URL).
void append_form_encoded(std::string& out, std::string_view s) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ') {
      out.push_back('+');
    } else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               c == '*' || c == '-' || c == '.' || c == '_') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      text::append_hex(out, c, 2, text::HexCase::kUpper);
    }
  }
}

bool is_obj(const Value& v) { return v.is_object() || v.is_array(); }

bool some_variation(const Value& variations, bool (*pred)(const Value&)) {
  for (const Value& v : variations.as_array()) {
    if (is_obj(v) && pred(v)) return true;
  }
  return false;
}

}  // namespace

std::string merge_query_strings(std::string_view old_url, std::string_view new_url) {
  auto current = parse_url(old_url, nullptr);
  auto redirect = parse_url(new_url, nullptr);
  if (!current || !redirect) return std::string(new_url);
  auto params = redirect->search_params();
  bool changed = false;
  for (const auto& [name, value] : current->search_params()) {
    bool has = false;
    for (const auto& p : params) has = has || p.first == name;
    if (has) continue;
    params.emplace_back(name, value);
    changed = true;
  }
  if (changed) {
    std::string query;
    for (const auto& [name, value] : params) {
      if (!query.empty()) query.push_back('&');
      append_form_encoded(query, name);
      query.push_back('=');
      append_form_encoded(query, value);
    }
    redirect->query = std::move(query);
  }
  return redirect->href();
}

json::Value run_url_redirects(const json::Value& context, std::string* error) {
  detail::Ctx ctx = detail::make_ctx(context, nullptr);
  ctx.sticky = false;  // sticky bucketing for auto experiments needs a caller's store
  ctx.docs = nullptr;
  Value out = Value::empty_object();
  std::string redirect;
  std::vector<std::pair<std::string, Value>> tracked;  // GrowthBook's deferred tracking calls
  const Value* experiments = context.find("experiments");
  auto fail = [&](std::string message) {
    *error = std::move(message);
    return Value();
  };
  if (js::truthy(experiments) && !experiments->is_array()) {
    return fail("experiments must be an array");
  }
  const Value null_feature;
  const size_t count = js::truthy(experiments) ? experiments->as_array().size() : 0;
  for (size_t i = 0; i < count; ++i) {
    const Value& exp = experiments->as_array()[i];
    const std::string where = "experiments[" + std::to_string(i) + "]";
    if (!exp.is_object()) return fail(where + " must be an object");
    if (js::truthy(exp.find("manual"))) continue;
    const Value* variations = exp.find("variations");
    if (!variations || !variations->is_array()) return fail(where + ".variations must be an array");
    const Value* patterns = exp.find("urlPatterns");
    const bool is_redirect =
        js::truthy(patterns) && some_variation(*variations, [](const Value& v) {
          return v.is_object() && v.contains("urlRedirect");
        });
    const bool is_visual = !is_redirect && some_variation(*variations, [](const Value& v) {
      return v.is_object() &&
             (js::truthy(v.find("domMutations")) || v.contains("js") || v.contains("css"));
    });
    bool blocked = !is_redirect && !is_visual;
    if (is_redirect) {
      blocked = !parse_url(ctx.url, nullptr).has_value();
      for (const Value& v : variations->as_array()) {
        if (blocked) break;
        const Value* target = js::get(&v, "urlRedirect");
        if (!js::truthy(&v) || !js::truthy(target)) continue;
        blocked = !target->is_string() || !parse_url(target->as_string(), nullptr);
      }
    }
    if (blocked) continue;  // not in the experiment, nothing tracked
    std::string reason;
    Value result = detail::run_experiment_impl(ctx, exp, &null_feature, &reason);
    if (ctx.failed()) return fail(where + ": " + ctx.error);
    if (reason == "assigned" || reason == "stickyBucket") {
      // getExperimentDedupeKey: hashAttribute + hashValue + key + variationId.
      Value k = js::add(result.find("hashAttribute"), result.find("hashValue"));
      k = js::add(&k, exp.find("key"));
      k = js::add(&k, result.find("variationId"));
      std::string dedupe = js::to_string(&k);
      Value entry = Value::object({{"experiment", exp},
                                   {"result", result},
                                   {"changeType", is_redirect ? "redirect" : "visual"}});
      bool replaced = false;
      for (auto& [key, call] : tracked) {
        if (key == dedupe) {
          call = entry;
          replaced = true;
        }
      }
      if (!replaced) tracked.emplace_back(std::move(dedupe), std::move(entry));
    }
    if (!json::truthy(*result.find("inExperiment"))) continue;
    if (is_redirect) {
      const Value* value = result.find("value");
      if (!value || value->is_null()) return fail(where + ": the variation is null");
      const Value* target = js::get(value, "urlRedirect");
      if (js::truthy(target)) {
        const std::string& url_redirect = target->as_string();  // checked above: a string
        std::string url = js::truthy(exp.find("persistQueryString"))
                              ? merge_query_strings(ctx.url, url_redirect)
                              : url_redirect;
        std::optional<bool> targeted = is_url_targeted(url, *patterns);
        if (targeted && !*targeted) redirect = std::move(url);
      }
      break;
    }
  }
  json::Array calls;
  for (auto& [key, call] : tracked) calls.push_back(std::move(call));
  out.set("redirect", Value(std::move(redirect)));
  out.set("tracked", Value(std::move(calls)));
  return out;
}

}  // namespace tailor::assign
