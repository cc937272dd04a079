// Stages 1-6 of the campaign pipeline (pipeline.h).
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "core/audit/sha256.h"
#include "core/campaign/fields.h"
#include "core/campaign/pipeline.h"
#include "core/generate/markup.h"
#include "core/generate/strategy.h"
#include "core/generate/validate.h"
#include "core/json/js.h"
#include "core/safety/policy.h"

namespace tailor::campaign {
namespace {

struct ContentOptions {
  size_t passages = 6;
  std::string locale = "en";
};

struct GenerationOptions {
  size_t variants = 3;
  std::vector<generate::Strategy> strategies = {
      generate::Strategy::kBenefit, generate::Strategy::kSocialProof,
      generate::Strategy::kLoyalty, generate::Strategy::kUrgency};
  int max_regenerations = 2;
};

Result<ContentOptions> parse_content_options(const json::Value& section) {
  ContentOptions options;
  if (section.is_null()) return options;
  auto fields = Fields::open(section, "content", {"passages", "locale"});
  if (!fields.ok()) return fields.status();
  auto passages = fields->optional_whole("passages", 1, 20);
  if (!passages.ok()) return passages.status();
  if (passages->has_value()) options.passages = static_cast<size_t>(**passages);
  auto locale = fields->optional_string("locale", 35);
  if (!locale.ok()) return locale.status();
  if (locale->has_value()) options.locale = **locale;
  return options;
}

Result<GenerationOptions> parse_generation_options(const json::Value& section) {
  GenerationOptions options;
  if (section.is_null()) return options;
  auto fields = Fields::open(section, "generation",
                             {"variants_per_segment", "strategies", "max_regenerations"});
  if (!fields.ok()) return fields.status();
  auto variants = fields->optional_whole("variants_per_segment", 1, 8);
  if (!variants.ok()) return variants.status();
  if (variants->has_value()) options.variants = static_cast<size_t>(**variants);
  auto regenerations = fields->optional_whole("max_regenerations", 0, 5);
  if (!regenerations.ok()) return regenerations.status();
  if (regenerations->has_value()) options.max_regenerations = static_cast<int>(**regenerations);
  if (const json::Value* list = fields->get("strategies")) {
    const std::string path = fields->path("strategies");
    if (!list->is_array() || list->as_array().empty()) {
      return Result<GenerationOptions>::failure(
          path + " must be a non-empty array of strategy names, got " + show(*list));
    }
    options.strategies.clear();
    for (size_t i = 0; i < list->as_array().size(); ++i) {
      const json::Value& s = list->as_array()[i];
      auto strategy = s.is_string() ? generate::parse_strategy(s.as_string())
                                    : std::optional<generate::Strategy>();
      if (!strategy || std::find(options.strategies.begin(), options.strategies.end(),
                                 *strategy) != options.strategies.end()) {
        return Result<GenerationOptions>::failure(
            path + "[" + std::to_string(i) + "] is " + show(s) +
            ", expected one of benefit, social_proof, loyalty, urgency (each once)");
      }
      options.strategies.push_back(*strategy);
    }
  }
  return options;
}

safety::Channel safety_channel(content::Channel c) {
  switch (c) {
    case content::Channel::kEmail: return safety::Channel::kEmail;
    case content::Channel::kSms: return safety::Channel::kSms;
    case content::Channel::kWeb: return safety::Channel::kWeb;
  }
  return safety::Channel::kEmail;
}

// The retrieval query of a segment: the campaign goal, the segment's name and its most common
// category values (what the segment is about).
std::string segment_query(const Spec& spec, const segmentation::SegmentProfile& profile) {
  std::string query = spec.goal + " " + profile.name;
  for (const auto& top : profile.top) {
    if (!top.top.empty()) query += " " + top.top.front().value;
  }
  return query;
}

std::vector<std::pair<std::string, std::string>> profile_facts(
    const segmentation::SegmentProfile& profile) {
  std::vector<std::pair<std::string, std::string>> facts;
  facts.emplace_back("share of customers",
                     json::number_to_string(std::round(profile.share * 1000) / 10) + "%");
  for (const auto& mean : profile.means) {
    facts.emplace_back("average " + mean.column,
                       json::number_to_string(std::round(mean.mean * 10) / 10));
  }
  for (const auto& top : profile.top) {
    if (!top.top.empty()) facts.emplace_back("most common " + top.column, top.top.front().value);
  }
  return facts;
}

// Screening of one draft, rendered for a customer with every slot at its fallback.
Result<Copy> screen_draft(const generate::Draft& draft, content::Channel channel,
                          const std::string& id, const std::vector<content::Passage>& passages,
                          const safety::Screener& screener, const safety::Moderator* moderator) {
  Copy copy;
  copy.channel = channel;
  copy.draft = draft;
  auto subject = generate::render(draft.subject, {});
  if (!subject.ok()) return subject.status();
  auto body = generate::render(draft.body, {});
  if (!body.ok()) return body.status();
  copy.subject = *subject;
  copy.body = *body;
  safety::Message message;
  message.id = id;
  message.channel = safety_channel(channel);
  message.subject = copy.subject;
  message.body = copy.body;
  message.approved_claims = generate::approved_statements(passages);
  message.has_unsubscribe_required = channel != content::Channel::kWeb;
  safety::ModeratedScreening screened = safety::screen_moderated(screener, message, moderator);
  copy.screening = std::move(screened.screening);
  copy.screened_by = std::move(screened.actor);
  copy.content_hash = audit::content_hash(copy.subject, copy.body);
  return copy;
}

audit::Entry screening_entry(const Inputs& in, const Copy& copy, const std::string& message_id,
                             const safety::Policy& policy) {
  audit::Entry e;
  e.ts = in.now;
  e.kind = "screening";
  e.campaign = in.spec.campaign;
  e.message_id = message_id;
  e.content_hash = copy.content_hash;
  e.policy_version = policy.version;
  e.decision = std::string(safety::decision_name(copy.screening.decision));
  e.severity = copy.screening.severity;
  for (safety::Category c : copy.screening.categories) {
    e.categories.emplace_back(safety::category_name(c));
  }
  const json::Value screened = safety::screening_to_json(copy.screening);
  if (const json::Value* findings = screened.find("findings")) e.findings = *findings;
  e.actor = copy.screened_by;
  return e;
}

audit::Entry review_entry(const Inputs& in, const Review& review, const safety::Policy& policy) {
  audit::Entry e;
  e.ts = review.ts;
  e.kind = "review";
  e.campaign = in.spec.campaign;
  e.message_id = review.message_id;
  e.content_hash = review.content_hash;
  e.policy_version = policy.version;
  e.decision = review.decision;
  e.actor = "reviewer:" + review.reviewer;
  return e;
}

// Generates and screens one channel's copy of a variant, regenerating a blocked draft within
// the budget. Appends every decision to the chain. An error is why the strategy is dropped.
// `first` is the first draft when it was generated ahead (Backend::generate_all).
Result<Copy> make_copy(const Inputs& in, generate::Backend& backend,
                       const generate::Request& request,
                       std::optional<Result<generate::Draft>> first, const std::string& message_id,
                       const safety::Screener& screener, const safety::Moderator* moderator,
                       int max_regenerations, audit::Chain& chain,
                       Prepared& out) {
  for (int attempt = 0;; ++attempt) {
    auto draft = attempt == 0 && first ? std::move(*first) : backend.generate(request);
    if (!draft.ok()) return draft.status();
    // Every backend's draft meets the same rules (citations, placeholders, shape).
    if (Status valid = generate::validate_draft(*draft, request); !valid.ok()) return valid;
    auto copy = screen_draft(*draft, request.channel, message_id, request.passages, screener,
                             moderator);
    if (!copy.ok()) return copy.status();
    copy->regenerations = attempt;
    ++out.drafts_screened;
    json::Value screened = safety::screening_to_json(copy->screening);
    screened.set("id", message_id);
    screened.set("contentHash", copy->content_hash);
    screened.set("attempt", attempt);
    if (moderator != nullptr) screened.set("screenedBy", copy->screened_by);
    out.screenings.push_back(std::move(screened));
    auto record = chain.append(screening_entry(in, *copy, message_id, screener.policy()));
    if (!record.ok()) return record.status();
    const safety::Decision decision = copy->screening.decision;
    if (decision == safety::Decision::kAllow) {
      ++out.drafts_allowed;
      return copy;
    }
    if (decision == safety::Decision::kReview) {
      const Review* review = nullptr;
      for (const Review& r : in.reviews) {
        if (r.message_id == message_id && r.content_hash == copy->content_hash) review = &r;
      }
      if (review == nullptr) {
        copy->awaiting_review = true;
        out.awaiting_review.push_back(message_id);
        return copy;
      }
      if (review->decision == "approved") return copy;
      return Result<Copy>::failure("the " + std::string(content::channel_name(request.channel)) +
                                   " draft was rejected in review by " + review->reviewer);
    }
    if (attempt >= max_regenerations) {
      return Result<Copy>::failure("the " + std::string(content::channel_name(request.channel)) +
                                   " draft was blocked (" +
                                   (record->entry.categories.empty()
                                        ? std::string("severity ") +
                                              std::to_string(record->entry.severity)
                                        : record->entry.categories.front()) +
                                   ") after " + std::to_string(attempt) + " regeneration(s)");
    }
    audit::Entry regen = record->entry;
    regen.kind = "regeneration";
    regen.decision = "regenerated";
    regen.severity = 0;
    regen.categories.clear();
    regen.findings = json::Array{};
    regen.actor = "tailor-generate:" + std::string(backend.name());
    if (auto r = chain.append(regen); !r.ok()) return r.status();
  }
}

json::Value content_inputs(const std::vector<std::pair<std::string, std::string>>& files) {
  json::Array list;
  for (const auto& [name, text] : files) {
    list.push_back(json::Value::object({{"name", name}, {"sha256", audit::sha256_hex(text)}}));
  }
  return json::Value(std::move(list));
}

json::Value prior_json(const Prior& prior) {
  if (prior.empty()) return json::Value();
  json::Value out = json::Value::empty_object();
  for (const auto& [segment, arms] : prior) {
    json::Value counts = json::Value::empty_object();
    for (const auto& [variant, c] : arms) {
      counts.set(variant, json::Value::object({{"sends", c.sends}, {"purchases", c.purchases}}));
    }
    out.set(segment, std::move(counts));
  }
  return out;
}

}  // namespace

Status check_stopped(const Progress& progress, std::string_view stage) {
  if (!progress.stopped()) return {};
  return Status::unavailable("stopped before the " + std::string(stage) + " stage");
}

Result<Prepared> prepare(Inputs inputs, generate::Backend& backend, Progress& progress,
                         const safety::Moderator* moderator) {
  Prepared out;
  out.backend = std::string(backend.name());
  const Spec& spec = inputs.spec;
  auto content_options = parse_content_options(spec.content);
  if (!content_options.ok()) return content_options.status();
  auto generation = parse_generation_options(spec.generation);
  if (!generation.ok()) return generation.status();
  json::Value design_section = spec.design.is_null() ? json::Value::empty_object() : spec.design;
  if (!design_section.contains("treatments")) {
    design_section.set("treatments", static_cast<double>(generation->variants));
  }
  auto design_spec = parse_design_spec(design_section, "design");
  if (!design_spec.ok()) return design_spec.status();
  if (static_cast<size_t>(design_spec->treatments) != generation->variants) {
    return Result<Prepared>::failure(
        "design.treatments (" + std::to_string(design_spec->treatments) +
        ") must equal generation.variants_per_segment (" + std::to_string(generation->variants) +
        "): each treatment arm is one variant");
  }
  auto segmentation_spec = segmentation::parse_spec(spec.segmentation, "segmentation");
  if (!segmentation_spec.ok()) return segmentation_spec.status();

  // 1. Customers.
  if (Status s = check_stopped(progress, "customers"); !s.ok()) return s;
  progress.start("customers", 0);
  auto customers = dataset::read_csv(inputs.customers_csv, inputs.customers_name, spec.customers);
  if (!customers.ok()) return customers.status();
  out.customers = std::move(*customers);
  const dataset::ReadReport& report = out.customers.report;
  for (const dataset::Problem& p : report.problems) progress.note("skipped: " + p.message);
  progress.finish(std::to_string(out.customers.table.row_count()) + " customers read, " +
                  std::to_string(report.rows_skipped) + " bad rows skipped");

  // 2. Segments.
  if (Status s = check_stopped(progress, "segments"); !s.ok()) return s;
  progress.start("segments", out.customers.table.row_count());
  auto fitted = segmentation::fit(out.customers.table, *segmentation_spec);
  if (!fitted.ok()) return fitted.status();
  out.segments = std::move(*fitted);
  progress.finish(std::to_string(out.segments.segments.size()) + " segments (" +
                  std::string(segmentation::method_name(out.segments.method)) + ")");

  // 3. Content.
  if (Status s = check_stopped(progress, "content"); !s.ok()) return s;
  progress.start("content", inputs.content_files.size());
  std::vector<content::Item> items;
  for (const auto& [name, text] : inputs.content_files) {
    auto item = content::parse_item(name, text);
    if (!item.ok()) return item.status();
    items.push_back(std::move(*item));
  }
  auto corpus = content::build_corpus(std::move(items));
  if (!corpus.ok()) return corpus.status();
  progress.finish(std::to_string(corpus->items().size()) + " approved items, " +
                  std::to_string(corpus->passage_count()) + " passages indexed");

  // 4-5. Variants, screened.
  if (Status s = check_stopped(progress, "variants"); !s.ok()) return s;
  auto screener = safety::Screener::create(safety::default_policy());
  if (!screener.ok()) return screener.status();
  audit::Chain chain;
  std::vector<content::Channel> channels;
  for (const std::string& c : spec.channels) channels.push_back(*content::parse_channel(c));
  const size_t segment_count = out.segments.segments.size();
  const Brand& brand = spec.brand;
  auto request_for = [&](size_t s, generate::Strategy strategy, size_t c,
                         const std::vector<content::Passage>& passages) {
    generate::Request request;
    request.campaign = spec.campaign;
    request.segment = out.segments.profiles[s].name;
    request.profile = profile_facts(out.segments.profiles[s]);
    request.strategy = strategy;
    request.channel = channels[c];
    request.brand = {brand.name, brand.voice, brand.signoff};
    request.passages = passages;
    request.as_of_day = spec.as_of_day;
    return request;
  };
  // Retrieval per segment and channel, and the strategies each segment can use.
  std::vector<std::vector<std::vector<content::Passage>>> retrieved(segment_count);
  std::vector<std::vector<generate::Strategy>> candidates(segment_count);
  for (size_t s = 0; s < segment_count; ++s) {
    const std::string query = segment_query(spec, out.segments.profiles[s]);
    for (content::Channel c : channels) {
      retrieved[s].push_back(corpus->search({query, c, spec.as_of_day, content_options->locale},
                                            content_options->passages));
    }
    out.passages.push_back(retrieved[s][0]);
    const auto supported = generate::strategies_for(retrieved[s][0], spec.as_of_day);
    for (generate::Strategy strategy : generation->strategies) {
      if (std::find(supported.begin(), supported.end(), strategy) != supported.end()) {
        candidates[s].push_back(strategy);
      } else {
        out.dropped.push_back({s, std::string(generate::strategy_name(strategy)),
                               "no approved offer with a deadline on or after as_of"});
      }
    }
  }
  // The first drafts of the first variants_per_segment candidates of every segment, at once
  // (a backend over the network answers them concurrently).
  std::vector<generate::Request> ahead;
  for (size_t s = 0; s < segment_count; ++s) {
    for (size_t k = 0; k < std::min(candidates[s].size(), generation->variants); ++k) {
      for (size_t c = 0; c < channels.size(); ++c) {
        ahead.push_back(request_for(s, candidates[s][k], c, retrieved[s][c]));
      }
    }
  }
  progress.start("variants", segment_count * generation->variants);
  std::vector<Result<generate::Draft>> drafts = backend.generate_all(ahead);
  size_t next_ahead = 0;
  std::vector<SegmentPlan> plans;
  for (size_t s = 0; s < segment_count; ++s) {
    const std::string& slug = out.segments.segments[s].slug;
    SegmentPlan plan{out.segments.profiles[s].name, slug, {{"control", "", ""}}};
    for (size_t k = 0; k < candidates[s].size(); ++k) {
      const bool generated_ahead = k < generation->variants;
      if (plan.arms.size() == generation->variants + 1) {
        next_ahead += generated_ahead ? channels.size() : 0;
        continue;
      }
      const generate::Strategy strategy = candidates[s][k];
      const std::string name(generate::strategy_name(strategy));
      Variant variant{slug + "/" + name, s, strategy, {}};
      std::string failure;
      for (size_t c = 0; c < channels.size(); ++c) {
        std::optional<Result<generate::Draft>> first;
        if (generated_ahead) first.emplace(std::move(drafts[next_ahead + c]));
        if (!failure.empty()) continue;
        const std::string message_id =
            variant.id + "/" + std::string(content::channel_name(channels[c]));
        auto copy = make_copy(inputs, backend, request_for(s, strategy, c, retrieved[s][c]),
                              std::move(first), message_id, *screener, moderator,
                              generation->max_regenerations, chain, out);
        if (!copy.ok()) {
          failure = copy.error();
          continue;
        }
        variant.copies.push_back(std::move(*copy));
      }
      if (generated_ahead) next_ahead += channels.size();
      if (!failure.empty()) {
        out.dropped.push_back({s, name, failure});
        continue;
      }
      plan.arms.push_back({name, variant.id, variant.copies[0].content_hash});
      out.variants.push_back(std::move(variant));
      progress.tick(out.variants.size());
    }
    if (plan.arms.size() < generation->variants + 1) {
      std::string reasons;
      for (const Dropped& d : out.dropped) {
        if (d.segment == s) reasons += "; " + d.strategy + ": " + d.reason;
      }
      return Result<Prepared>::failure(
          "segment \"" + plan.name + "\" has " + std::to_string(plan.arms.size() - 1) +
          " usable variants, generation.variants_per_segment asks for " +
          std::to_string(generation->variants) + reasons);
    }
    plans.push_back(std::move(plan));
  }
  // Every reviewer's decision, in the order they were made, after the screening records: a
  // decision stays in the trail even when its draft is no longer generated (a rejected
  // strategy that gave way to the next).
  for (const Review& review : inputs.reviews) {
    if (auto r = chain.append(review_entry(inputs, review, screener->policy())); !r.ok()) {
      return r.status();
    }
  }
  out.audit = chain.records();
  std::set<std::string> cited;
  for (const Variant& v : out.variants) {
    for (const Copy& c : v.copies) cited.insert(c.draft.citations.begin(), c.draft.citations.end());
  }
  for (const std::string& id : cited) {
    if (const content::Item* item = corpus->find(id)) out.sources.push_back(*item);
  }
  progress.finish(std::to_string(out.variants.size()) + " variants, " +
                  std::to_string(out.drafts_allowed) + " of " +
                  std::to_string(out.drafts_screened) + " drafts allowed by screening");
  for (const std::string& id : out.awaiting_review) {
    progress.note("awaiting review: " + id + " (tailor campaign review)");
  }

  // 6. Design.
  if (Status s = check_stopped(progress, "design"); !s.ok()) return s;
  progress.start("design", out.customers.table.row_count());
  if (design_spec->allocation == Allocation::kThompson && inputs.prior.empty()) {
    progress.note("thompson allocation without a prior wave: control gets its floor, the "
                  "challengers share the rest equally");
  }
  auto design = make_design(spec.campaign, out.customers.table, out.segments.row_segment, plans,
                            *design_spec, inputs.prior);
  if (!design.ok()) return design.status();
  out.design = std::move(*design);
  for (const std::string& w : out.design.warnings) progress.note("warning: " + w);
  json::Value design_json = design_to_json(out.design);
  design_json.set("segmentation", segmentation::to_json(out.segments));
  design_json.set("inputs",
                  json::Value::object({
                      {"customers", json::Value::object({
                                        {"name", inputs.customers_name},
                                        {"sha256", audit::sha256_hex(inputs.customers_csv)},
                                        {"rows", static_cast<double>(report.rows_read)},
                                        {"skipped", static_cast<double>(report.rows_skipped)},
                                    })},
                      {"content", content_inputs(inputs.content_files)},
                      {"spec", spec.document},
                      {"prior", prior_json(inputs.prior)},
                      {"generator", out.backend},
                  }));
  auto hash = design_hash(design_json);
  if (!hash.ok()) return hash.status();
  out.design_json = std::move(design_json);
  out.design_hash = *hash;
  progress.finish("design " + out.design_hash.substr(0, 12) + ", " +
                  std::to_string(out.design.warnings.size()) + " warnings");
  out.inputs = std::move(inputs);
  return out;
}

}  // namespace tailor::campaign
