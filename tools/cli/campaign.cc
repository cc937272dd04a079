// `tailor campaign run|approve` and `tailor gen-data`: the campaign pipeline's files. The work
// is core/campaign's; this file reads inputs, writes the output directory whole or not at all
// (campaign_files.h) and reports progress on stderr.
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <tuple>

#include "core/audit/sha256.h"
#include "core/campaign/pipeline.h"
#include "core/campaign/publish.h"
#include "core/campaign/replay.h"
#include "core/generate/composer.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "core/json/pretty.h"
#include "core/simulate/demo.h"
#include "tools/cli/campaign_commands.h"
#include "tools/cli/campaign_files.h"
#include "tools/cli/commands.h"
#include "tools/cli/llm_backend.h"
#include "tools/net/moderation_client.h"

namespace tailor::cli {

const std::string_view kCampaignUsage =
    "  tailor campaign run --customers FILE.csv --content DIR --spec FILE.json --out DIR\n"
    "                      [--approve-as NAME] [--llm-url URL --llm-model MODEL\n"
    "                      [--llm-key-env VAR] [--llm-concurrency N] [--llm-timeout-ms MS]]\n"
    "                      [--moderation-url URL --moderation-model MODEL\n"
    "                      [--moderation-key-env VAR] [--moderation-timeout-ms MS]]\n"
    "                      [--prior EARLIER_OUT] [--quiet]\n"
    "      The campaign pipeline (docs/campaigns.md): segments, retrieved content, screened\n"
    "      variants and the experiment design into DIR; with --approve-as also the approval,\n"
    "      the simulated sends, the report and the publishable config.json. Without an LLM\n"
    "      the built-in grounded composer writes the copy; the key is read from VAR, which\n"
    "      must be set (default OPENAI_API_KEY, no key when unset); up to N requests at once\n"
    "      (default 4), each attempt limited to MS (default 60000), retried on\n"
    "      429/5xx/timeouts with backoff.\n"
    "      --moderation-url adds a model moderator to the screening of every draft, as\n"
    "      tailor screen's (docs/safety.md); run.json records it (not the key), and review\n"
    "      and approve screen again with it, reading the key from VAR again.\n"
    "      --prior: an earlier wave's output (its report.json), whose purchases per arm\n"
    "      set the weights when the spec's design.allocation is \"thompson\".\n"
    "      Progress on stderr; DIR is written whole or not at all.\n"
    "  tailor campaign review DIR --message ID --decision approve|reject --as NAME\n"
    "                         [--reason TEXT] [--quiet]\n"
    "      Records a reviewer's decision on a draft that screening held for review (its id\n"
    "      as in variants.json: SEGMENT/STRATEGY/CHANNEL). Approved, it stays in the design;\n"
    "      rejected, its strategy gives way to the next. The design then awaits approval.\n"
    "  tailor campaign approve DIR --as NAME [--quiet]\n"
    "      Approves the design in DIR as written (design.json) and runs the rest; refuses\n"
    "      when the inputs or the variants changed since (approve the new design instead)\n"
    "      or while a draft awaits review.\n";

const std::string_view kGenDataUsage =
    "  tailor gen-data --customers N --seed S --out DIR [--bad-rows N]\n"
    "      Demo data with a known ground truth: DIR/customers.csv, DIR/content/ and\n"
    "      DIR/campaign.json (whose \"simulation\" plants the effects the report recovers).\n";

namespace {

namespace fs = std::filesystem;

// Progress of the core's stages on stderr.
class StderrProgress : public campaign::Progress {
 public:
  StderrProgress(std::ostream& err, bool quiet) : progress_(err, quiet) {}
  void start(std::string_view stage, size_t total) override { progress_.start(stage, total); }
  void tick(size_t done) override { progress_.tick(done); }
  void finish(std::string_view summary) override { progress_.finish(summary); }
  void note(std::string_view line) override { progress_.note(line); }

 private:
  cli::Progress progress_;
};

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

struct Options {
  std::map<std::string, std::string> values;
  std::vector<std::string> positional;
  bool quiet = false;
};

// --name VALUE pairs (names in `valued`), --quiet, and positional arguments.
Result<Options> parse_options(const std::vector<std::string>& args,
                              std::initializer_list<std::string_view> valued) {
  Options o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--quiet") {
      o.quiet = true;
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      o.positional.push_back(a);
      continue;
    }
    bool known = false;
    for (std::string_view v : valued) known = known || a.substr(2) == v;
    if (!known) return Result<Options>::failure("unknown option " + a);
    if (i + 1 >= args.size()) return Result<Options>::failure(a + " needs a value");
    o.values[a.substr(2)] = args[++i];
  }
  return o;
}

// The inputs named by run.json or the command line, read.
Result<campaign::Inputs> read_inputs(const std::string& customers, const std::string& content,
                                     const std::string& spec_path, const std::string& prior,
                                     std::ostream& err) {
  campaign::Inputs in;
  if (!prior.empty()) {
    // An earlier wave: its output directory (report.json in it) or the report itself.
    const std::string report_path = fs::is_directory(prior) ? prior + "/report.json" : prior;
    std::string text;
    if (!read_whole_file(report_path, text, err)) {
      return Result<campaign::Inputs>::failure("--prior: cannot read " + report_path);
    }
    auto report = json::parse(text);
    if (!report.ok()) {
      return Result<campaign::Inputs>::failure(report_path + ": not JSON: " + report.error());
    }
    auto counts = campaign::prior_from_report(*report);
    if (!counts.ok()) return Result<campaign::Inputs>::failure(report_path + ": " + counts.error());
    in.prior = std::move(*counts);
  }
  std::string spec_text;
  if (!read_whole_file(spec_path, spec_text, err) || !read_whole_file(customers, in.customers_csv, err)) {
    return Result<campaign::Inputs>::failure("cannot read the inputs");
  }
  in.spec_name = fs::path(spec_path).filename().string();
  in.customers_name = fs::path(customers).filename().string();
  auto spec = campaign::read_spec(spec_text);
  if (!spec.ok()) {
    return Result<campaign::Inputs>::failure(spec.status().code(),
                                             in.spec_name + ": " + spec.error());
  }
  in.spec = std::move(*spec);
  auto files = read_content_dir(content);
  if (!files.ok()) return files.status();
  for (auto& [name, bytes] : *files) {
    in.content_files.emplace_back(fs::path(content).filename().string() + "/" + name,
                                  std::move(bytes));
  }
  return in;
}

// What run.json records of the inputs, the LLM and the moderator.
struct RunRecord {
  json::Value inputs, llm, moderation;
};

json::Value run_json(const campaign::Prepared& p, const std::string& state, const RunRecord& r) {
  json::Value v = json::Value::object({
      {"campaign", p.inputs.spec.campaign},
      {"state", state},
      {"designHash", p.design_hash},
      {"preparedAt", p.inputs.now},
      {"generator", p.backend},
      {"inputs", r.inputs},
  });
  if (!r.llm.is_null()) v.set("llm", r.llm);
  if (!r.moderation.is_null()) v.set("moderation", r.moderation);
  return v;
}

// The moderator flags (--moderation-*) as run.json records them: url, model, keyEnv and
// timeoutMs (the key itself never).
Result<json::Value> moderation_record(std::map<std::string, std::string>& v) {
  using R = Result<json::Value>;
  const bool any = v.count("moderation-url") || v.count("moderation-model") ||
                   v.count("moderation-key-env") || v.count("moderation-timeout-ms");
  if (!any) return json::Value();
  if (!v.count("moderation-url") || !v.count("moderation-model")) {
    return R::failure("--moderation-url and --moderation-model go together");
  }
  std::chrono::milliseconds timeout = net::ModerationOptions{}.timeout;
  if (v.count("moderation-timeout-ms")) {
    if (std::string e = net::parse_moderation_timeout(v["moderation-timeout-ms"], timeout);
        !e.empty()) {
      return R::failure(e);
    }
  }
  return json::Value::object({{"url", v["moderation-url"]},
                              {"model", v["moderation-model"]},
                              {"keyEnv", v.count("moderation-key-env") ? v["moderation-key-env"] : ""},
                              {"timeoutMs", static_cast<double>(timeout.count())}});
}

// The moderator run.json's "moderation" records (null: none).
Result<std::unique_ptr<net::ModerationClient>> moderator_from_record(const json::Value& record) {
  using R = Result<std::unique_ptr<net::ModerationClient>>;
  if (record.is_null()) return std::unique_ptr<net::ModerationClient>();
  auto text = [&](const char* key) {
    const json::Value* m = record.find(key);
    return m && m->is_string() ? m->as_string() : std::string();
  };
  const json::Value* timeout = record.find("timeoutMs");
  if (!record.is_object() || !timeout || !timeout->is_number()) {
    return R::failure("run.json: moderation must be {url, model, keyEnv, timeoutMs}");
  }
  net::ModerationOptions options;
  options.url = text("url");
  options.model = text("model");
  options.timeout = std::chrono::milliseconds(static_cast<long>(timeout->as_number()));
  auto client = net::moderation_client_from_flags(std::move(options), text("keyEnv"));
  if (!client.ok()) return R::failure("run.json's moderator: " + client.error());
  return client;
}

int fail(std::ostream& err, const std::string& message) {
  err << "tailor campaign: " << message << "\n";
  return 1;
}

// Writes the prepared files, and the finished ones when there is an approval.
int write_outputs(const std::string& out, const campaign::Prepared& prepared,
                  const std::map<std::string, std::string>* finished, const RunRecord& record,
                  std::ostream& err) {
  auto dir = OutputDir::begin(out);
  if (!dir.ok()) return fail(err, dir.error());
  std::map<std::string, std::string> files = campaign::prepared_files(prepared);
  if (finished != nullptr) {
    for (const auto& [name, bytes] : *finished) files[name] = bytes;
  }
  files["run.json"] =
      json::stringify_pretty(run_json(prepared, finished ? "complete" : "awaiting-approval",
                                      record)) +
      "\n";
  for (const auto& [name, bytes] : files) {
    if (auto w = dir->write(name, bytes); !w.ok()) return fail(err, w.error());
  }
  if (auto c = dir->commit(); !c.ok()) return fail(err, c.error());
  return 0;
}

int campaign_run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto options = parse_options(args, {"customers", "content", "spec", "out", "approve-as",
                                      "llm-url", "llm-model", "llm-key-env", "llm-concurrency",
                                      "llm-timeout-ms", "prior", "moderation-url",
                                      "moderation-model", "moderation-key-env",
                                      "moderation-timeout-ms"});
  if (!options.ok()) return usage_error(err, "tailor campaign run: " + options.error(), kCampaignUsage);
  auto& v = options->values;
  for (const char* required : {"customers", "content", "spec", "out"}) {
    if (!v.count(required)) {
      return usage_error(err, std::string("tailor campaign run: --") + required + " is required",
                         kCampaignUsage);
    }
  }
  if (!options->positional.empty()) {
    return usage_error(err, "tailor campaign run: unexpected argument " + options->positional[0],
                       kCampaignUsage);
  }
  if (v.count("llm-url") != v.count("llm-model")) {
    return usage_error(err, "tailor campaign run: --llm-url and --llm-model go together",
                       kCampaignUsage);
  }
  auto moderation = moderation_record(v);
  if (!moderation.ok()) {
    return usage_error(err, "tailor campaign run: " + moderation.error(), kCampaignUsage);
  }
  auto moderator = moderator_from_record(*moderation);
  if (!moderator.ok()) return fail(err, moderator.error());
  auto inputs = read_inputs(v["customers"], v["content"], v["spec"],
                            v.count("prior") ? v["prior"] : "", err);
  if (!inputs.ok()) return fail(err, inputs.error());
  inputs->now = utc_now();
  std::unique_ptr<generate::Backend> backend;
  json::Value llm;
  if (v.count("llm-url")) {
    const std::string key_env = v.count("llm-key-env") ? v["llm-key-env"] : "OPENAI_API_KEY";
    const char* key = std::getenv(key_env.c_str());
    // A variable named on purpose that is not set is a mistake, not a keyless server.
    if (v.count("llm-key-env") && key == nullptr) {
      return fail(err, "--llm-key-env: the environment variable " + key_env +
                           " is not set (leave --llm-key-env out for a server without a key)");
    }
    LlmOptions llm_options;
    llm_options.url = v["llm-url"];
    llm_options.model = v["llm-model"];
    llm_options.api_key = key ? key : "";
    for (auto [name, max, into] : {std::tuple{"llm-concurrency", 32, &llm_options.concurrency},
                                   std::tuple{"llm-timeout-ms", 600000, &llm_options.timeout_ms}}) {
      if (!v.count(name)) continue;
      const std::string& text = v[name];
      int n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > max) {
        return usage_error(err,
                           std::string("tailor campaign run: --") + name +
                               " must be a whole number from 1 to " + std::to_string(max) +
                               ", got \"" + text + "\"",
                           kCampaignUsage);
      }
      *into = n;
    }
    auto chat = make_llm_backend(llm_options);
    if (!chat.ok()) return fail(err, chat.error());
    backend = std::move(*chat);
    llm = json::Value::object({{"url", llm_options.url}, {"model", llm_options.model}});
  } else {
    backend = std::make_unique<generate::Composer>();
  }
  StderrProgress progress(err, options->quiet);
  auto prepared = campaign::prepare(std::move(*inputs), *backend, progress, moderator->get());
  if (!prepared.ok()) return fail(err, prepared.error());
  json::Value input_paths = json::Value::object({
      {"customers", fs::absolute(v["customers"]).string()},
      {"content", fs::absolute(v["content"]).string()},
      {"spec", fs::absolute(v["spec"]).string()},
  });
  if (v.count("prior")) input_paths.set("prior", fs::absolute(v["prior"]).string());
  const RunRecord record{std::move(input_paths), std::move(llm), std::move(*moderation)};
  if (!v.count("approve-as")) {
    if (int rc = write_outputs(v["out"], *prepared, nullptr, record, err)) return rc;
    if (!prepared->awaiting_review.empty()) {
      out << v["out"] << ": " << prepared->awaiting_review.size()
          << " draft(s) await a reviewer's decision: tailor campaign review " << v["out"]
          << " --message ID --decision approve|reject --as NAME; then approve the design\n";
    } else {
      out << v["out"] << ": design " << prepared->design_hash.substr(0, 12)
          << " awaits approval: tailor campaign approve " << v["out"] << " --as NAME\n";
    }
    return 0;
  }
  auto finished = campaign::approve_and_finish(*prepared, prepared->design_hash, v["approve-as"],
                                               utc_now(), progress);
  if (!finished.ok()) return fail(err, finished.error());
  if (int rc = write_outputs(v["out"], *prepared, &*finished, record, err)) return rc;
  out << v["out"] << ": campaign " << prepared->inputs.spec.campaign << " approved by "
      << v["approve-as"] << "; report " << v["out"] << "/report.html\n";
  return 0;
}

// A prepared campaign directory, read back: its run.json, design.json and variants.json, the
// inputs run.json names (re-read and re-checked), and the reviews recorded so far.
struct Loaded {
  json::Value design, variants;
  RunRecord record;  // run.json's, written again as it was
  campaign::Inputs inputs;
  std::string generator;
};

json::Value member_or_null(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  return m ? *m : json::Value();
}

Result<Loaded> load_prepared(const std::string& dir, std::ostream& err) {
  using R = Result<Loaded>;
  std::string run_text, design_text, variants_text, reviews_text = "[]";
  if (!read_whole_file(dir + "/run.json", run_text, err) ||
      !read_whole_file(dir + "/design.json", design_text, err) ||
      !read_whole_file(dir + "/variants.json", variants_text, err)) {
    return R::failure(dir + " does not hold a prepared campaign (run.json, design.json, "
                      "variants.json)");
  }
  if (fs::exists(dir + "/reviews.json") && !read_whole_file(dir + "/reviews.json", reviews_text, err)) {
    return R::failure("cannot read " + dir + "/reviews.json");
  }
  Loaded loaded;
  auto run = json::parse(run_text);
  auto design = json::parse(design_text);
  auto variants = json::parse(variants_text);
  auto reviews = json::parse(reviews_text);
  if (!run.ok() || !design.ok() || !variants.ok() || !reviews.ok()) {
    return R::failure(dir + ": run.json, design.json, variants.json or reviews.json is not JSON");
  }
  const json::Value* state = run->find("state");
  if (state == nullptr || !state->is_string() || state->as_string() != "awaiting-approval") {
    return R::failure(dir + " is not awaiting approval (run.json state " +
                      (state ? json::stringify(*state) : std::string("missing")) + ")");
  }
  const json::Value* paths = run->find("inputs");
  const json::Value* prepared_at = run->find("preparedAt");
  const json::Value* generator = run->find("generator");
  auto text_of = [&](const char* key) {
    const json::Value* p = paths ? paths->find(key) : nullptr;
    return p && p->is_string() ? p->as_string() : std::string();
  };
  if (!prepared_at || !prepared_at->is_string() || !generator || !generator->is_string()) {
    return R::failure(dir + "/run.json lacks preparedAt or generator");
  }
  auto inputs = read_inputs(text_of("customers"), text_of("content"), text_of("spec"),
                            text_of("prior"), err);
  if (!inputs.ok()) return inputs.status();
  auto recorded = campaign::reviews_from_json(*reviews);
  if (!recorded.ok()) return recorded.status();
  inputs->reviews = std::move(*recorded);
  inputs->now = prepared_at->as_string();  // the screening records exactly as written
  loaded.record = {member_or_null(*run, "inputs"), member_or_null(*run, "llm"),
                   member_or_null(*run, "moderation")};
  loaded.design = std::move(*design);
  loaded.variants = std::move(*variants);
  loaded.inputs = std::move(*inputs);
  loaded.generator = generator->as_string();
  return loaded;
}

int campaign_approve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto options = parse_options(args, {"as"});
  if (!options.ok()) return usage_error(err, "tailor campaign approve: " + options.error(), kCampaignUsage);
  if (options->positional.size() != 1 || !options->values.count("as")) {
    return usage_error(err, "tailor campaign approve: DIR and --as NAME are required",
                       kCampaignUsage);
  }
  const std::string dir = options->positional[0];
  auto loaded = load_prepared(dir, err);
  if (!loaded.ok()) return fail(err, loaded.error());
  // The copy that was reviewed, exactly: no backend is asked for anything, except the built-in
  // composer for a strategy rejected in review (its draft is not in variants.json), which is
  // then rejected again as recorded.
  auto replay = campaign::ReplayBackend::from_variants_json(loaded->variants, loaded->generator);
  if (!replay.ok()) return fail(err, replay.error());
  generate::Composer composer;
  if (loaded->generator == composer.name()) replay->set_fallback(&composer);
  auto approved_hash = campaign::design_hash(loaded->design);
  if (!approved_hash.ok()) return fail(err, "design.json: " + approved_hash.error());
  // Screened again as at preparation, the moderator too: one that now answers otherwise
  // changes the design, and approve_and_finish refuses it.
  auto moderator = moderator_from_record(loaded->record.moderation);
  if (!moderator.ok()) return fail(err, moderator.error());
  StderrProgress progress(err, options->quiet);
  auto prepared =
      campaign::prepare(std::move(loaded->inputs), *replay, progress, moderator->get());
  if (!prepared.ok()) return fail(err, prepared.error());
  auto finished = campaign::approve_and_finish(*prepared, *approved_hash, options->values["as"],
                                               utc_now(), progress);
  if (!finished.ok()) return fail(err, finished.error());
  if (int rc = write_outputs(dir, *prepared, &*finished, loaded->record, err)) return rc;
  out << dir << ": campaign " << prepared->inputs.spec.campaign << " approved by "
      << options->values["as"] << "; report " << dir << "/report.html\n";
  return 0;
}

int campaign_review(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto options = parse_options(args, {"message", "decision", "as", "reason"});
  if (!options.ok()) return usage_error(err, "tailor campaign review: " + options.error(), kCampaignUsage);
  auto& v = options->values;
  if (options->positional.size() != 1 || !v.count("message") || !v.count("decision") ||
      !v.count("as")) {
    return usage_error(err,
                       "tailor campaign review: DIR, --message ID, --decision approve|reject and "
                       "--as NAME are required",
                       kCampaignUsage);
  }
  if (v["decision"] != "approve" && v["decision"] != "reject") {
    return usage_error(err, "tailor campaign review: --decision is \"" + v["decision"] +
                                "\", expected approve or reject",
                       kCampaignUsage);
  }
  auto reviewer = campaign::check_approver(v["as"]);
  if (!reviewer.ok()) return fail(err, reviewer.error());
  const std::string dir = options->positional[0];
  auto loaded = load_prepared(dir, err);
  if (!loaded.ok()) return fail(err, loaded.error());
  // The draft must be one the design holds for review, with the content hash it was screened
  // with: a decision is about that copy and no other.
  auto content_hash = campaign::awaiting_review_hash(loaded->variants, v["message"]);
  if (!content_hash.ok()) return fail(err, content_hash.error() + " in " + dir);
  campaign::Review review;
  review.message_id = v["message"];
  review.content_hash = *content_hash;
  if (v.count("reason")) {
    if (v["reason"].size() > campaign::kMaxReviewReason) {
      return fail(err, "--reason is longer than " + std::to_string(campaign::kMaxReviewReason) +
                           " bytes");
    }
    review.reason = v["reason"];
  }
  review.decision = v["decision"] == "approve" ? "approved" : "rejected";
  review.reviewer = *reviewer;
  review.ts = utc_now();
  loaded->inputs.reviews.push_back(std::move(review));
  // A rejected strategy is replaced by the next one: the built-in composer writes it again;
  // drafts of any other generator are only replayed.
  auto replay = campaign::ReplayBackend::from_variants_json(loaded->variants, loaded->generator);
  if (!replay.ok()) return fail(err, replay.error());
  generate::Composer composer;
  if (loaded->generator == composer.name()) replay->set_fallback(&composer);
  auto moderator = moderator_from_record(loaded->record.moderation);
  if (!moderator.ok()) return fail(err, moderator.error());
  StderrProgress progress(err, options->quiet);
  auto prepared =
      campaign::prepare(std::move(loaded->inputs), *replay, progress, moderator->get());
  if (!prepared.ok()) return fail(err, prepared.error());
  if (int rc = write_outputs(dir, *prepared, nullptr, loaded->record, err)) return rc;
  out << dir << ": " << v["message"] << " " << (v["decision"] == "approve" ? "approved" : "rejected")
      << " by " << *reviewer << "; design " << prepared->design_hash.substr(0, 12)
      << (prepared->awaiting_review.empty()
              ? " awaits approval"
              : ", " + std::to_string(prepared->awaiting_review.size()) + " draft(s) still await review")
      << "\n";
  return 0;
}

}  // namespace

int run_campaign(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage_error(err, "tailor campaign: run or approve?", kCampaignUsage);
  if (is_help(args[0])) return print_usage(out, kCampaignUsage);
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const std::string& a : rest) {
    if (is_help(a)) return print_usage(out, kCampaignUsage);
  }
  if (args[0] == "run") return campaign_run(rest, out, err);
  if (args[0] == "approve") return campaign_approve(rest, out, err);
  if (args[0] == "review") return campaign_review(rest, out, err);
  return usage_error(err, "tailor campaign: unknown subcommand \"" + args[0] + "\"",
                     kCampaignUsage);
}

int run_gen_data(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  for (const std::string& a : args) {
    if (is_help(a)) return print_usage(out, kGenDataUsage);
  }
  auto options = parse_options(args, {"customers", "seed", "out", "bad-rows"});
  if (!options.ok()) return usage_error(err, "tailor gen-data: " + options.error(), kGenDataUsage);
  auto& v = options->values;
  if (!v.count("customers") || !v.count("seed") || !v.count("out") ||
      !options->positional.empty()) {
    return usage_error(err, "tailor gen-data: --customers, --seed and --out are required",
                       kGenDataUsage);
  }
  auto number = [&](const std::string& name, unsigned long long max,
                    unsigned long long& value) -> bool {
    const std::string& text = v[name];
    if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoull(text) > max) {
      err << "tailor gen-data: --" << name << " must be a whole number from 0 to " << max
          << ", got \"" << text << "\"\n";
      return false;
    }
    value = std::stoull(text);
    return true;
  };
  unsigned long long customers = 0, seed = 0, bad_rows = 0;
  if (!number("customers", 1'000'000, customers) || !number("seed", 9007199254740991ull, seed)) {
    return 2;
  }
  if (v.count("bad-rows") && !number("bad-rows", 10'000, bad_rows)) return 2;
  simulate::DemoOptions demo_options;
  demo_options.customers = customers;
  demo_options.seed = seed;
  demo_options.bad_rows = bad_rows;
  auto demo = simulate::generate_demo(demo_options);
  if (!demo.ok()) {
    err << "tailor gen-data: " << demo.error() << "\n";
    return 1;
  }
  std::error_code ec;
  fs::create_directories(fs::path(v["out"]) / "content", ec);
  if (ec) {
    err << "tailor gen-data: cannot create " << v["out"] << "/content: " << ec.message() << "\n";
    return 1;
  }
  auto write = [&](const fs::path& path, const std::string& bytes) {
    std::ofstream file(path, std::ios::binary);
    file << bytes;
    file.close();
    if (!file) err << "tailor gen-data: cannot write " << path.string() << "\n";
    return static_cast<bool>(file);
  };
  const fs::path dir(v["out"]);
  if (!write(dir / "customers.csv", demo->customers_csv) ||
      !write(dir / "campaign.json", demo->spec_json)) {
    return 1;
  }
  for (const auto& [name, bytes] : demo->content_files) {
    if (!write(dir / "content" / name, bytes)) return 1;
  }
  out << v["out"] << ": " << customers << " customers, " << demo->content_files.size()
      << " content items, campaign.json\n";
  return 0;
}

}  // namespace tailor::cli
