// Test helpers for the campaign report: units built from per-arm counts, and the golden cases
// of tools/gen/campaign_report_reference.py (tests/data/campaign_report_cases.json).
#pragma once

#include <string>
#include <vector>

#include "core/json/parse.h"
#include "core/json/value.h"
#include "core/report/campaign.h"
#include "tests/data_file.h"

namespace tailor::report::testing {

inline const json::Value& campaign_cases() {
  static const json::Value cases = [] {
    auto parsed = json::parse(tailor::testing::read_data_file("campaign_report_cases.json"));
    return parsed.ok() ? *parsed : json::Value::empty_object();
  }();
  return cases;
}

struct ArmCounts {
  double sends, opens, clicks, purchases, unsubscribes;
  std::vector<double> revenues;  // one per purchaser
};

// Unit i of the arm: opened when i < opens, clicked when i < clicks, purchased (with
// revenues[i]) when i < purchases, unsubscribed when i >= sends - unsubscribes.
inline void add_arm(CampaignData& d, uint32_t segment, uint32_t arm, const ArmCounts& c) {
  for (double i = 0; i < c.sends; ++i) {
    UnitOutcome u;
    u.segment = segment;
    u.arm = arm;
    u.opened = i < c.opens;
    u.clicked = i < c.clicks;
    u.purchased = i < c.purchases;
    u.revenue = u.purchased ? c.revenues[static_cast<size_t>(i)] : 0;
    u.unsubscribed = i >= c.sends - c.unsubscribes;
    d.units.push_back(u);
  }
}

inline double num(const json::Value& v, const char* key) {
  const json::Value* m = v.find(key);
  return m != nullptr && m->is_number() ? m->as_number() : -12345.0;
}

inline std::string str(const json::Value& v, const char* key) {
  const json::Value* m = v.find(key);
  return m != nullptr && m->is_string() ? m->as_string() : "";
}

inline const json::Array& arr(const json::Value& v, const char* key) {
  static const json::Array empty;
  const json::Value* m = v.find(key);
  return m != nullptr && m->is_array() ? m->as_array() : empty;
}

inline const json::Value& obj(const json::Value& v, const char* key) {
  static const json::Value null;
  const json::Value* m = v.find(key);
  return m != nullptr ? *m : null;
}

// The golden campaign as CampaignData (screening: 12 of 12 variants allowed).
inline CampaignData golden_campaign() {
  CampaignData d;
  d.campaign = "golden";
  const json::Value& c = *campaign_cases().find("campaign");
  uint32_t s = 0;
  for (const json::Value& seg : arr(c, "segments")) {
    SegmentInfo info;
    info.name = str(seg, "name");
    info.experiment = "golden-" + info.name;
    uint32_t a = 0;
    for (const json::Value& arm : arr(seg, "arms")) {
      info.arms.push_back({str(arm, "variant"), "", num(arm, "weight")});
      ArmCounts counts{num(arm, "sends"),     num(arm, "opens"),        num(arm, "clicks"),
                       num(arm, "purchases"), num(arm, "unsubscribes"), {}};
      for (const json::Value& r : arr(arm, "revenues")) counts.revenues.push_back(r.as_number());
      add_arm(d, s, a++, counts);
    }
    d.segments.push_back(info);
    ++s;
  }
  d.screening = {12, 12, 0, 0, 3, 0, 1};
  return d;
}

}  // namespace tailor::report::testing
