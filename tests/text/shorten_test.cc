// core/text/shorten.h. Expected values written by hand from the UTF-8 encodings: "é" is C3 A9,
// "獺" is E7 8D BA, "😀" is F0 9F 98 80.
#include <catch2/catch.hpp>
#include <string>

#include "core/text/shorten.h"

using tailor::text::shorten;
using tailor::text::utf8_prefix_length;

TEST_CASE("utf8_prefix_length keeps text that fits and cuts ASCII where asked", "[text][shorten]") {
  CHECK(utf8_prefix_length("", 0) == 0);
  CHECK(utf8_prefix_length("abc", 3) == 3);
  CHECK(utf8_prefix_length("abc", 10) == 3);
  CHECK(utf8_prefix_length("abcdef", 4) == 4);
  CHECK(utf8_prefix_length("abcdef", 0) == 0);
}

TEST_CASE("utf8_prefix_length never ends inside a character", "[text][shorten]") {
  const std::string s = "a\xE7\x8D\xBA" "b";  // a 獺 b: bytes 0 | 1 2 3 | 4
  CHECK(utf8_prefix_length(s, 1) == 1);
  CHECK(utf8_prefix_length(s, 2) == 1);
  CHECK(utf8_prefix_length(s, 3) == 1);
  CHECK(utf8_prefix_length(s, 4) == 4);
  const std::string emoji = "\xF0\x9F\x98\x80\xF0\x9F\x98\x80";
  CHECK(utf8_prefix_length(emoji, 7) == 4);
  CHECK(utf8_prefix_length(emoji, 5) == 4);
  CHECK(utf8_prefix_length(emoji, 3) == 0);
  CHECK(utf8_prefix_length("\xC3\xA9\xC3\xA9", 3) == 2);
}

TEST_CASE("utf8_prefix_length backs up at most 3 bytes in text that is not UTF-8",
          "[text][shorten]") {
  const std::string s = "ab\x80\x80\x80\x80\x80\x80";
  CHECK(utf8_prefix_length(s, 7) == 4);
}

TEST_CASE("shorten bounds the result and marks the cut", "[text][shorten]") {
  CHECK(shorten("abcdef", 6) == "abcdef");
  CHECK(shorten("abcdefg", 6) == "abc...");
  // The stats protocol's case: 37 bytes then "...", here the cut falls in 獺 (bytes 36-38).
  const std::string name = std::string(36, 'x') + "\xE7\x8D\xBA" + "yyyy";
  CHECK(shorten(name, 40) == std::string(36, 'x') + "...");
  CHECK(shorten("\xC3\xA9\xC3\xA9\xC3\xA9", 5) == "\xC3\xA9...");
}
