// The stats protocol (core/stats/protocol.h): the exact request/answer shapes of issue 6, and
// per-line errors that name the field. Runs natively and as wasm like every core test.
#include "core/stats/protocol.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/json/parse.h"

namespace tailor::stats {
namespace {

using Catch::Detail::Approx;

json::Value ask(const std::string& line) {
  auto v = json::parse(answer(line));
  REQUIRE(v.ok());
  return *v;
}

double num(const json::Value& v, const char* key) { return v.find(key)->as_number(); }
double at(const json::Value& v, const char* key, size_t i) {
  return v.find(key)->as_array()[i].as_number();
}

constexpr const char* kArms = R"("control":{"n":3407,"sum":1396.87,"sum_squares":52377.9767},)"
                              R"("treatment":{"n":3461,"sum":2422.7,"sum_squares":134698.29})";

TEST_CASE("stats protocol: the issue's frequentist example", "[stats][protocol]") {
  auto v = ask(std::string(R"({"id":"a","test":"frequentist","relative":true,"alpha":0.05,)") +
               R"("alternative":"two-sided",)" + kArms + "}");
  REQUIRE(v.find("error") == nullptr);
  CHECK(v.find("id")->as_string() == "a");
  // tests/data/stats_cases.json, case "issue example relative=True two-sided".
  CHECK(num(v, "effect") == Approx(0.7073170731707317));
  CHECK(num(v, "p_value") == Approx(0.06191182745596175));
  CHECK(num(v, "se") == Approx(0.3787943616681428));
  CHECK(at(v, "ci", 0) == Approx(-0.03526008906560585));
  CHECK(at(v, "ci", 1) == Approx(1.4498942354070692));
  // One-sided: the open side is null.
  auto g =
      ask(std::string(R"({"id":2,"test":"frequentist","alternative":"greater",)") + kArms + "}");
  CHECK(g.find("id")->as_number() == 2);
  CHECK(g.find("ci")->as_array()[1].is_null());
  CHECK(num(g, "p_value") == Approx(0.030955913727980875));
}

TEST_CASE("stats protocol: every test answers", "[stats][protocol]") {
  auto s = ask(std::string(R"({"id":"s","test":"sequential","n_star":5000,)") + kArms + "}");
  CHECK(s.find("error") == nullptr);
  CHECK(s.contains("effect"));
  CHECK(s.contains("p_value"));
  auto b = ask(std::string(R"({"id":"b","test":"bayesian","prior":{"mean":0,"variance":0.09,)") +
               R"("proper":true},)" + kArms + "}");
  CHECK(b.find("error") == nullptr);
  CHECK(b.find("risk")->as_array().size() == 2);
  CHECK(num(b, "chance_to_win") > 0.5);
  auto c = ask(R"({"id":"c","test":"cuped","relative":false,)"
               R"("control":{"n":1000,"sum":10250,"sum_squares":115900,"pre_sum":9800,)"
               R"("pre_sum_squares":106500,"sum_product":109100},)"
               R"("treatment":{"n":1000,"sum":10900,"sum_squares":130000,"pre_sum":9900,)"
               R"("pre_sum_squares":108300,"sum_product":115400}})");
  CHECK(num(c, "effect") == Approx(0.5720790171043131));  // stats_cases.json "cuped"
  auto srm = ask(R"({"id":"r","test":"srm","observed":[1000,1200],"weights":[0.5,0.5]})");
  CHECK(num(srm, "chi2") == Approx(200.0 / 11));
  CHECK(srm.find("mismatch")->as_bool());
  auto adj = ask(R"({"id":"h","test":"adjust","method":"holm","p_values":[0.01,0.04,0.03,0.005]})");
  CHECK(at(adj, "adjusted", 1) == Approx(0.06));
  auto ss = ask(R"({"id":"n","test":"sample_size","metric":"proportion","baseline":0.025,)"
                R"("treatment":0.029,"alpha":0.05,"power":0.8})");
  CHECK(num(ss, "per_arm") == 25771);
  auto ssm = ask(R"({"id":"m","test":"sample_size","metric":"mean","mean":50,"sd":1,"mde":0.01,)"
                 R"("relative":true})");
  CHECK(num(ssm, "per_arm") == 63);  // mde 0.5 absolute, as in methods_test.cc
  auto th = ask(R"({"id":"t","test":"thompson","arms":[{"n":1000,"successes":20},)"
                R"({"n":1000,"successes":60},{"n":1000,"successes":50}],"seed":1,"draws":10000,)"
                R"("control_floor":0.3})");
  REQUIRE(th.find("weights") != nullptr);
  CHECK(at(th, "weights", 0) == Approx(0.3));
  CHECK(at(th, "weights", 0) + at(th, "weights", 1) + at(th, "weights", 2) == Approx(1));
  auto pw = ask(R"({"id":"p","test":"power","metric":"proportion","baseline":0.025,)"
                R"("treatment":0.029,"n":25771})");
  CHECK(num(pw, "power") >= 0.8);
  // Simpson's example of monitoring_test.cc: pooled +4.76, stratified 0.
  auto st = ask(R"({"id":"st","test":"stratified","relative":false,"periods":[)"
                R"({"control":{"n":500,"sum":5000,"sum_squares":50499},)"
                R"("treatment":{"n":500,"sum":5000,"sum_squares":50499}},)"
                R"({"control":{"n":100,"sum":2000,"sum_squares":40099},)"
                R"("treatment":{"n":900,"sum":18000,"sum_squares":360899}}]})");
  REQUIRE(st.find("error") == nullptr);
  CHECK(num(st, "effect") == Approx(0).margin(1e-12));
  auto an = ask(R"({"id":"an","test":"anomaly","pre_period":{"n":5,"sum":15,"sum_squares":55},)"
                R"("current":7,"k":2})");
  CHECK(an.find("anomalous")->as_bool());
  auto gr =
      ask(R"({"id":"g","test":"guardrail","higher_is_better":false,"margin":0.01,)"
          R"("control":{"n":10000,"successes":200},"treatment":{"n":10000,"successes":300}})");
  CHECK(gr.find("degraded")->as_bool());
  CHECK_FALSE(gr.find("non_inferior")->as_bool());
}

// Issue 14 section 1 through the protocol: `se` in every answer, one-sided sequential tests,
// SRM with a weight-0 arm. Expected values: tests/data/stats_cases.json.
TEST_CASE("stats protocol: se everywhere and gbstats' definitions", "[stats][protocol]") {
  auto s = ask(std::string(R"({"id":"s","test":"sequential","n_star":5000,)") + kArms + "}");
  CHECK(num(s, "se") == Approx(0.3787943616681428));
  auto g = ask(std::string(R"({"id":"g","test":"sequential","n_star":5000,)") +
               R"("alternative":"greater",)" + kArms + "}");
  CHECK(num(g, "p_value") == Approx(0.41230465077656075));  // "issue example relative=True greater"
  CHECK(at(g, "ci", 0) == Approx(-0.34639397202561084));
  CHECK(g.find("ci")->as_array()[1].is_null());
  auto half = ask(std::string(R"({"id":"h","test":"sequential","n_star":5000,"alpha":0.5,)") +
                  R"("alternative":"less",)" + kArms + "}");
  CHECK(half.find("error")->as_string() ==
        "alpha is 0.5, expected a number below 0.5 for a one-sided sequential test (its sequence "
        "is built at level 2 alpha)");
  auto b = ask(std::string(R"({"id":"b","test":"bayesian","prior":{"mean":0,"variance":0.09,)") +
               R"("proper":true},)" + kArms + "}");
  CHECK(num(b, "se") == Approx(0.2351771).epsilon(1e-6));  // the posterior's sd
  auto c = ask(R"({"id":"c","test":"cuped","relative":true,)"
               R"("control":{"n":1000,"sum":10250,"sum_squares":115900,"pre_sum":9800,)"
               R"("pre_sum_squares":106500,"sum_product":109100},)"
               R"("treatment":{"n":1000,"sum":10900,"sum_squares":130000,"pre_sum":9900,)"
               R"("pre_sum_squares":108300,"sum_product":115400}})");
  CHECK(num(c, "effect") == Approx(0.05581258703456713));
  CHECK(num(c, "se") == Approx(0.009778818695481707));
  CHECK(num(c, "theta") == Approx(0.779209828956878));
  auto gr = ask(R"({"id":"g","test":"guardrail","control":{"n":10000,"successes":200},)"
                R"("treatment":{"n":10000,"successes":300}})");
  // Relative lift 0.5; se^2 = 0.03*0.97/(0.02^2*10000) + 0.02*0.98*0.03^2/(0.02^4*10000).
  CHECK(num(gr, "se") == Approx(std::sqrt(0.007275 + 0.011025)));
  auto srm = ask(R"({"id":"r","test":"srm","observed":[1000,1200,900],"weights":[0.5,0.5,0]})");
  CHECK(num(srm, "chi2") == Approx(200.0 / 11));
  CHECK(num(srm, "dof") == 1);
  CHECK(srm.find("mismatch")->as_bool());
  auto neg =
      ask(R"({"id":"n","test":"frequentist","control":{"n":1000,"sum":-10000,)"
          R"("sum_squares":104000},"treatment":{"n":1000,"sum":-5000,"sum_squares":29000}})");
  CHECK(num(neg, "effect") == 0.5);
}

TEST_CASE("stats protocol: errors name the field and what is valid", "[stats][protocol]") {
  auto e1 = ask(R"({"id":"e1","test":"frequentist","control":{"sum":1,"sum_squares":2},)"
                R"("treatment":{"n":10,"sum":1,"sum_squares":2}})");
  CHECK(e1.find("id")->as_string() == "e1");
  CHECK(e1.find("error")->as_string() == "control.n is missing, expected a number");
  auto e2 =
      ask(std::string(R"({"id":"e2","test":"frequentist","alternative":"both",)") + kArms + "}");
  CHECK(e2.find("error")->as_string() ==
        R"(alternative is "both", expected "two-sided", "greater" or "less")");
  auto e3 = ask(R"({"id":"e3","test":"frequentist","control":{"n":2.5,"sum":1,"sum_squares":2},)"
                R"("treatment":{"n":10,"sum":1,"sum_squares":2}})");
  CHECK(e3.find("error")->as_string() == "control: n is 2.5, expected a whole number >= 0");
  auto e4 = ask(R"({"id":"e4","test":"frequentist","control":{"n":10,"sum":10,"sum_squares":10},)"
                R"("treatment":{"n":10,"sum":10,"sum_squares":10}})");
  CHECK(e4.find("error")->as_string().find("zero variance") != std::string::npos);
  auto e5 = ask(R"({"id":"e5","test":"median"})");
  CHECK(e5.find("error")->as_string().rfind("test is \"median\", expected one of", 0) == 0);
  auto e6 = json::parse(answer("{not json", 7));
  REQUIRE(e6.ok());
  CHECK(e6->find("id")->is_null());
  CHECK(e6->find("error")->as_string().rfind("line 7: invalid JSON", 0) == 0);
  auto e7 = ask(R"({"id":"e7","test":"srm","observed":[1,"2"],"weights":[1,1]})");
  CHECK(e7.find("error")->as_string() == R"(observed is [1,"2"], expected an array of numbers)");
  auto e8 = ask(R"({"id":"e8","test":"sample_size","metric":"proportion","baseline":0.025,)"
                R"("treatment":0.025})");
  CHECK(e8.find("error")->as_string() == "treatment equals baseline, expected a difference");
  CHECK_FALSE(answer_with_status("[]", 1).ok);
  CHECK(answer_with_status(R"({"id":1,"test":"adjust","method":"bh","p_values":[]})", 1).ok);
}

}  // namespace
}  // namespace tailor::stats
