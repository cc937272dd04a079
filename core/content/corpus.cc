// Corpus indexing and BM25 search (the formula and its FTS5 equivalence are in corpus.h).
#include "core/content/corpus.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/content/tokenize.h"

namespace tailor::content {
namespace {

size_t token_count(std::string_view text) {
  std::vector<std::string> tokens;
  tokenize(text, tokens);
  return tokens.size();
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

std::vector<std::string> split_passages(std::string_view body) {
  if (token_count(body) <= kWholeItemTokens) return {std::string(body)};
  std::vector<std::string> paragraphs;
  std::string current;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(pos, end - pos);
    if (blank(line)) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
    } else {
      if (!current.empty()) current.push_back('\n');
      current.append(line);
    }
    pos = end + 1;
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  // Join short paragraphs to the next (the last short one to the previous).
  std::vector<std::string> out;
  std::string pending;
  for (std::string& p : paragraphs) {
    if (!pending.empty()) {
      pending += "\n\n";
      pending += p;
    } else {
      pending = std::move(p);
    }
    if (token_count(pending) >= kMinParagraphTokens) {
      out.push_back(std::move(pending));
      pending.clear();
    }
  }
  if (!pending.empty()) {
    if (out.empty()) {
      out.push_back(std::move(pending));
    } else {
      out.back() += "\n\n" + pending;
    }
  }
  return out;
}

const Item* Corpus::find(std::string_view id) const {
  const auto it =
      std::lower_bound(items_.begin(), items_.end(), id,
                       [](const Item& item, std::string_view v) { return item.id < v; });
  return it != items_.end() && it->id == id ? &*it : nullptr;
}

Result<Corpus> build_corpus(std::vector<Item> items) {
  if (items.size() > kMaxItems) {
    return Result<Corpus>::failure(StatusCode::kResourceExhausted,
                                   "the content corpus has " + std::to_string(items.size()) +
                                       " items, expected at most " + std::to_string(kMaxItems));
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.id < b.id; });
  for (size_t i = 1; i < items.size(); ++i) {
    if (items[i].id == items[i - 1].id) {
      return Result<Corpus>::failure(items[i].source + ": id \"" + items[i].id +
                                     "\" is also the id of " + items[i - 1].source +
                                     ", expected ids unique across the corpus");
    }
  }
  Corpus corpus;
  corpus.items_ = std::move(items);
  uint64_t total = 0;
  std::vector<std::string> tokens;
  std::unordered_map<std::string, uint32_t> counts;
  for (size_t i = 0; i < corpus.items_.size(); ++i) {
    for (std::string& text : split_passages(corpus.items_[i].body)) {
      tokens.clear();
      tokenize(corpus.items_[i].title, tokens);
      tokenize(text, tokens);
      const auto passage = static_cast<uint32_t>(corpus.passages_.size());
      counts.clear();
      for (const std::string& t : tokens) ++counts[t];
      // Postings in passage order; counts' order does not matter within one passage.
      for (auto& [term, n] : counts) corpus.postings_[term].push_back({passage, n});
      corpus.passages_.push_back({i, std::move(text), static_cast<uint32_t>(tokens.size())});
      total += tokens.size();
    }
  }
  corpus.average_length_ =
      corpus.passages_.empty() ? 0 : static_cast<double>(total) / corpus.passages_.size();
  return corpus;
}

std::vector<double> Corpus::score_all(std::string_view text) const {
  std::vector<double> score(passages_.size(), 0.0);
  if (passages_.empty() || average_length_ == 0) return score;
  std::vector<std::string> query;
  tokenize(text, query);
  std::sort(query.begin(), query.end());
  query.erase(std::unique(query.begin(), query.end()), query.end());
  const double n_rows = static_cast<double>(passages_.size());
  for (const std::string& term : query) {
    const auto it = postings_.find(term);
    if (it == postings_.end()) continue;
    const double hits = static_cast<double>(it->second.size());
    double idf = std::log((n_rows - hits + 0.5) / (hits + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    for (const Posting& p : it->second) {
      const double f = p.frequency;
      const double d = passages_[p.passage].length;
      score[p.passage] +=
          idf * (f * (kBm25K1 + 1.0)) / (f + kBm25K1 * (1 - kBm25B + kBm25B * d / average_length_));
    }
  }
  return score;
}

std::vector<double> Corpus::scores(std::string_view text) const { return score_all(text); }

std::vector<Passage> Corpus::search(const Query& query, size_t k) const {
  std::vector<Passage> out;
  if (k == 0) return out;
  const std::vector<double> score = score_all(query.text);
  std::vector<uint32_t> order;
  for (uint32_t p = 0; p < passages_.size(); ++p) {
    if (score[p] <= 0) continue;
    const Item& item = items_[passages_[p].item];
    if (item.valid_on(query.as_of_day) && item.on_channel(query.channel) &&
        item.serves_locale(query.locale)) {
      order.push_back(p);
    }
  }
  // Index order is item id order then passage order, so a stable sort breaks ties by both.
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return score[a] > score[b]; });
  std::vector<bool> taken(items_.size(), false);
  for (uint32_t p : order) {
    const size_t i = passages_[p].item;
    if (taken[i]) continue;
    taken[i] = true;
    const Item& item = items_[i];
    out.push_back({item.id, item.title, passages_[p].text, item.claims, item.offer, score[p]});
    if (out.size() == k) break;
  }
  return out;
}

}  // namespace tailor::content
