// Published configs, one per SDK key, ready to serve.
//
// A publish builds everything a request needs once — the exact bytes, their gzip form, a
// strong ETag per representation and the prepared config for decisions — and swaps the whole
// snapshot in with one atomic store. Readers take one atomic load and never wait on a lock,
// so an I/O thread never blocks on publishing.
#pragma once

#include <atomic>
#include <cstdint>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "edge/decide_adapter.h"

namespace tailor::edge {

struct PublishedConfig {
  std::string sdk_key;
  int64_t version = 0;
  std::string published_at;  // RFC 3339 UTC
  std::shared_ptr<const std::string> bytes;       // the document as stored
  std::shared_ptr<const std::string> gzip_bytes;  // gzip (RFC 1952) of `bytes`
  int bytes_fd = -1;  // sealed files holding `bytes` and `gzip_bytes` (see file_bytes.h),
  int gzip_fd = -1;   // open while those pointers live; -1 when none could be made
  std::string etag;                               // strong, for `bytes`: "\"v<ver>-<sha>\""
  std::string gzip_etag;                          // strong, for `gzip_bytes`
  std::string sha256_hex;                         // of `bytes`
  std::shared_ptr<const PreparedConfig> prepared;
};

// Builds a PublishedConfig from a validated document's bytes and parsed form. Fails
// (kInternal) only when zlib does.
Result<std::shared_ptr<const PublishedConfig>> make_published(std::string sdk_key,
                                                              int64_t version,
                                                              std::string published_at,
                                                              std::string bytes,
                                                              json::Value parsed);

class ConfigRegistry {
 public:
  using Snapshot = std::map<std::string, std::shared_ptr<const PublishedConfig>, std::less<>>;
  using Listener = std::function<void(const std::shared_ptr<const PublishedConfig>&)>;

  // The config of one SDK key, or nullptr when none is published.
  std::shared_ptr<const PublishedConfig> find(std::string_view sdk_key) const;
  std::shared_ptr<const Snapshot> snapshot() const { return snapshot_.load(); }
  // Makes `config` the served version of its SDK key and tells the listeners.
  void put(std::shared_ptr<const PublishedConfig> config);
  // Listeners run on the publishing thread after the swap.
  void on_publish(Listener listener);

 private:
  std::atomic<std::shared_ptr<const Snapshot>> snapshot_{std::make_shared<const Snapshot>()};
  std::mutex write_mutex_;  // serialises writers only
  std::vector<Listener> listeners_;
};

// (What a publishable config is: config::validate, core/config/validate.h.)

// Gzip (RFC 1952) of `data` at the default level; kInternal when zlib fails.
Result<std::string> gzip(std::string_view data);
// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view data);
// "2026-11-23T15:04:05Z" for now.
std::string now_rfc3339();
// The same for `t` (seconds since the Unix epoch).
std::string rfc3339(std::time_t t);

}  // namespace tailor::edge
