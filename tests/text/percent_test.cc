// core/text/percent.h. Expected values from RFC 3986 section 2.1 and the WHATWG URL Standard's
// percent-decode examples, and by hand.
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "core/text/percent.h"

using tailor::text::percent_decode;
using tailor::text::percent_decode_strict;
using tailor::text::PlusSign;

TEST_CASE("percent_decode decodes escapes of either case", "[text][percent]") {
  CHECK(percent_decode("", PlusSign::kLiteral) == "");
  CHECK(percent_decode("plain", PlusSign::kLiteral) == "plain");
  CHECK(percent_decode("a%20b", PlusSign::kLiteral) == "a b");
  CHECK(percent_decode("%7E%7e", PlusSign::kLiteral) == "~~");  // RFC 3986: same octet
  CHECK(percent_decode("a%2Fb%2fc", PlusSign::kLiteral) == "a/b/c");
  // Bytes, not characters: U+00E9 is C3 A9 in UTF-8; %FF stays a lone byte.
  CHECK(percent_decode("caf%C3%A9", PlusSign::kLiteral) == "caf\xC3\xA9");
  CHECK(percent_decode("%FF", PlusSign::kLiteral) == "\xFF");
  CHECK(percent_decode("a%00b", PlusSign::kLiteral) == std::string("a\0b", 3));
  CHECK(percent_decode("%2525", PlusSign::kLiteral) == "%25");  // decoded once only
}

TEST_CASE("percent_decode keeps a malformed '%' as written", "[text][percent]") {
  // The URL Standard's example: "%25%s%1G" percent-decodes to "%%s%1G".
  CHECK(percent_decode("%25%s%1G", PlusSign::kLiteral) == "%%s%1G");
  CHECK(percent_decode("%zz", PlusSign::kLiteral) == "%zz");
  CHECK(percent_decode("100%", PlusSign::kLiteral) == "100%");
  CHECK(percent_decode("%4", PlusSign::kLiteral) == "%4");
  CHECK(percent_decode("%", PlusSign::kLiteral) == "%");
  CHECK(percent_decode("%%41", PlusSign::kLiteral) == "%A");
  CHECK(percent_decode("%4%41", PlusSign::kLiteral) == "%4A");
  CHECK(percent_decode("%+1", PlusSign::kSpace) == "% 1");
}

TEST_CASE("'+' is a space only in form-encoded text", "[text][percent]") {
  CHECK(percent_decode("a+b", PlusSign::kLiteral) == "a+b");
  CHECK(percent_decode("a+b", PlusSign::kSpace) == "a b");
  CHECK(percent_decode("a%2Bb+c", PlusSign::kSpace) == "a+b c");
  CHECK(percent_decode("++", PlusSign::kSpace) == "  ");
  CHECK(percent_decode_strict("a+b", PlusSign::kLiteral) == std::optional<std::string>("a+b"));
  CHECK(percent_decode_strict("a+b", PlusSign::kSpace) == std::optional<std::string>("a b"));
}

TEST_CASE("percent_decode_strict refuses a malformed '%'", "[text][percent]") {
  CHECK(percent_decode_strict("", PlusSign::kLiteral) == std::optional<std::string>(""));
  CHECK(percent_decode_strict("a%2Fb", PlusSign::kLiteral) == std::optional<std::string>("a/b"));
  CHECK(percent_decode_strict("%e2%80%bd", PlusSign::kLiteral) ==
        std::optional<std::string>("\xE2\x80\xBD"));
  CHECK(percent_decode_strict("%25", PlusSign::kLiteral) == std::optional<std::string>("%"));
  CHECK_FALSE(percent_decode_strict("%zz", PlusSign::kLiteral).has_value());
  CHECK_FALSE(percent_decode_strict("100%", PlusSign::kLiteral).has_value());
  CHECK_FALSE(percent_decode_strict("%4", PlusSign::kLiteral).has_value());
  CHECK_FALSE(percent_decode_strict("%", PlusSign::kLiteral).has_value());
  CHECK_FALSE(percent_decode_strict("%g0", PlusSign::kLiteral).has_value());
  CHECK_FALSE(percent_decode_strict("%0g", PlusSign::kLiteral).has_value());
  CHECK_FALSE(percent_decode_strict("ok%41then%", PlusSign::kSpace).has_value());
}
