#include "edge/options.h"

#include <charconv>
#include <fstream>

#include "tools/net/moderation_client.h"

namespace tailor::edge {
namespace {

std::string trim(std::string s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return {};
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

std::string read_unsigned(const std::string& name, const std::string& v, unsigned lo,
                          unsigned hi, unsigned& out) {
  unsigned n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi) {
    return "--" + name + ": \"" + v + "\" is not an integer from " + std::to_string(lo) +
           " to " + std::to_string(hi);
  }
  out = n;
  return {};
}

bool takes_value(const std::string& name) { return name != "help" && name != "version"; }

// Applies one setting; "" or what is wrong.
std::string apply(const std::string& name, const std::string& v, EdgeOptions& o) {
  if (name == "help") return o.help = true, "";
  if (name == "version") return o.version = true, "";
  if (name == "listen") {
    auto colon = v.rfind(':');
    unsigned port = 0;
    if (colon == std::string::npos || colon == 0) {
      return "--listen: \"" + v + "\" must be HOST:PORT, e.g. 127.0.0.1:8080";
    }
    if (auto e = read_unsigned(name, v.substr(colon + 1), 0, 65535, port); !e.empty()) return e;
    o.host = v.substr(0, colon);
    if (o.host.size() > 2 && o.host.front() == '[' && o.host.back() == ']') {
      o.host = o.host.substr(1, o.host.size() - 2);
    }
    o.port = static_cast<unsigned short>(port);
    return {};
  }
  if (name == "threads") return read_unsigned(name, v, 1, 256, o.threads);
  if (name == "workers") return read_unsigned(name, v, 1, 256, o.workers);
  if (name == "store") return v.empty() ? "--store: must not be empty" : (o.store = v, "");
  if (name == "store-connections") return read_unsigned(name, v, 1, 64, o.store_connections);
  if (name == "events-store") {
    return v.starts_with("clickhouse://")
               ? (o.events_store = v, "")
               : "--events-store: \"" + v +
                     "\" is not clickhouse://HOST:PORT[,HOST:PORT...]/DATABASE[?cluster=NAME]";
  }
  if (name == "clickhouse-max-in-list") {
    return read_unsigned(name, v, 0, 1000000, o.clickhouse_max_in_list);
  }
  if (name == "web-root") return o.web_root = v, "";
  if (name == "publish") {
    auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == v.size()) {
      return "--publish: \"" + v + "\" must be SDKKEY=FILE, e.g. demo=web/demo/config.json";
    }
    o.publish.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    return {};
  }
  if (name == "admin-token") {
    if (v.size() < 16) return "--admin-token: a token must be at least 16 characters";
    o.admin_tokens.push_back(v);
    return {};
  }
  if (name == "admin-tokens-file") {
    std::ifstream in(v);
    if (!in) return "--admin-tokens-file: cannot read \"" + v + "\"";
    std::string line;
    while (std::getline(in, line)) {
      line = trim(line);
      if (line.empty() || line[0] == '#') continue;
      if (line.size() < 16) return "--admin-tokens-file: \"" + v + "\": tokens must be >= 16 chars";
      o.admin_tokens.push_back(line);
    }
    return {};
  }
  if (name == "tls-cert") return o.tls_cert = v, "";
  if (name == "tls-key") return o.tls_key = v, "";
  if (name == "max-connections") return read_unsigned(name, v, 1, 1000000, o.max_connections);
  if (name == "max-header-bytes") return read_unsigned(name, v, 1024, 1 << 20, o.max_header_bytes);
  if (name == "max-body-bytes") return read_unsigned(name, v, 1024, 1 << 28, o.max_body_bytes);
  if (name == "header-timeout") return read_unsigned(name, v, 1, 3600, o.header_timeout_s);
  if (name == "body-timeout") return read_unsigned(name, v, 1, 3600, o.body_timeout_s);
  if (name == "write-timeout") return read_unsigned(name, v, 1, 3600, o.write_timeout_s);
  if (name == "drain-timeout") return read_unsigned(name, v, 0, 3600, o.drain_timeout_s);
  if (name == "cache-max-age") return read_unsigned(name, v, 0, 86400, o.cache_max_age_s);
  if (name == "config-poll") return read_unsigned(name, v, 0, 3600, o.config_poll_s);
  if (name == "retention-days") return read_unsigned(name, v, 0, 36500, o.retention_days);
  if (name == "automation-tick-s") return read_unsigned(name, v, 0, 3600, o.automation_tick_s);
  if (name == "retention-interval-s") {
    return read_unsigned(name, v, 1, 86400, o.retention_interval_s);
  }
  if (name == "access-log") {
    return v.empty() ? "--access-log: must not be empty (a file path, or - for stdout)"
                     : (o.access_log = v, "");
  }
  if (name == "access-log-queue-bytes") {
    return read_unsigned(name, v, 4096, 1 << 30, o.access_log_queue_bytes);
  }
  if (name == "campaign-max-bytes") {
    return read_unsigned(name, v, 1024, 1u << 30, o.campaign_max_bytes);
  }
  if (name == "campaign-max-rows") return read_unsigned(name, v, 1, 1000000, o.campaign_max_rows);
  if (name == "campaign-job-timeout-s") {
    return read_unsigned(name, v, 1, 86400, o.campaign_job_timeout_s);
  }
  if (name == "moderation-url") {
    return v.empty() ? "--moderation-url: must not be empty" : (o.moderation_url = v, "");
  }
  if (name == "moderation-model") {
    return v.empty() ? "--moderation-model: must not be empty" : (o.moderation_model = v, "");
  }
  if (name == "moderation-key-env") {
    return v.empty() ? "--moderation-key-env: must not be empty"
                     : (o.moderation_key_env = v, "");
  }
  if (name == "moderation-timeout-ms") {
    return read_unsigned(name, v, 1, static_cast<unsigned>(net::kMaxModerationTimeoutMs),
                         o.moderation_timeout_ms);
  }
  if (name == "commit-max-events") {
    return read_unsigned(name, v, 1, 1000000, o.commit_max_events);
  }
  if (name == "ingest-queue-max-events") {
    return read_unsigned(name, v, 1000, 100000000, o.ingest_queue_max_events);
  }
  return "unknown flag --" + name + " (see --help)";
}

std::string read_file(const std::string& path, EdgeOptions& o) {
  std::ifstream in(path);
  if (!in) return "--config: cannot read \"" + path + "\"";
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    line = trim(line);
    if (line.empty()) continue;
    auto eq = line.find('=');
    std::string name = trim(line.substr(0, eq));
    std::string value = eq == std::string::npos ? std::string() : trim(line.substr(eq + 1));
    if (eq == std::string::npos && takes_value(name)) {
      return path + " line " + std::to_string(n) + ": expected \"name = value\"";
    }
    if (name == "config") return path + " line " + std::to_string(n) + ": config cannot nest";
    if (auto e = apply(name, value, o); !e.empty()) {
      return path + " line " + std::to_string(n) + ": " + e;
    }
  }
  return {};
}

}  // namespace

std::string parse_options(const std::vector<std::string>& args, EdgeOptions& out) {
  std::vector<std::pair<std::string, std::string>> flags;
  std::string config_file;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!a.starts_with("--")) return "unexpected argument \"" + a + "\" (see --help)";
    std::string name = a.substr(2), value;
    auto eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (takes_value(name)) {
      if (i + 1 >= args.size()) return "--" + name + " needs a value (see --help)";
      value = args[++i];
    }
    if (name == "config") {
      config_file = value;
    } else {
      flags.emplace_back(name, value);
    }
  }
  if (!config_file.empty()) {
    if (auto e = read_file(config_file, out); !e.empty()) return e;
  }
  for (const auto& [name, value] : flags) {
    if (auto e = apply(name, value, out); !e.empty()) return e;
  }
  if (out.tls_cert.empty() != out.tls_key.empty()) {
    return "--tls-cert and --tls-key must be given together";
  }
  if (out.moderation_url.empty() != out.moderation_model.empty()) {
    return "--moderation-url and --moderation-model must be given together";
  }
  return {};
}

std::string usage() {
  return R"(usage: tailor-edge [flags]

Serves Tailor configs, decisions and event ingest over HTTP/1.1 (HTTPS with --tls-*).
Routes are documented in docs/edge-api.md; running, TLS and stores in docs/edge.md.

  --config FILE             settings file: "name = value" lines using these flag names
  --listen HOST:PORT        address to listen on (default 127.0.0.1:8080; port 0 = any free)
  --threads N               I/O threads (default: one per core)
  --workers N               threads for blocking work: database, files (default 2)
  --store SPEC              SQLite file path or sqlite:PATH (default tailor-edge.db, created
                            on first start), or postgresql://user@host:port/db
  --store-connections N     PostgreSQL connections, each also an ingest committer (default 4;
                            SQLite always uses one)
  --events-store URL        keep events in ClickHouse (configs, campaigns stay in --store):
                            clickhouse://HOST:PORT/DB, or HOST:PORT,HOST:PORT.../DB?cluster=NAME
                            for the shards of a cluster (docs/edge.md)
  --clickhouse-max-in-list N  ClickHouse results: most users a query names by hash (the users
                            the fast query leaves over, those with several variants); beyond,
                            the exact query reads every user (default 50000; 0 - 1000000)
  --ingest-queue-max-events N  events waiting to be committed beyond N: POST /v1/events
                            answers 503 with Retry-After (default 200000)
  --web-root DIR            serve DIR's files for GET paths outside /v1, /admin, /ofrep
  --publish KEY=FILE        at start, publish FILE as SDK key KEY's config unless the active
                            version already has the same bytes (repeatable)
  --admin-token TOKEN       bearer token for /admin routes, >= 16 chars (repeatable)
  --admin-tokens-file FILE  admin tokens, one per line
  --tls-cert FILE           PEM certificate chain: serve HTTPS (needs --tls-key)
  --tls-key FILE            PEM private key
  --max-connections N       open connections beyond N are closed at accept (default 10000)
  --max-header-bytes N      request line + headers limit, else 431 (default 8192)
  --max-body-bytes N        request body limit, else 413 (default 1048576)
  --campaign-max-bytes N    body limit of an admin's POST /admin/v1/campaigns (customers CSV
                            and content inline), else 413 (default 67108864)
  --campaign-max-rows N     customers per campaign, else 413 (default 200000; at most 1000000)
  --campaign-job-timeout-s S  a campaign job that runs longer fails at its next stage
                            (default 900)
  --moderation-url URL      a model moderator asked about every draft a campaign job screens
                            and by POST /admin/v1/screen, combined with the rules by policy:
                            .../moderations (OpenAI-compatible moderation) or
                            .../chat/completions (a guard model, Llama Guard style); when it
                            fails, rules only, said in the audit record (docs/safety.md)
  --moderation-model NAME   the moderator's model (with --moderation-url)
  --moderation-key-env VAR  environment variable holding the moderator's bearer key
  --moderation-timeout-ms MS  deadline per message (default 5000)
  --header-timeout S        seconds to receive a complete request header, including keep-alive
                            idle time (default 10); slow clients are cut
  --body-timeout S          seconds to receive the body after the header (default 30)
  --write-timeout S         seconds to send a response (default 30)
  --drain-timeout S         on SIGINT/SIGTERM, seconds to let in-flight requests finish
                            (default 10)
  --cache-max-age S         Cache-Control max-age of GET /v1/config (default 60)
  --commit-max-events N     most events in one group commit (default 50000)
  --config-poll S           every S seconds, serve what other edges sharing the store
                            published or rolled back (default 5; 0 = never)
  --retention-days N        delete events whose ts (client time) is more than N days old: at
                            start, then every --retention-interval-s (default 0 = keep forever)
  --retention-interval-s S  seconds between retention runs (default 3600)
  --automation-tick-s S     seconds between passes of the experiment controller over every
                            bandit and rollout plan (docs/experiments.md); each plan is still
                            evaluated at most once per its intervalMinutes (default 10; 0 = off)
  --access-log PATH         one JSON line per request (see docs/edge.md) appended to PATH, or
                            "-" for standard output (default: off); SIGHUP reopens PATH
  --access-log-queue-bytes N  lines waiting for the log writer beyond N bytes are dropped and
                            counted (default 8388608)
  --help                    this text
  --version                 print the version
)";
}

}  // namespace tailor::edge
