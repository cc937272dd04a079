#include "core/conformance/protocol.h"

#include <cmath>
#include <optional>
#include <vector>

#include "core/assign/bucket.h"
#include "core/assign/evaluate.h"
#include "core/assign/hash.h"
#include "core/assign/redirect.h"
#include "core/crypto/decrypt.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "core/targeting/condition.h"

namespace tailor::conformance {
namespace {

using json::Value;

// A request-field problem; the message names the field and what would be valid.
struct FieldError {
  std::string message;
};

class Request {
 public:
  explicit Request(const Value& body) : body_(body) {}

  const Value* optional(std::string_view field) const { return body_.find(field); }

  const Value& any(std::string_view field) const {
    const Value* v = body_.find(field);
    if (v == nullptr) throw FieldError{"missing field \"" + std::string(field) + "\""};
    return *v;
  }
  const std::string& string(std::string_view field) const {
    const Value& v = any(field);
    if (!v.is_string()) throw FieldError{expected(field, "a string")};
    return v.as_string();
  }
  double number(std::string_view field) const {
    const Value& v = any(field);
    if (!v.is_number()) throw FieldError{expected(field, "a number")};
    return v.as_number();
  }
  int count(std::string_view field) const {
    double n = number(field);
    if (n != std::floor(n) || n < 0 || n > 1000) {
      throw FieldError{expected(field, "an integer from 0 to 1000")};
    }
    return static_cast<int>(n);
  }
  const Value& object(std::string_view field, const Value& fallback) const {
    const Value* v = body_.find(field);
    if (v == nullptr || v->is_null()) return fallback;
    if (!v->is_object()) throw FieldError{expected(field, "an object")};
    return *v;
  }

  static std::string expected(std::string_view field, std::string_view what) {
    return "field \"" + std::string(field) + "\" must be " + std::string(what);
  }

 private:
  const Value& body_;
};

Value ranges_to_json(const std::vector<assign::BucketRange>& ranges) {
  json::Array out;
  for (const auto& [start, end] : ranges) out.push_back(Value(json::Array{Value(start), Value(end)}));
  return Value(std::move(out));
}

std::vector<assign::BucketRange> ranges_from_json(const Value& v) {
  if (!v.is_array()) throw FieldError{Request::expected("ranges", "an array of [start, end] pairs")};
  std::vector<assign::BucketRange> out;
  for (const auto& r : v.as_array()) {
    if (!r.is_array() || r.as_array().size() != 2 || !r.as_array()[0].is_number() ||
        !r.as_array()[1].is_number()) {
      throw FieldError{Request::expected("ranges", "an array of [start, end] number pairs")};
    }
    out.emplace_back(r.as_array()[0].as_number(), r.as_array()[1].as_number());
  }
  return out;
}

const Value kEmptyObject = Value::empty_object();

Value dispatch(const Request& req, const std::string& op) {
  if (op == "evalCondition") {
    return Value(targeting::eval_condition(req.object("attributes", kEmptyObject),
                                           req.any("condition"),
                                           req.object("savedGroups", kEmptyObject)));
  }
  if (op == "hash") {
    const Value& version = req.any("version");
    std::optional<double> h;
    if (version.is_number() && (version.as_number() == 1 || version.as_number() == 2)) {
      h = assign::hash(req.string("seed"), req.string("value"),
                       static_cast<int>(version.as_number()));
    } else {
      req.string("seed");
      req.string("value");
    }
    return h ? Value(*h) : Value();
  }
  if (op == "getBucketRange") {
    int n = req.count("numVariations");
    // JavaScript's default applies only when coverage is absent; null then reads as 0.
    double coverage = 1;
    if (const Value* c = req.optional("coverage")) {
      if (!c->is_number() && !c->is_null()) throw FieldError{Request::expected("coverage", "a number")};
      coverage = json::to_js_number(*c);
    }
    std::vector<double> weights;
    const Value* w = req.optional("weights");
    bool has_weights = w != nullptr && !w->is_null();
    if (has_weights) {
      if (!w->is_array()) throw FieldError{Request::expected("weights", "an array of numbers or null")};
      for (const auto& x : w->as_array()) {
        if (!x.is_number()) throw FieldError{Request::expected("weights", "an array of numbers or null")};
        weights.push_back(x.as_number());
      }
    }
    return ranges_to_json(assign::bucket_ranges(n, coverage, has_weights ? &weights : nullptr));
  }
  if (op == "chooseVariation") {
    return Value(static_cast<double>(
        assign::choose_variation(req.number("n"), ranges_from_json(req.any("ranges")))));
  }
  if (op == "inNamespace") {
    const Value& ns = req.any("namespace");
    const auto* items = ns.is_array() ? &ns.as_array() : nullptr;
    if (items == nullptr || items->size() != 3 || !(*items)[0].is_string() ||
        !(*items)[1].is_number() || !(*items)[2].is_number()) {
      throw FieldError{Request::expected("namespace", "[id, start, end] (string, number, number)")};
    }
    return Value(assign::in_namespace(req.string("hashValue"), (*items)[0].as_string(),
                                      (*items)[1].as_number(), (*items)[2].as_number()));
  }
  if (op == "getEqualWeights") {
    // GrowthBook answers [] for n <= 0.
    double n = req.number("n");
    if (n != std::floor(n) || n > 1000) {
      throw FieldError{Request::expected("n", "an integer at most 1000")};
    }
    json::Array out;
    for (double w : assign::equal_weights(n < 0 ? 0 : static_cast<int>(n))) out.push_back(Value(w));
    return Value(std::move(out));
  }
  if (op == "getQueryStringOverride") {
    auto v = assign::query_string_override(req.string("experimentKey"), req.string("url"),
                                           req.count("numVariations"));
    return v ? Value(*v) : Value();
  }
  if (op == "decrypt") {
    auto plain = crypto::decrypt(req.string("encrypted"), req.string("key"));
    return plain ? Value(std::move(*plain)) : Value();
  }
  if (op == "stickyBucket") {
    const Value& context = req.object("context", kEmptyObject);
    const Value& stored = req.any("assignmentDocs");
    if (!stored.is_array()) {
      throw FieldError{Request::expected("assignmentDocs", "an array of sticky-bucket documents")};
    }
    Value docs = assign::load_sticky_docs(context, stored);
    Value feature = assign::eval_feature(context, req.string("featureKey"), &docs);
    if (feature.is_null()) return Value();
    const Value* exp_result = feature.find("experimentResult");
    Value out = Value::empty_object();
    out.set("experimentResult", exp_result ? *exp_result : Value());
    out.set("assignmentDocs", std::move(docs));
    return out;
  }
  if (op == "urlRedirect") {
    std::string error;
    Value run = assign::run_url_redirects(req.object("context", kEmptyObject), &error);
    if (run.is_null()) return Value();
    json::Array out;
    for (const Value& call : run.find("tracked")->as_array()) {
      const Value& result = *call.find("result");
      Value entry = Value::empty_object();
      entry.set("inExperiment", *result.find("inExperiment"));
      const Value* value = result.find("value");
      if (const Value* target = value ? value->find("urlRedirect") : nullptr) {
        entry.set("urlRedirect", *target);
      }
      entry.set("urlWithParams", *run.find("redirect"));
      out.push_back(std::move(entry));
    }
    return Value(std::move(out));
  }
  if (op == "feature" || op == "run") {
    // Sticky bucketing is on exactly when the context carries stickyBucketAssignmentDocs.
    const Value& context = req.object("context", kEmptyObject);
    const Value* docs = context.find("stickyBucketAssignmentDocs");
    Value sticky = docs ? *docs : Value();
    if (op == "feature") {
      return assign::eval_feature(context, req.string("featureKey"), docs ? &sticky : nullptr);
    }
    const Value& experiment = req.any("experiment");
    if (!experiment.is_object()) throw FieldError{Request::expected("experiment", "an object")};
    Value result = assign::run_experiment(context, experiment, docs ? &sticky : nullptr);
    Value out = Value::empty_object();
    for (const char* key : {"value", "inExperiment", "hashUsed", "variationId"}) {
      const Value* v = result.find(key);
      out.set(key, v ? *v : Value());
    }
    return out;
  }
  throw FieldError{"unknown op \"" + op +
                   "\", expected one of evalCondition, hash, getBucketRange, chooseVariation, "
                   "inNamespace, getEqualWeights, getQueryStringOverride, decrypt, feature, run, "
                   "stickyBucket, urlRedirect"};
}

std::string error_line(long line_number, const std::string& message) {
  Value v = Value::empty_object();
  v.set("error", Value("line " + std::to_string(line_number) + ": " + message));
  return json::stringify(v);
}

}  // namespace

std::string answer(std::string_view line, long line_number) {
  auto parsed = json::parse(line);
  if (!parsed) return error_line(line_number, "invalid JSON: " + parsed.error());
  const Value& body = parsed.value();
  if (!body.is_object()) return error_line(line_number, "a request must be a JSON object");
  try {
    Request req(body);
    Value result = dispatch(req, req.string("op"));
    Value out = Value::empty_object();
    out.set("result", std::move(result));
    return json::stringify(out);
  } catch (const FieldError& e) {
    return error_line(line_number, e.message);
  }
}

}  // namespace tailor::conformance
