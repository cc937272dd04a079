#include "core/safety/backstop.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/safety/backstop_model.h"

namespace tailor::safety {
namespace {

constexpr uint32_t kFnvPrime = 16777619u;
constexpr uint32_t kSeedWord = 2166136261u;
constexpr uint32_t kSeedBigram = 0x9e3779b9u;
constexpr uint32_t kSeedChar = 0x85ebca6bu;
constexpr size_t kMaxTokenForChars = 24;

uint32_t fnv(uint32_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

uint32_t bucket(uint32_t h) { return h & (kBackstopBuckets - 1); }

// The severity a backstop finding weighs at or above the block threshold: the category's
// block severity in docs/safety.md's table.
int block_weight(Category c) {
  switch (c) {
    case Category::kHate:
    case Category::kSelfHarm:
      return 6;
    case Category::kProfanity:
    case Category::kPromptInjectionArtifact:
      return 4;
    case Category::kDeceptiveUrgency:
    case Category::kCompetitorDisparagement:
      return 3;
    default:
      return 5;
  }
}

double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// How many feature occurrences for_each_feature emits for `tokens` (an upper bound on the
// distinct ones), so callers can size their buffers once.
size_t feature_occurrences(const std::vector<Token>& tokens) {
  size_t n = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const size_t framed = std::min(tokens[i].text.size(), kMaxTokenForChars) + 2;
    n += 1 + (i + 1 < tokens.size() ? 1 : 0);
    for (size_t g = 3; g <= 5; ++g) n += framed >= g ? framed - g + 1 : 0;
  }
  return n;
}

// Calls emit(bucket, first_token, last_token) for every feature occurrence (repeats included).
// Nothing here allocates (the WASM build pays for every call that may throw).
template <class Emit>
void for_each_feature(const std::vector<Token>& tokens, Emit&& emit) {
  char framed[kMaxTokenForChars + 2];
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    const std::string& w = tokens[i].text;
    emit(bucket(fnv(kSeedWord, w)), i, i);
    if (i + 1 < tokens.size()) {
      uint32_t h = fnv(kSeedBigram, w);
      h = fnv(h, " ");
      emit(bucket(fnv(h, tokens[i + 1].text)), i, i + 1);
    }
    const size_t len = std::min(w.size(), kMaxTokenForChars);
    framed[0] = '<';
    std::copy(w.data(), w.data() + len, framed + 1);
    framed[len + 1] = '>';
    const size_t size = len + 2;
    // The 3-, 4- and 5-grams starting at one position share their hash prefix; each is
    // finished by mixing in its length n: bucket((h ^ n) * prime).
    for (size_t s = 0; s + 3 <= size; ++s) {
      uint32_t h = kSeedChar;
      for (size_t k = 0; k < 5 && s + k < size; ++k) {
        h ^= static_cast<unsigned char>(framed[s + k]);
        h *= kFnvPrime;
        if (k >= 2) emit(bucket((h ^ static_cast<uint32_t>(k + 1)) * kFnvPrime), i, i);
      }
    }
  }
}

}  // namespace

std::vector<BackstopFeature> backstop_features(const std::vector<Token>& tokens) {
  std::vector<BackstopFeature> f;
  f.reserve(tokens.size() * 16);
  for_each_feature(tokens, [&](uint32_t b, uint32_t first, uint32_t last) {
    f.push_back({b, first, last});
  });
  std::stable_sort(f.begin(), f.end(), [](const BackstopFeature& a, const BackstopFeature& b) {
    return a.bucket < b.bucket;
  });
  f.erase(std::unique(f.begin(), f.end(),
                      [](const BackstopFeature& a, const BackstopFeature& b) {
                        return a.bucket == b.bucket;
                      }),
          f.end());
  return f;
}

namespace {

// Logits per modelled category, and the features that carry weights with their rows.
struct Logits {
  std::vector<double> z;
  std::vector<BackstopFeature> features;  // distinct, with a weight in the table
  std::vector<size_t> rows;               // their rows in the table
};

// One bit per bucket: does the table hold weights for it (most features have none).
const std::vector<uint64_t>& weighted_buckets() {
  static const std::vector<uint64_t> bits = [] {
    const BackstopTable& t = backstop_table();
    std::vector<uint64_t> b(kBackstopBuckets / 64, 0);
    for (size_t k = 0; k < t.key_count; ++k) b[t.keys[k] / 64] |= uint64_t{1} << (t.keys[k] % 64);
    return b;
  }();
  return bits;
}

// The same value as scoring backstop_features(tokens), without keeping the features that
// carry no weight: their number (distinct) is all the score needs of them.
Logits logits(const std::vector<Token>& tokens) {
  const BackstopTable& t = backstop_table();
  const std::vector<uint64_t>& bits = weighted_buckets();
  // Distinct features are counted with a bitset over the buckets, cleared again afterwards
  // (one per thread: screening is thread-safe).
  thread_local std::vector<uint64_t> seen(kBackstopBuckets / 64, 0);
  thread_local std::vector<uint32_t> set;
  const size_t most = feature_occurrences(tokens);
  if (set.size() < most) set.resize(most);
  Logits l;
  l.features.resize(most);
  size_t distinct = 0, weighted = 0;
  uint32_t* set_data = set.data();
  BackstopFeature* hit = l.features.data();
  uint64_t* seen_data = seen.data();
  const uint64_t* bits_data = bits.data();
  for_each_feature(tokens, [&](uint32_t b, uint32_t first, uint32_t last) {
    uint64_t& word = seen_data[b / 64];
    const uint64_t bit = uint64_t{1} << (b % 64);
    if (word & bit) return;  // a repeat: the first occurrence names the tokens
    word |= bit;
    set_data[distinct++] = b;
    if ((bits_data[b / 64] >> (b % 64)) & 1u) hit[weighted++] = {b, first, last};
  });
  l.features.resize(weighted);
  for (size_t k = 0; k < distinct; ++k) seen_data[set_data[k] / 64] = 0;
  l.rows.reserve(weighted);
  l.z.assign(static_cast<size_t>(t.categories), 0.0);
  const double scale = distinct ? 1.0 / std::sqrt(static_cast<double>(distinct)) : 0.0;
  for (const auto& f : l.features) {
    const size_t row = static_cast<size_t>(
        std::lower_bound(t.keys, t.keys + t.key_count, f.bucket) - t.keys);
    l.rows.push_back(row);
    for (uint32_t e = t.row_start[row]; e < t.row_start[row + 1]; ++e)
      l.z[t.entry_category[e]] += t.entry_weight[e] * scale;
  }
  for (int c = 0; c < t.categories; ++c) l.z[c] += t.bias[c];
  return l;
}

}  // namespace

std::vector<BackstopScore> backstop_scores(const std::vector<Token>& tokens) {
  const BackstopTable& t = backstop_table();
  const Logits l = logits(tokens);
  std::vector<BackstopScore> out;
  for (int c = 0; c < t.categories; ++c) out.push_back({t.category[c], logistic(l.z[c])});
  return out;
}

void detect_backstop(std::string_view text, const std::vector<Token>& tokens,
                     std::vector<Finding>& out) {
  if (tokens.empty()) return;
  const BackstopTable& t = backstop_table();
  const Logits l = logits(tokens);
  for (int c = 0; c < t.categories; ++c) {
    const double p = logistic(l.z[c]);
    if (p < t.review_at[c]) continue;
    // Explanation: per token, the weight its features carry towards this category; the
    // finding spans the strongest tokens (up to three) and names them.
    std::vector<double> push(tokens.size(), 0.0);
    for (size_t h = 0; h < l.features.size(); ++h) {
      const size_t row = l.rows[h];
      for (uint32_t e = t.row_start[row]; e < t.row_start[row + 1]; ++e) {
        if (t.entry_category[e] != c) continue;
        const BackstopFeature& f = l.features[h];
        const double share = t.entry_weight[e] / (f.last_token - f.first_token + 1);
        for (uint32_t k = f.first_token; k <= f.last_token; ++k) push[k] += share;
      }
    }
    std::vector<size_t> order(tokens.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const size_t top = std::min<size_t>(3, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                      [&](size_t a, size_t b) { return push[a] > push[b] || (push[a] == push[b] && a < b); });
    std::vector<size_t> chosen;
    for (size_t i = 0; i < top; ++i)
      if (push[order[i]] > 0 || chosen.empty()) chosen.push_back(order[i]);
    std::sort(chosen.begin(), chosen.end());
    std::string words;
    for (size_t k : chosen) {
      words += words.empty() ? "\"" : ", \"";
      words.append(text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
      words += "\"";
    }
    const int pct = static_cast<int>(std::lround(p * 100));
    bool block = p >= t.block_at[c];
    const size_t b = tokens[chosen.front()].begin, e = tokens[chosen.back()].end;
    // A curated rule that already rated these words below blocking knows their context
    // ("Damn good coffee" is mild profanity): the model does not overrule it on the same words.
    std::string note;
    if (block) {
      const int weight = block_weight(t.category[c]);
      for (const Finding& f : out) {
        if (f.category == t.category[c] && f.severity >= 2 && f.severity < weight &&
            f.begin < e && b < f.end) {
          block = false;
          note = " (a rule rates these words lower)";
          break;
        }
      }
    }
    out.push_back({t.category[c], block ? block_weight(t.category[c]) : 1, b, e,
                   "learned backstop (" + std::to_string(pct) + "%): " + words + note});
  }
}

BackstopModelInfo backstop_model_info() {
  const BackstopTable& t = backstop_table();
  return {t.categories, t.key_count, t.key_count ? t.row_start[t.key_count] : 0, t.content_hash};
}

}  // namespace tailor::safety
