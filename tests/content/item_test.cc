// core/content: item parsing (Markdown front matter and JSON) and its error messages.
#include "core/content/item.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/content/corpus.h"
#include "core/dataset/types.h"

using namespace tailor::content;
using tailor::StatusCode;

namespace {

const char* kCoat =
    "---\n"
    "id: c12\n"
    "title: Winter coats are here\n"
    "# comments and blank lines are skipped\n"
    "\n"
    "claims:\n"
    "  - Our coats are made from 100% recycled polyester.\n"
    "  - Free returns within 30 days, no questions asked.\n"
    "valid_from: 2026-11-01\n"
    "valid_until: 2027-01-31\n"
    "channels: [web, email]\n"
    "locale: en-GB\n"
    "offer:\n"
    "  description: 20% off all winter coats\n"
    "  code: WINTER20\n"
    "  deadline: 2026-12-24\n"
    "tags: [winter, coats]\n"
    "---\n"
    "\n"
    "Our new coats keep you warm.\r\n"
    "\n"
    "They are recycled.\n\n";

int32_t day(const char* text) { return *tailor::dataset::parse_date(text); }

std::string error_of(std::string_view file, std::string_view text) {
  auto r = parse_item(file, text);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_CASE("a Markdown item with every field", "[content]") {
  auto r = parse_item("content/c12.md", kCoat);
  REQUIRE(r.ok());
  const Item& item = *r;
  CHECK(item.id == "c12");
  CHECK(item.title == "Winter coats are here");
  REQUIRE(item.claims.size() == 2);
  CHECK(item.claims[1] == "Free returns within 30 days, no questions asked.");
  CHECK(item.valid_from_day == day("2026-11-01"));
  CHECK(item.valid_until_day == day("2027-01-31"));
  // Stored in email, sms, web order whatever the file's order.
  CHECK(item.channels == std::vector<Channel>{Channel::kEmail, Channel::kWeb});
  CHECK(item.locale == "en-GB");
  REQUIRE(item.offer.has_value());
  CHECK(item.offer->description == "20% off all winter coats");
  CHECK(item.offer->code == "WINTER20");
  CHECK(item.offer->deadline_day == day("2026-12-24"));
  CHECK(item.tags == std::vector<std::string>{"winter", "coats"});
  CHECK(item.body == "Our new coats keep you warm.\n\nThey are recycled.");
  CHECK(item.source == "content/c12.md");
}

TEST_CASE("defaults: all channels, locale en, no claims", "[content]") {
  auto r = parse_item("a.md", "---\nid: a\ntitle: T\n---\nBody.");
  REQUIRE(r.ok());
  CHECK(r->channels.size() == 3);
  CHECK(r->locale == "en");
  CHECK(r->claims.empty());
  CHECK_FALSE(r->offer.has_value());
  CHECK(r->valid_on(-100000));
  CHECK(r->valid_on(100000));
}

TEST_CASE("CRLF line ends and a UTF-8 BOM are tolerated", "[content]") {
  auto r = parse_item("w.md",
                      "\xEF\xBB\xBF---\r\nid: w\r\ntitle: T\r\nclaims:\r\n  - A.\r\n"
                      "---\r\nLine one.\r\nLine two.\r\n");
  REQUIRE(r.ok());
  CHECK(r->claims == std::vector<std::string>{"A."});
  CHECK(r->body == "Line one.\nLine two.");
}

TEST_CASE("a JSON item reads like the Markdown one", "[content]") {
  auto r = parse_item("content/c12.json",
                      R"({"id":"c12","title":"Winter coats are here","body":"Warm coats.",
                          "claims":["Our coats are made from 100% recycled polyester."],
                          "channels":["sms"],"valid_until":"2026-12-31",
                          "offer":{"description":"20% off","deadline":"2026-12-24"}})");
  REQUIRE(r.ok());
  CHECK(r->body == "Warm coats.");
  CHECK(r->channels == std::vector<Channel>{Channel::kSms});
  CHECK(r->offer->code.empty());
  CHECK(r->valid_until_day == day("2026-12-31"));
}

TEST_CASE("Markdown errors name file:line and field", "[content]") {
  std::string bad_date = kCoat;
  bad_date.replace(bad_date.find("2027-01-31"), 10, "2026-13-01");
  CHECK(error_of("content/c12.md", bad_date) ==
        "content/c12.md:10: valid_until is \"2026-13-01\", expected a date (YYYY-MM-DD)");
  std::string bad_deadline = kCoat;
  bad_deadline.replace(bad_deadline.find("2026-12-24"), 10, "24/12/2026");
  CHECK(error_of("content/c12.md", bad_deadline) ==
        "content/c12.md:16: offer.deadline is \"24/12/2026\", expected a date (YYYY-MM-DD)");
  CHECK(error_of("c.md", "---\nid: C12\ntitle: T\n---\nB") ==
        "c.md:2: id is \"C12\", expected 1-64 of a-z, 0-9 and -");
  CHECK(error_of("c.md", "---\nid: c\ntitle: T\nchannels: [email, fax]\n---\nB") ==
        "c.md:4: channels is \"fax\", expected email, sms or web");
  CHECK(error_of("c.md", "---\nid: c\ntitle: T\ncolour: red\n---\nB") ==
        "c.md:4: unknown field \"colour\", expected id, title, claims, valid_from, valid_until, "
        "channels, locale, offer, tags");
  CHECK(error_of("c.md", "---\nid: c\nid: d\n---\nB") ==
        "c.md:3: id is repeated (first on line 2)");
  CHECK(error_of("c.md", "---\nid: c\ntitle: T\n---\n\n  \n") ==
        "c.md:5: body is missing, expected the item's approved text");
  CHECK(error_of("c.md", "---\ntitle: T\n---\nB") ==
        "c.md: id is missing, expected 1-64 of a-z, "
        "0-9 and -");
  CHECK(error_of("c.md", "id: c\n") ==
        "c.md:1: expected \"---\" opening the front matter (id, title, ...)");
  CHECK(error_of("c.md", "---\nid: c\ntitle: T\n") ==
        "c.md:3: the front matter is not closed by a \"---\" line");
  CHECK(error_of("c.md", "---\nid: c\ntitle: T\nclaims: Free returns.\n---\nB") ==
        "c.md:4: claims is one value, expected a list (\"[a, b]\" or \"  - item\" lines)");
  CHECK(error_of("c.md", "---\nid: c\ntitle: T\nclaims:\n  - Save {{x}}\n---\nB") ==
        "c.md:4: claims[0] is \"Save {{x}}\", expected a sentence without { } [ ] (placeholder "
        "and citation marks)");
  CHECK(error_of("c.md", "---\nid: c\ntitle: T\n\tlocale: en\n---\nB") ==
        "c.md:4: a tab in the front matter, expected spaces");
  CHECK(error_of("c.md", "---\nid: c\ntitle: T\noffer:\n  code: X1\n---\nB") ==
        "c.md:4: offer.description is missing, expected one line of text");
  CHECK(error_of("c.md", "---\nid: c\ntitle: T\noffer:\n  price: 3\n---\nB") ==
        "c.md:5: offer has an unknown member \"price\", expected description, code or deadline");
  CHECK(error_of("c.md",
                 "---\nid: c\ntitle: T\nvalid_from: 2026-02-01\nvalid_until: 2026-01-01\n---\nB") ==
        "c.md:4: valid_from is after valid_until, expected valid_from <= valid_until");
  CHECK(error_of("c.md", "---\nid: c\ntitle: T\nlocale: English\n---\nB") ==
        "c.md:4: locale is \"English\", expected a language tag such as en or en-GB");
}

TEST_CASE("JSON errors name the file and the field path", "[content]") {
  CHECK(error_of("c.json", R"({"id":"c","title":"T","body":"B","offer":{"description":"x"}})") ==
        "c.json: offer.deadline is missing, expected a date (YYYY-MM-DD)");
  CHECK(error_of("c.json", R"({"id":"c","title":"T","body":"B","claims":["a",2]})") ==
        "c.json: claims[1] is a number, expected a string");
  CHECK(error_of("c.json", R"({"id":"c","title":"T","body":"B","x":"y"})") ==
        "c.json: unknown field \"x\", expected id, title, claims, valid_from, valid_until, "
        "channels, locale, offer, tags, body");
  auto malformed = parse_item("c.json", "{\"id\":");
  REQUIRE_FALSE(malformed.ok());
  CHECK(malformed.status().code() == StatusCode::kMalformed);
  CHECK(malformed.error().rfind("c.json: line 1 column", 0) == 0);
  CHECK(error_of("c.txt", "x") ==
        "c.txt: not a content item, expected a name ending in .md or "
        ".json");
}

TEST_CASE("build_corpus rejects a repeated id, naming both files", "[content]") {
  auto a = parse_item("content/a.md", "---\nid: c12\ntitle: A\n---\nA.");
  auto b = parse_item("content/b.json", R"({"id":"c12","title":"B","body":"B."})");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  auto corpus = build_corpus({*b, *a});
  REQUIRE_FALSE(corpus.ok());
  // Sorted stably by id, so the first-given file is named as the original.
  CHECK(corpus.error() ==
        "content/a.md: id \"c12\" is also the id of content/b.json, expected "
        "ids unique across the corpus");
}

TEST_CASE("locale matching", "[content]") {
  Item item;
  item.locale = "en";
  CHECK(item.serves_locale("en"));
  CHECK(item.serves_locale("EN-gb"));
  CHECK_FALSE(item.serves_locale("eng"));
  CHECK_FALSE(item.serves_locale("fr"));
  item.locale = "en-GB";
  CHECK(item.serves_locale("en-gb"));
  CHECK_FALSE(item.serves_locale("en"));
  CHECK_FALSE(item.serves_locale("en-US"));
}
