// core/text/hex.h. Expected values written by hand from the digits' definition.
#include <catch2/catch.hpp>
#include <array>
#include <cstdint>
#include <string>

#include "core/text/hex.h"

using tailor::text::append_hex;
using tailor::text::hex_encode;
using tailor::text::hex_value;
using tailor::text::HexCase;

TEST_CASE("hex_value reads the sixteen digits of either case", "[text][hex]") {
  CHECK(hex_value('0') == 0);
  CHECK(hex_value('7') == 7);
  CHECK(hex_value('9') == 9);
  CHECK(hex_value('a') == 10);
  CHECK(hex_value('A') == 10);
  CHECK(hex_value('c') == 12);
  CHECK(hex_value('D') == 13);
  CHECK(hex_value('f') == 15);
  CHECK(hex_value('F') == 15);
  CHECK(hex_value(u'e') == 14);
  CHECK(hex_value(U'B') == 11);
}

TEST_CASE("hex_value is -1 for everything else", "[text][hex]") {
  // The neighbours of each digit range, letters past 'f', a sign and a space.
  for (char c : std::string("/:@G`gxX+- \0", 12)) {
    INFO("char " << static_cast<int>(c));
    CHECK(hex_value(c) == -1);
  }
  CHECK(hex_value(static_cast<char>(0xC3)) == -1);  // a negative char (UTF-8 lead byte)
  CHECK(hex_value(static_cast<char>(0xB0)) == -1);
  CHECK(hex_value(u'\uFF10') == -1);                       // FULLWIDTH DIGIT ZERO
  CHECK(hex_value(u'\u0661') == -1);                       // ARABIC-INDIC DIGIT ONE
  CHECK(hex_value(static_cast<char16_t>(0x0141)) == -1);   // 'A' + 0x100
  CHECK(hex_value(static_cast<char32_t>(0x10061)) == -1);  // 'a' + 0x10000
  int digits = 0;
  for (int c = 0; c < 256; ++c) digits += hex_value(static_cast<char>(c)) >= 0;
  CHECK(digits == 22);  // 10 + 6 + 6
}

TEST_CASE("append_hex writes fixed-width digits, most significant first", "[text][hex]") {
  std::string out = "x=";
  append_hex(out, 0x1f, 4);
  CHECK(out == "x=001f");
  out.clear();
  append_hex(out, 0xABCDEF, 2);  // higher digits dropped
  CHECK(out == "ef");
  out.clear();
  append_hex(out, 0, 1);
  CHECK(out == "0");
  out.clear();
  append_hex(out, UINT64_MAX, 16);
  CHECK(out == "ffffffffffffffff");
  out.clear();
  append_hex(out, 0x0123456789ABCDEFull, 16, HexCase::kUpper);
  CHECK(out == "0123456789ABCDEF");
  out.clear();
  append_hex(out, 0xD83D, 4, HexCase::kLower);
  CHECK(out == "d83d");
}

TEST_CASE("hex_encode writes two lower-case digits a byte", "[text][hex]") {
  CHECK(hex_encode({}) == "");
  const std::array<std::uint8_t, 6> bytes = {0x00, 0x0f, 0x10, 0x7f, 0xab, 0xff};
  CHECK(hex_encode(bytes) == "000f107fabff");
}
