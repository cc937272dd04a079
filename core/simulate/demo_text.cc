// The demo's approved-content corpus and campaign spec (core/simulate/demo.h).
#include <string_view>
#include <vector>

#include "core/json/js.h"
#include "core/simulate/demo.h"

namespace tailor::simulate {
namespace {

struct Offer {
  std::string_view description;
  std::string_view code;  // "" when the offer needs no code
  std::string_view deadline;
};

struct Item {
  std::string_view title;
  std::string_view body;
  std::vector<std::string_view> claims;
  std::string_view valid_from;
  std::string_view valid_until;
  std::vector<std::string_view> channels;
  Offer offer;  // description "" when the item has no offer
  std::vector<std::string_view> tags;
};

// Northwind Outfitters' approved content as of 2026-12-01: c13 and c14 have expired, c22 is not
// valid yet, c15 is for sms only and c16 for the web only; c8 and c21 are offers whose
// deadlines fall after the campaign date (c13's and c14's do not).
const std::vector<Item>& items() {
  static const std::vector<Item> kItems = {
      {"Free returns, no questions asked",
       "Changed your mind? Send anything back within 60 days of delivery and we refund you in "
       "full. Returns are free in every country we ship to.",
       {"Free returns within 60 days.",
        "Refunds go back to the original payment method within 5 business days."},
       "2026-01-01",
       "2027-12-31",
       {"email", "sms", "web"},
       {},
       {"returns", "service"}},
      {"Northwind Rewards: points on every order",
       "Rewards members earn points on everything they buy and turn them into money off their "
       "next order.",
       {"Members earn 2 points per dollar.", "Every 200 points is worth $10 off."},
       "2026-01-01",
       "2027-06-30",
       {"email", "sms", "web"},
       {},
       {"loyalty", "rewards"}},
      {"The winter collection is here",
       "Our new winter collection brings insulated parkas, waterproof shells and warm layers "
       "built for cold mornings on the trail.",
       {"The winter collection is available from December 1.",
        "The Summit parka is insulated with 700-fill responsibly sourced down."},
       "2026-11-15",
       "2027-02-28",
       {"email", "web"},
       {},
       {"winter", "jackets", "new"}},
      {"Ridgeline fleece, made from recycled bottles",
       "The Ridgeline fleece is soft, warm and made without virgin plastic.",
       {"The Ridgeline fleece is made from 100% recycled polyester."},
       "2026-01-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"sustainability", "fleece", "base-layers"}},
      {"Loved by thousands of hikers",
       "Customers who wear the Summit parka tell us it is the warmest jacket they own.",
       {"More than 12,000 customers rate the Summit parka 4.8 out of 5.",
        "The Summit parka is our best-selling jacket for the third winter running."},
       "2026-09-01",
       "2027-03-31",
       {"email", "sms", "web"},
       {},
       {"reviews", "social-proof", "jackets"}},
      {"Built to last: lifetime repairs",
       "We stand behind everything we make. If a seam or zip fails, we repair it.",
       {"Every Northwind jacket comes with free lifetime repairs."},
       "2026-01-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"quality", "repairs", "jackets"}},
      {"Free shipping over $75",
       "Orders over $75 ship free with standard delivery.",
       {"Orders over $75 ship free."},
       "2026-01-01",
       "2027-12-31",
       {"email", "sms", "web"},
       {},
       {"shipping", "service"}},
      {"Winter jacket event: 20% off",
       "For two weeks, every winter jacket is 20% off with the code WINTER20 at checkout.",
       {"Save 20% on winter jackets with code WINTER20 until December 14."},
       "2026-11-25",
       "2026-12-14",
       {"email", "sms", "web"},
       {"20% off winter jackets", "WINTER20", "2026-12-14"},
       {"offer", "jackets", "winter"}},
      {"Members shop first",
       "Rewards members get early access to every new collection.",
       {"Members shop new arrivals 48 hours before everyone else."},
       "2026-01-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"loyalty", "early-access"}},
      {"Trailhead boots: dry feet, all day",
       "The Trailhead boot pairs a waterproof membrane with a grippy outsole for wet winter "
       "trails.",
       {"The Trailhead boot is waterproof and seam-sealed.",
        "The Trailhead boot's outsole is made for wet rock and mud."},
       "2026-03-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"footwear", "boots"}},
      {"Merino base layers",
       "Our merino base layers keep you warm when it is cold and cool when you work hard.",
       {"Our merino base layers are itch-free and machine washable."},
       "2026-01-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"base-layers", "merino"}},
      {"Gift cards in minutes",
       "Not sure what to give? A Northwind gift card lets them choose.",
       {"Gift cards are delivered by email within minutes.", "Gift cards never expire."},
       "2026-11-01",
       "2027-01-31",
       {"email", "sms", "web"},
       {},
       {"gifts", "holiday"}},
      {"Black Friday 2025: 30% off everything",
       "Our biggest sale of 2025 is on now.",
       {"Save 30% on everything with code BF2025 until November 30."},
       "2025-11-20",
       "2025-11-30",
       {"email", "sms", "web"},
       {"30% off everything", "BF2025", "2025-11-30"},
       {"offer", "sale"}},
      {"Summer clearance",
       "Last chance for this summer's tents and shorts.",
       {"Summer styles are up to 40% off until August 31."},
       "2026-07-15",
       "2026-08-31",
       {"email", "web"},
       {"Up to 40% off summer styles", "", "2026-08-31"},
       {"offer", "summer"}},
      {"Text alerts",
       "Get restock alerts for your size by text.",
       {"Reply STOP at any time to stop text messages."},
       "2026-01-01",
       "2027-12-31",
       {"sms"},
       {},
       {"sms", "alerts"}},
      {"Find your fit online",
       "Our online fit finder suggests your size from three quick questions.",
       {"The online fit finder recommends a size in under a minute."},
       "2026-01-01",
       "2027-12-31",
       {"web"},
       {},
       {"fit", "web"}},
      {"Trail days with the community",
       "Every month our stores host free guided hikes for members and friends.",
       {"More than 50,000 people joined a Northwind trail day this year.",
        "Trail days are free to join."},
       "2026-01-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"community", "social-proof"}},
      {"Repair, don't replace",
       "Bring a worn Northwind jacket to any store and our team will assess it for repair.",
       {"Any Northwind store offers a free repair assessment."},
       "2026-01-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"repairs", "sustainability"}},
      {"Ascent 40: the everyday pack",
       "A light, roomy pack for day hikes and commutes.",
       {"The Ascent 40 pack weighs 1.1 kg.",
        "The Ascent 40 has a padded sleeve for a 16-inch laptop."},
       "2026-02-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"backpacks"}},
      {"Gold members ship express for free",
       "Reach Gold status and every order ships express at no charge.",
       {"Gold members get free express shipping on every order."},
       "2026-01-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"loyalty", "shipping"}},
      {"Welcome back: $15 off",
       "It has been a while. Here is $15 off your next order of $100 or more.",
       {"Returning customers save $15 on orders of $100 or more with code COMEBACK15 until "
        "December 31."},
       "2026-11-20",
       "2026-12-31",
       {"email", "sms"},
       {"$15 off orders of $100 or more", "COMEBACK15", "2026-12-31"},
       {"offer", "win-back"}},
      {"Spring collection preview",
       "Lightweight shells and trail runners for the new season.",
       {"The spring collection arrives on February 15."},
       "2027-01-15",
       "2027-05-31",
       {"email", "web"},
       {},
       {"spring", "new"}},
      {"1% for the trails",
       "A share of every sale funds the paths we all hike on.",
       {"We donate 1% of sales to trail conservation groups."},
       "2026-01-01",
       "2027-12-31",
       {"email", "sms", "web"},
       {},
       {"sustainability", "community"}},
      {"Price match promise",
       "Found it cheaper at an authorised retailer? We match the price.",
       {"We match an authorised retailer's lower price within 14 days of purchase."},
       "2026-01-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"price", "service"}},
      {"Tents, camp and cook",
       "Three-season tents and camp kitchens for cold nights out.",
       {"The Basecamp 2 tent sets up in under five minutes."},
       "2026-03-01",
       "2027-12-31",
       {"email", "web"},
       {},
       {"camping", "tents"}},
  };
  return kItems;
}

void append_strings(std::string& out, const std::vector<std::string_view>& values) {
  out += "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    json::append_quoted(out, values[i]);
  }
  out += "]";
}

void append_member(std::string& out, std::string_view name, std::string_view value,
                   bool last = false) {
  out += "  ";
  json::append_quoted(out, name);
  out += ": ";
  json::append_quoted(out, value);
  out += last ? "\n" : ",\n";
}

std::string item_json(size_t index, const Item& item) {
  std::string out = "{\n";
  append_member(out, "id", "c" + std::to_string(index + 1));
  append_member(out, "title", item.title);
  append_member(out, "body", item.body);
  out += "  \"claims\": [\n";
  for (size_t i = 0; i < item.claims.size(); ++i) {
    out += "    ";
    json::append_quoted(out, item.claims[i]);
    out += i + 1 < item.claims.size() ? ",\n" : "\n";
  }
  out += "  ],\n";
  append_member(out, "valid_from", item.valid_from);
  append_member(out, "valid_until", item.valid_until);
  out += "  \"channels\": ";
  append_strings(out, item.channels);
  out += ",\n";
  append_member(out, "locale", "en");
  if (!item.offer.description.empty()) {
    out += "  \"offer\": {\"description\": ";
    json::append_quoted(out, item.offer.description);
    if (!item.offer.code.empty()) {
      out += ", \"code\": ";
      json::append_quoted(out, item.offer.code);
    }
    out += ", \"deadline\": ";
    json::append_quoted(out, item.offer.deadline);
    out += "},\n";
  }
  out += "  \"tags\": ";
  append_strings(out, item.tags);
  out += "\n}\n";
  return out;
}

// The spec; @SEED@ becomes the demo's seed. The planted truth (truth.h): base rates give a
// control conversion of 0.3 * 0.25 * 0.3 = 2.25% per message at the attribute centres; each
// segment's best strategy adds 0.7 log-odds to open, click and purchase (0.463 * 0.402 * 0.463
// = 8.6%, about 3.8 times control there), the runner-up at most 0.3 with the strategies' own
// effects, so with 20,000 customers even the smallest default RFM segment (Potential
// Loyalists, about a tenth) shows its best arm clearly (tests/simulate/recovery_test.cc).
// email_engagement's centre and scale are about the demo column's mean and standard deviation;
// its uplift (0.3 per standard deviation on three stages) is the strongest interaction, and
// loyalty_member's (0.1) the second. Every strategy is an arm (4 treatments), so each segment's
// planted best arm is in its experiment. Unsubscribes (0.3% of opens at the base) stay rare
// enough that the report's unsubscribe guardrail does not hold back a planted best arm at the
// sizes the tests use, though urgency does raise them.
constexpr std::string_view kSpec = R"json({
  "campaign": "winter-2026",
  "goal": "bring lapsed customers back with the winter collection",
  "as_of": "2026-12-01",
  "brand": {"name": "Northwind Outfitters", "voice": "warm", "signoff": "The Northwind team"},
  "channels": ["email", "sms", "web"],
  "customers": {
    "columns": {
      "customer_id": "id", "email": "email", "first_name": "string", "last_name": "string",
      "country": "category", "age": "integer", "signup_date": "date",
      "last_order_date": "date", "days_since_last_order": "integer", "orders_12m": "integer",
      "spend_12m": "number", "avg_order_value": "number", "favourite_category": "category",
      "email_opt_in": "boolean", "loyalty_member": "boolean", "email_engagement": "number",
      "emails_last_30d": "integer"
    },
    "consent": {"column": "email_opt_in", "meaning": "consent"},
    "bad_rows": "skip"
  },
  "segmentation": {
    "method": "rfm",
    "recency": "days_since_last_order",
    "frequency": "orders_12m",
    "monetary": "spend_12m"
  },
  "content": {"passages": 6, "locale": "en"},
  "generation": {"variants_per_segment": 4, "max_regenerations": 2},
  "design": {
    "treatments": 4,
    "weights": [0.2, 0.2, 0.2, 0.2, 0.2],
    "alpha": 0.05,
    "power": 0.8,
    "mde": 0.3,
    "baseline": {"metric": "purchase", "rate": 0.0225},
    "frequency_cap": {"column": "emails_last_30d", "max": 8},
    "seed": "winter-2026"
  },
  "simulation": {
    "seed": @SEED@,
    "start": "2026-12-01T09:00:00Z",
    "days": 7,
    "base": {"open": 0.3, "click": 0.25, "purchase": 0.3, "unsubscribe": 0.003,
             "revenue": 95, "revenue_sigma": 0.5},
    "segments": {
      "Champions": {"open": 0.5, "click": 0.3, "purchase": 0.3, "unsubscribe": -0.6,
                    "revenue": 140,
                    "strategies": {"loyalty": 0.7, "social_proof": 0.15, "benefit": 0.05,
                                   "urgency": -0.3}},
      "Loyal": {"open": 0.3, "click": 0.2, "purchase": 0.2, "unsubscribe": -0.3, "revenue": 115,
                "strategies": {"social_proof": 0.7, "loyalty": 0.15, "benefit": 0.05,
                               "urgency": -0.2}},
      "Potential Loyalists": {"open": 0.2, "click": 0.1, "purchase": 0.1, "revenue": 95,
                              "strategies": {"benefit": 0.7, "social_proof": 0.15,
                                             "loyalty": 0, "urgency": -0.1}},
      "At Risk": {"open": -0.2, "click": -0.1, "unsubscribe": 0.3, "revenue": 105,
                  "strategies": {"urgency": 0.7, "benefit": 0.15, "social_proof": 0,
                                 "loyalty": -0.2}},
      "Hibernating": {"open": -0.5, "click": -0.3, "purchase": -0.2, "unsubscribe": 0.5,
                      "revenue": 80,
                      "strategies": {"benefit": 0.7, "urgency": 0.1, "social_proof": 0,
                                     "loyalty": -0.3}}
    },
    "strategies": {
      "benefit": {"open": 0.05, "click": 0.05},
      "social_proof": {"open": 0.05, "click": 0.05},
      "loyalty": {"open": 0.05},
      "urgency": {"open": 0.1, "unsubscribe": 0.3}
    },
    "attributes": {
      "email_engagement": {"center": 0.41, "scale": 0.2, "open": 0.8, "click": 0.3,
                           "uplift": 0.3},
      "loyalty_member": {"purchase": 0.2, "uplift": 0.1},
      "age": {"center": 41, "scale": 13, "open": 0.05, "click": -0.05}
    }
  }
}
)json";

}  // namespace

std::vector<std::pair<std::string, std::string>> demo_content_files() {
  std::vector<std::pair<std::string, std::string>> files;
  const auto& all = items();
  for (size_t i = 0; i < all.size(); ++i) {
    files.emplace_back("c" + std::to_string(i + 1) + ".json", item_json(i, all[i]));
  }
  return files;
}

std::string demo_spec_json(uint64_t seed) {
  std::string spec(kSpec);
  const auto at = spec.find("@SEED@");
  spec.replace(at, 6, std::to_string(seed));
  return spec;
}

}  // namespace tailor::simulate
