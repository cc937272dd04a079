#include "edge/results.h"

#include <charconv>

#include "core/json/parse.h"
#include "edge/http.h"

namespace tailor::edge {
namespace {

bool parse_number(const std::string& text, double& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Status parse_results_query(std::string_view query, report::Options& out, std::string& parameter) {
  auto bad = [&](const char* name, std::string detail) {
    parameter = name;
    return Status::malformed(std::move(detail));
  };
  std::string v;
  if (!query_param(query, "metric", out.metric) || out.metric.empty()) {
    return bad("metric",
               "query parameter \"metric\" is required: the name of the conversion or custom "
               "events to analyse");
  }
  if (query_param(query, "method", v)) {
    if (v == "frequentist") {
      out.method = report::Method::kFrequentist;
    } else if (v == "bayesian") {
      out.method = report::Method::kBayesian;
    } else if (v == "sequential") {
      out.method = report::Method::kSequential;
    } else {
      return bad("method", "method is \"" + v + "\", expected frequentist, bayesian or sequential");
    }
  }
  if (query_param(query, "segment", out.segment) && out.segment.empty()) {
    return bad("segment", "segment is empty, expected the name of an exposure attribute");
  }
  if (query_param(query, "alpha", v) &&
      (!parse_number(v, out.alpha) || !(out.alpha > 0) || !(out.alpha < 1))) {
    return bad("alpha", "alpha is \"" + v + "\", expected a number between 0 and 1 (exclusive)");
  }
  if (query_param(query, "relative", v)) {
    if (v != "true" && v != "false") {
      return bad("relative", "relative is \"" + v + "\", expected true or false");
    }
    out.relative = v == "true";
  }
  if (query_param(query, "nStar", v) &&
      (!parse_number(v, out.n_star) || !(out.n_star > 0) || out.n_star > 1e15)) {
    return bad("nStar", "nStar is \"" + v + "\", expected a number > 0 (the expected sample size)");
  }
  return {};
}

std::optional<report::Design> find_design(const ConfigRegistry::Snapshot& configs,
                                          std::string_view experiment) {
  for (const auto& [sdk_key, config] : configs) {
    auto parsed = json::parse(*config->bytes);
    if (!parsed) continue;
    if (auto d = report::find_design(parsed.value(), experiment)) {
      d->source = sdk_key;
      return d;
    }
  }
  return std::nullopt;
}

}  // namespace tailor::edge
