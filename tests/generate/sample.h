// Test helper: a small approved-content corpus (Northwind Outfitters) and requests over it.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/content/corpus.h"
#include "core/dataset/types.h"
#include "core/generate/draft.h"

namespace tailor::testing {

inline int32_t day(const char* text) { return *dataset::parse_date(text); }

inline content::Corpus sample_corpus() {
  const std::pair<const char*, const char*> files[] = {
      {"content/c01.md",
       "---\nid: c01\ntitle: Winter coats are here\nclaims:\n"
       "  - Our winter coats are made from 100% recycled polyester.\n"
       "  - Free returns within 30 days.\n---\n"
       "Our new winter coats keep you warm on the coldest mornings."},
      {"content/c02.md",
       "---\nid: c02\ntitle: Boots for wet weather\nclaims:\n"
       "  - Our waterproof boots are rated 4.8 out of 5 by customers.\n---\n"
       "Waterproof leather boots with a grippy sole for winter walks."},
      {"content/c03.md",
       "---\nid: c03\ntitle: Northwind Club\nclaims:\n"
       "  - Northwind Club members earn double points on every order.\n"
       "  - Members shop the winter sale a day early.\n---\n"
       "The Northwind Club thanks loyal customers with points and early access in winter."},
      {"content/c05.json",
       R"({"id":"c05","title":"The winter sale","body":"Our winter sale on coats and boots.",
           "claims":["The winter sale covers coats and boots."],
           "offer":{"description":"20% off winter coats and boots","code":"WINTER20",
                    "deadline":"2026-12-24"}})"},
      {"content/c06.md",
       "---\nid: c06\ntitle: Summer sale\nvalid_until: 2026-08-31\nclaims: [Sandals at half "
       "price.]\n---\nSummer sandals and winter coats."},
  };
  std::vector<content::Item> items;
  for (const auto& [name, text] : files) {
    auto item = content::parse_item(name, text);
    REQUIRE(item.ok());
    items.push_back(std::move(*item));
  }
  auto corpus = content::build_corpus(std::move(items));
  REQUIRE(corpus.ok());
  return std::move(*corpus);
}

inline generate::Request sample_request(generate::Strategy strategy, content::Channel channel,
                                        const char* voice = "warm and friendly") {
  static const content::Corpus corpus = sample_corpus();
  generate::Request r;
  r.campaign = "winter-2026";
  r.segment = "At Risk";
  r.profile = {{"top category", "outerwear"}, {"typical recency", "about 200 days"}};
  r.strategy = strategy;
  r.channel = channel;
  r.brand = {"Northwind Outfitters", voice, "The Northwind team"};
  r.as_of_day = day("2026-12-01");
  r.passages =
      corpus.search({"winter coats boots members customers", channel, r.as_of_day, "en"}, 6);
  // BM25 order for this query (c03 matches "members" and "customers"); c06 has expired.
  REQUIRE(r.passages.size() == 4);
  CHECK(r.passages[0].item_id == "c03");
  CHECK(r.passages[3].item_id == "c01");
  return r;
}

}  // namespace tailor::testing
