// merge_patch against the examples of RFC 7386, Appendix A (target, patch, result as the RFC
// prints them), and the worked example of its section 3.
#include "core/json/merge_patch.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/json/js.h"
#include "core/json/parse.h"

namespace tailor::json {
namespace {

std::string patched(std::string_view target, std::string_view patch) {
  auto t = parse(target);
  auto p = parse(patch);
  REQUIRE(t.ok());
  REQUIRE(p.ok());
  return stringify(merge_patch(*t, *p));
}

TEST_CASE("merge_patch: RFC 7386 appendix A", "[json]") {
  CHECK(patched(R"({"a":"b"})", R"({"a":"c"})") == R"({"a":"c"})");
  CHECK(patched(R"({"a":"b"})", R"({"b":"c"})") == R"({"a":"b","b":"c"})");
  CHECK(patched(R"({"a":"b"})", R"({"a":null})") == R"({})");
  CHECK(patched(R"({"a":"b","b":"c"})", R"({"a":null})") == R"({"b":"c"})");
  CHECK(patched(R"({"a":["b"]})", R"({"a":"c"})") == R"({"a":"c"})");
  CHECK(patched(R"({"a":"c"})", R"({"a":["b"]})") == R"({"a":["b"]})");
  CHECK(patched(R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})") == R"({"a":{"b":"d"}})");
  CHECK(patched(R"({"a":[{"b":"c"}]})", R"({"a":[1]})") == R"({"a":[1]})");
  CHECK(patched(R"(["a","b"])", R"(["c","d"])") == R"(["c","d"])");
  CHECK(patched(R"({"a":"b"})", R"(["c"])") == R"(["c"])");
  CHECK(patched(R"({"a":"foo"})", "null") == "null");
  CHECK(patched(R"({"a":"foo"})", R"("bar")") == R"("bar")");
  CHECK(patched(R"({"e":null})", R"({"a":1})") == R"({"e":null,"a":1})");
  CHECK(patched(R"([1,2])", R"({"a":"b","c":null})") == R"({"a":"b"})");
  CHECK(patched(R"({})", R"({"a":{"bb":{"ccc":null}}})") == R"({"a":{"bb":{}}})");
}

TEST_CASE("merge_patch: RFC 7386 section 3 example", "[json]") {
  const char* target = R"({"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},)"
                       R"("tags":["example","sample"],"content":"This will be unchanged"})";
  const char* patch = R"({"title":"Hello!","phoneNumber":"+01-123-456-7890",)"
                      R"("author":{"familyName":null},"tags":["example"]})";
  CHECK(patched(target, patch) ==
        R"({"title":"Hello!","author":{"givenName":"John"},"tags":["example"],)"
        R"("content":"This will be unchanged","phoneNumber":"+01-123-456-7890"})");
}

}  // namespace
}  // namespace tailor::json
