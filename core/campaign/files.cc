// The files of a prepared campaign (pipeline.h prepared_files).
#include "core/audit/csv.h"
#include "core/audit/export.h"
#include "core/campaign/pipeline.h"
#include "core/generate/markup.h"
#include "core/json/js.h"
#include "core/json/pretty.h"
#include "core/safety/screen.h"

namespace tailor::campaign {
namespace {

std::string_view customer_id(const Prepared& p, size_t row) {
  return p.customers.table.text(row, *p.customers.table.id_column());
}

std::string segments_csv(const Prepared& p) {
  std::string out = audit::csv::format_row({"customer_id", "segment"});
  for (size_t row = 0; row < p.customers.table.row_count(); ++row) {
    out += audit::csv::format_row(
        {std::string(customer_id(p, row)), p.segments.segments[p.segments.row_segment[row]].name});
  }
  return out;
}

std::string assignments_csv(const Prepared& p) {
  std::string out = audit::csv::format_row(
      {"customer_id", "segment", "experiment", "status", "arm", "variant_id"});
  for (size_t row = 0; row < p.customers.table.row_count(); ++row) {
    const Assignment& a = p.design.rows[row];
    const SegmentDesign& s = p.design.segments[a.segment];
    const bool sent = a.status == SendStatus::kAssigned;
    const ArmPlan* arm = sent ? &s.plan.arms[static_cast<size_t>(a.arm)] : nullptr;
    out += audit::csv::format_row({std::string(customer_id(p, row)), s.plan.name, s.experiment,
                                   std::string(send_status_name(a.status)),
                                   arm ? arm->variant : "", arm ? arm->variant_id : ""});
  }
  return out;
}

json::Value copy_json(const Copy& c) {
  json::Array citations;
  for (const std::string& id : c.draft.citations) citations.push_back(id);
  json::Value v = json::Value::object({
      {"channel", std::string(content::channel_name(c.channel))},
      {"draft", json::Value::object({{"subject", c.draft.subject}, {"body", c.draft.body}})},
      {"rendered", json::Value::object({{"subject", c.subject}, {"body", c.body}})},
      {"citations", json::Value(std::move(citations))},
      {"contentHash", c.content_hash},
      {"screening", safety::screening_to_json(c.screening)},
      {"regenerations", c.regenerations},
      {"awaitingReview", c.awaiting_review},
  });
  if (c.channel != content::Channel::kEmail) {
    v.set("draft", json::Value::object({{"body", c.draft.body}}));
    v.set("rendered", json::Value::object({{"body", c.body}}));
  }
  return v;
}

std::string variants_json(const Prepared& p) {
  json::Array variants;
  for (const Variant& v : p.variants) {
    json::Array copies;
    for (const Copy& c : v.copies) copies.push_back(copy_json(c));
    variants.push_back(json::Value::object({
        {"id", v.id},
        {"segment", p.segments.segments[v.segment].name},
        {"strategy", std::string(generate::strategy_name(v.strategy))},
        {"copies", json::Value(std::move(copies))},
    }));
  }
  json::Array dropped;
  for (const Dropped& d : p.dropped) {
    dropped.push_back(json::Value::object({{"segment", p.segments.segments[d.segment].name},
                                           {"strategy", d.strategy},
                                           {"reason", d.reason}}));
  }
  json::Array passages;
  for (size_t s = 0; s < p.passages.size(); ++s) {
    json::Array list;
    for (const content::Passage& passage : p.passages[s]) {
      list.push_back(json::Value::object(
          {{"item", passage.item_id}, {"title", passage.title}, {"score", passage.score}}));
    }
    passages.push_back(json::Value::object(
        {{"segment", p.segments.segments[s].name}, {"passages", json::Value(std::move(list))}}));
  }
  // The approved items the copy cites, so a reviewer reads each claim beside its source.
  json::Array sources;
  for (const content::Item& item : p.sources) {
    json::Array claims;
    for (const std::string& c : item.claims) claims.push_back(c);
    sources.push_back(json::Value::object({{"id", item.id},
                                           {"title", item.title},
                                           {"body", item.body},
                                           {"claims", json::Value(std::move(claims))},
                                           {"file", item.source}}));
  }
  return json::stringify_pretty(json::Value::object({
             {"campaign", p.inputs.spec.campaign},
             {"generator", p.backend},
             {"variants", json::Value(std::move(variants))},
             {"dropped", json::Value(std::move(dropped))},
             {"retrieved", json::Value(std::move(passages))},
             {"sources", json::Value(std::move(sources))},
         })) +
         "\n";
}

}  // namespace

Result<std::vector<Review>> reviews_from_json(const json::Value& reviews) {
  using R = Result<std::vector<Review>>;
  if (!reviews.is_array()) return R::failure("reviews.json must be an array");
  std::vector<Review> out;
  for (size_t i = 0; i < reviews.as_array().size(); ++i) {
    const json::Value& r = reviews.as_array()[i];
    Review review;
    for (auto [key, slot] : {std::pair{"message", &review.message_id},
                             std::pair{"contentHash", &review.content_hash},
                             std::pair{"decision", &review.decision},
                             std::pair{"reviewer", &review.reviewer}, std::pair{"ts", &review.ts}}) {
      const json::Value* v = r.find(key);
      if (v == nullptr || !v->is_string() || v->as_string().empty()) {
        return R::failure("reviews.json: [" + std::to_string(i) + "]." + key +
                          " must be a non-empty string");
      }
      *slot = v->as_string();
    }
    if (const json::Value* reason = r.find("reason"); reason != nullptr) {
      if (!reason->is_string() || reason->as_string().size() > kMaxReviewReason) {
        return R::failure("reviews.json: [" + std::to_string(i) + "].reason must be a string of " +
                          "at most " + std::to_string(kMaxReviewReason) + " bytes");
      }
      review.reason = reason->as_string();
    }
    if (review.decision != "approved" && review.decision != "rejected") {
      return R::failure("reviews.json: [" + std::to_string(i) + "].decision is \"" +
                        review.decision + "\", expected \"approved\" or \"rejected\"");
    }
    out.push_back(std::move(review));
  }
  return out;
}

json::Value reviews_to_json(const std::vector<Review>& reviews) {
  json::Array list;
  for (const Review& r : reviews) {
    json::Value v = json::Value::object({{"message", r.message_id},
                                         {"contentHash", r.content_hash},
                                         {"decision", r.decision},
                                         {"reviewer", r.reviewer},
                                         {"ts", r.ts}});
    if (!r.reason.empty()) v.set("reason", r.reason);
    list.push_back(std::move(v));
  }
  return json::Value(std::move(list));
}

Result<std::string> awaiting_review_hash(const json::Value& variants_json,
                                         std::string_view message_id) {
  std::string waiting;
  const json::Value* variants = variants_json.find("variants");
  if (variants == nullptr || !variants->is_array()) {
    return Result<std::string>::failure(StatusCode::kInvalidArgument,
                                        "variants.json has no \"variants\" array");
  }
  for (const json::Value& variant : variants->as_array()) {
    const json::Value* id = variant.find("id");
    const json::Value* copies = variant.find("copies");
    if (id == nullptr || !id->is_string() || copies == nullptr || !copies->is_array()) continue;
    for (const json::Value& copy : copies->as_array()) {
      const json::Value* pending = copy.find("awaitingReview");
      const json::Value* channel = copy.find("channel");
      const json::Value* hash = copy.find("contentHash");
      if (pending == nullptr || !pending->is_bool() || !pending->as_bool() || channel == nullptr ||
          !channel->is_string() || hash == nullptr || !hash->is_string()) {
        continue;
      }
      const std::string message = id->as_string() + "/" + channel->as_string();
      if (message == message_id) return hash->as_string();
      waiting += (waiting.empty() ? "" : ", ") + message;
    }
  }
  return Result<std::string>::failure(
      StatusCode::kNotFound, "no draft \"" + std::string(message_id) + "\" awaits review" +
                                 (waiting.empty() ? " (none does)" : " (awaiting: " + waiting + ")"));
}

std::map<std::string, std::string> prepared_files(const Prepared& p) {
  std::map<std::string, std::string> files;
  files["segments.csv"] = segments_csv(p);
  files["assignments.csv"] = assignments_csv(p);
  files["variants.json"] = variants_json(p);
  std::string screening;
  for (const json::Value& s : p.screenings) screening += json::stringify(s) + "\n";
  files["screening.jsonl"] = std::move(screening);
  files["audit.jsonl"] = audit::to_jsonl(p.audit);
  files["audit.csv"] = audit::to_csv(p.audit);
  files["design.json"] = json::stringify_pretty(p.design_json) + "\n";
  files["reviews.json"] = json::stringify_pretty(reviews_to_json(p.inputs.reviews)) + "\n";
  return files;
}

}  // namespace tailor::campaign
