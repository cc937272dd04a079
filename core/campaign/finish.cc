// Stages 7-10 of the campaign pipeline (pipeline.h approve_and_finish).
#include <cmath>

#include "core/audit/export.h"
#include "core/campaign/pipeline.h"
#include "core/campaign/publish.h"
#include "core/config/validate.h"
#include "core/json/pretty.h"
#include "core/report/campaign.h"
#include "core/report/html.h"
#include "core/simulate/events.h"
#include "core/simulate/simulate.h"
#include "core/simulate/truth.h"

namespace tailor::campaign {
namespace {

std::vector<simulate::Unit> sends(const Prepared& p) {
  std::vector<simulate::Unit> units;
  const dataset::Table& table = p.customers.table;
  const size_t id = *table.id_column();
  for (size_t row = 0; row < table.row_count(); ++row) {
    const Assignment& a = p.design.rows[row];
    if (a.status != SendStatus::kAssigned) continue;
    const SegmentDesign& s = p.design.segments[a.segment];
    units.push_back({row, std::string(table.text(row, id)), a.segment, s.plan.name, s.experiment,
                     s.plan.arms[static_cast<size_t>(a.arm)].variant});
  }
  return units;
}

// The customer attributes the attribution looks at: every number, integer, boolean and
// category column but the consent column.
std::vector<report::AttributeColumn> attribute_columns(const Prepared& p,
                                                       const std::vector<simulate::Unit>& units) {
  const dataset::Table& table = p.customers.table;
  std::vector<report::AttributeColumn> columns;
  for (size_t c = 0; c < table.column_count(); ++c) {
    if (table.consent() && table.consent()->column == c) continue;
    const dataset::ColumnType type = table.column_type(c);
    report::AttributeColumn column;
    column.name = table.column_name(c);
    if (type == dataset::ColumnType::kNumber || type == dataset::ColumnType::kInteger) {
      column.kind = report::AttributeColumn::Kind::kNumeric;
      for (const simulate::Unit& u : units) {
        column.numbers.push_back(table.missing(u.row, c) ? std::nan("") : table.number(u.row, c));
      }
    } else if (type == dataset::ColumnType::kBoolean || type == dataset::ColumnType::kCategory) {
      column.kind = report::AttributeColumn::Kind::kCategorical;
      for (const simulate::Unit& u : units) {
        if (table.missing(u.row, c)) {
          column.labels.emplace_back();
        } else if (type == dataset::ColumnType::kBoolean) {
          column.labels.emplace_back(table.boolean(u.row, c) ? "true" : "false");
        } else {
          column.labels.emplace_back(table.text(u.row, c));
        }
      }
    } else {
      continue;
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

report::ScreeningSummary screening_summary(const Prepared& p,
                                           const std::vector<simulate::Unit>& units) {
  report::ScreeningSummary s;
  for (const json::Value& screened : p.screenings) {
    ++s.variants_screened;
    const std::string& decision = screened.find("decision")->as_string();
    if (decision == "allow") ++s.variants_allowed;
    if (decision == "review") ++s.variants_review;
    if (decision == "block") ++s.variants_blocked;
  }
  for (const SegmentDesign& seg : p.design.segments) {
    s.opted_out_excluded += seg.no_consent;
    s.capped_excluded += seg.capped;
  }
  for (const simulate::Unit& u : units) {
    if (!p.customers.table.may_contact(u.row)) ++s.opted_out_sent;
  }
  return s;
}

Result<json::Value> make_report(const Prepared& p, const std::vector<simulate::Unit>& units,
                                const std::vector<simulate::Outcome>& outcomes) {
  report::CampaignData data;
  data.campaign = p.inputs.spec.campaign;
  for (const SegmentDesign& s : p.design.segments) {
    report::SegmentInfo info{s.plan.name, s.experiment, {}};
    for (size_t a = 0; a < s.plan.arms.size(); ++a) {
      info.arms.push_back({s.plan.arms[a].variant, s.plan.arms[a].variant_id, s.weights[a]});
    }
    data.segments.push_back(std::move(info));
  }
  for (size_t i = 0; i < units.size(); ++i) {
    const Assignment& a = p.design.rows[units[i].row];
    const simulate::Outcome& o = outcomes[i];
    data.units.push_back({a.segment, static_cast<uint32_t>(a.arm), o.opened, o.clicked,
                          o.purchased, o.unsubscribed, o.revenue});
  }
  data.attributes = attribute_columns(p, units);
  data.screening = screening_summary(p, units);
  report::ReportOptions options;
  options.alpha = p.design.spec.alpha;
  options.power = p.design.spec.power;
  return report::campaign_report(data, options);
}

// The web copy of every segment x arm: control shows the site's own copy (variant "control",
// no copy); a treatment its web draft rendered for any visitor (slots at their fallbacks).
std::vector<std::vector<json::Value>> web_values(const Prepared& p, size_t web_index) {
  std::vector<std::vector<json::Value>> values;
  for (const SegmentDesign& s : p.design.segments) {
    values.emplace_back();
    for (const ArmPlan& arm : s.plan.arms) {
      json::Value v = json::Value::object({{"segment", s.plan.name}, {"variant", arm.variant}});
      for (const Variant& variant : p.variants) {
        if (variant.id != arm.variant_id) continue;
        v.set("variantId", variant.id);
        v.set("copy", variant.copies[web_index].body);
      }
      values.back().push_back(std::move(v));
    }
  }
  return values;
}

}  // namespace

Result<std::map<std::string, std::string>> approve_and_finish(const Prepared& p,
                                                              const std::string& approved_hash,
                                                              const std::string& approver,
                                                              const std::string& ts,
                                                              Progress& progress) {
  using R = Result<std::map<std::string, std::string>>;
  if (approved_hash != p.design_hash) {
    return R::failure(StatusCode::kConflict,
                      "the design changed since it was written (approved " +
                          approved_hash.substr(0, 12) + ", now " + p.design_hash.substr(0, 12) +
                          "): review the new design.json and approve again");
  }
  if (!p.awaiting_review.empty()) {
    std::string ids;
    for (const std::string& id : p.awaiting_review) ids += (ids.empty() ? "" : ", ") + id;
    return R::failure(StatusCode::kConflict,
                      std::to_string(p.awaiting_review.size()) +
                          " draft(s) of the design await a reviewer's decision (" + ids +
                          "): record each with tailor campaign review, then approve");
  }
  auto name = check_approver(approver);
  if (!name.ok()) return name.status();
  std::map<std::string, std::string> files;

  // 7. Approval, continuing the chain of the screening records.
  audit::Chain chain = p.audit.empty()
                           ? audit::Chain()
                           : audit::Chain(p.audit.back().seq + 1, p.audit.back().hash);
  auto approval = chain.append(approval_entry(p.inputs.spec.campaign, p.design_hash, *name, ts));
  if (!approval.ok()) return approval.status();
  std::vector<audit::Record> records = p.audit;
  records.push_back(*approval);
  files["audit.jsonl"] = audit::to_jsonl(records);
  files["audit.csv"] = audit::to_csv(records);
  progress.note("approved by " + *name + " (design " + p.design_hash.substr(0, 12) + ")");

  // 8-9. Simulated sends and the report read from their events.
  const Spec& spec = p.inputs.spec;
  if (!spec.simulation.is_null()) {
    if (Status s = check_stopped(progress, "simulate"); !s.ok()) return s;
    auto truth = simulate::parse_truth(spec.simulation, "simulation");
    if (!truth.ok()) return truth.status();
    const std::vector<simulate::Unit> units = sends(p);
    progress.start("simulate", units.size());
    auto outcomes = simulate::simulate(p.customers.table, units, *truth);
    if (!outcomes.ok()) return outcomes.status();
    auto events = simulate::to_events(units, *outcomes);
    if (!events.ok()) return events.status();
    std::string lines;
    for (const events::Event& e : *events) lines += events::to_json(e) + "\n";
    files["events.jsonl"] = std::move(lines);
    progress.finish(std::to_string(units.size()) + " sends, " + std::to_string(events->size()) +
                    " events");
    if (Status s = check_stopped(progress, "report"); !s.ok()) return s;
    progress.start("report", units.size());
    auto measured = simulate::outcomes_from_events(units, *events);
    if (!measured.ok()) return measured.status();
    auto report = make_report(p, units, *measured);
    if (!report.ok()) return report.status();
    files["report.json"] = json::stringify_pretty(*report) + "\n";
    files["report.html"] = report::render_html(*report);
    progress.finish("report.json, report.html");
  } else {
    progress.note("no \"simulation\" in the spec: nothing simulated, no report");
  }

  // 10. The web arm as a config.
  size_t web = 0;
  while (web < spec.channels.size() && spec.channels[web] != "web") ++web;
  if (web < spec.channels.size()) {
    std::vector<json::Value> conditions;
    for (const auto& s : p.segments.segments) conditions.push_back(s.condition);
    auto config = build_config(p.design, p.segments.config_segments, conditions, web_values(p, web));
    if (!config.ok()) return config.status();
    if (Status valid = config::validate(*config); !valid.ok()) {
      return R::failure(StatusCode::kInternal, "the published config is not valid: " +
                                                   valid.message());
    }
    files["config.json"] = json::stringify_pretty(*config) + "\n";
  } else {
    progress.note("no \"web\" channel in the spec: no config to publish");
  }
  return files;
}

}  // namespace tailor::campaign
