#include "core/campaign/replay.h"

#include "core/generate/markup.h"
#include "core/generate/strategy.h"

namespace tailor::campaign {
namespace {

const std::string* string_at(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  return m != nullptr && m->is_string() ? &m->as_string() : nullptr;
}

}  // namespace

Result<ReplayBackend> ReplayBackend::from_variants_json(const json::Value& doc, std::string name) {
  using R = Result<ReplayBackend>;
  const json::Value* variants = doc.find("variants");
  if (variants == nullptr || !variants->is_array()) {
    return R::failure("variants.json: \"variants\" must be an array");
  }
  ReplayBackend backend;
  backend.name_ = std::move(name);
  for (size_t i = 0; i < variants->as_array().size(); ++i) {
    const json::Value& v = variants->as_array()[i];
    const std::string path = "variants.json: variants[" + std::to_string(i) + "]";
    const std::string* segment = string_at(v, "segment");
    const std::string* strategy = string_at(v, "strategy");
    const json::Value* copies = v.find("copies");
    if (segment == nullptr || strategy == nullptr || copies == nullptr || !copies->is_array()) {
      return R::failure(path + " needs \"segment\", \"strategy\" and \"copies\"");
    }
    for (size_t c = 0; c < copies->as_array().size(); ++c) {
      const json::Value& copy = copies->as_array()[c];
      const std::string* channel = string_at(copy, "channel");
      const json::Value* draft = copy.find("draft");
      const std::string* body = draft != nullptr ? string_at(*draft, "body") : nullptr;
      if (channel == nullptr || body == nullptr) {
        return R::failure(path + ".copies[" + std::to_string(c) +
                          "] needs \"channel\" and \"draft\": {\"body\"}");
      }
      generate::Draft d;
      if (const std::string* subject = string_at(*draft, "subject")) d.subject = *subject;
      d.body = *body;
      d.citations = generate::citations_in(d.subject + "\n" + d.body);
      backend.drafts_[{*segment, *strategy, *channel}] = std::move(d);
    }
  }
  return backend;
}

Result<generate::Draft> ReplayBackend::generate(const generate::Request& request) {
  const std::string strategy(generate::strategy_name(request.strategy));
  const std::string channel(content::channel_name(request.channel));
  auto it = drafts_.find({request.segment, strategy, channel});
  if (it == drafts_.end() && fallback_ != nullptr) return fallback_->generate(request);
  if (it == drafts_.end()) {
    return Result<generate::Draft>::failure("variants.json has no " + channel +
                                            " draft for segment \"" + request.segment +
                                            "\", strategy " + strategy);
  }
  return it->second;
}

}  // namespace tailor::campaign
