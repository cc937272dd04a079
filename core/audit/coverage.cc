#include "core/audit/coverage.h"

#include <map>
#include <tuple>

namespace tailor::audit {
namespace {

enum class State { kNone, kAllow, kReview, kApprovedReview, kBlock, kRejected };

using Key = std::tuple<std::string, std::string, std::string>;  // campaign, id, content

}  // namespace

std::vector<CoverageGap> check_coverage(const std::vector<Sendable>& messages,
                                        const std::vector<Record>& records) {
  std::map<Key, State> state;
  std::map<std::pair<std::string, std::string>, bool> screened_any;
  for (const auto& r : records) {
    const auto& e = r.entry;
    State& s = state[Key{e.campaign, e.message_id, e.content_hash}];
    if (e.kind == "screening") {
      screened_any[{e.campaign, e.message_id}] = true;
      s = e.decision == "allow"    ? State::kAllow
          : e.decision == "review" ? State::kReview
                                   : State::kBlock;
    } else if (e.kind == "review" || e.kind == "approval") {
      if (e.decision == "rejected") {
        s = State::kRejected;
      } else if (e.kind == "review" && s == State::kReview) {
        s = State::kApprovedReview;
      }
    }
  }
  std::vector<CoverageGap> gaps;
  for (const auto& m : messages) {
    auto it = state.find(Key{m.campaign, m.message_id, m.content_hash});
    const State s = it == state.end() ? State::kNone : it->second;
    std::string reason;
    switch (s) {
      case State::kAllow:
      case State::kApprovedReview:
        continue;
      case State::kNone:
        reason = screened_any.count({m.campaign, m.message_id})
                     ? "content changed after screening (no record for this content hash)"
                     : "never screened";
        break;
      case State::kReview:
        reason = "review pending (no approved review record)";
        break;
      case State::kBlock:
        reason = "blocked by screening";
        break;
      case State::kRejected:
        reason = "rejected by a reviewer or approver";
        break;
    }
    gaps.push_back({m.campaign, m.message_id, reason});
  }
  return gaps;
}

}  // namespace tailor::audit
