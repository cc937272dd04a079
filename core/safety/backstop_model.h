// The table behind backstop.h, as tools/train-safety writes it into backstop_model.cc
// (checked in; do not edit by hand: re-run the command in that file's header).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/safety/types.h"

namespace tailor::safety {

struct BackstopTable {
  int categories;               // modelled categories
  const Category* category;     // [categories]
  const float* bias;            // [categories] logit bias
  const float* review_at;       // [categories] probability thresholds
  const float* block_at;        // [categories]
  size_t key_count;             // buckets that carry a weight, ascending
  const uint32_t* keys;         // [key_count]
  const uint32_t* row_start;    // [key_count + 1] into the entries
  const uint8_t* entry_category;  // index into `category`
  const float* entry_weight;
  const char* content_hash;     // SHA-256 (hex) of the data the trainer wrote
};

const BackstopTable& backstop_table();

}  // namespace tailor::safety
