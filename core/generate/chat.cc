// Chat-completions request building and response parsing (see chat.h).
#include "core/generate/chat.h"

#include <string>

#include "core/dataset/types.h"
#include "core/generate/markup.h"
#include "core/generate/validate.h"
#include "core/json/js.h"
#include "core/json/parse.h"

namespace tailor::generate {
namespace {

std::string_view strategy_brief(Strategy s) {
  switch (s) {
    case Strategy::kBenefit:
      return "benefit-led: lead with what the product does for the customer";
    case Strategy::kSocialProof:
      return "social proof: lead with what other customers say or choose, using only the "
             "approved claims about ratings or reviews";
    case Strategy::kLoyalty:
      return "loyalty and recognition: thank the customer for their relationship with the brand";
    case Strategy::kUrgency:
      return "urgency: the approved offer and its real deadline; no false scarcity or pressure";
  }
  return "";
}

std::string shape(content::Channel c) {
  switch (c) {
    case content::Channel::kEmail:
      return "an email: \"subject\" one line of at most " + std::to_string(kMaxSubjectBytes) +
             " characters; \"body\" a greeting, a few short paragraphs, a sign-off with the "
             "brand's sign-off line, and a last line saying the reader can unsubscribe at any "
             "time";
    case content::Channel::kSms:
      return "an SMS: \"subject\" empty; \"body\" one line of at most " +
             std::to_string(kMaxSmsBytes) +
             " characters including \"Reply STOP to opt out.\" at the end (placeholders count "
             "at their longest: first_name 24, favourite_category 32 characters)";
    case content::Channel::kWeb:
      return "a web banner: \"subject\" empty; \"body\" one line of at most " +
             std::to_string(kMaxWebBytes) + " characters";
  }
  return "";
}

std::string system_prompt(const Request& r) {
  std::string slots;
  for (const Slot& s : known_slots()) {
    slots += (slots.empty() ? "" : ", ") + std::string("{{") + std::string(s.name) + "}}";
  }
  return "You write marketing copy for " + r.brand.name +
         ". Rules:\n"
         "1. State only facts found in the approved passages the user gives you; never invent "
         "numbers, prices, dates, ratings or product properties.\n"
         "2. Every sentence that states a fact ends with the id of its passage in square "
         "brackets before the final punctuation, for example \"Free returns within 30 days "
         "[c12].\" Square brackets are used for nothing else.\n"
         "3. You may personalise only with these placeholders, written exactly: " +
         slots +
         ". No other braces.\n"
         "4. Write " +
         shape(r.channel) +
         ".\n"
         "5. Brand voice: " +
         r.brand.voice +
         ".\n"
         "6. Answer with one JSON object and nothing else: {\"subject\": \"...\", \"body\": "
         "\"...\"}.";
}

std::string user_prompt(const Request& r) {
  std::string u = "Campaign: " + r.campaign + "\nSegment: " + r.segment + "\n";
  if (!r.profile.empty()) {
    u += "What we know about this segment (context only, not facts to state):\n";
    for (const auto& [k, v] : r.profile) u += "- " + k + ": " + v + "\n";
  }
  u += "Strategy: " + std::string(strategy_name(r.strategy)) + " (" +
       std::string(strategy_brief(r.strategy)) +
       ")\nChannel: " + std::string(content::channel_name(r.channel)) +
       "\nToday: " + dataset::format_date(r.as_of_day) + "\nSign-off line: " + r.brand.signoff +
       "\n\nApproved passages:\n";
  for (const content::Passage& p : r.passages) {
    u += "\n[" + p.item_id + "] " + p.title + "\n" + p.text + "\n";
    if (!p.claims.empty()) {
      u += "Approved claims:\n";
      for (const std::string& c : p.claims) u += "- " + c + "\n";
    }
    if (p.offer) {
      u += "Offer: " + p.offer->description +
           (p.offer->code.empty() ? "" : "; code " + p.offer->code) + "; until " +
           dataset::format_date(p.offer->deadline_day) + "\n";
    }
  }
  return u;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// The content without a surrounding ```json ... ``` (or ``` ... ```) fence.
std::string_view unfence(std::string_view content) {
  content = trim(content);
  if (content.substr(0, 3) != "```") return content;
  const size_t nl = content.find('\n');
  if (nl == std::string_view::npos) return content;
  std::string_view inner = content.substr(nl + 1);
  inner = trim(inner);
  if (inner.size() >= 3 && inner.substr(inner.size() - 3) == "```") {
    inner.remove_suffix(3);
  }
  return trim(inner);
}

bool refusal_prose(std::string_view s) {
  for (std::string_view p : {"I'm sorry", "I am sorry", "I can't", "I cannot", "I won't", "Sorry, ",
                             "I\xE2\x80\x99m sorry", "I can\xE2\x80\x99t"}) {
    if (s.substr(0, p.size()) == p) return true;
  }
  return false;
}

std::string cut(std::string_view s) { return json::quoted(s.substr(0, 120)); }

}  // namespace

std::string chat_request_json(const Request& request, std::string_view model) {
  json::Array messages;
  messages.push_back(json::Value::object(
      {{"role", json::Value("system")}, {"content", json::Value(system_prompt(request))}}));
  messages.push_back(json::Value::object(
      {{"role", json::Value("user")}, {"content", json::Value(user_prompt(request))}}));
  return json::stringify(json::Value::object(
      {{"model", json::Value(model)},
       {"temperature", json::Value(0)},
       {"response_format", json::Value::object({{"type", json::Value("json_object")}})},
       {"messages", json::Value(std::move(messages))}}));
}

Result<Draft> parse_chat_response(std::string_view body, const Request& request) {
  using R = Result<Draft>;
  auto doc = json::parse(body);
  if (!doc) {
    return R::failure(StatusCode::kMalformed,
                      "the chat-completions response is not JSON (" + doc.error() + ")");
  }
  if (const json::Value* error = doc->find("error"); error && !error->is_null()) {
    const json::Value* message = error->find("message");
    return R::failure(
        StatusCode::kUnavailable,
        "the chat-completions endpoint answered with an error: " +
            (message && message->is_string() ? message->as_string() : json::stringify(*error)));
  }
  const json::Value* choices = doc->find("choices");
  if (!choices || !choices->is_array() || choices->as_array().empty()) {
    return R::failure(StatusCode::kMalformed,
                      "the chat-completions response has no choices, expected "
                      "{\"choices\": [{\"message\": {\"content\": ...}}]}");
  }
  const json::Value& choice = choices->as_array()[0];
  const json::Value* message = choice.find("message");
  if (!message || !message->is_object()) {
    return R::failure(StatusCode::kMalformed, "choices[0] has no message object");
  }
  if (const json::Value* refusal = message->find("refusal");
      refusal && refusal->is_string() && !refusal->as_string().empty()) {
    return R::failure("the model refused: " + cut(refusal->as_string()));
  }
  const json::Value* finish = choice.find("finish_reason");
  if (finish && finish->is_string() && finish->as_string() == "length") {
    return R::failure(
        "the model's answer was cut off at its token limit (finish_reason "
        "\"length\"), expected a complete JSON object");
  }
  const json::Value* content = message->find("content");
  if (!content || !content->is_string()) {
    return R::failure(StatusCode::kMalformed,
                      "choices[0].message.content is missing or not a string");
  }
  const std::string_view text = unfence(content->as_string());
  if (refusal_prose(text)) return R::failure("the model refused: " + cut(text));
  auto answer = json::parse(text);
  if (!answer || !answer->is_object()) {
    return R::failure("the model's answer is not a JSON object {\"subject\", \"body\"}: " +
                      cut(text));
  }
  Draft draft;
  for (const auto& [key, value] : answer->as_object()) {
    if (key == "subject" || key == "body") {
      if (!value.is_string()) {
        return R::failure("the model's answer has a " + key + " that is not a string");
      }
      (key == "subject" ? draft.subject : draft.body) = value.as_string();
    } else if (key != "citations") {
      return R::failure("the model's answer has the member \"" + key +
                        "\", expected only subject, body (and citations)");
    }
  }
  if (!answer->contains("body")) return R::failure("the model's answer has no body");
  draft.citations = citations_in(draft.subject + "\n" + draft.body);
  if (Status s = validate_draft(draft, request); !s) return s.prefixed("the model's draft: ");
  return draft;
}

}  // namespace tailor::generate
