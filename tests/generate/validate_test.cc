// core/generate: the sentence and fact rules of validate_draft, and crafted bad drafts.
#include "core/generate/validate.h"

#include <catch2/catch.hpp>

#include "core/generate/markup.h"
#include "tests/generate/sample.h"

using namespace tailor;
using namespace tailor::generate;
using tailor::testing::sample_request;

namespace {

std::vector<std::string> texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : split_sentences(text)) out.emplace_back(s.text);
  return out;
}

Draft email(std::string subject, std::string body) {
  Draft d{std::move(subject), std::move(body), {}};
  d.citations = citations_in(d.subject + "\n" + d.body);
  return d;
}

}  // namespace

TEST_CASE("split_sentences: punctuation, citations after it, lines, decimals", "[generate]") {
  CHECK(texts("Rated 4.8 out of 5 [c02]. Free returns. [c01] Hi there!\n\nThe team") ==
        std::vector<std::string>{"Rated 4.8 out of 5 [c02].", "Free returns. [c01]", "Hi there!",
                                 "The team"});
  CHECK(split_sentences("Free returns. [c01, c02] Next")[0].citations ==
        std::vector<std::string>{"c01", "c02"});
  CHECK(texts("He said \"yes.\" Then left?! Done") ==
        std::vector<std::string>{"He said \"yes.\"", "Then left?!", "Done"});
}

TEST_CASE("states_fact: digits, currency, claim words, a claim's wording", "[generate]") {
  const Request r = sample_request(Strategy::kBenefit, content::Channel::kEmail);
  CHECK(states_fact("Save big this week.", r));  // claim word
  CHECK(states_fact("Up to 30 days.", r));       // digit
  CHECK(
      states_fact("Prices from \xE2\x82\xAC"
                  "5.",
                  r));                                            // euro sign (and a digit)
  CHECK(states_fact("Our coats are 100 percent wool.", r));       // digit
  CHECK(states_fact("Our WINTER COATS ARE MADE from wool.", r));  // 4 tokens of c01's claim
  CHECK_FALSE(states_fact("Our coats are warm.", r));             // no 4-token run
  CHECK_FALSE(states_fact("Hi {{first_name}},", r));
  CHECK_FALSE(states_fact("Take a look at what is new in {{favourite_category}}.", r));
  CHECK_FALSE(states_fact("We think you will love them [c01].", r));
}

TEST_CASE("validate_draft accepts a grounded email", "[generate]") {
  const Request r = sample_request(Strategy::kBenefit, content::Channel::kEmail);
  const Draft d = email("New coats [c01]",
                        "Hi {{first_name}},\n\nFree returns within 30 days [c01].\n"
                        "Rated 4.8 out of 5. [c02]\n\nThe Northwind team\n"
                        "You can unsubscribe at any time.");
  CHECK(validate_draft(d, r).ok());
  CHECK(d.citations == std::vector<std::string>{"c01", "c02"});
}

TEST_CASE("validate_draft rejects crafted bad drafts with the reason", "[generate]") {
  const Request r = sample_request(Strategy::kBenefit, content::Channel::kEmail);
  auto error = [&](const Draft& d) {
    const Status s = validate_draft(d, r);
    REQUIRE_FALSE(s.ok());
    return s.message();
  };
  CHECK(error(email("Coats", "Free returns within 30 days.")) ==
        "body sentence 1 \"Free returns within 30 days.\" states a fact without a citation, "
        "expected a citation such as [c03] of the approved passage it rests on");
  CHECK(error(email("Coats", "Warm coats [c99].")) ==
        "body sentence 1 \"Warm coats [c99].\" cites [c99], expected one of the supplied "
        "passages: c03, c02, c05, c01");
  CHECK(error(email("Coats", "Take 30% off winter coats [c05].")) ==
        "body sentence 1 \"Take 30% off winter coats [c05].\" states the number 30, which its "
        "cited passages do not contain; expected only numbers from the approved content");
  CHECK(error(email("Coats", "Hi {{city}} [c01].")) ==
        "body: unknown placeholder {{city}}, expected {{first_name}} or {{favourite_category}}");
  CHECK(error(email("Coats", "Hi {{first_name}, warm coats [c01]."))
            .rfind("body: \"{\" at byte 3", 0) == 0);
  CHECK(error(email("Coats", "Dear [Customer Name], coats [c01]."))
            .rfind("body: \"[\" at byte 5", 0) == 0);
  CHECK(error(email("", "Coats [c01].")) == "subject is empty, expected an email subject line");
  CHECK(error(email("Coats", "Warm coats for winter.")) ==
        "the draft cites no approved passage, expected at least one citation such as [c03]");
  CHECK(error(email("Save now", "Coats [c01].")) ==
        "subject sentence 1 \"Save now\" states a fact without a citation, expected a citation "
        "such as [c03] of the approved passage it rests on");
  Draft wrong_order = email("Coats", "A [c01]. B [c02].");
  wrong_order.citations = {"c02", "c01"};
  CHECK(error(wrong_order) ==
        "citations does not list the cited ids in order of first use, expected [c01, c02]");
  CHECK(error(email("Coats\tnow", "Coats [c01].")) ==
        "subject contains a control character, expected plain text");

  const Request sms = sample_request(Strategy::kBenefit, content::Channel::kSms);
  Draft long_sms{"",
                 "Northwind: Hi {{first_name}}, " + std::string(100, 'a') +
                     " warm coats [c01]. Reply STOP to opt out.",
                 {"c01"}};
  // 11 + 3 + 24 + 2 + 100 + 11 + 1 + 23 = 175 bytes at its longest
  const Status s = validate_draft(long_sms, sms);
  CHECK(s.message() == "body can render to 175 bytes, expected at most 160 for sms");
  CHECK(validate_draft(Draft{"Subject", "Coats [c01].", {"c01"}}, sms).message() ==
        "subject is \"Subject\", expected none for sms");
  CHECK(validate_draft(Draft{"", "Coats [c01].\nMore.", {"c01"}}, sms).message() ==
        "body contains a control character, expected plain text");
}
