// core/generate: the chat-completions protocol parts against literal OpenAI-format bodies.
#include "core/generate/chat.h"

#include <catch2/catch.hpp>

#include "core/json/js.h"
#include "tests/generate/sample.h"
#include "tests/parse_json.h"

using namespace tailor;
using namespace tailor::generate;
using content::Channel;
using tailor::testing::sample_request;

namespace {

// A chat-completions response whose message content is `content` (a JSON string literal).
std::string response(const std::string& content_literal, const char* finish = "stop") {
  return R"({"id":"chatcmpl-1","object":"chat.completion","created":1764547200,)"
         R"("model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant",)"
         R"("content":)" +
         content_literal + R"(,"refusal":null},"logprobs":null,"finish_reason":")" + finish +
         R"("}],"usage":{"prompt_tokens":512,"completion_tokens":80,"total_tokens":592}})";
}

}  // namespace

TEST_CASE("chat_request_json carries the rules, the passages and their ids", "[generate]") {
  const Request r = sample_request(Strategy::kSocialProof, Channel::kEmail);
  const json::Value request = testing::parse(chat_request_json(r, "gpt-4o-mini"));
  CHECK(request.find("model")->as_string() == "gpt-4o-mini");
  CHECK(request.find("temperature")->as_number() == 0);
  CHECK(request.find("response_format")->find("type")->as_string() == "json_object");
  const json::Array& messages = request.find("messages")->as_array();
  REQUIRE(messages.size() == 2);
  CHECK(messages[0].find("role")->as_string() == "system");
  CHECK(messages[1].find("role")->as_string() == "user");
  const std::string& system = messages[0].find("content")->as_string();
  const std::string& user = messages[1].find("content")->as_string();
  CHECK(system.find("[c12].") != std::string::npos);  // how to cite
  CHECK(system.find("{{first_name}}, {{favourite_category}}") != std::string::npos);
  CHECK(system.find("{\"subject\": \"...\", \"body\": \"...\"}") != std::string::npos);
  CHECK(system.find("warm and friendly") != std::string::npos);
  CHECK(user.find("Strategy: social_proof") != std::string::npos);
  CHECK(user.find("Segment: At Risk") != std::string::npos);
  CHECK(user.find("- top category: outerwear") != std::string::npos);
  CHECK(user.find("Today: 2026-12-01") != std::string::npos);
  for (const content::Passage& p : r.passages) {
    CHECK(user.find("[" + p.item_id + "] " + p.title) != std::string::npos);
    for (const std::string& c : p.claims) CHECK(user.find("- " + c) != std::string::npos);
  }
  CHECK(user.find("Offer: 20% off winter coats and boots; code WINTER20; until 2026-12-24") !=
        std::string::npos);
}

TEST_CASE("parse_chat_response: a valid answer, bare or fenced, round trips", "[generate]") {
  const Request r = sample_request(Strategy::kSocialProof, Channel::kEmail);
  const std::string answer =
      R"({\"subject\":\"What customers say\",\"body\":\"Hi {{first_name}},\\n\\nOur waterproof )"
      R"(boots are rated 4.8 out of 5 by customers [c02]. Free returns within 30 days [c01].\\n\\n)"
      R"(The Northwind team\\nYou can unsubscribe at any time.\"})";
  auto bare = parse_chat_response(response("\"" + answer + "\""), r);
  INFO(bare.error());
  REQUIRE(bare.ok());
  CHECK(bare->subject == "What customers say");
  CHECK(bare->citations == std::vector<std::string>{"c02", "c01"});
  CHECK(bare->body.rfind("Hi {{first_name}},\n\nOur waterproof boots", 0) == 0);
  auto fenced = parse_chat_response(response("\"```json\\n" + answer + "\\n```\""), r);
  REQUIRE(fenced.ok());
  CHECK(fenced->body == bare->body);
}

TEST_CASE("parse_chat_response: malformed, refusing and ungrounded answers", "[generate]") {
  const Request r = sample_request(Strategy::kBenefit, Channel::kEmail);
  auto fail = [&](const std::string& body) {
    auto d = parse_chat_response(body, r);
    REQUIRE_FALSE(d.ok());
    return d.status();
  };
  Status s = fail("<html>502 Bad Gateway</html>");
  CHECK(s.code() == StatusCode::kMalformed);
  CHECK(s.message().rfind("the chat-completions response is not JSON (line 1 column 1", 0) == 0);
  s = fail(R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit"}})");
  CHECK(s.code() == StatusCode::kUnavailable);
  CHECK(s.message() == "the chat-completions endpoint answered with an error: Rate limit reached");
  s = fail(R"({"choices":[]})");
  CHECK(s.code() == StatusCode::kMalformed);
  s = fail(R"({"choices":[{"index":0,"message":{"role":"assistant","content":null,)"
           R"("refusal":"I can't help with that request."},"finish_reason":"stop"}]})");
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message() == "the model refused: \"I can't help with that request.\"");
  s = fail(response("\"I'm sorry, but I cannot write marketing emails.\""));
  CHECK(s.message() == "the model refused: \"I'm sorry, but I cannot write marketing emails.\"");
  s = fail(response(R"("{\"subject\":\"Hi\",\"bo")", "length"));
  CHECK(s.message() ==
        "the model's answer was cut off at its token limit (finish_reason "
        "\"length\"), expected a complete JSON object");
  s = fail(response("\"Here are some ideas for your campaign.\""));
  CHECK(s.message() ==
        "the model's answer is not a JSON object {\"subject\", \"body\"}: \"Here "
        "are some ideas for your campaign.\"");
  s = fail(response(R"("{\"subject\":\"Hi\",\"body\":\"x [c01].\",\"tone\":\"warm\"}")"));
  CHECK(s.message() ==
        "the model's answer has the member \"tone\", expected only subject, body "
        "(and citations)");
  // Grounding failures come from validate_draft, prefixed.
  s = fail(response(R"("{\"subject\":\"Coats\",\"body\":\"Get 50% off all coats today.\"}")"));
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message() ==
        "the model's draft: body sentence 1 \"Get 50% off all coats today.\" "
        "states a fact without a citation, expected a citation such as [c03] of "
        "the approved passage it rests on");
  s = fail(response(R"("{\"subject\":\"Coats\",\"body\":\"Get 50% off coats [c05].\"}")"));
  CHECK(s.message().rfind("the model's draft: body sentence 1 \"Get 50% off coats [c05].\" "
                          "states the number 50",
                          0) == 0);
  s = fail(response(R"("{\"subject\":\"Hi {{name}}\",\"body\":\"Coats [c01].\"}")"));
  CHECK(s.message() ==
        "the model's draft: subject: unknown placeholder {{name}}, expected "
        "{{first_name}} or {{favourite_category}}");
}
