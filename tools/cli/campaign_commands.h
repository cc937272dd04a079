// `tailor campaign run|approve` and `tailor gen-data` (tools/cli/campaign.cc).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace tailor::cli {

extern const std::string_view kCampaignUsage;
extern const std::string_view kGenDataUsage;

int run_campaign(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_gen_data(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace tailor::cli
