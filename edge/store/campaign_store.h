// The edge's campaigns (docs/edge-api.md, "Campaigns"): one row per campaign and its files
// (inputs under "in/", the pipeline's outputs under "out/"), behind one interface with two
// backends beside the event store's: SQLite (the same file, a connection of its own) and
// PostgreSQL (the same database, shared by several edges).
//
// Concurrency is optimistic: every row carries a revision, and an update names the revision it
// read. Two edges (or two requests) that read the same revision cannot both write: the second
// gets kConflict and reads again. Every method is blocking and thread-safe: callers run them on
// the worker pool or a campaign job thread, never on an I/O thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tailor::edge {

// A campaign's files by name ("in/customers.csv", "out/report.json", ...).
using CampaignFiles = std::map<std::string, std::string>;

struct CampaignRow {
  std::string id;          // "cmp-" + 16 hex digits
  std::string name;        // the spec's campaign name
  std::string state;       // edge/campaigns.h: queued, running, awaiting-review, ...
  std::string created_at;  // RFC 3339 UTC
  std::string updated_at;
  double lease_until_ms = 0;  // while running: the runner's lease (ms since the epoch)
  int64_t revision = 0;       // 1 when created, one more at every update
  std::string meta;           // JSON object text: job, progress, approval, error, ...
};

class CampaignStore {
 public:
  virtual ~CampaignStore() = default;
  // Stores a new campaign (revision 1) with its files in one transaction. kConflict when the
  // id exists.
  virtual Status create_campaign(const CampaignRow& row, const CampaignFiles& files) = 0;
  // In one transaction, when the stored revision is row.revision: writes the row's name, state,
  // updated_at, lease and meta with revision + 1, deletes the files whose name starts with
  // `clear_prefix` (none when empty) and stores `files` (replacing same-named ones). Returns
  // the new revision. kConflict (naming the stored revision) when it moved on; kNotFound.
  virtual Result<int64_t> update_campaign(const CampaignRow& row, std::string_view clear_prefix,
                                          const CampaignFiles& files) = 0;
  virtual Result<CampaignRow> campaign(const std::string& id) = 0;  // kNotFound
  // Every campaign, newest first.
  virtual Result<std::vector<CampaignRow>> campaigns() = 0;
  // One file; nullopt when the campaign has no such file.
  virtual Result<std::optional<std::string>> campaign_file(const std::string& id,
                                                           const std::string& name) = 0;
  // The files whose name starts with `prefix`.
  virtual Result<CampaignFiles> campaign_files(const std::string& id,
                                               const std::string& prefix) = 0;
  // Campaigns a job runner may take: "queued" ones, and "running" ones whose lease ended
  // before `now_ms` (their runner stopped), oldest first.
  virtual Result<std::vector<CampaignRow>> claimable_campaigns(double now_ms) = 0;
};

// Opens the campaign store beside the event store named by `spec` (open_store's forms); the
// schema is created when absent.
Result<std::unique_ptr<CampaignStore>> open_campaign_store(const std::string& spec);
Result<std::unique_ptr<CampaignStore>> open_sqlite_campaign_store(const std::string& path);
Result<std::unique_ptr<CampaignStore>> open_postgres_campaign_store(const std::string& conninfo);

}  // namespace tailor::edge
