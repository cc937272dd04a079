// core/content: BM25 scores equal SQLite FTS5's bm25() on the corpus of tools/gen/bm25_fts5.py
// (the oracle: tests/data/bm25_fts5.json, written by that script with python3's sqlite3).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/content/corpus.h"
#include "core/content/tokenize.h"
#include "tests/parse_json.h"

using namespace tailor;
using namespace tailor::content;

namespace {

std::string slurp(const char* path) {
  std::string text;
  if (FILE* f = std::fopen(path, "rb")) {
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
  }
  return text;
}

std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> out;
  tokenize(text, out);
  return out;
}

}  // namespace

TEST_CASE("tokenize follows unicode61 on ASCII and Latin-1", "[content]") {
  // Expected lists read off FTS5's fts5vocab for the same text (python3 sqlite3 3.40.1).
  CHECK(tokens("Take 20% off: WINTER20, 19.99 x_y") ==
        std::vector<std::string>{"take", "20", "off", "winter20", "19", "99", "x", "y"});
  CHECK(tokens("Café CRÈME naïve Ærø façade Straße µm ¼ ÿ") ==
        std::vector<std::string>{"cafe", "creme", "naive", "\xC3\xA6r\xC3\xB8", "facade",
                                 "stra\xC3\x9F"
                                 "e",
                                 "\xCE\xBCm", "\xC2\xBC", "y"});
  CHECK(tokens("a\xE2\x80\x94"
               "b c\xE2\x80\x99"
               "d e\xE2\x82\xAC"
               "f g\xC2\xA0h i\xE2\x80\xA6j "
               "k\xF0\x9F\x98\x80l") ==
        std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"});
  // Invalid UTF-8 separates; it is never copied into a token.
  CHECK(tokens("ab\xFF"
               "cd\xC3") == std::vector<std::string>{"ab", "cd"});
}

TEST_CASE("BM25 equals FTS5 bm25() (negated) on the oracle corpus", "[content]") {
  const json::Value data = testing::parse(slurp(TAILOR_TEST_DATA_DIR "/bm25_fts5.json"));
  std::vector<Item> items;
  for (const json::Value& i : data.find("items")->as_array()) {
    Item item;
    item.id = i.find("id")->as_string();
    item.title = i.find("title")->as_string();
    item.body = i.find("body")->as_string();
    item.channels.assign(std::begin(kAllChannels), std::end(kAllChannels));
    items.push_back(std::move(item));
  }
  auto corpus = build_corpus(std::move(items));
  REQUIRE(corpus.ok());
  // The same passages as the script's independent split (c07 is long: 3 passages, its
  // headings and the closing "Thank you." joined to neighbours).
  const json::Array& passages = data.find("passages")->as_array();
  REQUIRE(corpus->passage_count() == passages.size());
  for (size_t p = 0; p < passages.size(); ++p) {
    CHECK(corpus->items()[corpus->passages()[p].item].id == passages[p].find("item")->as_string());
    CHECK(corpus->passages()[p].text == passages[p].find("text")->as_string());
  }
  int positive = 0;
  for (const json::Value& q : data.find("queries")->as_array()) {
    const std::string text = q.find("text")->as_string();
    const json::Array& expected = q.find("scores")->as_array();
    const std::vector<double> got = corpus->scores(text);
    REQUIRE(got.size() == expected.size());
    for (size_t p = 0; p < got.size(); ++p) {
      INFO("query \"" << text << "\" passage " << p);
      const double want = expected[p].as_number();
      if (want == 0) {
        CHECK(got[p] == 0);
      } else {
        ++positive;
        CHECK(std::abs(got[p] - want) <= 1e-9 * std::abs(want));
      }
    }
  }
  CHECK(positive >= 25);  // the oracle really exercises the formula
}

TEST_CASE("a term in more than half the passages gets FTS5's 1e-6 idf floor", "[content]") {
  std::vector<Item> items(3);
  const char* bodies[] = {"the cat", "the dog", "a bird"};
  for (int i = 0; i < 3; ++i) {
    items[i].id = "i" + std::to_string(i);
    items[i].title = "t";
    items[i].body = bodies[i];
  }
  auto corpus = build_corpus(items);
  REQUIRE(corpus.ok());
  // N = 3, n("the") = 2: ln(1.5 / 2.5) < 0 -> idf 1e-6. Passage i0: f = 1, |P| = 3
  // ("t the cat"), avgdl = 3: 1e-6 * 2.2 / (1 + 1.2) = 1e-6.
  const auto s = corpus->scores("the");
  CHECK(s[0] == Approx(1e-6).epsilon(1e-12));
  CHECK(s[2] == 0);
  // "bird": n = 1, idf = ln(2.5 / 1.5) = 0.5108256237659907 (python3: math.log(2.5/1.5)).
  CHECK(corpus->scores("BIRD bird")[2] == Approx(0.5108256237659907).epsilon(1e-12));
}
