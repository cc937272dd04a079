#!/usr/bin/env python3
"""make_golden.py - writes tests/data/conformance_golden.jsonl.

Usage:  python3 tests/conformance/make_golden.py > tests/data/conformance_golden.jsonl

Every expected answer here is derived independently of any implementation under test:
hashes by a from-scratch FNV-1a over UTF-16 code units (what JavaScript's charCodeAt
sees), bucket ranges by the arithmetic of the spec written out in float64, conditions by
reading the operator semantics (each line's "why" says which rule decides it). The JS
number-printing rule matters only for floats, and Python's repr() is the same
shortest-round-trip algorithm for the values used here.
Check the output with:  node tests/conformance/golden.mjs --cmd "node tests/conformance/growthbook-oracle.mjs"
"""
import json
import sys


def fnv1a32(s):
    h = 0x811C9DC5
    data = s.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def hash_(seed, value, version):
    if version == 2:
        return fnv1a32(str(fnv1a32(seed + value))) % 10000 / 10000
    if version == 1:
        return fnv1a32(value + seed) % 1000 / 1000
    return None


def hash_why(seed, value, version):
    if version == 2:
        inner = fnv1a32(seed + value)
        outer = fnv1a32(str(inner))
        return f"v2: fnv1a32({seed + value!r})={inner}; fnv1a32('{inner}')={outer}; {outer}%10000/10000"
    if version == 1:
        h = fnv1a32(value + seed)
        return f"v1: fnv1a32({value + seed!r})={h}; {h}%1000/1000"
    return f"version {version} is unknown -> null"


def bucket_ranges(n, coverage, weights):
    coverage = min(max(coverage, 0), 1)
    equal = [1 / n] * n if n > 0 else []
    w = weights if weights is not None else equal
    if len(w) != n:
        w = equal
    total = 0
    for x in w:
        total += x
    if total < 0.99 or total > 1.01:
        w = equal
    out, cum = [], 0
    for x in w:
        start = cum
        cum += x
        out.append([start, start + coverage * x])
    return out


lines = []


def add(request, result, why):
    lines.append({"request": request, "expect": {"result": result}, "why": why})


# ---- hash ------------------------------------------------------------------------------
for seed, value, version in [
    ("", "a", 1), ("", "b", 1), ("b", "a", 1), ("ef", "d", 1), ("", "123", 1),
    ("seed", "a", 2), ("seed", "b", 2), ("exp-1", "u1", 2), ("", "", 2),
    ("é", "user", 2), ("s", "😀", 1), ("s", "a😀b", 2), ("x", "y", 3), ("x", "y", 0),
]:
    add({"op": "hash", "seed": seed, "value": value, "version": version},
        hash_(seed, value, version), hash_why(seed, value, version))

# ---- getBucketRange --------------------------------------------------------------------
for n, cov, w, why in [
    (3, 1, None, "equal weights 1/3; cumulative sums in float64"),
    (2, 0.5, None, "each range starts at the cumulative weight and covers half of it"),
    (3, 0.5, None, "[start, start+0.5*(1/3)] per variation"),
    (2, 1, [0.2, 0.8], "weights sum to 1: used as given"),
    (2, 1, [0.2, 0.3, 0.5], "wrong length -> equal weights"),
    (2, 1, [0.2, 0.3], "sum 0.5 < 0.99 -> equal weights"),
    (2, 1, [0.5, 0.505], "sum 1.005 within [0.99,1.01] -> used as given"),
    (2, -0.2, None, "coverage < 0 clamps to 0: empty ranges"),
    (2, 1.5, None, "coverage > 1 clamps to 1"),
    (0, 1, None, "no variations -> no ranges"),
    (4, 0.8, [0.1, 0.2, 0.3, 0.4], "weighted with coverage 0.8, float64 arithmetic"),
]:
    add({"op": "getBucketRange", "numVariations": n, "coverage": cov, "weights": w},
        bucket_ranges(n, cov, w), why)

# ---- chooseVariation -------------------------------------------------------------------
half = [[0, 0.5], [0.5, 1]]
for n, ranges, res, why in [
    (0.5, half, 1, "ranges are [start,end): 0.5 is in the second"),
    (0.25, half, 0, "0.25 in [0,0.5)"),
    (0, half, 0, "start is inclusive"),
    (1, half, -1, "end is exclusive; 1 is in none"),
    (0.5, [[0, 0.4], [0.6, 1]], -1, "in the gap left by coverage"),
    (0.3, [], -1, "no ranges"),
    (0.7, [[0, 0.8], [0.5, 1]], 0, "overlap: first matching range wins"),
]:
    add({"op": "chooseVariation", "n": n, "ranges": ranges}, res, why)

# ---- inNamespace -----------------------------------------------------------------------
for hv, ns in [("u1", ["ns", 0, 0.4]), ("u1", ["ns", 0.4, 1]), ("u2", ["pricing", 0, 0.5]),
               ("u2", ["pricing", 0.5, 1])]:
    n = hash_("__" + ns[0], hv, 1)
    add({"op": "inNamespace", "hashValue": hv, "namespace": ns}, ns[1] <= n < ns[2],
        f"hash('__{ns[0]}', {hv!r}, 1) = {n}; {hash_why('__' + ns[0], hv, 1)}; in [{ns[1]},{ns[2]})?")

# ---- getEqualWeights -------------------------------------------------------------------
for n in [3, 1, 4, 0, 7]:
    add({"op": "getEqualWeights", "n": n}, [1 / n] * n if n > 0 else [], "n copies of 1/n; n=0 -> []")

# ---- evalCondition ---------------------------------------------------------------------
def cond(c, attrs, res, why, groups=None):
    add({"op": "evalCondition", "condition": c, "attributes": attrs, "savedGroups": groups or {}}, res, why)


cond({"country": "US"}, {"country": "US"}, True, "string literal: String(value) === literal")
cond({"age": 21}, {"age": "21"}, True, "number literal: value*1 === literal ('21'*1 is 21)")
cond({"x": 12}, {"x": " 12 "}, True, "number literal: ' 12 '*1 is 12 (whitespace trimmed)")
cond({"x": 31}, {"x": "0x1f"}, True, "number literal: '0x1f'*1 is 31 (hex string)")
cond({"x": 0}, {"x": ""}, True, "number literal: ''*1 is 0")
cond({"x": 0}, {}, True, "number literal: missing -> null, null*1 is 0")
cond({"age": {"$eq": "21"}}, {"age": 21}, False, "$eq is strict: 21 !== '21'")
cond({"flag": True}, {"flag": "false"}, True, "boolean literal: value !== null && !!value; !!'false' is true")
cond({"flag": False}, {}, False, "boolean literal: missing (null) never matches a boolean")
cond({"x": None}, {}, True, "null literal: missing path reads as null")
cond({"age": {"$gt": 18}}, {"age": "21"}, True, "JS relational: '21' > 18 compares numerically")
cond({"age": {"$lt": 18}}, {}, True, "JS relational: null < 18 (null -> 0)")
cond({"age": {"$gt": 18}}, {}, False, "JS relational: null > 18 is false")
cond({"name": {"$gte": "b"}}, {"name": "abc"}, False, "string comparison by UTF-16 code units")
cond({"tags": {"$in": ["b", "c"]}}, {"tags": ["a", "b"]}, True, "$in with array attribute: intersection")
cond({"country": {"$nin": ["US"]}}, {}, True, "$nin: null is not in the list")
cond({"country": {"$ini": ["US"]}}, {"country": "us"}, True, "$ini: case-insensitive membership")
cond({"tags": {"$all": ["a", "c"]}}, {"tags": ["a", "b", "c"]}, True, "$all: each expected element matches some element")
cond({"tags": {"$all": ["a", "d"]}}, {"tags": ["a", "b", "c"]}, False, "$all: 'd' missing")
cond({"tags": {"$alli": ["A"]}}, {"tags": ["a"]}, True, "$alli: case-insensitive $all")
cond({"items": {"$elemMatch": {"n": {"$gt": 3}}}}, {"items": [{"n": 1}, {"n": 5}]}, True,
     "$elemMatch with a condition: element {n:5} matches")
cond({"nums": {"$elemMatch": {"$gt": 3}}}, {"nums": [1, 2]}, False, "$elemMatch with operators: no element > 3")
cond({"tags": {"$size": 2}}, {"tags": ["a", "b"]}, True, "$size: array length 2")
cond({"tags": {"$size": {"$gt": 2}}}, {"tags": ["a", "b"]}, False, "$size with an operator: 2 > 2 is false")
cond({"tags": {"$size": 0}}, {"tags": "ab"}, False, "$size on a non-array is false")
cond({"x": {"$exists": False}}, {}, True, "$exists false: missing")
cond({"x": {"$exists": True}}, {"x": 0}, True, "$exists true: 0 is present")
cond({"tags": {"$type": "array"}}, {"tags": []}, True, "$type of [] is array")
cond({"x": {"$type": "number"}}, {"x": "12"}, False, "$type of '12' is string")
cond({"x": {"$type": "null"}}, {}, True, "$type of a missing path is null")
cond({"s": {"$regex": "^a.c$"}}, {"s": "abc"}, True, "$regex: . matches b")
cond({"s": {"$regexi": "^ABC$"}}, {"s": "abc"}, True, "$regexi: case-insensitive")
cond({"s": {"$regex": "nul"}}, {}, True, "$regex tests String(value): missing -> 'null'")
cond({"s": {"$regex": "^.$"}}, {"s": "😀"}, False, "regex runs on UTF-16 code units: 😀 is two, . matches one")
cond({"s": {"$regexi": "^é"}}, {"s": "École"}, True, "$regexi folds é/É (U+00E9/U+00C9)")
cond({"s": {"$regex": "\\d+"}}, {"s": 42}, True, "$regex on a number tests '42'")
cond({"country": {"$not": {"$in": ["US", "CA"]}}}, {"country": "FR"}, True, "$not negates $in")
cond({"$or": [{"a": 1}, {"b": 2}]}, {"b": 2}, True, "$or: second branch")
cond({"$or": []}, {}, True, "$or of nothing passes")
cond({"$nor": []}, {}, False, "$nor of nothing: the empty $or passes, so $nor fails")
cond({"$and": [{"a": 1}, {"b": 2}]}, {"a": 1}, False, "$and: b missing")
cond({"$not": {"a": 1}}, {"a": 2}, True, "top-level $not")
cond({"v": {"$veq": "v1.2.3"}}, {"v": "1.2.3+build.7"}, True, "$veq ignores leading v and build metadata")
cond({"v": {"$vgt": "1.9.9"}}, {"v": "1.10.0"}, True, "$vgt compares numeric parts as numbers")
cond({"v": {"$vlt": "1.2.3"}}, {"v": "1.2.3-rc.1"}, True, "a pre-release sorts before its release")
cond({"tags": ["a", "b"]}, {"tags": ["a", "b"]}, True, "array literal: JSON equality")
cond({"tags": ["a", "b"]}, {"tags": ["b", "a"]}, False, "array literal: order matters")
cond({"o": {"a": 1, "b": 2}}, {"o": {"b": 2, "a": 1}}, False, "object literal: JSON text equality, key order matters")
cond({"user.age": {"$gte": 30}}, {"user": {"age": 30}}, True, "dotted path")
cond({"tags.length": 2}, {"tags": ["a", "b"]}, True, "dotted path through an array reaches .length")
cond({"a.b": 1}, {"a": "xb"}, False, "a path through a string stops at null; null*1 is 0, not 1")
cond({"id": {"$inGroup": "g"}}, {"id": "u1"}, True, "$inGroup with a v1 (bare array) group", {"g": ["u1", "u2"]})
cond({"id": {"$notInGroup": "none"}}, {"id": "u1"}, True, "$notInGroup with an unknown group: empty list")
cond({"$savedGroup": {"id": "g"}}, {"id": "u1"}, True, "v2 list group on its own attributeKey",
     {"g": {"type": "list", "attributeKey": "id", "values": ["u1"]}})
cond({"$savedGroup": {"id": "g"}}, {"country": "US"}, True, "v2 condition group",
     {"g": {"type": "condition", "condition": {"country": "US"}}})
cond({"$savedGroup": {"id": "g"}}, {}, False, "a group that references itself is false (cycle)",
     {"g": {"type": "condition", "condition": {"$savedGroup": {"id": "g"}}}})
cond(None, {}, False, "invalid condition (null) is defined as false")
cond({"$or": None}, {}, False, "invalid $or operand is defined as false")
cond({"x": {"$unknown": 1}}, {"x": 1}, False, "unknown operator is false")

# ---- feature / run ---------------------------------------------------------------------
add({"op": "feature", "context": {"attributes": {}, "features": {}}, "featureKey": "nope"},
    {"value": None, "on": False, "off": True, "source": "unknownFeature", "ruleId": ""},
    "unknown feature -> null value")
add({"op": "feature", "context": {"attributes": {"country": "US"},
     "features": {"k": {"defaultValue": False, "rules": [{"id": "r1", "condition": {"country": "US"}, "force": True}]}}},
     "featureKey": "k"},
    {"value": True, "on": True, "off": False, "source": "force", "ruleId": "r1"}, "force rule whose condition passes")
add({"op": "feature", "context": {"attributes": {"country": "FR"},
     "features": {"k": {"defaultValue": "x", "rules": [{"condition": {"country": "US"}, "force": "y"}]}}},
     "featureKey": "k"},
    {"value": "x", "on": True, "off": False, "source": "defaultValue", "ruleId": ""}, "condition fails -> default")
n = hash_("k", "u1", 1)
add({"op": "feature", "context": {"attributes": {"id": "u1"},
     "features": {"k": {"defaultValue": 0, "rules": [{"force": 1, "coverage": 0.5}]}}}, "featureKey": "k"},
    {"value": 1 if n <= 0.5 else 0, "on": n <= 0.5, "off": n > 0.5, "source": "force" if n <= 0.5 else "defaultValue", "ruleId": ""},
    f"rollout: hash(seed='k', 'u1', 1) = {n} ({hash_why('k', 'u1', 1)}); included iff n <= 0.5")
add({"op": "feature", "context": {"attributes": {},
     "features": {"a": {"defaultValue": 1, "rules": [{"parentConditions": [{"id": "b", "condition": {"value": True}}], "force": 2}]},
                  "b": {"defaultValue": 1, "rules": [{"parentConditions": [{"id": "a", "condition": {"value": True}}], "force": 2}]}}},
     "featureKey": "a"},
    {"value": None, "on": False, "off": True, "source": "cyclicPrerequisite", "ruleId": ""}, "a -> b -> a cycle")
n = hash_("e", "u1", 1)
v = 0 if n < 0.5 else 1
add({"op": "feature", "context": {"attributes": {"id": "u1"},
     "features": {"k": {"defaultValue": "d", "rules": [{"key": "e", "variations": ["A", "B"]}]}}}, "featureKey": "k"},
    {"value": ["A", "B"][v], "on": True, "off": False, "source": "experiment", "ruleId": "",
     "experiment": {"variations": ["A", "B"], "key": "e"},
     "experimentResult": {"key": str(v), "featureId": "k", "inExperiment": True, "hashUsed": True, "variationId": v,
                          "value": ["A", "B"][v], "hashAttribute": "id", "hashValue": "u1", "stickyBucketUsed": False, "bucket": n}},
    f"experiment rule: n = hash('e','u1',1) = {n} ({hash_why('e', 'u1', 1)}); ranges [0,0.5),[0.5,1)")
for uid in ["u1", "u2", "u3"]:
    n = hash_("exp", uid, 1)
    v = 0 if n < 0.5 else 1
    add({"op": "run", "context": {"attributes": {"id": uid}}, "experiment": {"key": "exp", "variations": [0, 1]}},
        {"value": v, "inExperiment": True, "hashUsed": True, "variationId": v},
        f"n = hash('exp',{uid!r},1) = {n} ({hash_why('exp', uid, 1)}); ranges [0,0.5),[0.5,1)")
n = hash_("exp", "u1", 2)
inexp = n < 0.1 or 0.5 <= n < 0.6
add({"op": "run", "context": {"attributes": {"id": "u1"}},
     "experiment": {"key": "exp", "variations": [0, 1], "coverage": 0.2, "hashVersion": 2}},
    {"value": (1 if n >= 0.5 else 0) if inexp else 0, "inExperiment": inexp, "hashUsed": inexp, "variationId": (1 if n >= 0.5 else 0) if inexp else 0},
    f"coverage 0.2: ranges [0,0.1),[0.5,0.6); n = {n} ({hash_why('exp', 'u1', 2)})")
add({"op": "run", "context": {"attributes": {"id": "u1"}, "forcedVariations": {"exp": 1}},
     "experiment": {"key": "exp", "variations": ["a", "b"]}},
    {"value": "b", "inExperiment": True, "hashUsed": False, "variationId": 1}, "forcedVariations wins, no hashing")
add({"op": "run", "context": {"attributes": {"id": "u1"}}, "experiment": {"key": "exp", "variations": ["only"]}},
    {"value": "only", "inExperiment": False, "hashUsed": False, "variationId": 0}, "fewer than 2 variations")
add({"op": "run", "context": {"attributes": {}}, "experiment": {"key": "exp", "variations": [0, 1]}},
    {"value": 0, "inExperiment": False, "hashUsed": False, "variationId": 0}, "no id attribute -> not hashed")

def js_numbers(x):
    """Integral floats print as integers in JavaScript (1.0 -> 1)."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e21:
        return int(x)
    if isinstance(x, list):
        return [js_numbers(v) for v in x]
    if isinstance(x, dict):
        return {k: js_numbers(v) for k, v in x.items()}
    return x


for line in map(js_numbers, lines):
    sys.stdout.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
