// Subscribers of GET /v1/config/{sdkKey}/stream, and the fan-out of every publish to them.
//
// Event format (text/event-stream): one event per published version,
//   id: <version>\nevent: config\ndata: <config line 1>\ndata: <line 2>...\n\n
// so an EventSource's `data` is exactly the bytes GET /v1/config/{sdkKey} serves and
// `lastEventId` the version. Sinks whose connection is gone are dropped on the next publish.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "edge/config_registry.h"
#include "edge/http.h"

namespace tailor::edge {

// The SSE event for one published config.
std::string config_event(const PublishedConfig& config);

class ConfigStreams {
 public:
  // Registers `sink` for `sdk_key`; when a version newer than `sent_version` was published in
  // the meantime, sends it now, so no publish is missed between the first event and here.
  void subscribe(const std::string& sdk_key, std::shared_ptr<StreamSink> sink,
                 int64_t sent_version, const ConfigRegistry& registry);
  // Sends `config` to every live subscriber of its SDK key.
  void publish(const PublishedConfig& config);
  size_t subscribers() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<std::weak_ptr<StreamSink>>> sinks_;
};

}  // namespace tailor::edge
