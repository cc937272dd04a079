// core/report attribution: binning, and a planted treatment x attribute interaction recovered
// from synthetic data drawn with a fixed seed (tailor::bandit::Rng).
#include "core/report/attribution.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/bandit/random.h"
#include "core/report/attribute_coding.h"
#include "core/report/campaign.h"
#include "tests/report/campaign_fixture.h"

using tailor::json::Value;
using tailor::report::AttributeCoding;
using tailor::report::AttributeColumn;
using tailor::report::CampaignData;
using tailor::report::code_attribute;
using tailor::report::ReportOptions;
using tailor::report::SegmentInfo;
using tailor::report::UnitOutcome;
using namespace tailor::report::testing;

namespace {

enum class Plant { kEngagement, kLoyalty };

// 8000 customers in two segments; the treatment effect on purchase grows with the planted
// attribute only. Age shifts everyone's purchase rate (a main effect, no interaction).
CampaignData synthetic(Plant plant, uint64_t seed) {
  tailor::bandit::Rng rng(seed);
  CampaignData d;
  d.campaign = "planted";
  d.segments = {
      SegmentInfo{"A", "planted-a", {{"control", "", 1}, {"benefit", "b", 1}, {"loyalty", "l", 1}}},
      SegmentInfo{"B", "planted-b", {{"control", "", 1}, {"benefit", "b", 1}}}};
  AttributeColumn engagement{"email_engagement", AttributeColumn::Kind::kNumeric, {}, {}};
  AttributeColumn age{"age", AttributeColumn::Kind::kNumeric, {}, {}};
  AttributeColumn loyalty{"loyalty_member", AttributeColumn::Kind::kCategorical, {}, {}};
  AttributeColumn country{"country", AttributeColumn::Kind::kCategorical, {}, {}};
  AttributeColumn channel{"channel", AttributeColumn::Kind::kCategorical, {}, {}};
  const char* countries[] = {"UK", "US", "DE"};
  for (int i = 0; i < 8000; ++i) {
    UnitOutcome u;
    u.segment = rng.uniform() < 0.6 ? 0 : 1;
    u.arm = static_cast<uint32_t>(rng.uniform() * (u.segment == 0 ? 3 : 2));
    const double eng = rng.uniform();
    const double a = 20 + 50 * rng.uniform();
    const bool member = rng.uniform() < 0.3;
    const bool treated = u.arm > 0;
    double p = 0.06 + 0.0008 * (a - 45);
    if (plant == Plant::kEngagement) {
      p += treated ? 0.02 + 0.16 * (eng - 0.5) : 0;
    } else {
      p += treated && member ? 0.10 : 0;
    }
    u.purchased = rng.uniform() < p;
    u.revenue = u.purchased ? 40 + 20 * rng.uniform() : 0;
    u.opened = u.purchased || rng.uniform() < 0.2;
    u.clicked = u.purchased || rng.uniform() < 0.03;
    d.units.push_back(u);
    engagement.numbers.push_back(i % 97 == 0 ? std::nan("") : eng);  // a few missing
    age.numbers.push_back(std::round(a));
    loyalty.labels.push_back(member ? "true" : "false");
    country.labels.push_back(countries[static_cast<int>(rng.uniform() * 3)]);
    channel.labels.push_back("email");
  }
  d.attributes = {age, engagement, loyalty, country, channel};
  d.screening = {9, 9, 0, 0, 0, 0, 0};
  return d;
}

const Value& bins_of(const Value& attribution, const std::string& name) {
  for (const Value& b : arr(attribution, "bins")) {
    if (str(b, "attribute") == name) return b;
  }
  static const Value null;
  return null;
}

}  // namespace

TEST_CASE("attribution: numeric quantile bins and categorical levels", "[campaign-report]") {
  AttributeColumn numbers{
      "n", AttributeColumn::Kind::kNumeric, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, std::nan("")}, {}};
  // Lower edges at sorted[10 k / 5] = 1, 3, 5, 7, 9: bins {1,2} {3,4} {5,6} {7,8} {9,10}.
  AttributeCoding c = code_attribute(numbers, 5, 8);
  REQUIRE(c.labels.size() == 5);
  CHECK(c.labels[0] == "1\u20132");
  CHECK(c.labels[4] == "9\u201310");
  CHECK(c.group[2] == 1);
  CHECK(c.group[10] == AttributeCoding::kMissing);
  CHECK(c.missing == 1);
  CHECK(c.mean == Approx(5.5));
  CHECK(c.sd == Approx(3.0276503541));  // sample sd of 1..10

  AttributeColumn few{"f", AttributeColumn::Kind::kNumeric, {0, 1, 1, 0, 1}, {}};
  AttributeCoding two = code_attribute(few, 5, 8);
  REQUIRE(two.labels.size() == 2);  // one bin per distinct value
  CHECK(two.labels[1] == "1");

  AttributeColumn labels{"l",
                         AttributeColumn::Kind::kCategorical,
                         {},
                         {"a", "b", "a", "c", "d", "a", "b", "", "c", "a"}};
  // max 3 categories: the 2 most frequent (a: 4, b: 2; c: 2 loses the tie by label order)
  // and "other".
  AttributeCoding cat = code_attribute(labels, 5, 3);
  REQUIRE(cat.labels.size() == 3);
  CHECK(cat.labels[0] == "a");
  CHECK(cat.labels[1] == "b");
  CHECK(cat.labels[2] == "other");
  CHECK(cat.group[3] == 2);  // "c" -> other
  CHECK(cat.group[7] == AttributeCoding::kMissing);
  CHECK(cat.reference == 0);
}

TEST_CASE("attribution: a planted engagement interaction ranks first", "[campaign-report]") {
  const CampaignData d = synthetic(Plant::kEngagement, 11);
  const Value a = tailor::report::attribution_report(d, ReportOptions{});
  CHECK(str(a, "strongest") == "email_engagement");
  REQUIRE(!arr(a, "ranking").empty());
  CHECK(str(arr(a, "ranking")[0], "attribute") == "email_engagement");
  CHECK(num(arr(a, "ranking")[0], "pValue") < 0.001);
  CHECK(str(arr(a, "purchaseRanking")[0], "attribute") == "email_engagement");
  // The constant channel is left out of the regression, with the reason.
  const auto& left = arr(obj(obj(a, "regression"), "rpm"), "leftOut");
  REQUIRE(left.size() == 1);
  CHECK(str(left[0], "attribute") == "channel");
  // The interaction's sign: treatment helps more per SD of engagement (planted 0.16 per unit
  // of engagement, sd 1/sqrt(12) = 0.29: about +0.046 per SD on purchase).
  for (const Value& attr : arr(obj(obj(a, "regression"), "purchase"), "attributes")) {
    if (str(attr, "attribute") != "email_engagement") continue;
    const double coef = num(arr(attr, "interactions")[0], "coefficient");
    CHECK(coef == Approx(0.046).margin(0.02));
  }
  // Bins: 5 quantile bins + missing; the top bin's purchase uplift exceeds the bottom bin's.
  const auto& bins = arr(bins_of(a, "email_engagement"), "bins");
  REQUIRE(bins.size() == 6);
  CHECK(str(bins[5], "label") == "(missing)");
  const double low = num(obj(bins[0], "purchase"), "difference");
  const double high = num(obj(bins[4], "purchase"), "difference");
  CHECK(low < 0.0);
  CHECK(high > 0.06);
  CHECK(num(obj(bins[4], "purchase"), "ciLower") > 0);
}

TEST_CASE("attribution: a planted categorical interaction ranks first", "[campaign-report]") {
  const CampaignData d = synthetic(Plant::kLoyalty, 12);
  const Value a = tailor::report::attribution_report(d, ReportOptions{});
  CHECK(str(a, "strongest") == "loyalty_member");
  CHECK(str(arr(a, "purchaseRanking")[0], "attribute") == "loyalty_member");
  const auto& bins = arr(bins_of(a, "loyalty_member"), "bins");
  REQUIRE(bins.size() == 2);
  // Most frequent label first ("false": 70%); members gain about 0.10, others about 0.
  CHECK(str(bins[0], "label") == "false");
  CHECK(num(obj(bins[0], "purchase"), "difference") == Approx(0).margin(0.02));
  CHECK(num(obj(bins[1], "purchase"), "difference") == Approx(0.10).margin(0.03));
  // In the full report too.
  auto r = tailor::report::campaign_report(d, ReportOptions{});
  REQUIRE(r.ok());
  CHECK(str(obj(*r, "attribution"), "strongest") == "loyalty_member");
}

TEST_CASE("attribution: no varying attribute is reported, not an error", "[campaign-report]") {
  CampaignData d = golden_campaign();
  d.attributes.push_back({"tier",
                          AttributeColumn::Kind::kCategorical,
                          {},
                          std::vector<std::string>(d.units.size(), "gold")});
  auto r = tailor::report::campaign_report(d, ReportOptions{});
  REQUIRE(r.ok());
  const Value& a = obj(*r, "attribution");
  CHECK(obj(a, "strongest").is_null());
  CHECK(str(obj(a, "regression"), "error") == "no attribute varies");
  CHECK(arr(a, "bins").size() == 1);
}

TEST_CASE("attribution: a collinear attribute is left out and the rest still ranks",
          "[campaign-report]") {
  CampaignData d = synthetic(Plant::kEngagement, 13);
  AttributeColumn copy = d.attributes[1];  // email_engagement again, in months instead of 0..1
  copy.name = "engagement_copy";
  for (double& v : copy.numbers) v *= 12;  // standardised, it is the same column
  d.attributes.push_back(copy);
  const Value a = tailor::report::attribution_report(d, ReportOptions{});
  const auto& left = arr(obj(obj(a, "regression"), "purchase"), "leftOut");
  REQUIRE(left.size() == 2);  // channel (constant) and the copy (collinear)
  CHECK(str(left[1], "attribute") == "engagement_copy");
  CHECK(str(left[1], "reason") == "collinear with other columns of the regression");
  CHECK(str(a, "strongest") == "email_engagement");
}
