// Simulated outcomes as events in exactly the format the edge ingests (core/events/event.h),
// and back: the campaign report reads outcomes from the events, so the events file is the one
// source of what happened.
//
// Per unit, in this order (only the events that happened):
//   exposure    ts = send; experiment, variant from the unit; attributes {"segment": <name>}
//               (the edge's results route splits by it: ?segment=segment)
//   conversion  name "open", "click", "purchase" (value = revenue), "unsubscribe"
// user = the customer id. id = "<experiment>:<customer>:<kind>" (kind: exposure, open, click,
// purchase, unsubscribe), unique because a customer has one unit; when that is longer than
// events::kMaxIdBytes it is "sim:<h1><h2>:<kind>" instead, h1 and h2 the FNV-1a 64 of
// "<experiment>:<customer>" read forwards and backwards, as 16 hex digits each.
#pragma once

#include <vector>

#include "core/events/event.h"
#include "core/result.h"
#include "core/simulate/simulate.h"

namespace tailor::simulate {

// Failure (kInvalidArgument): units and outcomes of different lengths; a unit whose customer,
// experiment or variant breaks the event schema's limits (simulate() refuses those already).
Result<std::vector<events::Event>> to_events(const std::vector<Unit>& units,
                                             const std::vector<Outcome>& outcomes);

// Each unit's outcome as the events tell it: send_ms = the exposure's ts; a flag is set by a
// conversion of that name, its time is the earliest one's; revenue = the sum of the purchases'
// values. A repeated event changes nothing (as at the edge, whose ingest keeps one event per
// id): a purchase whose id was seen before is skipped, and the other events only set flags and
// keep the earliest time, so a file read twice counts once.
// Failure (kInvalidArgument), naming the event by position and id: an event of a user that is
// not a unit's customer; an exposure to another experiment or variant than the unit's; a
// custom event or a conversion of another name; a purchase without a value; a unit without an
// exposure (named by customer); a customer repeated in `units`.
Result<std::vector<Outcome>> outcomes_from_events(const std::vector<Unit>& units,
                                                  const std::vector<events::Event>& events);

}  // namespace tailor::simulate
