// Seed 003's POC criteria on generated data (500 customers), through the pipeline the CLI runs:
// >= 3 segments, >= 3 screened variants each, > 90% safety pass, every decision in a verifiable
// audit chain, the report with significance and attribution, and a config that puts every
// customer in the segment and arm the design did.
#include "core/campaign/pipeline.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/assign/decide.h"
#include "core/audit/export.h"
#include "core/campaign/replay.h"
#include "core/generate/composer.h"
#include "core/json/parse.h"
#include "core/segmentation/attributes.h"
#include "core/simulate/demo.h"

using namespace tailor;

namespace {

campaign::Inputs demo_inputs(size_t customers, uint64_t seed) {
  simulate::DemoOptions options;
  options.customers = customers;
  options.seed = seed;
  auto demo = simulate::generate_demo(options);
  REQUIRE(demo.ok());
  auto spec = campaign::read_spec(demo->spec_json);
  REQUIRE(spec.ok());
  campaign::Inputs in;
  in.spec = std::move(*spec);
  in.customers_csv = demo->customers_csv;
  for (auto& [name, text] : demo->content_files) in.content_files.emplace_back("content/" + name, text);
  in.now = "2026-12-07T09:00:00Z";
  return in;
}

}  // namespace

TEST_CASE("campaign pipeline: seed 003's POC criteria on 500 customers", "[campaign]") {
  generate::Composer composer;
  campaign::Progress quiet;
  auto prepared = campaign::prepare(demo_inputs(500, 7), composer, quiet);
  REQUIRE(prepared.ok());
  const campaign::Prepared& p = *prepared;
  CHECK(p.customers.table.row_count() == 500);

  // >= 3 segments, each with >= 3 variants (the demo asks for 4: control + 4 treatments).
  REQUIRE(p.design.segments.size() >= 3);
  for (const auto& s : p.design.segments) CHECK(s.plan.arms.size() == 5);
  std::map<size_t, size_t> variants_per_segment;
  for (const auto& v : p.variants) ++variants_per_segment[v.segment];
  for (const auto& [segment, count] : variants_per_segment) CHECK(count >= 3);

  // 100% screened, > 90% pass, every screening decision in the chain.
  CHECK(p.drafts_screened == p.screenings.size());
  CHECK(static_cast<double>(p.drafts_allowed) / static_cast<double>(p.drafts_screened) > 0.9);
  std::set<std::string> audited;
  for (const auto& r : p.audit) {
    if (r.entry.kind == "screening") audited.insert(r.entry.message_id + " " + r.entry.content_hash);
  }
  for (const auto& v : p.variants) {
    for (const auto& c : v.copies) {
      CHECK(audited.count(v.id + "/" + std::string(content::channel_name(c.channel)) + " " +
                          c.content_hash) == 1);
      CHECK(c.screening.decision == safety::Decision::kAllow);
    }
  }

  // Nothing runs without an approval of this very design.
  auto wrong = campaign::approve_and_finish(p, std::string(64, '0'), "Dana Lee",
                                            "2026-12-07T10:00:00Z", quiet);
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.status().code() == StatusCode::kConflict);

  auto files = campaign::approve_and_finish(p, p.design_hash, "Dana Lee", "2026-12-07T10:00:00Z",
                                            quiet);
  REQUIRE(files.ok());
  for (const char* name : {"audit.jsonl", "audit.csv", "events.jsonl", "report.json",
                           "report.html", "config.json"}) {
    CHECK(files->count(name) == 1);
  }

  // The chain verifies, ends with the approval naming the design hash, and a flipped byte fails.
  const std::string& chain = files->at("audit.jsonl");
  auto verified = audit::verify(chain, audit::Format::kJsonLines);
  CHECK(verified.ok);
  CHECK(verified.records == static_cast<long>(p.audit.size()) + 1);
  CHECK(chain.find("\"decision\":\"approved\"") != std::string::npos);
  CHECK(chain.find(p.design_hash) != std::string::npos);
  std::string tampered = chain;
  const size_t at = tampered.find("\"decision\":\"allow\"");
  REQUIRE(at != std::string::npos);
  tampered[at + 12] = 'A';  // "allow" -> "Allow"
  CHECK_FALSE(audit::verify(tampered, audit::Format::kJsonLines).ok);
  CHECK(audit::verify(files->at("audit.csv"), audit::Format::kCsv).ok);

  // No opted-out customer appears in any event.
  std::set<std::string> opted_out;
  const auto& table = p.customers.table;
  for (size_t row = 0; row < table.row_count(); ++row) {
    if (!table.may_contact(row)) opted_out.insert(std::string(table.text(row, 0)));
  }
  CHECK(!opted_out.empty());
  size_t lines = 0;
  const std::string& events = files->at("events.jsonl");
  for (size_t start = 0; start < events.size();) {
    const size_t end = events.find('\n', start);
    auto event = json::parse(std::string_view(events).substr(start, end - start));
    REQUIRE(event.ok());
    CHECK(opted_out.count(event->find("user")->as_string()) == 0);
    ++lines;
    start = end + 1;
  }
  CHECK(lines > 500);

  // The report: lifts with significance, SRM, a recommendation per segment, attribution.
  auto report = json::parse(files->at("report.json"));
  REQUIRE(report.ok());
  const json::Value& segments = *report->find("segments");
  REQUIRE(segments.as_array().size() == p.design.segments.size());
  for (const json::Value& s : segments.as_array()) {
    REQUIRE(s.find("lifts")->as_array().size() == 4 * 4);  // 4 treatments x 4 metrics
    const json::Value& lift = s.find("lifts")->as_array()[0];
    CHECK(lift.find("pAdjusted") != nullptr);
    CHECK(lift.find("significant")->is_bool());
    CHECK(s.find("srm")->is_object());
    CHECK(s.find("winner")->find("recommendation")->is_string());
  }
  CHECK(report->find("attribution")->find("ranking")->as_array().size() >= 3);
  CHECK(files->at("report.html").find("<svg") != std::string::npos);

  // The published config puts every customer in the design's segment and arm.
  auto config = json::parse(files->at("config.json"));
  REQUIRE(config.ok());
  size_t assigned = 0;
  for (size_t row = 0; row < table.row_count(); ++row) {
    const campaign::Assignment& a = p.design.rows[row];
    if (a.status != campaign::SendStatus::kAssigned) continue;
    const json::Value answer = assign::decide(
        *config, segmentation::customer_attributes(table, row), json::Value());
    const json::Value* value = answer.find("features")->find("winter-2026-web")->find("value");
    REQUIRE(value->is_object());
    const campaign::SegmentDesign& s = p.design.segments[a.segment];
    CHECK(value->find("segment")->as_string() == s.plan.name);
    CHECK(value->find("variant")->as_string() == s.plan.arms[static_cast<size_t>(a.arm)].variant);
    ++assigned;
  }
  CHECK(assigned > 400);
}

TEST_CASE("campaign pipeline: the approved copy is the copy that runs", "[campaign]") {
  generate::Composer composer;
  campaign::Progress quiet;
  auto first = campaign::prepare(demo_inputs(200, 3), composer, quiet);
  REQUIRE(first.ok());
  const auto files = campaign::prepared_files(*first);
  auto variants = json::parse(files.at("variants.json"));
  REQUIRE(variants.ok());

  // Replaying variants.json gives the same design, byte for byte.
  auto replay = campaign::ReplayBackend::from_variants_json(*variants, "composer");
  REQUIRE(replay.ok());
  auto again = campaign::prepare(demo_inputs(200, 3), *replay, quiet);
  REQUIRE(again.ok());
  CHECK(again->design_hash == first->design_hash);
  CHECK(campaign::prepared_files(*again).at("audit.jsonl") == files.at("audit.jsonl"));

  // An edited draft changes the design: the old approval does not cover it.
  std::string edited = files.at("variants.json");
  const size_t at = edited.find("We picked out something");
  REQUIRE(at != std::string::npos);
  edited.replace(at, 2, "I ");
  auto changed = json::parse(edited);
  REQUIRE(changed.ok());
  auto edited_replay = campaign::ReplayBackend::from_variants_json(*changed, "composer");
  REQUIRE(edited_replay.ok());
  auto third = campaign::prepare(demo_inputs(200, 3), *edited_replay, quiet);
  REQUIRE(third.ok());
  CHECK(third->design_hash != first->design_hash);
  auto refused = campaign::approve_and_finish(*third, first->design_hash, "Dana Lee",
                                              "2026-12-07T10:00:00Z", quiet);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == StatusCode::kConflict);
}

namespace {

// Asks the pipeline to stop once `stages` stages have started.
class StopAfter : public campaign::Progress {
 public:
  explicit StopAfter(int stages) : left_(stages) {}
  void start(std::string_view stage, size_t) override {
    --left_;
    started.emplace_back(stage);
  }
  bool stopped() const override { return left_ <= 0; }
  std::vector<std::string> started;

 private:
  int left_;
};

}  // namespace

TEST_CASE("campaign pipeline: a run asked to stop stops between stages", "[campaign]") {
  generate::Composer composer;
  StopAfter progress(2);
  auto stopped = campaign::prepare(demo_inputs(100, 5), composer, progress);
  REQUIRE_FALSE(stopped.ok());
  CHECK(stopped.status().code() == StatusCode::kUnavailable);
  CHECK(stopped.error() == "stopped before the content stage");
  CHECK(progress.started == std::vector<std::string>{"customers", "segments"});

  // Stopped before the simulation: approve_and_finish writes nothing either.
  campaign::Progress quiet;
  auto prepared = campaign::prepare(demo_inputs(100, 5), composer, quiet);
  REQUIRE(prepared.ok());
  StopAfter none(0);
  auto finished = campaign::approve_and_finish(*prepared, prepared->design_hash, "Dana Lee",
                                               "2026-12-07T10:00:00Z", none);
  REQUIRE_FALSE(finished.ok());
  CHECK(finished.error() == "stopped before the simulate stage");
}

TEST_CASE("campaign pipeline: every cited item is among the sources, with its claims",
          "[campaign]") {
  generate::Composer composer;
  campaign::Progress quiet;
  auto prepared = campaign::prepare(demo_inputs(200, 2), composer, quiet);
  REQUIRE(prepared.ok());
  std::set<std::string> cited, sources;
  for (const auto& v : prepared->variants) {
    for (const auto& c : v.copies) cited.insert(c.draft.citations.begin(), c.draft.citations.end());
  }
  for (const auto& item : prepared->sources) {
    sources.insert(item.id);
    CHECK_FALSE(item.claims.empty());
  }
  REQUIRE_FALSE(cited.empty());
  CHECK(sources == cited);
  auto variants = json::parse(campaign::prepared_files(*prepared).at("variants.json"));
  REQUIRE(variants.ok());
  CHECK(variants->find("sources")->as_array().size() == cited.size());
}
