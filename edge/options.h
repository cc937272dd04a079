// tailor-edge settings: defaults, command-line flags and an optional settings file.
//
// The file (--config FILE) holds one "name = value" per line with the flags' names without
// "--" ("threads = 4"); '#' starts a comment; repeatable flags may repeat. Flags given on the
// command line override the file whatever their order. parse_options returns "" or a message
// naming the flag (or file line) and what would be valid.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tailor::edge {

struct EdgeOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;   // 0: any free port (the bound port is printed)
  unsigned threads = 0;         // I/O threads; 0: one per core
  unsigned workers = 2;         // threads for blocking work
  std::string store = "tailor-edge.db";
  unsigned store_connections = 4;  // PostgreSQL connections (= parallel ingest committers)
  std::string events_store;        // "": events in --store; else clickhouse://...
  // ClickHouse results: most user hashes one query names in an IN list (docs/edge.md).
  unsigned clickhouse_max_in_list = 50000;
  std::string web_root;         // "" disables static files
  std::vector<std::pair<std::string, std::string>> publish;  // (sdk key, file) at start
  std::vector<std::string> admin_tokens;
  std::string tls_cert, tls_key;
  unsigned max_connections = 10000;
  unsigned max_header_bytes = 8192;
  unsigned max_body_bytes = 1 << 20;
  unsigned header_timeout_s = 10;
  unsigned body_timeout_s = 30;
  unsigned write_timeout_s = 30;
  unsigned drain_timeout_s = 10;
  unsigned cache_max_age_s = 60;
  unsigned commit_max_events = 50000;
  unsigned ingest_queue_max_events = 200000;  // queued beyond this: POST /v1/events gets 503
  unsigned config_poll_s = 5;   // 0: never re-read the store's active configs
  unsigned retention_days = 0;  // delete events whose client ts is older; 0: keep forever
  unsigned retention_interval_s = 3600;  // between retention runs (the first is at start)
  std::string access_log;                // "" off, "-" standard output, else a file path
  unsigned access_log_queue_bytes = 8 << 20;  // lines waiting for the writer; more are dropped
  unsigned campaign_max_bytes = 64u << 20;  // a campaign create request's body (admins only)
  unsigned campaign_max_rows = 200000;       // customers per campaign
  unsigned campaign_job_timeout_s = 900;     // one campaign job's running time
  // The optional model moderator (docs/safety.md, "Model moderator"): asked about every draft
  // a campaign job screens and by POST /admin/v1/screen; "" = rules only.
  std::string moderation_url;       // .../moderations or .../chat/completions
  std::string moderation_model;
  std::string moderation_key_env;   // the environment variable holding its key ("": none)
  unsigned moderation_timeout_ms = 5000;
  unsigned automation_tick_s = 10;  // between passes of the experiment controller; 0 = off
  bool help = false;
  bool version = false;
};

// Parses argv (without argv[0]) into `out`.
std::string parse_options(const std::vector<std::string>& args, EdgeOptions& out);

// The --help text.
std::string usage();

}  // namespace tailor::edge
