#include "core/stats/protocol.h"

#include <cmath>
#include <string>
#include <vector>

#include "core/bandit/thompson.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "core/stats/adjust.h"
#include "core/stats/bayesian.h"
#include "core/stats/cuped.h"
#include "core/stats/frequentist.h"
#include "core/stats/guardrail.h"
#include "core/stats/power.h"
#include "core/stats/sequential.h"
#include "core/stats/srm.h"
#include "core/stats/stratified.h"
#include "core/text/shorten.h"

namespace tailor::stats {
namespace {

using json::Value;

// A request problem; thrown only inside this file and turned into {"error": …} by answer().
struct BadRequest {
  std::string message;
};

std::string describe(const Value& v) {
  std::string s = json::stringify(v);
  return text::shorten(s, 40);
}

[[noreturn]] void fail(const std::string& field, const Value* v, const std::string& expected) {
  throw BadRequest{field + (v == nullptr ? " is missing" : " is " + describe(*v)) + ", expected " +
                   expected};
}

// Field access with paths ("control.n") for messages.
class Fields {
 public:
  Fields(const Value& body, std::string path) : body_(body), path_(std::move(path)) {}

  std::string name(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  const Value* find(std::string_view key) const { return body_.find(key); }
  bool has(std::string_view key) const {
    const Value* v = body_.find(key);
    return v != nullptr && !v->is_null();
  }
  double number(std::string_view key) const {
    const Value* v = body_.find(key);
    if (v == nullptr || !v->is_number()) fail(name(key), v, "a number");
    return v->as_number();
  }
  double number_or(std::string_view key, double fallback) const {
    return has(key) ? number(key) : fallback;
  }
  bool boolean_or(std::string_view key, bool fallback) const {
    const Value* v = body_.find(key);
    if (v == nullptr || v->is_null()) return fallback;
    if (!v->is_bool()) fail(name(key), v, "true or false");
    return v->as_bool();
  }
  std::string string_or(std::string_view key, std::string fallback) const {
    const Value* v = body_.find(key);
    if (v == nullptr || v->is_null()) return fallback;
    if (!v->is_string()) fail(name(key), v, "a string");
    return v->as_string();
  }
  Fields object(std::string_view key) const {
    const Value* v = body_.find(key);
    if (v == nullptr || !v->is_object()) fail(name(key), v, "an object");
    return Fields(*v, name(key));
  }
  std::vector<double> numbers(std::string_view key) const {
    const Value* v = body_.find(key);
    if (v == nullptr || !v->is_array()) fail(name(key), v, "an array of numbers");
    std::vector<double> out;
    for (const auto& x : v->as_array()) {
      if (!x.is_number()) fail(name(key), v, "an array of numbers");
      out.push_back(x.as_number());
    }
    return out;
  }
  const std::string& path() const { return path_; }

 private:
  const Value& body_;
  std::string path_;
};

template <class T>
T unwrap(Result<T> r, const std::string& context) {
  if (!r.ok()) throw BadRequest{context.empty() ? r.error() : context + ": " + r.error()};
  return std::move(r).value();
}

// An arm as {n, successes} (proportion), {n, m_sum, …, md_sum_product} (ratio) or
// {n, sum, sum_squares} (mean).
ArmSummary arm(const Fields& req, std::string_view key) {
  Fields a = req.object(key);
  if (a.has("successes")) {
    return unwrap(summarize(ProportionStats{a.number("n"), a.number("successes")}), a.path());
  }
  if (a.has("d_sum")) {
    return unwrap(summarize(RatioStats{a.number("n"), a.number("m_sum"), a.number("m_sum_squares"),
                                       a.number("d_sum"), a.number("d_sum_squares"),
                                       a.number("md_sum_product")}),
                  a.path());
  }
  return unwrap(summarize(MeanStats{a.number("n"), a.number("sum"), a.number("sum_squares")}),
                a.path());
}

CupedStats cuped_arm(const Fields& req, std::string_view key) {
  Fields a = req.object(key);
  return CupedStats{a.number("n"),
                    a.number("sum"),
                    a.number("sum_squares"),
                    a.number("pre_sum"),
                    a.number("pre_sum_squares"),
                    a.number("sum_product")};
}

TestOptions options(const Fields& req) {
  TestOptions o;
  o.alpha = req.number_or("alpha", 0.05);
  if (!(o.alpha > 0 && o.alpha < 1)) fail("alpha", req.find("alpha"), "a number between 0 and 1");
  o.relative = req.boolean_or("relative", true);
  std::string alt = req.string_or("alternative", "two-sided");
  if (!parse_alternative(alt, o.alternative)) {
    fail("alternative", req.find("alternative"), "\"two-sided\", \"greater\" or \"less\"");
  }
  return o;
}

Value pair(double a, double b) { return Value(json::Array{Value(a), Value(b)}); }

Value numbers(const std::vector<double>& xs) {
  json::Array out;
  for (double x : xs) out.push_back(Value(x));
  return Value(std::move(out));
}

// Non-finite CI bounds (one-sided) become null through JSON.stringify. Every answer carries
// `se`, so a reader can rebuild any interval from the effect.
void put_test(Value& out, const TestResult& r) {
  out.set("effect", Value(r.effect));
  out.set("ci", pair(r.ci_lower, r.ci_upper));
  out.set("p_value", Value(r.p_value));
  out.set("se", Value(r.se));
}

void sample_size(const Fields& req, Value& out) {
  std::string metric = req.string_or("metric", "");
  double alpha = req.number_or("alpha", 0.05), power = req.number_or("power", 0.8);
  bool relative = req.boolean_or("relative", false);
  if (metric == "proportion") {
    double base = req.number("baseline");
    double treat = req.has("treatment") ? req.number("treatment")
                                        : base + req.number("mde") * (relative ? base : 1);
    out.set("per_arm", Value(unwrap(sample_size_proportions(base, treat, alpha, power), "")));
  } else if (metric == "mean") {
    double mde = req.number("mde");
    if (relative) mde *= req.number("mean");
    double sd = req.number("sd");
    out.set("per_arm", Value(unwrap(sample_size_means(sd, mde, alpha, power), "")));
  } else {
    fail("metric", req.find("metric"), "\"proportion\" or \"mean\"");
  }
}

void power_or_mde(const Fields& req, const std::string& test, Value& out) {
  std::string metric = req.string_or("metric", "");
  double alpha = req.number_or("alpha", 0.05);
  double n = req.number("n");
  if (metric != "proportion" && metric != "mean") {
    fail("metric", req.find("metric"), "\"proportion\" or \"mean\"");
  }
  bool prop = metric == "proportion";
  if (test == "power") {
    // One field read per statement: argument evaluation order differs between compilers, and
    // the first missing field must be the same one natively and in WASM.
    double a = req.number(prop ? "baseline" : "sd");
    double b = req.number(prop ? "treatment" : "mde");
    double p = prop ? unwrap(power_proportions(a, b, n, alpha), "")
                    : unwrap(power_means(a, b, n, alpha), "");
    out.set("power", Value(p));
    return;
  }
  double power = req.number_or("power", 0.8);
  double a = req.number(prop ? "baseline" : "sd");
  double m = prop ? unwrap(mde_proportions(a, n, alpha, power), "")
                  : unwrap(mde_means(a, n, alpha, power), "");
  out.set("mde", Value(m));
}

void thompson(const Fields& req, Value& out) {
  const Value* arms = req.find("arms");
  if (arms == nullptr || !arms->is_array()) fail("arms", arms, "an array of arm statistics");
  bandit::ThompsonOptions o;
  double seed = req.number_or("seed", 1);
  if (!(seed >= 0 && seed <= 9007199254740991.0 && seed == std::floor(seed))) {
    fail("seed", req.find("seed"), "a whole number from 0 to 2^53 - 1");
  }
  o.seed = static_cast<std::uint64_t>(seed);
  double draws = req.number_or("draws", 10000);
  if (!(draws >= 1 && draws <= 1000000 && draws == std::floor(draws))) {
    fail("draws", req.find("draws"), "a whole number from 1 to 1000000");
  }
  o.draws = static_cast<int>(draws);
  o.control_floor = req.number_or("control_floor", 0);
  o.min_weight = req.number_or("min_weight", 0);
  std::vector<bandit::BernoulliArm> bern;
  std::vector<bandit::GaussianArm> gauss;
  for (size_t i = 0; i < arms->as_array().size(); ++i) {
    const Value& a = arms->as_array()[i];
    std::string path = "arms[" + std::to_string(i) + "]";
    if (!a.is_object()) fail(path, &a, "an object");
    Fields f(a, path);
    if (f.has("successes")) {
      bern.push_back({f.number("n"), f.number("successes")});
    } else {
      gauss.push_back({f.number("n"), f.number("sum"), f.number("sum_squares")});
    }
  }
  if (!bern.empty() && !gauss.empty()) {
    fail("arms", arms, "all arms {n, successes} or all arms {n, sum, sum_squares}");
  }
  auto alloc = bern.empty() ? unwrap(bandit::thompson_gaussian(gauss, o), "")
                            : unwrap(bandit::thompson_bernoulli(bern, o), "");
  out.set("weights", numbers(alloc.weights));
  out.set("win_probability", numbers(alloc.win_probability));
}

std::vector<PeriodArms> periods(const Fields& req) {
  const Value* list = req.find("periods");
  if (list == nullptr || !list->is_array() || list->as_array().empty()) {
    fail("periods", list, "a non-empty array of {control, treatment}");
  }
  std::vector<PeriodArms> out;
  for (size_t k = 0; k < list->as_array().size(); ++k) {
    const Value& p = list->as_array()[k];
    std::string path = "periods[" + std::to_string(k) + "]";
    if (!p.is_object()) fail(path, &p, "an object {control, treatment}");
    Fields f(p, path);
    out.push_back({arm(f, "control"), arm(f, "treatment")});
  }
  return out;
}

void monitoring(const Fields& req, const std::string& test, Value& out) {
  if (test == "anomaly") {
    Fields pre = req.object("pre_period");
    std::string dir = req.string_or("direction", "both");
    Direction d = dir == "drop"   ? Direction::kDrop
                  : dir == "rise" ? Direction::kRise
                                  : Direction::kBoth;
    if (dir != "both" && dir != "drop" && dir != "rise") {
      fail("direction", req.find("direction"), "\"both\", \"drop\" or \"rise\"");
    }
    MeanStats stats{pre.number("n"), pre.number("sum"), pre.number("sum_squares")};
    double current = req.number("current");
    double k = req.number_or("k", 2);
    auto r = unwrap(anomaly_check(stats, current, k, d), "");
    out.set("z", Value(r.z));
    out.set("anomalous", Value(r.anomalous));
    return;
  }
  ArmSummary c = arm(req, "control"), t = arm(req, "treatment");
  bool higher_is_better = req.boolean_or("higher_is_better", true);
  double margin = req.number_or("margin", 0);
  double alpha = req.number_or("alpha", 0.05);
  auto r = unwrap(guardrail_check(c, t, higher_is_better, margin, alpha), "");
  out.set("effect", Value(r.harm.effect));
  out.set("se", Value(r.harm.se));
  out.set("p_value", Value(r.harm.p_value));
  out.set("degraded", Value(r.degraded));
  out.set("non_inferior", Value(r.non_inferior));
}

void dispatch(const Fields& req, Value& out) {
  const Value* test_field = req.find("test");
  std::string test =
      test_field != nullptr && test_field->is_string() ? test_field->as_string() : "";
  if (test == "frequentist") {
    ArmSummary c = arm(req, "control"), t = arm(req, "treatment");
    TestOptions o = options(req);
    put_test(out, unwrap(welch_t_test(c, t, o), ""));
  } else if (test == "stratified") {
    std::vector<PeriodArms> p = periods(req);
    TestOptions o = options(req);
    put_test(out, unwrap(stratified_test(p, o), ""));
  } else if (test == "anomaly" || test == "guardrail") {
    monitoring(req, test, out);
  } else if (test == "sequential") {
    ArmSummary c = arm(req, "control"), t = arm(req, "treatment");
    TestOptions o = options(req);
    double n_star = req.number("n_star");
    put_test(out, unwrap(sequential_test(c, t, o, n_star), ""));
  } else if (test == "bayesian") {
    ArmSummary c = arm(req, "control"), t = arm(req, "treatment");
    TestOptions o = options(req);
    GaussianPrior prior;
    if (req.has("prior")) {
      Fields p = req.object("prior");
      prior.proper = p.boolean_or("proper", true);
      prior.mean = p.number_or("mean", 0);
      prior.variance = prior.proper ? p.number("variance") : p.number_or("variance", 1);
    }
    bool inverse = req.boolean_or("inverse", false);
    auto r = unwrap(bayesian_test(c, t, o.relative, o.alpha, prior, inverse), "");
    out.set("effect", Value(r.effect));
    out.set("ci", pair(r.ci_lower, r.ci_upper));
    out.set("se", Value(r.sd));  // the posterior's standard deviation
    out.set("chance_to_win", Value(r.chance_to_win));
    out.set("risk", pair(r.risk_control, r.risk_treatment));
  } else if (test == "cuped") {
    CupedStats c = cuped_arm(req, "control"), t = cuped_arm(req, "treatment");
    TestOptions o = options(req);
    auto r = unwrap(cuped_test(c, t, o), "");
    put_test(out, r.test);
    out.set("theta", Value(r.theta));
    out.set("variance_reduction", Value(r.variance_reduction));
  } else if (test == "srm") {
    std::vector<double> observed = req.numbers("observed");
    std::vector<double> weights = req.numbers("weights");
    auto r = unwrap(srm_check(observed, weights), "");
    out.set("chi2", Value(r.chi2));
    out.set("dof", Value(r.dof));
    out.set("p_value", Value(r.p_value));
    out.set("mismatch", Value(r.mismatch));
  } else if (test == "adjust") {
    std::string method = req.string_or("method", "");
    auto p = req.numbers("p_values");
    if (method == "holm") {
      out.set("adjusted", numbers(unwrap(holm_adjust(p), "")));
    } else if (method == "bh") {
      out.set("adjusted", numbers(unwrap(bh_adjust(p), "")));
    } else {
      fail("method", req.find("method"), "\"holm\" or \"bh\"");
    }
  } else if (test == "sample_size") {
    sample_size(req, out);
  } else if (test == "power" || test == "mde") {
    power_or_mde(req, test, out);
  } else if (test == "thompson") {
    thompson(req, out);
  } else {
    fail("test", test_field,
         "one of frequentist, sequential, bayesian, cuped, stratified, srm, adjust, sample_size, "
         "power, mde, thompson, anomaly, guardrail");
  }
}

}  // namespace

Value answer_request(const Value& request) {
  Value out = Value::empty_object();
  const Value* id = request.find("id");
  out.set("id", id != nullptr ? *id : Value());
  if (!request.is_object()) {
    out.set("error", Value("a request must be a JSON object"));
    return out;
  }
  try {
    dispatch(Fields(request, ""), out);
  } catch (const BadRequest& e) {
    Value err = Value::empty_object();
    err.set("id", out.find("id") != nullptr ? *out.find("id") : Value());
    err.set("error", Value(e.message));
    return err;
  }
  return out;
}

std::string answer(std::string_view line, long line_number) {
  return answer_with_status(line, line_number).text;
}

Answer answer_with_status(std::string_view line, long line_number) {
  auto parsed = json::parse(line);
  if (!parsed) {
    Value err = Value::empty_object();
    err.set("id", Value());
    std::string where = line_number > 0 ? "line " + std::to_string(line_number) + ": " : "";
    err.set("error", Value(where + "invalid JSON: " + parsed.error()));
    return {json::stringify(err), false};
  }
  Value out = answer_request(*parsed);
  bool ok = out.find("error") == nullptr;
  return {json::stringify(out), ok};
}

}  // namespace tailor::stats
