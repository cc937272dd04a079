// `tailor screen`: safety screening of JSON-lines messages, with optional audit records, and
// `tailor screen --eval` over a labeled set (docs/safety.md).
#include "core/safety/screen.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/audit/export.h"
#include "core/audit/record.h"
#include "core/json/js.h"
#include "core/json/parse.h"
#include "core/safety/eval.h"
#include "core/safety/moderation.h"
#include "tools/cli/safety_commands.h"
#include "tools/net/moderation_client.h"

namespace tailor::cli {

const std::string_view kScreenUsage =
    R"(  tailor screen [--policy FILE] [--audit TRAIL.jsonl --campaign ID --ts RFC3339 [--actor NAME]]
                [--moderation-url URL --moderation-model MODEL [--moderation-key-env VAR]
                 [--moderation-timeout-ms MS]]
      Screen JSON-lines messages from stdin (docs/safety.md); one decision per line, and one
      hash-chained audit record per message when --audit is given. --moderation-url adds a
      model moderator: .../moderations (OpenAI-compatible) or .../chat/completions (a guard
      model); combined with the rules by the policy's "moderator"; when it fails, rules only,
      and the line and the audit record say so.
  tailor screen --eval LABELED.jsonl [--policy FILE] [--split NAME] [--misses]
      Block recall, false-block rate, review rate and per-category precision/recall.
)";

namespace {

struct Options {
  std::string policy_path, eval_path, split, audit_path, campaign, ts, actor = "tailor-screen";
  std::string moderation_url, moderation_model, moderation_key_env, moderation_timeout_ms;
  bool show_misses = false;
};

bool load_policy(const std::string& path, safety::Policy& policy, std::ostream& err) {
  if (path.empty()) return true;
  std::string text;
  if (!read_whole_file(path, text, err)) return false;
  auto v = json::parse(text);
  if (!v) {
    err << "tailor screen: " << path << ": " << v.error() << "\n";
    return false;
  }
  auto p = safety::parse_policy(*v);
  if (!p) {
    err << "tailor screen: " << path << ": " << p.error() << "\n";
    return false;
  }
  policy = std::move(p).value();
  return true;
}

int run_eval(const Options& o, const safety::Screener& screener, std::ostream& out,
             std::ostream& err) {
  std::string text;
  if (!read_whole_file(o.eval_path, text, err)) return 2;
  std::vector<safety::LabeledItem> items;
  std::istringstream lines(text);
  bool read = for_each_json_line(lines, [&](long number, Result<json::Value> v) {
    auto item =
        v ? safety::labeled_item_from_json(*v) : Result<safety::LabeledItem>::failure(v.error());
    if (!item) {
      err << "tailor screen --eval: " << o.eval_path << " line " << number << ": " << item.error()
          << "\n";
      return false;
    }
    items.push_back(std::move(item).value());
    return true;
  });
  if (!read) return 2;
  // All items, then each split (when there is more than one).
  std::vector<std::string> splits = {""};
  if (!o.split.empty()) {
    splits = {o.split};
  } else {
    std::vector<std::string> named;
    for (const auto& i : items) {
      if (std::find(named.begin(), named.end(), i.split) == named.end()) named.push_back(i.split);
    }
    if (named.size() > 1) {
      for (const auto& n : named) {
        if (!n.empty()) splits.push_back(n);
      }
    }
  }
  for (const auto& split : splits) {
    auto report = safety::evaluate(screener, items, split);
    out << safety::format_report(report, split.empty() ? "all items" : "split " + split);
    if (o.show_misses) {
      for (const auto& m : report.misses) out << "  MISS " << m << "\n";
    }
    out << "\n";
  }
  return 0;
}

}  // namespace

int run_screen(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
               std::ostream& err) {
  Options o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& dest) {
      if (i + 1 >= args.size()) return false;
      dest = args[++i];
      return true;
    };
    bool ok = true;
    if (a == "--policy")
      ok = value(o.policy_path);
    else if (a == "--eval")
      ok = value(o.eval_path);
    else if (a == "--split")
      ok = value(o.split);
    else if (a == "--audit")
      ok = value(o.audit_path);
    else if (a == "--campaign")
      ok = value(o.campaign);
    else if (a == "--ts")
      ok = value(o.ts);
    else if (a == "--actor")
      ok = value(o.actor);
    else if (a == "--moderation-url")
      ok = value(o.moderation_url);
    else if (a == "--moderation-model")
      ok = value(o.moderation_model);
    else if (a == "--moderation-key-env")
      ok = value(o.moderation_key_env);
    else if (a == "--moderation-timeout-ms")
      ok = value(o.moderation_timeout_ms);
    else if (a == "--misses")
      o.show_misses = true;
    else if (is_help(a))
      return print_usage(out, kScreenUsage);
    else
      ok = false;
    if (!ok) {
      err << "tailor screen: unexpected or incomplete argument \"" << a << "\"\n";
      return 2;
    }
  }
  safety::Policy policy = safety::default_policy();
  if (!load_policy(o.policy_path, policy, err)) return 2;
  auto screener = safety::Screener::create(policy);
  if (!screener) {
    err << "tailor screen: " << screener.error() << "\n";
    return 1;
  }
  std::unique_ptr<net::ModerationClient> moderator;
  const bool moderation_flags = !o.moderation_url.empty() || !o.moderation_model.empty() ||
                                !o.moderation_key_env.empty() || !o.moderation_timeout_ms.empty();
  if (moderation_flags) {
    if (o.moderation_url.empty() || o.moderation_model.empty()) {
      err << "tailor screen: --moderation-url and --moderation-model go together\n";
      return 2;
    }
    if (!o.eval_path.empty()) {
      err << "tailor screen: --eval scores the rules alone; leave out --moderation-url\n";
      return 2;
    }
    net::ModerationOptions mo;
    mo.url = o.moderation_url;
    mo.model = o.moderation_model;
    if (!o.moderation_timeout_ms.empty()) {
      if (std::string e = net::parse_moderation_timeout(o.moderation_timeout_ms, mo.timeout);
          !e.empty()) {
        err << "tailor screen: " << e << "\n";
        return 2;
      }
    }
    auto client = net::moderation_client_from_flags(std::move(mo), o.moderation_key_env);
    if (!client) {
      err << "tailor screen: " << client.error() << "\n";
      return 2;
    }
    moderator = std::move(*client);
  }
  if (!o.eval_path.empty()) return run_eval(o, *screener, out, err);

  // Audit: continue the chain in --audit FILE (JSON lines), which must verify first.
  audit::Chain chain;
  std::ofstream trail;
  if (!o.audit_path.empty()) {
    if (o.campaign.empty() || o.ts.empty()) {
      err << "tailor screen: --audit needs --campaign ID and --ts RFC3339 (the core reads no "
             "clock)\n";
      return 2;
    }
    std::optional<audit::Chain> existing = open_chain(o.audit_path, "tailor screen", err);
    if (!existing) return 1;
    chain = std::move(*existing);
    trail.open(o.audit_path, std::ios::binary | std::ios::app);
    if (!trail) {
      err << "tailor screen: cannot write " << o.audit_path << "\n";
      return 2;
    }
  }
  int status = 0;
  bool complete = for_each_json_line(in, [&](long number, Result<json::Value> v) {
    auto message = v ? safety::message_from_json(*v) : Result<safety::Message>::failure(v.error());
    if (!message) {
      err << "tailor screen: stdin line " << number << ": " << message.error() << "\n";
      status = 1;
      return true;
    }
    const safety::ModeratedScreening moderated =
        safety::screen_moderated(*screener, *message, moderator.get(), o.actor);
    const safety::Screening& s = moderated.screening;
    json::Value result = safety::screening_to_json(s);
    if (moderator) {
      result.set("moderator", moderated.moderator_consulted
                                  ? std::string("consulted")
                                  : "unavailable: " + moderated.moderator_error);
    }
    out << json::stringify(result) << '\n';
    if (trail.is_open()) {
      audit::Entry e;
      e.ts = o.ts;
      e.kind = "screening";
      e.campaign = o.campaign;
      e.message_id = message->id.empty() ? "line-" + std::to_string(number) : message->id;
      e.content_hash = audit::content_hash(message->subject, message->body);
      e.policy_version = policy.version;
      e.decision = std::string(safety::decision_name(s.decision));
      e.severity = s.severity;
      for (auto c : s.categories) e.categories.emplace_back(safety::category_name(c));
      e.findings = *result.find("findings");
      e.actor = moderated.actor;
      auto record = chain.append(e);
      if (!record) {
        err << "tailor screen: stdin line " << number << ": audit record: " << record.error()
            << "\n";
        return false;
      }
      trail << audit::to_jsonl({*record});
    }
    return true;
  });
  return complete ? status : 1;
}

}  // namespace tailor::cli
