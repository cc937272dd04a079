// A generate::Backend that answers with the drafts a campaign already has (variants.json), so
// `tailor campaign approve` recomputes the design from exactly the copy that was reviewed:
// whatever generated it (an LLM's answers are not reproducible), and any edit to
// variants.json changes the content hashes, hence the design hash, hence needs a new approval.
#pragma once

#include <map>
#include <string>
#include <tuple>

#include "core/generate/draft.h"
#include "core/json/value.h"
#include "core/result.h"

namespace tailor::campaign {

class ReplayBackend : public generate::Backend {
 public:
  // Reads variants.json as prepared_files() writes it. Failure names the member.
  static Result<ReplayBackend> from_variants_json(const json::Value& variants, std::string name);

  // A backend asked for drafts variants.json lacks (a strategy that replaces a rejected one);
  // without one, a missing draft is a failure. Not owned.
  void set_fallback(generate::Backend* fallback) { fallback_ = fallback; }

  // The draft of (request.segment, request.strategy, request.channel); the fallback's, or a
  // failure naming them, when variants.json has none.
  Result<generate::Draft> generate(const generate::Request& request) override;
  std::string_view name() const override { return name_; }

 private:
  using Key = std::tuple<std::string, std::string, std::string>;  // segment, strategy, channel
  std::map<Key, generate::Draft> drafts_;
  std::string name_;
  generate::Backend* fallback_ = nullptr;
};

}  // namespace tailor::campaign
