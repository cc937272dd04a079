// core/content: search filters (validity, channel, locale), one passage per item, order.
#include <catch2/catch.hpp>
#include <string>

#include "core/content/corpus.h"
#include "core/dataset/types.h"

using namespace tailor::content;

namespace {

int32_t day(const char* text) { return *tailor::dataset::parse_date(text); }

Item parsed(const std::string& name, const std::string& text) {
  auto r = parse_item(name, text);
  REQUIRE(r.ok());
  return *r;
}

Corpus sample() {
  std::vector<Item> items;
  items.push_back(parsed("c1.md",
                         "---\nid: c1\ntitle: Winter coats\nvalid_from: 2026-11-01\n"
                         "valid_until: 2026-12-31\n---\nWarm winter coats."));
  items.push_back(parsed("c2.md",
                         "---\nid: c2\ntitle: Winter boots\nchannels: [web]\n---\n"
                         "Winter boots for snow."));
  items.push_back(parsed("c3.md",
                         "---\nid: c3\ntitle: Hiver\nlocale: fr\n---\nManteaux d'hiver "
                         "winter."));
  items.push_back(parsed("c4.md", "---\nid: c4\ntitle: Gloves\n---\nWool gloves."));
  auto corpus = build_corpus(std::move(items));
  REQUIRE(corpus.ok());
  return std::move(*corpus);
}

std::vector<std::string> ids(const std::vector<Passage>& passages) {
  std::vector<std::string> out;
  for (const Passage& p : passages) out.push_back(p.item_id);
  return out;
}

}  // namespace

TEST_CASE("expired, not-yet-valid, off-channel and off-locale items are never returned",
          "[content]") {
  const Corpus corpus = sample();
  Query q{"winter", Channel::kEmail, day("2026-12-01"), "en"};
  CHECK(ids(corpus.search(q, 10)) == std::vector<std::string>{"c1"});
  q.channel = Channel::kWeb;
  CHECK(ids(corpus.search(q, 10)) == std::vector<std::string>{"c1", "c2"});
  q.as_of_day = day("2027-01-01");  // the day after valid_until
  CHECK(ids(corpus.search(q, 10)) == std::vector<std::string>{"c2"});
  q.as_of_day = day("2026-10-31");  // the day before valid_from
  CHECK(ids(corpus.search(q, 10)) == std::vector<std::string>{"c2"});
  q.as_of_day = day("2026-12-31");  // valid_until is inclusive
  CHECK(ids(corpus.search(q, 10)) == std::vector<std::string>{"c1", "c2"});
  q.locale = "fr-FR";
  CHECK(ids(corpus.search(q, 10)) == std::vector<std::string>{"c3"});
}

TEST_CASE("search keeps k, matches only, and the scores of scores()", "[content]") {
  const Corpus corpus = sample();
  Query q{"winter gloves", Channel::kWeb, day("2026-12-01"), "en"};
  const auto all = corpus.search(q, 10);
  CHECK(all.size() == 3);  // c1, c2 and c4; c3 is French
  const auto top = corpus.search(q, 1);
  REQUIRE(top.size() == 1);
  CHECK(top[0].item_id == all[0].item_id);
  CHECK(corpus.search(q, 0).empty());
  CHECK(corpus.search({"zebra", Channel::kWeb, day("2026-12-01"), "en"}, 5).empty());
  const auto scores = corpus.scores(q.text);
  for (const Passage& p : all) {
    size_t index = 0;
    while (corpus.items()[corpus.passages()[index].item].id != p.item_id) ++index;
    CHECK(p.score == scores[index]);
    CHECK(p.score > 0);
  }
  for (size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1].score >= all[i].score);
}

TEST_CASE("one passage per item, the item's best, with its claims and offer", "[content]") {
  std::string body;
  for (int p = 0; p < 8; ++p) {
    body += p == 4 ? "Our boots are waterproof and lined for snow, and the boots last for years "
                     "of winter walking in the hills."
                   : "This paragraph is about knitted scarves in many colours and soft yarns "
                     "for every day of the year.";
    body += "\n\n";
  }
  std::vector<Item> items;
  items.push_back(parsed("long.md",
                         "---\nid: long\ntitle: Guide\nclaims: [Lined for snow.]\n"
                         "offer:\n  description: Boots at 10% off\n"
                         "  deadline: 2026-12-24\n---\n" +
                             body));
  auto corpus = build_corpus(std::move(items));
  REQUIRE(corpus.ok());
  CHECK(corpus->passage_count() == 8);
  const auto found = corpus->search({"boots", Channel::kEmail, 0, "en"}, 5);
  REQUIRE(found.size() == 1);
  CHECK(found[0].text.rfind("Our boots are waterproof", 0) == 0);
  CHECK(found[0].claims == std::vector<std::string>{"Lined for snow."});
  REQUIRE(found[0].offer.has_value());
  CHECK(found[0].offer->deadline_day == day("2026-12-24"));
}

TEST_CASE("split_passages: short bodies whole, short paragraphs joined", "[content]") {
  CHECK(split_passages("One.\n\nTwo.") == std::vector<std::string>{"One.\n\nTwo."});
  std::string long_text;
  for (int i = 0; i < 130; ++i) long_text += "w ";
  const auto parts = split_passages("# Title\n\n" + long_text + "\n\nEnd.");
  REQUIRE(parts.size() == 1);  // heading joined forward, "End." joined back
  CHECK(parts[0].rfind("# Title\n\nw w", 0) == 0);
  CHECK(parts[0].substr(parts[0].size() - 6) == "\n\nEnd.");
}
