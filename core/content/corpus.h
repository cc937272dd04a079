// The approved-content corpus and its BM25 retrieval (stage 3 of the campaign pipeline).
//
//   auto corpus = build_corpus(std::move(items));         // index built once per corpus
//   auto passages = corpus->search({goal + profile, Channel::kEmail, as_of_day, "en"}, 6);
//
// Passages: an item whose body has at most kWholeItemTokens tokens is one passage (short
// items are the common case and a paragraph of them says little alone). A longer body is cut
// at blank lines into paragraphs; a paragraph of fewer than kMinParagraphTokens tokens (a
// heading, a one-line aside) is joined to the next one (the last to the previous). The
// indexed document of a passage is the item's title followed by the passage text.
//
// Ranking: Okapi BM25 exactly as SQLite FTS5's bm25() computes it (k1 = 1.2, b = 0.75):
//   score(P) = sum over distinct query tokens t of
//              idf(t) * f(t,P) * (k1 + 1) / (f(t,P) + k1 * (1 - b + b * |P| / avgdl))
//   idf(t)   = ln((N - n(t) + 0.5) / (n(t) + 0.5)), or 1e-6 where that is <= 0
// with N the passages of the whole corpus, n(t) those containing t, |P| a passage's tokens,
// avgdl their mean; tokens as tokenize.h. It equals -bm25() of an FTS5 table (columns title,
// text; default tokeniser) over the same passages, queried with the distinct query tokens
// joined by OR (FTS5 returns the score negated so that ORDER BY bm25() puts the best first);
// tools/gen/bm25_fts5.py writes that oracle to tests/data/bm25_fts5.json.
//
// Why not FTS5 itself at run time (the issue prefers it): core/ is pure and is also compiled
// to WebAssembly for the browser, so it cannot link SQLite; a few hundred lines of BM25 over
// a corpus of hundreds of items is exact (tested equal to FTS5 to 1e-9) and builds its index
// in microseconds. The CLI/edge could use FTS5, but then two rankings would exist.
//
// Filters: a passage is returned only when its item is valid on as_of_day (valid_from <= day
// <= valid_until, inclusive), is on the query's channel, serves the query's locale
// (Item::serves_locale) and the passage contains at least one query token (score > 0).
// Statistics (N, n(t), avgdl) are those of the whole corpus whatever the filters, as FTS5's
// are with a WHERE clause, so filtering never changes a passage's score.
// At most one passage per item (its best) is returned: k passages means k different items.
// Order: score descending; ties by item id, then passage order within the item.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/content/item.h"
#include "core/result.h"

namespace tailor::content {

inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;
inline constexpr size_t kWholeItemTokens = 120;
inline constexpr size_t kMinParagraphTokens = 12;
inline constexpr size_t kMaxItems = 10'000;

struct Query {
  std::string text;  // built by the caller (campaign goal + segment profile words)
  Channel channel = Channel::kEmail;
  int32_t as_of_day = 0;  // days since 1970-01-01
  std::string locale = "en";
};

struct Passage {
  std::string item_id;
  std::string title;
  std::string text;                 // the passage (a paragraph or the whole body)
  std::vector<std::string> claims;  // the item's approved claims
  std::optional<Offer> offer;       // the item's offer, if any
  double score = 0;                 // BM25, > 0
};

class Corpus {
 public:
  const std::vector<Item>& items() const { return items_; }
  // The item with this id, or nullptr.
  const Item* find(std::string_view id) const;
  // Number of indexed passages (N above).
  size_t passage_count() const { return passages_.size(); }

  // The best k passages for the query (see the header comment). k = 0 gives none.
  std::vector<Passage> search(const Query& query, size_t k) const;
  // BM25 score of every passage for `text` with no filter, in index order (item id order,
  // then passage order): what the FTS5 oracle test compares.
  std::vector<double> scores(std::string_view text) const;

  struct IndexedPassage {
    size_t item;  // index into items()
    std::string text;
    uint32_t length;  // tokens, title included
  };
  const std::vector<IndexedPassage>& passages() const { return passages_; }

 private:
  friend Result<Corpus> build_corpus(std::vector<Item> items);
  std::vector<double> score_all(std::string_view text) const;

  struct Posting {
    uint32_t passage;
    uint32_t frequency;
  };
  std::vector<Item> items_;  // sorted by id
  std::vector<IndexedPassage> passages_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;
  double average_length_ = 0;
};

// Indexes the items (sorted by id, so the order files were read in does not matter).
// Errors: a repeated id names both files (`content/b.md: id "c12" is also the id of
// content/a.md, expected ids unique across the corpus`); more than kMaxItems items
// (kResourceExhausted).
Result<Corpus> build_corpus(std::vector<Item> items);

// The passages of one body as documented above (exposed for tests and the CLI's summary).
std::vector<std::string> split_passages(std::string_view body);

}  // namespace tailor::content
