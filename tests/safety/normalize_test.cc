#include "core/safety/normalize.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using tailor::safety::tokenize;

static std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(text)) out.push_back(t.text);
  return out;
}

using V = std::vector<std::string>;

TEST_CASE("tokens are whole words, so place names do not contain words", "[safety][normalize]") {
  CHECK(words("Scunthorpe, Sussex & Essex!") == V{"scunthorpe", "sussex", "essex"});
  CHECK(words("Assassin's Creed") == V{"assassins", "creed"});
  CHECK(words("can't won\xE2\x80\x99t") == V{"cant", "wont"});  // ASCII and U+2019 apostrophes
  CHECK(words("risk-free drop-dead") == V{"risk", "free", "drop", "dead"});
}

TEST_CASE("case, diacritics and ligatures fold", "[safety][normalize]") {
  CHECK(words("Scheiße Ausländer désabonner NIÑOS Œuvre") ==
        V{"scheisse", "auslander", "desabonner", "ninos", "oeuvre"});
}

TEST_CASE("leetspeak is read only inside words that mix letters and digits",
          "[safety][normalize]") {
  CHECK(words("sh1t k1ll a$$ n@ked bullsh!t") == V{"shit", "kill", "ass", "naked", "bullshit"});
  CHECK(words("$19.99 20% 2026 wow!!!") == V{"19", "99", "20", "2026", "wow"});
}

TEST_CASE("masked words keep their stars as wildcards", "[safety][normalize]") {
  CHECK(words("f*ck *terms apply") == V{"f*ck", "terms", "apply"});
  CHECK(words("motherf***ers") == V{"motherf***ers"});
}

TEST_CASE("spaced-out letters are joined", "[safety][normalize]") {
  CHECK(words("F u c k the rest") == V{"fuck", "the", "rest"});
  CHECK(words("f.u.c.k.i.n.g great") == V{"fucking", "great"});
  CHECK(words("vitamins A, B and C") == V{"vitamins", "a", "b", "and", "c"});
}

TEST_CASE("confusables, full-width, styled letters and zero-width characters fold",
          "[safety][normalize]") {
  CHECK(words("fu\xD1\x81king") == V{"fucking"});                                 // Cyrillic es
  CHECK(words("\xEF\xBC\xB0\xEF\xBD\x8F\xEF\xBD\x92\xEF\xBD\x8E") == V{"porn"});  // full-width
  CHECK(words("\xF0\x9D\x90\x9F\xF0\x9D\x90\xAE\xF0\x9D\x90\x9C\xF0\x9D\x90\xA4") ==
        V{"fuck"});                                                       // bold
  CHECK(words("k\xE2\x80\x8Bi\xE2\x80\x8Bl\xE2\x80\x8Bl") == V{"kill"});  // zero-width spaces
  CHECK(words("\xE2\x93\x97\xE2\x93\x90\xE2\x93\xA3\xE2\x93\x94") == V{"hate"});  // circled
}

TEST_CASE("token spans point at the original bytes", "[safety][normalize]") {
  auto t = tokenize("Hi  Zo\xC3\xAB!");
  REQUIRE(t.size() == 2);
  CHECK(t[1].text == "zoe");
  CHECK(t[1].begin == 4);
  CHECK(t[1].end == 8);
}

TEST_CASE("HTML is neutralised: inline tags vanish, block tags separate, references decode",
          "[safety][normalize]") {
  CHECK(words("f<b>u</b>ck") == V{"fuck"});
  CHECK(words("s<span class=\"x\">hi</span>t") == V{"shit"});
  CHECK(words("Hello<br>World") == V{"hello", "world"});
  CHECK(words("Tom &amp; Jerry") == V{"tom", "jerry"});
  CHECK(words("can&#39;t") == V{"cant"});
  CHECK(words("s&shy;hit") == V{"shit"});
  CHECK(words("caf&#xE9;") == V{"cafe"});
  // Not tags or references: kept as text.
  CHECK(words("<<Name>> & co; 3 < 4") == V{"name", "co", "3", "4"});
  // The span of a word split by markup covers the markup, in the original bytes.
  auto t = tokenize("a f<b>u</b>ck");
  REQUIRE(t.size() == 2);
  CHECK(t[1].begin == 2);
  CHECK(t[1].end == 13);  // "f<b>u</b>ck" is bytes 2-12
}
