// The campaign spec (campaign.json): THE contract for what a campaign run may be asked to do.
// The CLI, the edge's campaign jobs and the studio all parse a spec with parse_spec, so a spec
// one door accepts, every door accepts. docs/campaigns.md lists every field.
//
//   {
//     "campaign": "winter-2026",           id: 1..64 of [a-z0-9-], starting with a letter or digit
//     "goal": "...",                        free text (1..1000 bytes): the retrieval query's core
//     "as_of": "2026-12-01",                the campaign date (content validity, offers)
//     "brand": {"name", "voice"?, "signoff"?},
//     "channels": ["email", "sms", "web"],  non-empty, no repeats; "email" is the experiment's
//                                           channel (opens, clicks); "web" is published as config
//     "customers": {"columns"?: {name: type}, "consent": {"column", "meaning": "consent" |
//                   "opt_out"}, "bad_rows"?: "fail" | "skip", "max_problems"?},
//     "segmentation", "content", "generation", "design", "simulation": objects parsed by their
//                                           own modules (segmentation, content, generate,
//                                           campaign/design.h, simulate)
//   }
// Consent is required: a campaign never sends to a customer whose consent it cannot read.
// Unknown members are errors. Every message starts with the path of the member, e.g.
//   customers.consent.meaning is "yes", expected "consent" or "opt_out"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/dataset/read.h"
#include "core/json/value.h"
#include "core/result.h"

namespace tailor::campaign {

struct Brand {
  std::string name;
  std::string voice;    // "" when not given
  std::string signoff;  // "" when not given
};

struct Spec {
  std::string campaign;
  std::string goal;
  int32_t as_of_day = 0;  // days since 1970-01-01
  Brand brand;
  std::vector<std::string> channels;
  dataset::ReadOptions customers;
  // The stage sections, checked by their modules' parsers (null when absent).
  json::Value segmentation, content, generation, design, simulation;
  // The whole document, as given (recorded in design.json so a run is reproducible).
  json::Value document;

  bool has_channel(std::string_view channel) const;
};

// `text` is the file's bytes (read_spec) or its JSON (parse_spec). Failure: kMalformed when it
// is not JSON, kInvalidArgument naming the member otherwise. The stage sections are only
// checked to be objects here.
Result<Spec> read_spec(std::string_view text);
Result<Spec> parse_spec(const json::Value& document);

}  // namespace tailor::campaign
