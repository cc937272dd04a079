// Bucket ranges, variation choice, namespaces and the query-string override, computed as
// GrowthBook's JavaScript SDK (util.mjs) computes them, in IEEE doubles.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace tailor::assign {

// [start, end): a user whose hash n satisfies start <= n < end is in the range.
using BucketRange = std::pair<double, double>;

// n weights of 1/n each; empty for n <= 0.
std::vector<double> equal_weights(int num_variations);

// One range per variation. coverage (the share of traffic in the experiment) is clamped to
// [0, 1] (NaN stays NaN and then matches nothing, as in JavaScript). weights: nullptr, a
// vector whose size differs from num_variations, or whose sum is outside [0.99, 1.01] means
// equal weights. Variation i covers [sum(w[0..i)), sum(w[0..i)) + coverage * w[i]).
std::vector<BucketRange> bucket_ranges(int num_variations, double coverage,
                                       const std::vector<double>* weights);

bool in_range(double n, const BucketRange& range);

// Index of the first range containing n; -1 when none does.
int choose_variation(double n, const std::vector<BucketRange>& ranges);

// Whether a hash value falls in namespace [start, end): hash("__" + namespace_id, hash_value,
// version 1) in [start, end). hash_value is the attribute's JavaScript string form.
bool in_namespace(std::string_view hash_value, std::string_view namespace_id, double start,
                  double end);

// GrowthBook's getQueryStringOverride: the text after the first '?' (up to a second '?'),
// minus the first '#' and what follows it on that line, split on '&'; the first pair whose
// key equals `id` has its value (text between the first and second '=') read with JavaScript
// parseInt (leading white space, optional sign, "0x" hex prefix, digit prefix). Returns the
// variation when it is in [0, num_variations); nullopt otherwise (no url, no query, no such
// key, a value that is not a number or out of range).
std::optional<int> query_string_override(std::string_view id, std::string_view url,
                                         int num_variations);

// JavaScript parseInt(s) (radix omitted) for a UTF-8 string: NaN when no digits are read.
double js_parse_int(std::string_view s);

}  // namespace tailor::assign
