// validate_campaign_data: the shape checks of campaign.h, one message per first problem.
#include <cmath>
#include <set>
#include <string>

#include "core/report/campaign.h"

namespace tailor::report {

namespace {

std::string num(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) {
    return std::to_string(static_cast<long long>(x));
  }
  return std::to_string(x);
}

Status check_options(const ReportOptions& o) {
  if (!(o.alpha > 0 && o.alpha <= 0.5)) {
    return Status::invalid_argument("options.alpha must be in (0, 0.5], got " + num(o.alpha));
  }
  if (!(o.power > 0 && o.power < 1)) {
    return Status::invalid_argument("options.power must be in (0, 1), got " + num(o.power));
  }
  if (!(o.screening_pass_min >= 0 && o.screening_pass_min <= 1)) {
    return Status::invalid_argument("options.screening_pass_min must be in [0, 1], got " +
                                    num(o.screening_pass_min));
  }
  if (o.bins < 2 || o.bins > 10) {
    return Status::invalid_argument("options.bins must be a whole number from 2 to 10, got " +
                                    std::to_string(o.bins));
  }
  if (o.max_categories < 2 || o.max_categories > 20) {
    return Status::invalid_argument(
        "options.max_categories must be a whole number from 2 to 20, got " +
        std::to_string(o.max_categories));
  }
  return {};
}

Status check_segment(const SegmentInfo& s, size_t i) {
  const std::string path = "segments[" + std::to_string(i) + "]";
  if (s.name.empty()) return Status::invalid_argument(path + ".name is empty, expected a name");
  if (s.arms.size() < 2) {
    return Status::invalid_argument(path + ".arms has " + std::to_string(s.arms.size()) +
                                    " arm(s), expected control and at least one treatment");
  }
  std::set<std::string> seen;
  for (size_t a = 0; a < s.arms.size(); ++a) {
    const ArmInfo& arm = s.arms[a];
    const std::string ap = path + ".arms[" + std::to_string(a) + "]";
    if (a == 0 && arm.variant != "control") {
      return Status::invalid_argument(ap + ".variant is \"" + arm.variant +
                                      "\", expected \"control\" (arms[0] is the control arm)");
    }
    if (a > 0 && (arm.variant.empty() || arm.variant == "control")) {
      return Status::invalid_argument(ap + ".variant is \"" + arm.variant +
                                      "\", expected a strategy name (only arms[0] is control)");
    }
    if (!seen.insert(arm.variant).second) {
      return Status::invalid_argument(ap + ".variant \"" + arm.variant +
                                      "\" repeats an earlier arm of the segment");
    }
    if (!(arm.weight > 0) || !std::isfinite(arm.weight)) {
      return Status::invalid_argument(ap + ".weight must be a number > 0, got " + num(arm.weight));
    }
  }
  return {};
}

Status check_attributes(const CampaignData& d) {
  std::set<std::string> names;
  for (size_t i = 0; i < d.attributes.size(); ++i) {
    const AttributeColumn& c = d.attributes[i];
    const std::string path = "attributes[" + std::to_string(i) + "]";
    if (c.name.empty()) return Status::invalid_argument(path + ".name is empty, expected a name");
    if (!names.insert(c.name).second) {
      return Status::invalid_argument(path + ".name \"" + c.name + "\" repeats an attribute");
    }
    const bool numeric = c.kind == AttributeColumn::Kind::kNumeric;
    const size_t have = numeric ? c.numbers.size() : c.labels.size();
    if (have != d.units.size()) {
      return Status::invalid_argument(path + (numeric ? ".numbers" : ".labels") + " has " +
                                      std::to_string(have) + " values, expected one per unit (" +
                                      std::to_string(d.units.size()) + ")");
    }
    if (numeric) {
      for (size_t u = 0; u < c.numbers.size(); ++u) {
        if (std::isinf(c.numbers[u])) {
          return Status::invalid_argument(path + ".numbers[" + std::to_string(u) +
                                          "] is infinite, expected a number or NaN (missing)");
        }
      }
    }
  }
  return {};
}

}  // namespace

Status validate_campaign_data(const CampaignData& d, const ReportOptions& options) {
  if (Status s = check_options(options); !s.ok()) return s;
  if (d.campaign.empty()) return Status::invalid_argument("campaign is empty, expected its id");
  if (d.segments.empty()) {
    return Status::invalid_argument("segments is empty, expected at least one segment");
  }
  for (size_t i = 0; i < d.segments.size(); ++i) {
    if (Status s = check_segment(d.segments[i], i); !s.ok()) return s;
  }
  for (size_t i = 0; i < d.units.size(); ++i) {
    const UnitOutcome& u = d.units[i];
    const std::string path = "units[" + std::to_string(i) + "]";
    if (u.segment >= d.segments.size()) {
      return Status::invalid_argument(path + ".segment is " + std::to_string(u.segment) +
                                      ", expected 0 to " + std::to_string(d.segments.size() - 1));
    }
    const SegmentInfo& s = d.segments[u.segment];
    if (u.arm >= s.arms.size()) {
      return Status::invalid_argument(path + ".arm is " + std::to_string(u.arm) +
                                      ", expected 0 to " + std::to_string(s.arms.size() - 1) +
                                      " (segment \"" + s.name + "\" has " +
                                      std::to_string(s.arms.size()) + " arms)");
    }
    if (!(u.revenue >= 0) || !std::isfinite(u.revenue)) {
      return Status::invalid_argument(path + ".revenue must be a finite number >= 0, got " +
                                      num(u.revenue));
    }
  }
  if (Status s = check_attributes(d); !s.ok()) return s;
  const ScreeningSummary& sc = d.screening;
  if (sc.variants_allowed + sc.variants_review + sc.variants_blocked != sc.variants_screened) {
    return Status::invalid_argument(
        "screening.variants_screened is " + std::to_string(sc.variants_screened) +
        ", expected allowed + review + blocked = " +
        std::to_string(sc.variants_allowed + sc.variants_review + sc.variants_blocked));
  }
  return {};
}

}  // namespace tailor::report
