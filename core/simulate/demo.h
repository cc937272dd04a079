// Demo data for `tailor gen-data`: realistic customers of an outdoor-clothing brand, an
// approved-content corpus and a campaign spec whose "simulation" section plants a known ground
// truth (core/simulate/truth.h). Pure: returns text; the CLI writes the files.
//
// customers.csv (RFC 4180, LF line ends, a header row, fields quoted only where needed), one row
// per customer, these columns in this order:
//   customer_id (id "C0000001"...), email (first.last<n>@example.com: a reserved domain),
//   first_name, last_name, country (category), age (integer 18..85), signup_date (date),
//   last_order_date (date = as_of - days_since_last_order), days_since_last_order (integer),
//   orders_12m (integer; 0 exactly when the last order is over 365 days old), spend_12m
//   (number, 2 decimals), avg_order_value (number = spend_12m / orders_12m, 2 decimals; empty
//   when orders_12m is 0), favourite_category (category), email_opt_in (boolean, the consent
//   column; false for about 5%), loyalty_member (boolean), email_engagement (number 0..1),
//   emails_last_30d (integer; 0 when opted out).
// Each customer has a latent "value" drawn from N(0, 1) that raises frequency, spend, loyalty
// and engagement and shortens recency, so the RFM columns correlate as real ones do; about 12%
// are newcomers (signed up within 150 days, one or two orders), so every default RFM segment
// is well populated (Potential Loyalists, the smallest, holds about a tenth). Customer
// n's row depends only on (seed, n): 500 customers are the first 500 rows of 1,000.
// With bad_rows = B > 0, B extra rows, each with one deliberate problem, are spread through the
// file (cycling through: an impossible date, a missing field, a non-numeric spend, a malformed
// email, a consent value that is no boolean, a repeated customer_id); every one of them is
// reported by core/dataset/read.h when the spec's declared columns are used.
//
// content/: approved-content items c1.json ... as JSON objects {id, title, body, claims,
// valid_from, valid_until, channels, locale, offer?, tags}; some expired, one not yet valid,
// some for one channel only, and offers with deadlines after kDemoAsOf (so urgency is allowed).
//
// campaign.json: the whole spec (each section documented by the module that parses it), with the
// customer columns declared, consent email_opt_in, rfm segmentation and the planted truth: each
// default RFM segment has its own best strategy (Champions: loyalty, Loyal: social_proof, Potential
// Loyalists: benefit, At Risk: urgency, Hibernating: benefit) and email_engagement has the
// strongest treatment interaction. simulation.seed is the demo's seed.
//
// Failure (kInvalidArgument): customers 0 or over 1,000,000; a seed over 2^53 - 1 (the spec
// holds it as a JSON number); bad_rows over customers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace tailor::simulate {

inline constexpr std::string_view kDemoAsOf = "2026-12-01";
inline constexpr size_t kDemoMaxCustomers = 1'000'000;
inline constexpr uint64_t kDemoMaxSeed = (uint64_t{1} << 53) - 1;

struct DemoOptions {
  size_t customers = 1000;
  uint64_t seed = 1;
  size_t bad_rows = 0;
};

struct Demo {
  std::string customers_csv;
  std::vector<std::pair<std::string, std::string>> content_files;  // file name -> JSON text
  std::string spec_json;
};

Result<Demo> generate_demo(const DemoOptions& options);

// The parts generate_demo assembles (demo_text.cc): the corpus, and the spec for a seed.
std::vector<std::pair<std::string, std::string>> demo_content_files();
std::string demo_spec_json(uint64_t seed);

}  // namespace tailor::simulate
