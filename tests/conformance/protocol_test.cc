// Bad input to the conformance protocol: a clear error line or a defined answer, never a
// crash or a hang. Runs natively and as wasm (shared core test binary).
#include <catch2/catch.hpp>
#include <string>

#include "core/conformance/protocol.h"

using tailor::conformance::answer;

TEST_CASE("malformed lines get an error naming the line and the problem") {
  CHECK(answer("{\"op\":\"hash\"", 3) ==
        R"({"error":"line 3: invalid JSON: line 1 column 13: unexpected end of input in object, expected ',' or '}'"})");
  CHECK(answer("", 1) ==
        R"({"error":"line 1: invalid JSON: line 1 column 1: unexpected end of input, expected a JSON value"})");
  CHECK(answer("[1,2]", 2) == R"({"error":"line 2: a request must be a JSON object"})");
  CHECK(answer(R"({"op":"fly"})", 4).find(R"(line 4: unknown op \"fly\", expected one of)") != std::string::npos);
  CHECK(answer(R"({"seed":"s"})", 5) == R"({"error":"line 5: missing field \"op\""})");
}

TEST_CASE("fields of the wrong type are named") {
  CHECK(answer(R"({"op":"hash","seed":1,"value":"v","version":2})", 1) ==
        R"({"error":"line 1: field \"seed\" must be a string"})");
  CHECK(answer(R"({"op":"getBucketRange","numVariations":2.5})", 1) ==
        R"({"error":"line 1: field \"numVariations\" must be an integer from 0 to 1000"})");
  CHECK(answer(R"({"op":"getBucketRange","numVariations":1e9})", 1).find("from 0 to 1000") !=
        std::string::npos);
  CHECK(answer(R"({"op":"getBucketRange","numVariations":2,"weights":["a","b"]})", 1) ==
        R"({"error":"line 1: field \"weights\" must be an array of numbers or null"})");
  CHECK(answer(R"({"op":"chooseVariation","n":0.5,"ranges":[[0]]})", 1).find(R"(field \"ranges\")") !=
        std::string::npos);
  CHECK(answer(R"({"op":"inNamespace","hashValue":"u","namespace":["ns",0]})", 1)
            .find(R"(field \"namespace\" must be [id, start, end])") != std::string::npos);
  CHECK(answer(R"({"op":"run","context":{},"experiment":5})", 1) ==
        R"({"error":"line 1: field \"experiment\" must be an object"})");
  CHECK(answer(R"({"op":"feature","context":[],"featureKey":"k"})", 1) ==
        R"({"error":"line 1: field \"context\" must be an object"})");
}

TEST_CASE("absurd weights and coverage fall back as GrowthBook does") {
  // Weights summing outside [0.99, 1.01] (here 0) fall back to equal weights: [0,0.5],[0.5,1].
  CHECK(answer(R"({"op":"getBucketRange","numVariations":2,"coverage":1,"weights":[1e308,-1e308]})", 1) ==
        R"({"result":[[0,0.5],[0.5,1]]})");
  // Wrong length: equal weights. Coverage above 1 clamps to 1, below 0 to 0.
  CHECK(answer(R"({"op":"getBucketRange","numVariations":2,"coverage":7,"weights":[1]})", 1) ==
        R"({"result":[[0,0.5],[0.5,1]]})");
  CHECK(answer(R"({"op":"getBucketRange","numVariations":2,"coverage":-3,"weights":null})", 1) ==
        R"({"result":[[0,0],[0.5,0.5]]})");
  CHECK(answer(R"({"op":"getBucketRange","numVariations":0})", 1) == R"({"result":[]})");
  CHECK(answer(R"({"op":"hash","seed":"s","value":"v","version":3})", 1) == R"({"result":null})");
  CHECK(answer(R"({"op":"hash","seed":"s","value":"v","version":"2"})", 1) == R"({"result":null})");
}

TEST_CASE("deep nesting is refused with a clear error, not a stack overflow") {
  std::string deep = R"({"op":"evalCondition","attributes":{},"condition":)";
  for (int i = 0; i < 1000; ++i) deep += R"({"$not":)";
  deep += "{}";
  deep += std::string(1001, '}');
  std::string a = answer(deep, 9);
  CHECK(a.find("line 9: invalid JSON") != std::string::npos);
  CHECK(a.find("nesting deeper than 512 levels") != std::string::npos);
  // A million unclosed brackets: the same error, found without recursion.
  CHECK(answer(std::string(1000000, '['), 1).find("nesting deeper than 512") != std::string::npos);
}

TEST_CASE("hostile conditions evaluate to a defined false") {
  // Catastrophic backtracking is cut by the regex step budget.
  std::string evil = R"({"op":"evalCondition","condition":{"s":{"$regex":"^(a+)+$"}},"attributes":{"s":")";
  evil += std::string(40, 'a') + "b\"}}";
  CHECK(answer(evil, 1) == R"({"result":false})");
  CHECK(answer(R"({"op":"evalCondition","condition":{"$or":null},"attributes":{}})", 1) ==
        R"({"result":false})");
  CHECK(answer(R"({"op":"evalCondition","condition":{"a":{"$regex":"(["}},"attributes":{"a":"x"}})", 1) ==
        R"({"result":false})");
}
