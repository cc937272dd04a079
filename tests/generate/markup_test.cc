// core/generate: citation and placeholder markup, rendering with fallbacks.
#include "core/generate/markup.h"

#include <catch2/catch.hpp>

using namespace tailor::generate;

TEST_CASE("render fills slots with the customer's value or the fallback", "[generate]") {
  const std::string text = "Hi {{first_name}}, new in {{ favourite_category }} [c1].";
  auto r = render(text, {{"first_name", " Ada "}, {"favourite_category", "Outerwear"}});
  REQUIRE(r.ok());
  CHECK(*r == "Hi Ada, new in Outerwear.");
  // Missing, empty, too long (25 bytes > 24) and unsafe values fall back.
  CHECK(*render(text, {}) == "Hi there, new in our latest collection.");
  CHECK(*render(text, {{"first_name", ""}}) == "Hi there, new in our latest collection.");
  CHECK(*render(text, {{"first_name", std::string(25, 'a')}}) ==
        "Hi there, new in our latest collection.");
  CHECK(*render(text, {{"first_name", std::string(24, 'a')}}) ==
        "Hi " + std::string(24, 'a') + ", new in our latest collection.");
  CHECK(*render(text, {{"first_name", "{{first_name}}"}, {"favourite_category", "<b>x</b>"}}) ==
        "Hi there, new in our latest collection.");
  CHECK(*render(text, {{"first_name", "Ann\nEve"}}) == "Hi there, new in our latest collection.");
  // The review form keeps citations.
  CHECK(*render(text, {{"first_name", "Ada"}}, {true}) ==
        "Hi Ada, new in our latest collection [c1].");
}

TEST_CASE("render never leaves a placeholder: malformed marks are errors", "[generate]") {
  CHECK(render("Hi {{city}}", {}).error() ==
        "unknown placeholder {{city}}, expected {{first_name}} or {{favourite_category}}");
  CHECK(render("Hi {{first_name}", {}).error() ==
        "\"{\" at byte 3 is not part of a {{placeholder}}, expected {{first_name}} or "
        "{{favourite_category}}");
  CHECK(render("Hi {name}", {}).error().rfind("\"{\" at byte 3", 0) == 0);
  CHECK(render("Hi first_name}}", {}).error() == "\"}\" at byte 13 closes no {{placeholder}}");
  CHECK(render("Dear [First Name]", {}).error() ==
        "\"[\" at byte 5 does not open a citation such as [c12]; square brackets are reserved "
        "for citations");
  CHECK(render("a ] b", {}).error().rfind("\"]\" at byte 2 closes no citation", 0) == 0);
  CHECK(render("{{first_name\n}}", {}).error().rfind("\"{\" at byte 0", 0) == 0);
}

TEST_CASE("citations: order of first use, lists, stripping", "[generate]") {
  CHECK(citations_in("A [c2]. B [c1, c2]. C [c3][c1].") ==
        std::vector<std::string>{"c2", "c1", "c3"});
  CHECK(citations_in("no marks [Name] here") == std::vector<std::string>{});
  CHECK(strip_citations("Free returns within 30 days [c12]. Rated. [c2, c3]") ==
        "Free returns within 30 days. Rated.");
  CHECK(strip_citations("[c1] First.") == " First.");
}

TEST_CASE("max_rendered_bytes counts slots at their longest, without citations", "[generate]") {
  // "Hi " + 24 + ", " + 32 + "." = 3 + 24 + 2 + 32 + 1
  CHECK(max_rendered_bytes("Hi {{first_name}}, {{favourite_category}} [c1].") == 62);
}
