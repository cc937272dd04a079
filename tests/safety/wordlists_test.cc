// The generated word lists (cuss, obscenity, LDNOOBW, retext-equality) on their three views,
// their ambiguity priors, and the Scunthorpe problem.
#include "core/safety/wordlists.h"

#include <catch2/catch.hpp>

#include "helpers.h"

using namespace safety_test;

namespace {

std::vector<Finding> listed(const std::string& text) {
  std::vector<Finding> out;
  match_wordlists(text, tokenize(text), out);
  return out;
}

}  // namespace

TEST_CASE("the generated table holds the packages' terms", "[safety][wordlists]") {
  // cuss alone rates 1,540 English terms 1 or 2; LDNOOBW adds its own.
  CHECK(wordlist_size() > 1500);
}

TEST_CASE("a word both cuss (2) and obscenity/LDNOOBW list weighs 4, with its span",
          "[safety][wordlists]") {
  const auto f = listed("what a twat");
  REQUIRE(f.size() == 1);
  CHECK(f[0].category == Category::kProfanity);
  CHECK(f[0].severity == 4);
  CHECK(f[0].begin == 7);
  CHECK(f[0].end == 11);
  CHECK(f[0].detail.find("obscenity") != std::string::npos);
}

TEST_CASE("ambiguity priors: cuss 0 is no evidence, cuss 1 weighs 1", "[safety][wordlists]") {
  CHECK(listed("welcome to hell week").empty());  // cuss rates "hell" 0
  CHECK(listed("kill time on the train").empty());
  const auto dick = listed("a dick move");  // cuss rates "dick" 1
  REQUIRE(dick.size() == 1);
  CHECK(dick[0].severity == 1);
  // A leet spelling is no surer than its plain word: "brea5t" reads "breast" (cuss 0).
  CHECK(listed("Breast Cancer Awareness").empty());
}

TEST_CASE("word boundaries and whitelists keep the Scunthorpe problem away",
          "[safety][wordlists]") {
  for (const char* clean : {"Scunthorpe", "class analysis", "cocktail hour", "Essex", "therapist",
                            "assassin", "assorted", "Montenegro", "negroni", "fire retardant",
                            "cumin", "shiitake", "wash it", "pen is mightier", "is hit"}) {
    INFO(clean);
    for (const auto& f : listed(clean)) CHECK(f.severity <= 1);
  }
}

TEST_CASE("views: repeated letters, compounds, spaced-out letters", "[safety][wordlists]") {
  const auto repeated = listed("twaaaat");
  REQUIRE(repeated.size() == 1);
  CHECK(repeated[0].severity == 4);
  CHECK(repeated[0].detail.find("repeated letters") != std::string::npos);
  const auto compound = listed("wankers everywhere");
  REQUIRE(compound.size() == 1);
  CHECK(compound[0].end == 7);
  const auto spaced = listed("you cu nt");
  REQUIRE(spaced.size() == 1);
  CHECK(spaced[0].begin == 4);
  CHECK(spaced[0].end == 9);
  CHECK(spaced[0].detail.find("spaced out") != std::string::npos);
}

TEST_CASE("a capitalised list word inside a name weighs 1", "[safety][wordlists]") {
  const auto name = listed("Our founder, Margaret Hooker, distils gin.");
  REQUIRE(name.size() == 1);
  CHECK(name[0].severity == 1);
  const auto alone = listed("no hooker ads here");
  REQUIRE(alone.size() == 1);
  CHECK(alone[0].severity == 4);
}

TEST_CASE("screening: a list word a curated rule already explains counts once",
          "[safety][wordlists]") {
  // "kick-ass" is the lexicon's mild profanity (2); the list's "ass" (4) must not override it.
  const auto s = screen_body("Kick-ass prices on boots.");
  CHECK(s.decision == Decision::kReview);
  CHECK(s.severity == 2);
  CHECK(screen_body("Shop the chunky knit cardigan.").decision == Decision::kAllow);
  CHECK(screen_body("Meet Dick Smith, our new manager.").decision == Decision::kAllow);
  // retext-equality calls these insensitive and cuss rates them 2: a hint, not a decision.
  for (const char* hint : {"No stupid fees, ever.", "Gypsy skirts in three prints.",
                           "Slave to fashion? Our autumn edit is here."}) {
    INFO(hint);
    const auto s = screen_body(hint);
    CHECK(s.decision == Decision::kAllow);
    REQUIRE(s.findings.size() == 1);
    CHECK(s.findings[0].category == Category::kHate);
    CHECK(s.findings[0].severity == 1);
  }
}
