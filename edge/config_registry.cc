#include "edge/config_registry.h"

#include <openssl/sha.h>
#include <zlib.h>

#include <ctime>

#include "core/json/js.h"
#include "core/text/hex.h"
#include "edge/file_bytes.h"

namespace tailor::edge {

Result<std::string> gzip(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Status::internal("zlib: deflateInit2 failed");
  }
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::internal("zlib: deflate did not finish");
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return text::hex_encode(digest);
}

std::string now_rfc3339() { return rfc3339(std::time(nullptr)); }

std::string rfc3339(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<std::shared_ptr<const PublishedConfig>> make_published(std::string sdk_key,
                                                              int64_t version,
                                                              std::string published_at,
                                                              std::string bytes,
                                                              json::Value parsed) {
  auto compressed = gzip(bytes);
  if (!compressed.ok()) return compressed.status();
  auto p = std::make_shared<PublishedConfig>();
  p->sdk_key = std::move(sdk_key);
  p->version = version;
  p->published_at = std::move(published_at);
  p->sha256_hex = sha256_hex(bytes);
  p->etag = "\"v" + std::to_string(version) + "-" + p->sha256_hex.substr(0, 16) + "\"";
  p->gzip_etag = "\"v" + std::to_string(version) + "-" + p->sha256_hex.substr(0, 16) + "-gz\"";
  p->gzip_bytes = file_backed_bytes(std::move(compressed).value(), p->gzip_fd);
  p->bytes = file_backed_bytes(std::move(bytes), p->bytes_fd);
  p->prepared = prepare_config(std::move(parsed));
  return std::shared_ptr<const PublishedConfig>(std::move(p));
}

std::shared_ptr<const PublishedConfig> ConfigRegistry::find(std::string_view sdk_key) const {
  auto snap = snapshot_.load();
  auto it = snap->find(sdk_key);
  return it == snap->end() ? nullptr : it->second;
}

void ConfigRegistry::put(std::shared_ptr<const PublishedConfig> config) {
  std::vector<Listener> listeners;
  {
    std::lock_guard lock(write_mutex_);
    auto next = std::make_shared<Snapshot>(*snapshot_.load());
    (*next)[config->sdk_key] = config;
    snapshot_.store(std::move(next));
    listeners = listeners_;
  }
  for (auto& l : listeners) l(config);
}

void ConfigRegistry::on_publish(Listener listener) {
  std::lock_guard lock(write_mutex_);
  listeners_.push_back(std::move(listener));
}

}  // namespace tailor::edge
