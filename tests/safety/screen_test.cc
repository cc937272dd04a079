// The screening contract (JSON in and out, spans) and the thresholds on the labeled set.
#include "core/safety/screen.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/json/js.h"
#include "core/json/parse.h"
#include "core/safety/eval.h"
#include "core/safety/protocol.h"
#include "helpers.h"

using namespace safety_test;
using tailor::json::parse;

TEST_CASE("messages are read from JSON; errors name the member", "[safety][screen]") {
  auto m = message_from_json(parse(R"({"id":"v1","channel":"sms","subject":"Hi","body":"Yo",
      "context":{"approved_claims":["20% off"],"has_unsubscribe_required":true}})")
                                 .value());
  REQUIRE(m.ok());
  CHECK(m->channel == Channel::kSms);
  CHECK(m->approved_claims == std::vector<std::string>{"20% off"});
  CHECK(m->has_unsubscribe_required);
  CHECK(message_from_json(parse(R"({"id":"v1"})").value()).error() ==
        "body is missing or not a string");
  CHECK(message_from_json(parse(R"({"body":"x","channel":"fax"})").value()).error() ==
        "channel is \"fax\", expected email, sms or web");
  CHECK(message_from_json(parse(R"({"body":"x","context":{"approved_claims":"20%"}})").value())
            .error() == "context.approved_claims is not an array");
}

TEST_CASE("screening output: decision, severity, categories, UTF-16 spans", "[safety][screen]") {
  Message m;
  m.id = "v7";
  m.subject = "Caf\xC3\xA9 \xF0\x9F\x8E\x89";  // "Café 🎉" is 7 UTF-16 units, then "\n"
  m.body = "Hi {{first_name}}, damn good coffee.";
  const Screening s = default_screener().screen(m);
  CHECK(s.decision == Decision::kBlock);
  CHECK(s.severity == 4);
  const std::string json = tailor::json::stringify(screening_to_json(s));
  CHECK(
      json ==
      R"({"id":"v7","decision":"block","severity":4,"categories":["profanity","unfilled_placeholder"],)"
      R"("findings":[{"category":"unfilled_placeholder","severity":4,"span":[11,25],)"
      R"("detail":"unfilled template placeholder {{first_name}}"},)"
      R"({"category":"profanity","severity":2,"span":[27,31],"detail":"mild profanity: \"damn\""},)"
      // The backstop's finding on "damn good coffee" (27 to 43: 16 units), held at severity 1
      // because the rule above rates the same words lower.
      R"({"category":"profanity","severity":1,"span":[27,43],)"
      R"j("detail":"learned backstop (99%): \"damn\", \"good\", \"coffee\" (a rule rates these words lower)"}]})j");
}

TEST_CASE("screening is deterministic and independent of message order", "[safety][screen]") {
  auto a = screen_body("Killer deals! Holy shit.");
  auto b = screen_body("Killer deals! Holy shit.");
  CHECK(tailor::json::stringify(screening_to_json(a)) ==
        tailor::json::stringify(screening_to_json(b)));
}

namespace {

std::vector<LabeledItem> load_labeled(const std::string& name) {
  std::ifstream f(std::string(TAILOR_TEST_DATA_DIR) + "/" + name);
  REQUIRE(f);
  std::vector<LabeledItem> items;
  std::string line;
  int number = 0;
  while (std::getline(f, line)) {
    ++number;
    if (line.empty()) continue;
    auto item = labeled_item_from_json(parse(line).value());
    INFO(name << " line " << number << ": " << item.error());
    REQUIRE(item.ok());
    items.push_back(std::move(item).value());
  }
  return items;
}

}  // namespace

TEST_CASE("labeled set: block recall >= 95%, false-block rate on clean <= 1%",
          "[safety][thresholds]") {
  const auto items = load_labeled("safety_labeled.jsonl");
  REQUIRE(items.size() >= 300);
  for (const std::string split : {"", "dev", "holdout"}) {
    const EvalReport r = evaluate(default_screener(), items, split);
    INFO(format_report(r, split.empty() ? "all" : split));
    CHECK(r.block_recall() >= 0.95);
    CHECK(r.false_block_rate() <= 0.01);
  }
  // Every category is represented, and hard negatives are among the clean items.
  const EvalReport all = evaluate(default_screener(), items);
  for (const auto& c : all.categories) CHECK(c.true_positive + c.false_negative > 0);
  CHECK(all.labeled[0] >= 100);
}

TEST_CASE("development set: every category, every hard negative", "[safety][thresholds]") {
  // tests/data/safety_dev.jsonl (tools/gen/safety-dev-set.py) was tuned against: these are
  // development figures, asserted so a change that breaks a family is caught.
  const auto items = load_labeled("safety_dev.jsonl");
  REQUIRE(items.size() >= 200);
  const EvalReport r = evaluate(default_screener(), items);
  INFO(format_report(r, "development set"));
  CHECK(r.block_recall() >= 0.95);
  CHECK(r.false_block_rate() <= 0.01);
  CHECK(r.clean_pass_rate() >= 0.95);
  for (const auto& c : r.categories) CHECK(c.true_positive + c.false_negative > 0);
}

TEST_CASE("out-of-sample sets: clean copy is not blocked", "[safety][thresholds]") {
  // safety_challenge and safety_fresh{,2,3} were written after the detectors (see
  // docs/safety.md); their block recall is reported there, not asserted, because it measures
  // how rules generalise. Blocking clean copy is asserted: it is what marketers would see.
  std::vector<LabeledItem> clean;
  for (const char* name : {"safety_labeled.jsonl", "safety_challenge.jsonl", "safety_fresh.jsonl",
                           "safety_fresh2.jsonl", "safety_fresh3.jsonl"}) {
    for (auto& item : load_labeled(name)) {
      if (item.label == Decision::kAllow) clean.push_back(std::move(item));
    }
  }
  const EvalReport r = evaluate(default_screener(), clean);
  INFO(format_report(r, "clean items of every set"));
  CHECK(r.items >= 250);
  CHECK(r.false_block_rate() <= 0.01);
}

TEST_CASE("hostile input stays linear: a 200 KB message of placeholders, numbers, masks",
          "[safety][screen]") {
  std::string body;
  while (body.size() < 200000) body += "{ 50% $9 {{ [ %A <<x f*ck k1ll you 4111 ";
  Message m;
  m.body = body;
  const Screening s = default_screener().screen(m);
  CHECK(s.decision == Decision::kBlock);
  CHECK(!s.findings.empty());
  CHECK(s.findings.back().end <= body.size());
}

TEST_CASE("screen_line answers one request line, errors naming the line", "[safety]") {
  using tailor::safety::screen_line;
  std::string ok = screen_line(R"({"id":"m1","body":"Fresh linen shirts are in."})", 1);
  CHECK(ok.find(R"("id":"m1","decision":"allow")") != std::string::npos);
  CHECK(screen_line("{", 4).find("line 4: invalid JSON") != std::string::npos);
  CHECK(screen_line(R"({"id":"m2","channel":"fax","body":"x"})", 5).find("line 5: ") !=
        std::string::npos);
}

TEST_CASE("evaluation: a block for an unlabeled reason is not a right-reason block",
          "[safety][eval]") {
  // Labeled violence, but blocked only because the required opt-out is missing.
  auto wrong = labeled_item_from_json(
      parse(R"({"id":"a","body":"Meet us outside after the match.","label":"block",)"
            R"("categories":["violence"],"context":{"has_unsubscribe_required":true}})")
          .value());
  auto right = labeled_item_from_json(
      parse(R"({"id":"b","body":"What the fuck is this price.","label":"block",)"
            R"("categories":["profanity"]})")
          .value());
  REQUIRE(wrong.ok());
  REQUIRE(right.ok());
  const EvalReport r =
      evaluate(default_screener(), {std::move(wrong).value(), std::move(right).value()});
  CHECK(r.confusion[2][2] == 2);  // both blocked
  CHECK(r.blocked_for_label == 1);
  CHECK(format_report(r, "t").find("right-reason block recall    1/2") != std::string::npos);
}
