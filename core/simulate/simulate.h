// The engagement simulator: per-customer outcomes of one send, drawn from the planted model of
// core/simulate/truth.h.
//
// Determinism: each customer's draws come from their own generator, seeded from the truth's
// seed and the customer id (FNV-1a 64 of the id mixed with SplitMix64 of the seed). Each
// customer takes eight uniforms in a fixed order (open, click, purchase, unsubscribe, then the
// four timing fractions), and after a purchase one normal for the revenue. So a customer's
// outcome depends only on (seed, customer id, segment name, arm, attribute values): not on the
// row order, nor on which or how many other customers are simulated. Native and wasm agree
// except where the platform's exp/log differ in the last bit (core/bandit/random.h).
//
// Inputs: the customer table (core/dataset/table.h) and the sends (`units`, one per customer,
// e.g. from the experiment design). Every attribute of the truth must be a number, integer or
// boolean column of the table.
// Failure (kInvalidArgument), naming the unit or attribute:
//   - an attribute column missing, or of another type
//   - a unit's row out of range, or the customer may not be contacted (Table::may_contact:
//     an opted-out customer is never sent anything, so never simulated)
//   - a customer id empty or longer than 256 bytes, or repeated in `units`
//   - an experiment name empty or longer than 256 bytes
//   - a variant that is neither "control" nor one of the strategies (truth.h kStrategies)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/dataset/table.h"
#include "core/result.h"
#include "core/simulate/truth.h"

namespace tailor::simulate {

// One send: which customer, in which segment, which experiment and arm.
struct Unit {
  size_t row = 0;            // the customer's row in the table
  std::string customer;      // the customer id (the events' user)
  uint32_t segment = 0;      // the segment's index in the caller's list (passed through)
  std::string segment_name;  // the display name the truth's segments are keyed by
  std::string experiment;    // "<campaign>-<segment slug>"
  std::string variant;       // "control" or a strategy name
};

// What happened after one send. Times are epoch milliseconds, whole; a time whose flag is
// false is 0 (send_ms is always set).
struct Outcome {
  bool opened = false;
  bool clicked = false;
  bool purchased = false;
  bool unsubscribed = false;
  double revenue = 0;  // dollars and cents; 0 without a purchase
  double send_ms = 0;
  double open_ms = 0;
  double click_ms = 0;
  double purchase_ms = 0;
  double unsubscribe_ms = 0;

  bool operator==(const Outcome&) const = default;
};

// outcomes[i] is the outcome of units[i].
Result<std::vector<Outcome>> simulate(const dataset::Table& table, const std::vector<Unit>& units,
                                      const Truth& truth);

// The seed of a customer's generator (see Determinism above).
uint64_t customer_seed(uint64_t truth_seed, std::string_view customer);

}  // namespace tailor::simulate
