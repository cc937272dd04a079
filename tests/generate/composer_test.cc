// core/generate: the built-in composer: determinism, distinct strategies, grounding, channel
// shapes, and that its copy passes safety screening under the default policy.
#include "core/generate/composer.h"

#include <catch2/catch.hpp>
#include <set>

#include "core/content/tokenize.h"
#include "core/generate/markup.h"
#include "core/generate/validate.h"
#include "core/json/js.h"
#include "core/safety/screen.h"
#include "tests/generate/sample.h"

using namespace tailor;
using namespace tailor::generate;
using content::Channel;
using tailor::testing::sample_request;

namespace {

Draft compose(const Request& r) {
  Composer composer;
  auto d = composer.generate(r);
  INFO(d.error());
  REQUIRE(d.ok());
  return *d;
}

double jaccard(const std::string& a, const std::string& b) {
  std::vector<std::string> ta, tb;
  content::tokenize(a, ta);
  content::tokenize(b, tb);
  const std::set<std::string> sa(ta.begin(), ta.end()), sb(tb.begin(), tb.end());
  size_t common = 0;
  for (const auto& w : sa) common += sb.count(w);
  return static_cast<double>(common) / static_cast<double>(sa.size() + sb.size() - common);
}

const Strategy kAll[] = {Strategy::kBenefit, Strategy::kSocialProof, Strategy::kLoyalty,
                         Strategy::kUrgency};

}  // namespace

TEST_CASE("strategies_for offers urgency only with a current deadline", "[generate]") {
  Request r = sample_request(Strategy::kBenefit, Channel::kEmail);
  CHECK(strategies_for(r.passages, r.as_of_day).size() == 4);
  // c05's offer ends 2026-12-24: still current that day, gone the day after.
  CHECK(strategies_for(r.passages, testing::day("2026-12-24")).back() == Strategy::kUrgency);
  const auto after = strategies_for(r.passages, testing::day("2026-12-25"));
  CHECK(after ==
        std::vector<Strategy>{Strategy::kBenefit, Strategy::kSocialProof, Strategy::kLoyalty});
  CHECK(strategy_name(Strategy::kSocialProof) == "social_proof");
  CHECK(parse_strategy("urgency") == Strategy::kUrgency);
  CHECK_FALSE(parse_strategy("control").has_value());
}

TEST_CASE("the composer's email: grounded, cited, signed, deterministic", "[generate]") {
  const Request r = sample_request(Strategy::kBenefit, Channel::kEmail);
  const Draft d = compose(r);
  CHECK(d.subject == "Picked with you in mind");
  CHECK(d.body ==
        "Hi {{first_name}},\n\n"
        "We picked out something we think you will love.\n\n"
        "The winter sale covers coats and boots [c05].\n"
        "Our winter coats are made from 100% recycled polyester [c01].\n\n"
        "Take a look at what is new in {{favourite_category}}.\n\n"
        "Warm wishes,\nThe Northwind team\n\n"
        "You can unsubscribe from these emails at any time.");
  CHECK(d.citations == std::vector<std::string>{"c05", "c01"});
  // Same request, same bytes.
  const Draft again = compose(r);
  CHECK(again.subject == d.subject);
  CHECK(again.body == d.body);
}

TEST_CASE("every strategy's copy is valid and every factual sentence is cited", "[generate]") {
  for (Channel channel : content::kAllChannels) {
    for (Strategy s : kAll) {
      const Request r = sample_request(s, channel);
      const Draft d = compose(r);
      INFO(content::channel_name(channel) << " " << strategy_name(s) << ":\n"
                                          << d.subject << "\n"
                                          << d.body);
      CHECK(validate_draft(d, r).ok());
      CHECK_FALSE(d.citations.empty());
      for (const std::string& part : {d.subject, d.body}) {
        for (const Sentence& sentence : split_sentences(part)) {
          if (states_fact(sentence.text, r)) CHECK_FALSE(sentence.citations.empty());
        }
      }
      if (channel == Channel::kSms) {
        CHECK(max_rendered_bytes(d.body) <= kMaxSmsBytes);
        CHECK(d.body.find("Reply STOP to opt out.") != std::string::npos);
      }
      if (channel == Channel::kWeb) CHECK(max_rendered_bytes(d.body) <= kMaxWebBytes);
      if (channel != Channel::kEmail) CHECK(d.subject.empty());
    }
  }
}

TEST_CASE("strategies give clearly distinct copy", "[generate]") {
  std::vector<Draft> drafts;
  for (Strategy s : kAll) drafts.push_back(compose(sample_request(s, Channel::kEmail)));
  for (size_t i = 0; i < drafts.size(); ++i) {
    for (size_t j = i + 1; j < drafts.size(); ++j) {
      INFO(i << " vs " << j);
      CHECK(drafts[i].subject != drafts[j].subject);
      // Word-set overlap well below sameness (measured 0.28-0.49 on this corpus).
      CHECK(jaccard(drafts[i].body, drafts[j].body) < 0.6);
    }
  }
  // Each leads with the claims its strategy prefers.
  CHECK(drafts[1].body.find("rated 4.8 out of 5 by customers [c02].") != std::string::npos);
  CHECK(drafts[2].body.find("double points on every order [c03].") != std::string::npos);
  CHECK(drafts[3].subject == "20% off winter coats and boots until 24 December [c05]");
  CHECK(drafts[3].body.find("Use code WINTER20 at checkout [c05].") != std::string::npos);
}

TEST_CASE("the composer's voices and its failures", "[generate]") {
  const Draft formal = compose(sample_request(Strategy::kLoyalty, Channel::kEmail, "Formal"));
  CHECK(formal.body.rfind("Hello {{first_name}},", 0) == 0);
  CHECK(formal.body.find("Kind regards,") != std::string::npos);
  const Draft playful =
      compose(sample_request(Strategy::kLoyalty, Channel::kEmail, "bright and playful"));
  CHECK(playful.body.rfind("Hey {{first_name}},", 0) == 0);

  Composer composer;
  Request no_offer = sample_request(Strategy::kUrgency, Channel::kEmail);
  no_offer.as_of_day = testing::day("2026-12-25");
  CHECK(composer.generate(no_offer).error() ==
        "urgency needs an approved offer whose deadline is on or after as_of, and no retrieved "
        "passage has one");
  Request no_claims = sample_request(Strategy::kBenefit, Channel::kEmail);
  for (auto& p : no_claims.passages) p.claims.clear();
  CHECK(composer.generate(no_claims).error() ==
        "none of the retrieved passages has an approved claim to ground the copy, expected items "
        "with claims");
  Request too_long = sample_request(Strategy::kBenefit, Channel::kWeb);
  for (auto& p : too_long.passages) {
    for (auto& c : p.claims) c = std::string(150, 'w') + ".";
  }
  CHECK(composer.generate(too_long).error() ==
        "no approved claim fits in web copy of 140 bytes, expected a shorter claim");
  CHECK(composer.name() == "composer");
}

TEST_CASE("a claim of two sentences is cited sentence by sentence", "[generate]") {
  Request r = sample_request(Strategy::kBenefit, Channel::kWeb);
  r.passages.resize(1);
  r.passages[0].claims = {"Made in Porto since 1998. Free repairs"};
  const Draft d = compose(r);
  CHECK(d.body.rfind("Made in Porto since 1998 [c03]. Free repairs [c03].", 0) == 0);
}

TEST_CASE("composer copy passes safety screening (default policy)", "[generate]") {
  auto screener = safety::Screener::create(safety::default_policy());
  REQUIRE(screener.ok());
  for (Channel channel : content::kAllChannels) {
    for (Strategy s : kAll) {
      const Request r = sample_request(s, channel);
      const Draft d = compose(r);
      safety::Message m;
      m.id = std::string(strategy_name(s));
      m.channel = channel == Channel::kEmail ? safety::Channel::kEmail
                  : channel == Channel::kSms ? safety::Channel::kSms
                                             : safety::Channel::kWeb;
      m.subject = *render(d.subject, {});
      m.body = *render(d.body, {});
      m.approved_claims = approved_statements(r.passages);
      m.has_unsubscribe_required = channel != Channel::kWeb;
      const safety::Screening screening = screener->screen(m);
      INFO(content::channel_name(channel) << " " << strategy_name(s) << ":\n"
                                          << m.subject << "\n"
                                          << m.body << "\n"
                                          << json::stringify(safety::screening_to_json(screening)));
      CHECK(screening.decision == safety::Decision::kAllow);
    }
  }
}
