// Expected values follow from GrowthBook's condition semantics and ECMA-262 coercions
// (each case says why); they are not read back from our own output.
#include <catch2/catch.hpp>
#include <string>

#include "core/json/parse.h"
#include "core/targeting/condition.h"

using tailor::json::Value;
namespace js = tailor::json;

namespace {

Value P(const std::string& text) {
  auto v = js::parse(text);
  REQUIRE(v.ok());
  return v.value();
}

bool eval(const std::string& attributes, const std::string& condition,
          const std::string& groups = "{}", std::string* reason = nullptr) {
  return tailor::targeting::eval_condition(P(attributes), P(condition), P(groups), reason);
}

}  // namespace

TEST_CASE("equality shorthands coerce like JavaScript") {
  CHECK(eval(R"({"age":"18"})", R"({"age":18})"));         // "18" * 1 === 18
  CHECK(eval(R"({"n":[5]})", R"({"n":5})"));                // [5] * 1 === 5
  CHECK(eval(R"({"n":null})", R"({"n":0})"));               // null * 1 === 0
  CHECK(eval(R"({})", R"({"missing":0})"));                 // missing reads as null
  CHECK(eval(R"({"s":12})", R"({"s":"12"})"));              // 12 + "" === "12"
  CHECK(eval(R"({"s":["a","b"]})", R"({"s":"a,b"})"));      // array joins
  CHECK(eval(R"({})", R"({"x":"null"})"));                  // null + "" === "null"
  CHECK(eval(R"({"b":"yes"})", R"({"b":true})"));           // !!"yes"
  CHECK_FALSE(eval(R"({})", R"({"b":false})"));             // null never equals a boolean
  CHECK(eval(R"({"b":0})", R"({"b":false})"));
  CHECK(eval(R"({"o":{"x":1,"y":[2]}})", R"({"o":{"x":1,"y":[2]}})"));  // JSON equality
  CHECK_FALSE(eval(R"({"o":{"y":[2],"x":1}})", R"({"o":{"x":1,"y":[2]}})"));  // key order
}

TEST_CASE("comparison operators use the abstract relational comparison") {
  CHECK(eval(R"({"v":"10"})", R"({"v":{"$lt":"9"}})"));     // string order
  CHECK_FALSE(eval(R"({"v":10})", R"({"v":{"$lt":"9"}})"));  // numeric order
  CHECK(eval(R"({"v":null})", R"({"v":{"$lte":0}})"));      // null -> 0
  CHECK_FALSE(eval(R"({"v":"abc"})", R"({"v":{"$gte":0}})"));  // NaN is never >=
  CHECK_FALSE(eval(R"({"v":"abc"})", R"({"v":{"$lt":0}})"));
  CHECK(eval(R"({"v":5})", R"({"v":{"$gt":4,"$lte":5}})"));
  CHECK(eval(R"({"v":1})", R"({"v":{"$eq":1}})"));
  CHECK_FALSE(eval(R"({"v":"1"})", R"({"v":{"$eq":1}})"));  // strict
  CHECK(eval(R"({"v":[1]})", R"({"v":{"$ne":[1]}})"));      // arrays are distinct references
}

TEST_CASE("membership, arrays and existence") {
  CHECK(eval(R"({"c":"US"})", R"({"c":{"$in":["US","CA"]}})"));
  CHECK(eval(R"({"t":["x","US"]})", R"({"c":{"$nin":["US"]}})"));  // missing -> null not in
  CHECK(eval(R"({"t":["x","y"]})", R"({"t":{"$in":["y"]}})"));     // intersection
  CHECK_FALSE(eval(R"({"c":"US"})", R"({"c":{"$in":"US"}})"));     // operand must be an array
  CHECK(eval(R"({"c":"us"})", R"({"c":{"$ini":["US"]}})"));
  CHECK(eval(R"({"t":["A","b"]})", R"({"t":{"$alli":["a","B"]}})"));
  CHECK(eval(R"({"t":[1,2,3]})", R"({"t":{"$all":[1,3]}})"));
  CHECK_FALSE(eval(R"({"t":[1,2]})", R"({"t":{"$all":[1,3]}})"));
  CHECK(eval(R"({"t":[1,2]})", R"({"t":{"$size":2}})"));
  CHECK(eval(R"({"t":[1,2]})", R"({"t":{"$size":{"$gt":1}}})"));
  CHECK_FALSE(eval(R"({"t":"ab"})", R"({"t":{"$size":2}})"));    // strings have no $size
  CHECK(eval(R"({"t":[{"a":1},{"a":5}]})", R"({"t":{"$elemMatch":{"a":{"$gt":3}}}})"));
  CHECK(eval(R"({"t":[0,3]})", R"({"t":{"$elemMatch":{"$gt":2}}})"));
  CHECK(eval(R"({"a":0})", R"({"a":{"$exists":true}})"));
  CHECK(eval(R"({})", R"({"a":{"$exists":false}})"));
  CHECK(eval(R"({"a":[]})", R"({"a":{"$type":"array"}})"));
  CHECK(eval(R"({"a":null})", R"({"a":{"$type":"null"}})"));
  CHECK(eval(R"({"a":{"b":[10,{"c":"x"}]}})", R"({"a.b.1.c":"x","a.b.length":2})"));
  CHECK(eval(R"({"a":{"b":"str"}})", R"({"a.b.0":null})"));      // no walking into strings
}

TEST_CASE("logical operators") {
  CHECK(eval(R"({"a":1})", R"({"$or":[{"a":2},{"a":1}]})"));
  CHECK(eval(R"({"a":1})", R"({"$or":[]})"));                    // empty $or passes
  CHECK_FALSE(eval(R"({"a":1})", R"({"$nor":[{"a":1}]})"));
  CHECK(eval(R"({"a":1})", R"({"$and":[{"a":1},{"$not":{"a":2}}]})"));
  CHECK(eval(R"({"a":1})", R"({"a":{"$not":{"$gt":5}}})"));
  CHECK(eval(R"({"a":1})", R"({})"));
}

TEST_CASE("versions compare semver-ish, with pre-releases below releases") {
  CHECK(eval(R"({"v":"1.10.0"})", R"({"v":{"$vgt":"1.9.9"}})"));
  CHECK(eval(R"({"v":"v1.2.3+build"})", R"({"v":{"$veq":"1.2.3"}})"));
  CHECK(eval(R"({"v":"1.0.0-beta"})", R"({"v":{"$vlt":"1.0.0"}})"));
  CHECK(eval(R"({"v":"1.0.0-beta.2"})", R"({"v":{"$vgt":"1.0.0-beta.1"}})"));
  CHECK(eval(R"({"v":2})", R"({"v":{"$vgte":"1.9"}})"));
  CHECK(tailor::targeting::padded_version_string(Value("v1.2.3-rc.1+b")) ==
        "    1-    2-    3-rc-    1");
  CHECK(tailor::targeting::padded_version_string(Value("1.2.3")) == "    1-    2-    3-~");
  CHECK(tailor::targeting::padded_version_string(Value()) == "    0");
}

TEST_CASE("regular expressions") {
  CHECK(eval(R"({"e":"a@example.com"})", R"({"e":{"$regex":"@example\\.com$"}})"));
  CHECK(eval(R"({"e":"HELLO"})", R"({"e":{"$regexi":"^hel"}})"));
  CHECK(eval(R"({})", R"({"e":{"$regex":"ul"}})"));             // String(null) is "null"
  std::string reason;
  CHECK_FALSE(eval(R"({"e":"x"})", R"({"e":{"$regex":"("}})", "{}", &reason));
  CHECK(reason.find("invalid regular expression") != std::string::npos);
  CHECK_FALSE(eval(R"({"e":"x"})", R"({"e":{"$regex":5}})"));
}

TEST_CASE("saved groups, v1 and v2") {
  std::string groups = R"({"g1":["a","b"],"g2":{"type":"list","attributeKey":"id","values":["c"]},
    "g3":{"type":"condition","condition":{"country":"US"}},"loop":{"type":"condition",
    "condition":{"$savedGroup":{"id":"loop"}}},"bad":{"type":"weird"}})";
  CHECK(eval(R"({"id":"a"})", R"({"id":{"$inGroup":"g1"}})", groups));
  CHECK(eval(R"({"id":"z"})", R"({"id":{"$notInGroup":"g1"}})", groups));
  CHECK(eval(R"({"id":"c"})", R"({"id":{"$inGroup":"g2"}})", groups));
  CHECK_FALSE(eval(R"({"id":"c"})", R"({"id":{"$inGroup":"nope"}})", groups));
  CHECK(eval(R"({"id":"c"})", R"({"id":{"$notInGroup":"nope"}})", groups));  // unknown = empty
  CHECK_FALSE(eval(R"({"id":"c"})", R"({"id":{"$notInGroup":"g3"}})", groups));  // not a list
  CHECK(eval(R"({"id":"c"})", R"({"$savedGroup":{"id":"g2"}})", groups));
  CHECK(eval(R"({"uid":"c"})", R"({"$savedGroup":{"id":"g2","attributeKey":"uid"}})", groups));
  CHECK(eval(R"({"country":"US"})", R"({"$savedGroup":{"id":"g3"}})", groups));
  CHECK_FALSE(eval(R"({})", R"({"$savedGroup":{"id":"loop"}})", groups));  // cycle
  CHECK_FALSE(eval(R"({})", R"({"$savedGroup":{"id":"bad"}})", groups));
}

TEST_CASE("invalid conditions are false with a reason, never a crash") {
  std::string reason;
  CHECK_FALSE(eval(R"({"a":1})", R"({"a":{"$bogus":1}})", "{}", &reason));
  CHECK(reason == "unknown operator $bogus");
  reason.clear();
  CHECK_FALSE(eval(R"({"a":1})", R"({"$or":null})", "{}", &reason));
  CHECK(reason.find("null") != std::string::npos);
  // A JavaScript TypeError aborts the whole evaluation, even under $not.
  CHECK_FALSE(eval(R"({"a":1})", R"({"$not":{"$and":null}})"));
  CHECK_FALSE(eval(R"({"t":[1]})", R"({"t":{"$elemMatch":null}})"));
  CHECK(eval(R"({"a":1})", R"({"$or":5})"));  // (5).length is undefined: vacuously true
  CHECK(eval(R"({"0":"x"})", R"({"$and":"x"})"));  // Object.entries("x") is [["0","x"]]
  // Deep nesting within the parser's limit evaluates; beyond it the parser refuses.
  std::string deep;
  for (int i = 0; i < 250; ++i) deep += "{\"$not\":";
  deep += "{\"a\":1}" + std::string(250, '}');
  CHECK(eval(R"({"a":1})", deep));  // an even number of negations
}

TEST_CASE("Infinity inside arrays and objects compares as JSON.stringify writes it: null") {
  // GrowthBook compares JSON.stringify forms, where 1e400 (Infinity) and -1e400 are null.
  CHECK(eval(R"({"a":[null]})", R"({"a":[1e400]})"));
  CHECK(eval(R"({"a":[-1e400]})", R"({"a":[1e400]})"));
  CHECK(eval(R"({"a":{"b":1e999}})", R"({"a":{"b":-1e400}})"));
  CHECK_FALSE(eval(R"({"a":[1.7976931348623157e308]})", R"({"a":[1e400]})"));
  CHECK_FALSE(eval(R"({"a":[0]})", R"({"a":[1e400]})"));
}

TEST_CASE("saved-group reference chains are bounded, never a stack overflow") {
  auto chain = [](int n) {
    std::string groups = "{";
    for (int i = 0; i < n; ++i) {
      if (i) groups += ",";
      groups += "\"g" + std::to_string(i) + "\":{\"type\":\"condition\",\"condition\":";
      groups += i + 1 < n ? "{\"$savedGroup\":{\"id\":\"g" + std::to_string(i + 1) + "\"}}}"
                          : std::string("{\"id\":\"u1\"}}");
    }
    return groups + "}";
  };
  // 998 references: 999 nested conditions and the attribute's value, within kMaxConditionDepth.
  CHECK(eval(R"({"id":"u1"})", R"({"$savedGroup":{"id":"g0"}})", chain(998)));
  std::string reason;
  CHECK_FALSE(eval(R"({"id":"u1"})", R"({"$savedGroup":{"id":"g0"}})", chain(999), &reason));
  CHECK(reason.find("deeper than 1000") != std::string::npos);
  CHECK_FALSE(eval(R"({"id":"u1"})", R"({"$savedGroup":{"id":"g0"}})", chain(50000)));
  CHECK_FALSE(tailor::targeting::eval_condition_checked(P(R"({"id":"u1"})"),
                                                        P(R"({"$savedGroup":{"id":"g0"}})"),
                                                        P(chain(2000))));
}

TEST_CASE("a prerequisite whose parent value is undefined sees undefined, not null") {
  using tailor::targeting::eval_prerequisite_condition;
  const Value groups = P(R"({"sg":[null]})");
  auto undefined_parent = [&](const std::string& condition) {
    return eval_prerequisite_condition(nullptr, P(condition), groups);
  };
  // Each answer is what GrowthBook's evalCondition({value: undefined}, condition) returns.
  CHECK_FALSE(undefined_parent(R"({"value":null})"));
  CHECK(undefined_parent(R"({"value":{"$exists":false}})"));
  CHECK(undefined_parent(R"({"value":"undefined"})"));  // undefined + "" === "undefined"
  CHECK(undefined_parent(R"({"value":false})"));        // !!undefined === false
  CHECK_FALSE(undefined_parent(R"({"value":0})"));       // undefined * 1 is NaN
  CHECK(undefined_parent(R"({"value":{"$type":"undefined"}})"));
  CHECK_FALSE(undefined_parent(R"({"value":{"$eq":null}})"));
  CHECK(undefined_parent(R"({"value":{"$ne":null}})"));
  CHECK_FALSE(undefined_parent(R"({"value":{"$in":[null]}})"));
  CHECK(undefined_parent(R"({"value":{"$nin":[null]}})"));
  CHECK(undefined_parent(R"({"value":{"$regex":"^und"}})"));
  CHECK_FALSE(undefined_parent(R"({"value":{"$gte":0}})"));
  CHECK_FALSE(undefined_parent(R"({"value":{"$inGroup":"sg"}})"));
  CHECK(undefined_parent(R"({"value.x":null})"));  // getPath stops at undefined: null
  // A null parent value is null.
  const Value null_value;
  CHECK(eval_prerequisite_condition(&null_value, P(R"({"value":null})"), groups));
  CHECK(eval_prerequisite_condition(&null_value, P(R"({"value":{"$inGroup":"sg"}})"), groups));
}
