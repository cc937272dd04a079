// edge/retention.h: the retention cutoff of one process follows the wall clock, but never
// advances faster than the monotonic clock (plus one minute): a clock stepped forward by a year
// deletes nothing inside the window. tests/edge/test_clock.py runs the real edge under
// libfaketime for the same.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "edge/retention.h"

using tailor::edge::guarded_cutoff_ms;
using tailor::edge::kRetentionClockSlackMs;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDayMs = 86400000.0;
constexpr double kT0 = 1.7e12;  // a cutoff, ms since the epoch
}  // namespace

TEST_CASE("the first run of a process takes the wall clock's cutoff") {
  CHECK(guarded_cutoff_ms(kT0, kNaN, 0) == kT0);
}

TEST_CASE("a wall clock that moves with the monotonic clock is followed") {
  CHECK(guarded_cutoff_ms(kT0 + 3600000, kT0, 3600000) == kT0 + 3600000);
  // An NTP slew or a small step (under a minute) is followed too.
  CHECK(guarded_cutoff_ms(kT0 + 3600000 + 30000, kT0, 3600000) == kT0 + 3600000 + 30000);
}

TEST_CASE("a wall clock stepped forward advances the cutoff only as far as the monotonic clock") {
  double jumped = guarded_cutoff_ms(kT0 + 365 * kDayMs, kT0, 3600000);
  CHECK(jumped == kT0 + 3600000 + kRetentionClockSlackMs);
}

TEST_CASE("a wall clock stepped backward only moves the cutoff back") {
  CHECK(guarded_cutoff_ms(kT0 - 365 * kDayMs, kT0, 3600000) == kT0 - 365 * kDayMs);
  // A monotonic clock that (impossibly) went back is taken as no time at all.
  CHECK(guarded_cutoff_ms(kT0 + kDayMs, kT0, -5000) == kT0 + kRetentionClockSlackMs);
}
