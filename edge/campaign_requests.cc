// The campaign requests (campaigns.h): create, review, approve, simulate. Each checks its body
// and the campaign's state at the door (a clear 4xx rather than a failed job), stores what the
// job needs and queues it. What is valid in a spec, a review or an approver's name is the
// core's to decide (core/campaign); this file only calls it.
#include <cmath>
#include <random>

#include "core/campaign/pipeline.h"
#include "core/campaign/publish.h"
#include "core/campaign/spec.h"
#include "core/json/merge_patch.h"
#include "core/json/pretty.h"
#include "core/simulate/demo.h"
#include "edge/app.h"
#include "edge/campaign_meta.h"
#include "edge/campaigns.h"

namespace tailor::edge {
namespace {

constexpr size_t kMaxFileName = 200;

Status unknown_members(const json::Value& body, std::initializer_list<std::string_view> known,
                       std::string_view what) {
  for (const auto& [key, v] : body.as_object()) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || key == k;
    if (!ok) {
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      return Status::invalid_argument(std::string(what) + ": unknown member \"" + key +
                                      "\" (expected " + list + ")");
    }
  }
  return {};
}

// A whole number in [min, max] at `body[key]`.
Result<uint64_t> whole(const json::Value& body, std::string_view key, std::string_view path,
                       uint64_t min, uint64_t max) {
  const json::Value* v = body.find(key);
  if (v == nullptr || !v->is_number() || v->as_number() != std::floor(v->as_number()) ||
      v->as_number() < static_cast<double>(min) || v->as_number() > static_cast<double>(max)) {
    return Status::invalid_argument(std::string(path) + " must be a whole number from " +
                                    std::to_string(min) + " to " + std::to_string(max));
  }
  return static_cast<uint64_t>(v->as_number());
}

Result<std::string> string_member(const json::Value& body, std::string_view key,
                                  std::string_view path, bool required) {
  const json::Value* v = body.find(key);
  if (v == nullptr && !required) return std::string();
  if (v == nullptr || !v->is_string() || v->as_string().empty()) {
    return Status::invalid_argument(std::string(path) + " must be a non-empty string");
  }
  return v->as_string();
}

// A file name as uploaded: 1..200 bytes, no '/', '\\' or NUL, not "." or "..".
Status check_file_name(const std::string& name, std::string_view path) {
  if (name.empty() || name.size() > kMaxFileName || name == "." || name == ".." ||
      name.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
    return Status::invalid_argument(std::string(path) + " is \"" + name +
                                    "\": a file name of 1 to 200 bytes without '/', '\\' or NUL");
  }
  return {};
}

std::string new_id() {
  std::random_device device;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "cmp-";
  for (int i = 0; i < 16; ++i) id += kHex[device() % 16];
  return id;
}

size_t data_lines(const std::string& csv) {
  size_t lines = 0;
  for (char c : csv) lines += c == '\n';
  if (!csv.empty() && csv.back() != '\n') ++lines;
  return lines > 0 ? lines - 1 : 0;  // less the header
}

}  // namespace

Result<json::Value> Campaigns::create(const json::Value& body) {
  if (!body.is_object()) return Status::invalid_argument("the body must be a JSON object");
  if (Status s = unknown_members(body, {"demo", "spec", "specPatch", "customers", "content"},
                                 "body");
      !s.ok()) {
    return s;
  }
  json::Value spec_doc;
  std::string customers_csv, customers_name = "customers.csv";
  std::vector<std::pair<std::string, std::string>> content;
  json::Value source;
  if (const json::Value* demo = body.find("demo")) {
    if (!demo->is_object()) return Status::invalid_argument("demo must be an object");
    if (Status s = unknown_members(*demo, {"customers", "seed"}, "demo"); !s.ok()) return s;
    auto count = whole(*demo, "customers", "demo.customers", 1, limits_.max_rows);
    if (!count.ok()) return count.status();
    auto seed = whole(*demo, "seed", "demo.seed", 0, simulate::kDemoMaxSeed);
    if (!seed.ok()) return seed.status();
    simulate::DemoOptions options;
    options.customers = *count;
    options.seed = *seed;
    auto data = simulate::generate_demo(options);
    if (!data.ok()) return data.status();
    auto parsed = json::parse(data->spec_json);
    if (!parsed.ok()) return Status::internal("demo spec: " + parsed.error());
    spec_doc = std::move(*parsed);
    customers_csv = std::move(data->customers_csv);
    content = std::move(data->content_files);
    source = json::Value::object({{"kind", "demo"},
                                  {"customers", static_cast<double>(*count)},
                                  {"seed", static_cast<double>(*seed)}});
  } else {
    source = json::Value::object({{"kind", "upload"}});
  }
  if (const json::Value* spec = body.find("spec")) {
    if (!spec->is_object()) return Status::invalid_argument("spec must be a JSON object");
    spec_doc = *spec;
  }
  if (const json::Value* customers = body.find("customers")) {
    if (!customers->is_object()) {
      return Status::invalid_argument("customers must be an object {\"name\", \"csv\"}");
    }
    if (Status s = unknown_members(*customers, {"name", "csv"}, "customers"); !s.ok()) return s;
    auto csv = string_member(*customers, "csv", "customers.csv", true);
    if (!csv.ok()) return csv.status();
    auto name = string_member(*customers, "name", "customers.name", false);
    if (!name.ok()) return name.status();
    if (!name->empty()) customers_name = *name;
    if (Status s = check_file_name(customers_name, "customers.name"); !s.ok()) return s;
    customers_csv = std::move(*csv);
  }
  if (const json::Value* items = body.find("content")) {
    if (!items->is_array() || items->as_array().empty() ||
        items->as_array().size() > limits_.max_content_items) {
      return Status::invalid_argument("content must be an array of 1 to " +
                                      std::to_string(limits_.max_content_items) +
                                      " items {\"name\", \"text\"}");
    }
    content.clear();
    for (size_t i = 0; i < items->as_array().size(); ++i) {
      const json::Value& item = items->as_array()[i];
      const std::string path = "content[" + std::to_string(i) + "]";
      if (!item.is_object()) return Status::invalid_argument(path + " must be an object");
      if (Status s = unknown_members(item, {"name", "text"}, path); !s.ok()) return s;
      auto name = string_member(item, "name", path + ".name", true);
      if (!name.ok()) return name.status();
      if (Status s = check_file_name(*name, path + ".name"); !s.ok()) return s;
      if (!name->ends_with(".md") && !name->ends_with(".json")) {
        return Status::invalid_argument(path + ".name is \"" + *name +
                                        "\": content items are .md or .json files");
      }
      auto text = string_member(item, "text", path + ".text", true);
      if (!text.ok()) return text.status();
      content.emplace_back(*name, *text);
    }
  }
  if (spec_doc.is_null() || customers_csv.empty() || content.empty()) {
    return Status::invalid_argument(
        "a campaign needs a spec, customers and content: give \"demo\" or all of \"spec\", "
        "\"customers\" and \"content\"");
  }
  if (const json::Value* patch = body.find("specPatch")) {
    if (!patch->is_object()) return Status::invalid_argument("specPatch must be a JSON object");
    spec_doc = json::merge_patch(std::move(spec_doc), *patch);
  }
  auto spec = campaign::parse_spec(spec_doc);
  if (!spec.ok()) return spec.status().prefixed("spec: ");
  if (const size_t rows = data_lines(customers_csv); rows > limits_.max_rows) {
    return Status::resource_exhausted(customers_name + " has " + std::to_string(rows) +
                                      " lines after the header; this edge takes at most " +
                                      std::to_string(limits_.max_rows) +
                                      " customers per campaign (--campaign-max-rows)");
  }
  if (source.find("kind")->as_string() == "upload") {
    source.set("customers", customers_name);
  }
  source.set("contentItems", static_cast<double>(content.size()));

  CampaignRow row;
  row.id = new_id();
  row.name = spec->campaign;
  row.state = "queued";
  row.created_at = row.updated_at = now_rfc3339();
  CampaignMeta meta("{}");
  meta.set("source", std::move(source));
  meta.set("customersName", customers_name);
  meta.set("specName", "campaign.json");
  meta.set("preparedAt", row.created_at);
  meta.queue_job("prepare", "", row.created_at);
  row.meta = meta.text();
  CampaignFiles files;
  files["in/spec.json"] = json::stringify_pretty(spec_doc) + "\n";
  files["in/customers.csv"] = std::move(customers_csv);
  for (auto& [name, text] : content) files["in/content/" + name] = std::move(text);
  if (Status s = store_->create_campaign(row, files); !s.ok()) return s;
  row.revision = 1;
  wake();
  return view(row);
}

Result<CampaignRow> Campaigns::queue_job(const std::string& id, std::string_view from_state,
                                         std::string_view job, const json::Value& meta_changes,
                                         const CampaignFiles& files) {
  auto row = store_->campaign(id);
  if (!row.ok()) return row.status();
  if (row->state != from_state) {
    return Status::conflict("campaign \"" + id + "\" is " + row->state + ", not " +
                            std::string(from_state));
  }
  CampaignMeta meta(row->meta);
  meta.queue_job(job, from_state, now_rfc3339());
  meta.merge(meta_changes);
  meta.clear_error();
  row->state = "queued";
  row->meta = meta.text();
  row->updated_at = now_rfc3339();
  auto revision = store_->update_campaign(*row, "", files);
  if (!revision.ok()) return revision.status();  // kConflict: another request came first
  row->revision = *revision;
  wake();
  return row;
}

Result<json::Value> Campaigns::review(const std::string& id, const json::Value& body) {
  if (!body.is_object()) return Status::invalid_argument("the body must be a JSON object");
  if (Status s = unknown_members(body, {"message", "decision", "reviewer", "reason"}, "body");
      !s.ok()) {
    return s;
  }
  auto message = string_member(body, "message", "message", true);
  if (!message.ok()) return message.status();
  auto decision = string_member(body, "decision", "decision", true);
  if (!decision.ok()) return decision.status();
  if (*decision != "approved" && *decision != "rejected") {
    return Status::invalid_argument("decision is \"" + *decision +
                                    "\", expected \"approved\" or \"rejected\"");
  }
  auto reviewer = string_member(body, "reviewer", "reviewer", true);
  if (!reviewer.ok()) return reviewer.status();
  auto name = campaign::check_approver(*reviewer);
  if (!name.ok()) return name.status().prefixed("reviewer: ");
  std::string reason;
  if (const json::Value* r = body.find("reason")) {
    if (!r->is_string() || r->as_string().size() > campaign::kMaxReviewReason) {
      return Status::invalid_argument("reason must be a string of at most " +
                                      std::to_string(campaign::kMaxReviewReason) + " bytes");
    }
    reason = r->as_string();
  }
  auto row = store_->campaign(id);
  if (!row.ok()) return row.status();
  if (row->state != "awaiting-review") {
    return Status::conflict("campaign \"" + id + "\" is " + row->state +
                            ": no draft awaits review");
  }
  auto variants_text = store_->campaign_file(id, "out/variants.json");
  auto reviews_text = store_->campaign_file(id, "in/reviews.json");
  if (!variants_text.ok()) return variants_text.status();
  if (!reviews_text.ok()) return reviews_text.status();
  auto variants = json::parse(variants_text->value_or("{}"));
  auto reviews_doc = json::parse(reviews_text->value_or("[]"));
  if (!variants.ok() || !reviews_doc.ok()) return Status::internal("stored JSON is not JSON");
  auto hash = campaign::awaiting_review_hash(*variants, *message);
  if (!hash.ok()) return hash.status();
  auto reviews = campaign::reviews_from_json(*reviews_doc);
  if (!reviews.ok()) return reviews.status();
  reviews->push_back({*message, *hash, *decision, *name, now_rfc3339(), reason});
  CampaignFiles files;
  files["in/reviews.json"] = json::stringify_pretty(campaign::reviews_to_json(*reviews)) + "\n";
  auto queued = queue_job(id, "awaiting-review", "prepare", json::Value::empty_object(), files);
  if (!queued.ok()) return queued.status();
  return view(*queued);
}

Result<json::Value> Campaigns::approve(const std::string& id, const json::Value& body) {
  if (!body.is_object()) return Status::invalid_argument("the body must be a JSON object");
  if (Status s = unknown_members(body, {"approver", "designHash", "publish"}, "body"); !s.ok()) {
    return s;
  }
  auto approver = string_member(body, "approver", "approver", true);
  if (!approver.ok()) return approver.status();
  auto name = campaign::check_approver(*approver);
  if (!name.ok()) return name.status().prefixed("approver: ");
  auto hash = string_member(body, "designHash", "designHash", true);
  if (!hash.ok()) return hash.status();
  auto publish = string_member(body, "publish", "publish", false);
  if (!publish.ok()) return publish.status();
  if (publish->size() > 128 || publish->find('/') != std::string::npos) {
    return Status::invalid_argument("publish must be an SDK key of 1 to 128 bytes without '/'");
  }
  auto row = store_->campaign(id);
  if (!row.ok()) return row.status();
  CampaignMeta meta(row->meta);
  if (row->state == "awaiting-review") {
    return Status::conflict("drafts of campaign \"" + id +
                            "\" await a reviewer's decision: decide each, then approve");
  }
  if (row->state == "awaiting-approval" && meta.string("designHash") != *hash) {
    return Status::conflict("the design changed since it was read (designHash " +
                            hash->substr(0, 12) + ", now " +
                            meta.string("designHash").substr(0, 12) +
                            "): read the design again and approve that");
  }
  if (!publish->empty()) {
    auto spec_text = store_->campaign_file(id, "in/spec.json");
    if (!spec_text.ok()) return spec_text.status();
    auto spec = campaign::read_spec(spec_text->value_or(""));
    if (!spec.ok()) return spec.status();
    if (!spec->has_channel("web")) {
      return Status::invalid_argument(
          "publish: the spec's channels have no \"web\", so there is no config to publish");
    }
  }
  json::Value approval = json::Value::object(
      {{"approver", *name}, {"ts", now_rfc3339()}, {"designHash", *hash}});
  if (!publish->empty()) approval.set("publish", *publish);
  auto queued = queue_job(id, "awaiting-approval", "finish",
                          json::Value::object({{"approval", std::move(approval)}}), {});
  if (!queued.ok()) return queued.status();
  return view(*queued);
}

Result<json::Value> Campaigns::simulate(const std::string& id, const json::Value& body) {
  if (!body.is_object()) return Status::invalid_argument("the body must be a JSON object");
  if (Status s = unknown_members(body, {"sdkKey"}, "body"); !s.ok()) return s;
  auto key = string_member(body, "sdkKey", "sdkKey", false);
  if (!key.ok()) return key.status();
  auto row = store_->campaign(id);
  if (!row.ok()) return row.status();
  CampaignMeta meta(row->meta);
  if (key->empty()) {
    const json::Value* published = meta.get("published");
    const json::Value* k = published ? published->find("sdkKey") : nullptr;
    if (k == nullptr || !k->is_string()) {
      return Status::invalid_argument(
          "sdkKey is required: the campaign was not published on an SDK key");
    }
    *key = k->as_string();
  }
  if (row->state == "complete") {
    auto events = store_->campaign_file(id, "out/events.jsonl");
    if (!events.ok()) return events.status();
    if (!*events) {
      return Status::conflict("campaign \"" + id +
                              "\" has no simulated events (its spec has no \"simulation\")");
    }
  }
  auto queued = queue_job(id, "complete", "simulate",
                          json::Value::object({{"simulateRequest",
                                                json::Value::object({{"sdkKey", *key}})}}),
                          {});
  if (!queued.ok()) return queued.status();
  return view(*queued);
}

}  // namespace tailor::edge
