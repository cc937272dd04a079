#include "edge/config_streams.h"

namespace tailor::edge {

std::string config_event(const PublishedConfig& config) {
  std::string out = "id: " + std::to_string(config.version) + "\nevent: config\n";
  std::string_view bytes = *config.bytes;
  while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r')) bytes.remove_suffix(1);
  size_t start = 0;
  while (true) {
    size_t nl = bytes.find('\n', start);
    std::string_view line = bytes.substr(start, nl == std::string_view::npos ? nl : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += "data: ";
    out += line;
    out += '\n';
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out + "\n";
}

void ConfigStreams::subscribe(const std::string& sdk_key, std::shared_ptr<StreamSink> sink,
                              int64_t sent_version, const ConfigRegistry& registry) {
  {
    std::lock_guard lock(mutex_);
    sinks_[sdk_key].push_back(sink);
  }
  if (auto now = registry.find(sdk_key); now && now->version != sent_version) {
    sink->push(std::make_shared<const std::string>(config_event(*now)));
  }
}

void ConfigStreams::publish(const PublishedConfig& config) {
  // Framed once; every subscriber's write reads this one buffer (10,000 subscribers of a 6 KB
  // config would otherwise hold 60 MB of copies until written).
  auto event = std::make_shared<const std::string>(config_event(config));
  std::vector<std::shared_ptr<StreamSink>> live;
  {
    std::lock_guard lock(mutex_);
    auto& list = sinks_[config.sdk_key];
    std::vector<std::weak_ptr<StreamSink>> kept;
    for (auto& weak : list) {
      if (auto s = weak.lock()) {
        live.push_back(s);
        kept.push_back(weak);
      }
    }
    list = std::move(kept);
  }
  for (auto& s : live) s->push(event);
}

size_t ConfigStreams::subscribers() const {
  std::lock_guard lock(mutex_);
  size_t n = 0;
  for (const auto& [key, list] : sinks_) {
    for (const auto& w : list) n += w.expired() ? 0 : 1;
  }
  return n;
}

}  // namespace tailor::edge
