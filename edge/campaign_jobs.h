// The campaign jobs (campaigns.h): "prepare", "finish" and "simulate", run by the job thread.
#pragma once

#include "core/campaign/pipeline.h"
#include "edge/campaign_meta.h"
#include "edge/store/campaign_store.h"

namespace tailor::edge {

class App;

// Runs the job meta.job_kind() names on the campaign's stored inputs. A stopped run
// (progress.stopped()) returns kUnavailable and changes nothing.
JobOutcome run_campaign_job(App& app, CampaignStore& store, const CampaignRow& row,
                            const CampaignMeta& meta, campaign::Progress& progress);

}  // namespace tailor::edge
