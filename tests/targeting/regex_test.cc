#include "core/targeting/regex.h"

#include "core/json/js.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

using tailor::targeting::Regex;
using tailor::json::to_utf16;
using Result = Regex::MatchResult;

nlohmann::json load_cases() {
  std::ifstream file(std::string(TAILOR_TEST_DATA_DIR) + "/regex_cases.json");
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  return nlohmann::json::parse(text.str());
}

Result search(std::u16string_view pattern, std::u16string_view input, bool ignore_case = false) {
  std::optional<Regex> re = Regex::compile(pattern, ignore_case);
  REQUIRE(re.has_value());
  return re->search(input);
}

}  // namespace

TEST_CASE("Regex agrees with V8 on every golden case", "[regex]") {
  nlohmann::json data = load_cases();
  const nlohmann::json& cases = data.at("cases");
  REQUIRE(cases.size() >= 2000);
  int failures = 0;
  for (const nlohmann::json& c : cases) {
    std::string pattern = c.at("pattern").get<std::string>();
    std::string flags = c.at("flags").get<std::string>();
    std::string error;
    std::optional<Regex> re = Regex::compile(to_utf16(pattern), flags == "i", &error);
    bool expect_error = c.contains("error");
    std::string input = expect_error ? "" : c.at("input").get<std::string>();
    Result got = re ? re->search(to_utf16(input)) : Result::kNoMatch;
    bool ok = expect_error
                  ? !re.has_value()
                  : re.has_value() &&
                        got == (c.at("result").get<bool>() ? Result::kMatch : Result::kNoMatch);
    if (!ok) {
      ++failures;
      UNSCOPED_INFO("/" << pattern << "/" << flags << " on \"" << input << "\": V8 says "
                        << (expect_error ? "SyntaxError" : c.at("result").dump()) << ", we say "
                        << (re ? std::to_string(static_cast<int>(got)) : "error: " + error));
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("Regex reports syntax errors with a position", "[regex]") {
  std::string error;
  CHECK_FALSE(Regex::compile(u"ab(c", false, &error).has_value());
  CHECK(error == "at position 2: unterminated group");
  CHECK_FALSE(Regex::compile(u"a**", false, &error).has_value());
  CHECK(error == "at position 2: nothing to repeat");
  CHECK_FALSE(Regex::compile(u"(?<\u00e9>a)", false, &error).has_value());
  CHECK(error.find("unsupported") != std::string::npos);
  CHECK_FALSE(Regex::compile(u"[b-a]", false, nullptr).has_value());  // error may be null
}

TEST_CASE("Regex gives up on catastrophic backtracking instead of hanging", "[regex]") {
  std::u16string input(40, u'a');
  input += u'b';
  Result r = search(u"(a+)+$", input);
  CHECK(r != Result::kMatch);
  CHECK(r == Result::kBudgetExhausted);
  CHECK(search(u"^(\\w+\\s?)*$", u"an input that is long enough to explode!") != Result::kMatch);
  CHECK(search(u"(a|aa)*c", std::u16string(60, u'a')) == Result::kBudgetExhausted);
  // The budget is per search: the same Regex still answers simple inputs afterwards.
  std::optional<Regex> re = Regex::compile(u"(a+)+$", false);
  REQUIRE(re.has_value());
  CHECK(re->search(input) == Result::kBudgetExhausted);
  CHECK(re->search(u"aaa") == Result::kMatch);
}

TEST_CASE("Regex survives deep nesting and large inputs", "[regex]") {
  std::u16string deep(100'000, u'(');
  deep += u'a';
  deep += std::u16string(100'000, u')');
  std::string error;
  CHECK_FALSE(Regex::compile(deep, false, &error).has_value());
  CHECK(error.find("longer than") != std::string::npos);
  CHECK_FALSE(Regex::compile(std::u16string(100'000, u'('), false, &error).has_value());
  CHECK(error == "at position 200: unsupported: groups nested too deeply");
  std::u16string within_limits = std::u16string(1'000, u'(') + std::u16string(1'000, u')');
  CHECK_FALSE(Regex::compile(within_limits, false, &error).has_value());
  CHECK(error.find("nested too deeply") != std::string::npos);

  std::u16string nested;
  for (int i = 0; i < 150; ++i) nested += u"(?:a|";
  nested += u"b";
  for (int i = 0; i < 150; ++i) nested += u")*";
  CHECK(search(nested, u"xxb") == Result::kMatch);

  std::u16string alternation;  // GrowthBook users do paste long lists of values
  for (int i = 0; i < 3'000; ++i) {
    std::string item = (i == 0 ? "" : "|") + ("user" + std::to_string(i)) + "@example\\.com";
    alternation += to_utf16(item);
  }
  CHECK(search(u"^(?:" + alternation + u")$", u"user2999@example.com") == Result::kMatch);
  CHECK(search(u"^(?:" + alternation + u")$", u"user3000@example.com") == Result::kNoMatch);

  std::u16string big(1 << 20, u'a');
  CHECK(search(u"b", big) == Result::kNoMatch);
  CHECK(search(u"^a*$", big) == Result::kMatch);
  CHECK(search(u"a$", big) == Result::kMatch);
  CHECK(search(u"^.*b", big) == Result::kNoMatch);  // `.*` keeps one backtrack entry, not 1M
  big.back() = u'b';
  CHECK(search(u"^a+b$", big) == Result::kMatch);
  Result r = search(u"^(?:a|b)*c", big);  // one backtrack entry per iteration: over the cap
  CHECK((r == Result::kNoMatch || r == Result::kBudgetExhausted));
  r = search(u"(.*)*c", big);
  CHECK((r == Result::kNoMatch || r == Result::kBudgetExhausted));
  r = search(u"(?=(a+))\\1b", big);
  CHECK((r == Result::kMatch || r == Result::kBudgetExhausted));
}

