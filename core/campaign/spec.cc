#include "core/campaign/spec.h"

#include <algorithm>

#include "core/campaign/fields.h"
#include "core/json/parse.h"

namespace tailor::campaign {
namespace {

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Result<Brand> parse_brand(const json::Value* value) {
  if (value == nullptr) return Result<Brand>::failure("brand is required");
  auto fields = Fields::open(*value, "brand", {"name", "voice", "signoff"});
  if (!fields.ok()) return fields.status();
  Brand brand;
  auto name = fields->string("name", 200);
  if (!name.ok()) return name.status();
  brand.name = *name;
  auto voice = fields->optional_string("voice", 200);
  if (!voice.ok()) return voice.status();
  brand.voice = voice->value_or("");
  auto signoff = fields->optional_string("signoff", 200);
  if (!signoff.ok()) return signoff.status();
  brand.signoff = signoff->value_or("");
  return brand;
}

Result<std::vector<std::string>> parse_channels(const json::Value* value) {
  using R = Result<std::vector<std::string>>;
  if (value == nullptr) return R::failure("channels is required");
  if (!value->is_array() || value->as_array().empty()) {
    return R::failure("channels must be a non-empty array of \"email\", \"sms\", \"web\", got " +
                      show(*value));
  }
  std::vector<std::string> channels;
  for (size_t i = 0; i < value->as_array().size(); ++i) {
    const json::Value& c = value->as_array()[i];
    const std::string path = "channels[" + std::to_string(i) + "]";
    if (!c.is_string() ||
        (c.as_string() != "email" && c.as_string() != "sms" && c.as_string() != "web")) {
      return R::failure(path + " is " + show(c) + ", expected \"email\", \"sms\" or \"web\"");
    }
    if (std::find(channels.begin(), channels.end(), c.as_string()) != channels.end()) {
      return R::failure(path + " repeats \"" + c.as_string() + "\"");
    }
    channels.push_back(c.as_string());
  }
  if (std::find(channels.begin(), channels.end(), "email") == channels.end()) {
    return R::failure("channels must include \"email\": the experiment measures email sends");
  }
  return channels;
}

Result<dataset::ReadOptions> parse_customers(const json::Value* value) {
  using R = Result<dataset::ReadOptions>;
  if (value == nullptr) {
    return R::failure("customers is required (at least its consent column: customers.consent)");
  }
  auto fields = Fields::open(*value, "customers", {"columns", "consent", "bad_rows",
                                                   "max_problems"});
  if (!fields.ok()) return fields.status();
  dataset::ReadOptions options;
  if (const json::Value* columns = fields->get("columns")) {
    if (!columns->is_object()) {
      return R::failure("customers.columns must be an object {column: type}, got " +
                        show(*columns));
    }
    for (const auto& [name, type] : columns->as_object()) {
      auto parsed = type.is_string() ? dataset::parse_column_type(type.as_string())
                                     : std::optional<dataset::ColumnType>();
      if (!parsed) {
        return R::failure("customers.columns[\"" + name + "\"] is " + show(type) +
                          ", expected one of id, email, string, category, number, integer, "
                          "boolean, date");
      }
      options.columns.push_back({name, *parsed});
    }
  }
  const json::Value* consent = fields->get("consent");
  if (consent == nullptr) {
    return R::failure(
        "customers.consent is required: {\"column\": a true/false column, \"meaning\": "
        "\"consent\" (true = may be contacted) or \"opt_out\" (true = opted out)}");
  }
  auto consent_fields = Fields::open(*consent, "customers.consent", {"column", "meaning"});
  if (!consent_fields.ok()) return consent_fields.status();
  auto column = consent_fields->string("column", 256);
  if (!column.ok()) return column.status();
  auto meaning = consent_fields->string("meaning", 16);
  if (!meaning.ok()) return meaning.status();
  dataset::ConsentRule rule{*column, dataset::ConsentMeaning::kTrueMeansConsent};
  if (*meaning == "opt_out") {
    rule.meaning = dataset::ConsentMeaning::kTrueMeansOptOut;
  } else if (*meaning != "consent") {
    return R::failure("customers.consent.meaning is \"" + *meaning +
                      "\", expected \"consent\" or \"opt_out\"");
  }
  options.consent = rule;
  auto bad_rows = fields->optional_string("bad_rows", 16);
  if (!bad_rows.ok()) return bad_rows.status();
  if (*bad_rows == "skip") {
    options.bad_rows = dataset::BadRows::kSkip;
  } else if (bad_rows->has_value() && **bad_rows != "fail") {
    return R::failure("customers.bad_rows is \"" + **bad_rows +
                      "\", expected \"fail\" or \"skip\"");
  }
  auto max_problems = fields->optional_whole("max_problems", 1, 100000);
  if (!max_problems.ok()) return max_problems.status();
  if (max_problems->has_value()) options.max_problems = static_cast<size_t>(**max_problems);
  return options;
}

}  // namespace

bool Spec::has_channel(std::string_view channel) const {
  return std::find(channels.begin(), channels.end(), channel) != channels.end();
}

Result<Spec> read_spec(std::string_view text) {
  auto document = json::parse(text);
  if (!document.ok()) {
    return Result<Spec>::failure(StatusCode::kMalformed, "not JSON: " + document.error());
  }
  return parse_spec(*document);
}

Result<Spec> parse_spec(const json::Value& document) {
  auto fields = Fields::open(document, "",
                             {"campaign", "goal", "as_of", "brand", "channels", "customers",
                              "segmentation", "content", "generation", "design", "simulation"});
  if (!fields.ok()) return fields.status();
  Spec spec;
  spec.document = document;
  auto id = fields->string("campaign", 64);
  if (!id.ok()) return id.status();
  if (!valid_id(*id)) {
    return Result<Spec>::failure("campaign is \"" + *id +
                                 "\", expected 1 to 64 of a-z, 0-9 and \"-\", not starting "
                                 "with \"-\"");
  }
  spec.campaign = *id;
  auto goal = fields->string("goal", 1000);
  if (!goal.ok()) return goal.status();
  spec.goal = *goal;
  auto as_of = fields->date("as_of");
  if (!as_of.ok()) return as_of.status();
  spec.as_of_day = *as_of;
  auto brand = parse_brand(fields->get("brand"));
  if (!brand.ok()) return brand.status();
  spec.brand = *brand;
  auto channels = parse_channels(fields->get("channels"));
  if (!channels.ok()) return channels.status();
  spec.channels = *channels;
  auto customers = parse_customers(fields->get("customers"));
  if (!customers.ok()) return customers.status();
  spec.customers = *customers;
  for (auto [key, slot] : {std::pair{"segmentation", &spec.segmentation},
                           std::pair{"content", &spec.content},
                           std::pair{"generation", &spec.generation},
                           std::pair{"design", &spec.design},
                           std::pair{"simulation", &spec.simulation}}) {
    const json::Value* section = fields->get(key);
    if (section == nullptr) {
      if (std::string_view(key) == "segmentation" || std::string_view(key) == "design") {
        return Result<Spec>::failure(std::string(key) + " is required");
      }
      continue;
    }
    if (!section->is_object()) {
      return Result<Spec>::failure(std::string(key) + " must be an object, got " +
                                   show(*section));
    }
    *slot = *section;
  }
  return spec;
}

}  // namespace tailor::campaign
