// Generates tests/data/regex_cases.json: golden answers from V8 for tailor::targeting::Regex.
// Usage: node tools/gen/regex-cases.mjs > tests/data/regex_cases.json
// For wider local fuzzing: node tools/gen/regex-cases.mjs SEED COUNT > /tmp/x/regex_cases.json
// and point a test build's TAILOR_TEST_DATA_DIR at /tmp/x (those files are not committed).
// Deterministic (fixed-seed mulberry32); no dependencies. Each case is
//   {"pattern", "flags": "" | "i", "input", "result": new RegExp(pattern, flags).test(input)}
// or {"pattern", "flags", "error": true} when new RegExp throws a SyntaxError.
// Strings stay well-formed UTF-16 (no lone surrogates) so any JSON parser can read them;
// lone surrogates are exercised through \uXXXX escapes in patterns instead.

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const seed = Number(process.argv[2] ?? 20240611);
const rand = mulberry32(seed);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

const cases = [];
const seen = new Set();
function add(pattern, flags, input) {
  const key = JSON.stringify([pattern, flags, input ?? null]);
  if (seen.has(key)) return;
  seen.add(key);
  let re;
  try {
    re = new RegExp(pattern, flags);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    const errKey = JSON.stringify([pattern, flags]);
    if (seen.has(errKey)) return;
    seen.add(errKey);
    cases.push({ pattern, flags, error: true });
    return;
  }
  if (input !== undefined) cases.push({ pattern, flags, input, result: re.test(input) });
}
const both = (pattern, inputs) => inputs.forEach((s) => (add(pattern, "", s), add(pattern, "i", s)));
const plain = (pattern, inputs) => inputs.forEach((s) => add(pattern, "", s));
const fold = (pattern, inputs) => inputs.forEach((s) => add(pattern, "i", s));
const error = (pattern) => add(pattern, "");

// ---- Hand-written cases -------------------------------------------------------------------
// Captures, backreferences and their Annex B fallbacks.
plain("(a)|b\\1", ["b", "ab", "c"]);
plain("(a\\1)", ["a", "aa", ""]);
plain("\\1(a)", ["a", "aa", "b"]);
plain("(a)?\\1b", ["b", "ab", "aab"]);
plain("(?:(a)|b)\\1", ["ba", "aa", "bb", "b"]);
plain("(?:(a)|b)+\\1", ["abb", "aba", "ab", "bab"]);
plain("(?:a|(b))*\\1c", ["abac", "abc", "ac", "babc", "bbc"]);
plain("^(?:(a)|(b))+\\1\\2$", ["ab", "aba", "abab", "ba", "bab"]);
plain("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10", ["abcdefghijj", "abcdefghija0"]);
plain("(a)\\10", ["a\b", "aa0", "a"]);
plain("(a)\\2", ["a\u0002", "aa", "a2"]);
plain("(a)\\8", ["a8", "a"]);
plain("^(a+?)\\1$", ["aa", "aaaa", "aaa"]);
plain("^(a*)b\\1$", ["aba", "aabaa", "aaba"]);
plain("^(?:(a)|\\1b)+$", ["ab", "aab", "b", "ba"]);
both("(a)\\1", ["aA", "aa", "Aa", "AA"]);
plain("^(\\w+)\\s\\1$", ["hello hello", "hello world"]);
plain("(?<x>a)\\k<x>", ["aa", "ab"]);
plain("\\k<x>(?<x>a)", ["a", "aa"]);
plain("(?<x>a)|\\k<x>b", ["b", "ab"]);
plain("\\k<x>", ["k<x>", "k"]);
plain("\\k", ["k"]);
plain("(?<$x_1>.)\\k<$x_1>", ["aa", "ab"]);
["(?<x>a)\\k<y>", "(?<x>a)\\k", "(?<x>a)\\k<x", "(?<x>a)[\\k]", "(?<a>x)(?<a>y)",
  "(?<a>x)|(?<a>y)", "(?<>x)", "(?<1a>x)", "(?<a-b>x)", "(?<a", "(?<a>"].forEach(error);
// Legacy octal, \0, \8, \9.
plain("\\0", ["\0", "0", ""]);
plain("\\00", ["\0", "\u00000"]);
plain("\\08", ["\u00008", "8"]);
plain("\\1", ["\u0001", "1"]);
plain("\\12", ["\n", "12"]);
plain("\\101", ["A", "a"]);
plain("\\377", ["\u00ff", "y"]);
plain("\\400", ["\u00200", " "]);
plain("\\8\\9", ["89", "\b9"]);
plain("[\\1-\\3]", ["\u0002", "2"]);
plain("[\\8]", ["8", "\b"]);
plain("[\\01]", ["\u0001", "0"]);
// Quantifiers, laziness and empty iterations.
plain("(a+)+$", ["aaaa", "aaab", ""]);
plain("(a*)*b", ["b", "aab", "aaa"]);
plain("(a*)+b", ["b", "ab", "a"]);
plain("(|a)*b", ["ab", "b", "a"]);
plain("(?:)*", ["", "a"]);
plain("(?:a?)*?c", ["aac", "c", "a"]);
plain("(a|)+?b", ["aab", "b"]);
plain("(?:a*?)+c", ["aac", "ac", "a"]);
plain("^(?:a|ab)*c$", ["abac", "ababc", "abc", "abbc"]);
plain("^(a{2,3}){2}$", ["aaaa", "aaaaa", "aaaaaa", "aaaaaaa", "aaa"]);
plain("^a{3}$", ["aaa", "aa", "aaaa"]);
plain("^a{2,}$", ["a", "aa", "aaaaa"]);
plain("^a{0}$", ["", "a"]);
plain("^(a){0}\\1$", ["", "a"]);
plain("^a{1,3}?$", ["aaa", "aaaa"]);
plain("^(?:a{0,2}){3}$", ["", "aaaaaa", "aaaaaaa"]);
plain("^(?:(a)|b){2}\\1$", ["aba", "abb", "baa", "bba", "bb"]);
plain("^(?:(a)|b)*\\1$", ["ab", "aba", "abb", "b"]);
plain("a+?b", ["aaab", "b"]);
plain("<.+?>", ["<a>", "<>", "<<>>"]);
plain("a??b", ["ab", "b", "a"]);
plain("^(?:a+)*?$", ["aaa", "", "aab"]);
plain("a{99999999999}", ["a", ""]);
plain("^a{0,99999999999}$", ["aaaa", "b"]);
plain("x*y+z?", ["y", "xz", "xxyyz"]);
["a**", "a*+", "a+*", "a???", "a{1}{2}", "a{2,1}", "*", "+a", "?", "|*", "(*)", "{1}", "a|{2}",
  "x{3,2}", "a{1}*", "(?:*)", "^*", "$+", "\\b*", "\\B{2}", "(?<=a)*", "(?<!a)?", "(?<=a){2}"]
  .forEach(error);
// Annex B braces and brackets that are not quantifiers are literals.
plain("a{", ["a{", "a"]);
plain("a{1", ["a{1", "a"]);
plain("a{1,", ["a{1,", "a"]);
plain("a{,1}", ["a{,1}", "a"]);
plain("{", ["{"]);
plain("}", ["}"]);
plain("]", ["]"]);
plain("a{1}}", ["a}", "aa"]);
plain("{a}", ["{a}", "a"]);
plain("(?:{)", ["{"]);
plain("x{a,1}", ["x{a,1}", "x"]);
plain("x{1,a}", ["x{1,a}", "x"]);
plain("\\u{3}", ["uuu", "\u0003"]);
plain("\\p{L}", ["p{L}", "a"]);
plain("\\x{41}", ["x{41}", "A"]);
// Groups and lookarounds.
plain("(?=(a+))a*b\\1", ["baaabac", "aab", "aaba"]);
plain("(?=(a))\\1b", ["ab", "b"]);
plain("(?!(a))\\1b", ["b", "ab"]);
plain("(?=a)*b", ["b", "ab"]);
plain("(?=a){2}a", ["a", "b"]);
plain("(?!a)+b", ["b", "ab"]);
plain("^(?=(a))?\\1", ["a", "b"]);
plain("(?=.*\\d)(?=.*[a-z]).{6,}", ["abc123", "abcdef", "123456", "ab1"]);
plain("^(?!.*admin).*$", ["user", "superadmin"]);
plain("(?<=\\$)\\d+", ["$42", "42", "€42"]);
plain("(?<!\\$)\\d+", ["$4", "$42", "42"]);
plain("(?<=(\\d)(\\d))x", ["12x", "1x"]);
plain("(?<=\\1(a))b", ["aab", "ab", "b"]);
plain("(?<=(a)\\1)b", ["aab", "ab"]);
plain("(?<=a(?=b)b)c", ["abc", "ac"]);
plain("(?<=^a*)b", ["aab", "cab"]);
plain("(?<=a{2,3})b", ["aab", "ab"]);
plain("(?<=[a-c]+?)d", ["cd", "d"]);
plain("(?<!^)a", ["a", "ba"]);
plain("(?<=(?<!b)a)c", ["ac", "bac"]);
plain("(?<=(a|ab))c", ["abc", "ac", "bc"]);
plain("(?<=^(?:a|b){2})c", ["abc", "ac", "aabc"]);
plain("(?<=(?:(a)|b)+)\\1c", ["abac", "bac", "c"]);
plain("(?<=\\b)a", ["a", "ba"]);
plain("(?<=\\d{3})(?<!999)foo", ["123foo", "999foo"]);
["(", ")", "a)", "(?", "(?a)", "(?i:a)", "(?i)a", "(?<=a", "(?=a", "((a)", "(?<)", "(?-i:a)"]
  .forEach(error);
// Classes.
plain("[]", ["", "a", "]"]);
plain("[^]", ["", "a", "\n"]);
plain("[a-]", ["-", "a", "b"]);
plain("[-a]", ["-", "a"]);
plain("[a-c-e]", ["b", "-", "d", "e"]);
plain("[\\d-z]", ["5", "-", "z", "y"]);
plain("[z-\\d]", ["5", "-", "z", "y"]);
plain("[\\w-]", ["-", "_", "."]);
plain("[--0]", ["-", ".", "0", "1"]);
plain("[\\b]", ["\b", "b"]);
plain("[\\B]", ["B", "\\"]);
plain("[\\-]", ["-"]);
plain("[\\c1]", ["\u0011", "1", "c"]);
plain("[\\c_]", ["\u001f", "_"]);
plain("[\\c*]", ["\\", "c", "*", "\n"]);
plain("[\\cA]", ["\u0001", "A"]);
plain("[\\x41-\\x43]", ["B", "D"]);
plain("[\\u00e9]", ["é", "e"]);
plain("[é-ë]", ["ê", "e"]);
plain("[\\ud83d]", ["😀", "a"]);
plain("[😀]", ["\u00e0", "x😀"]);
plain("[^\\s\\S]", ["a", " "]);
plain("[\\s\\S]", ["a", " "]);
plain("[\\]]", ["]"]);
plain("[]]", ["]", "]]"]);
plain("[a\\]b]", ["]", "b"]);
plain("[\\^]", ["^"]);
plain("[^^]", ["^", "a"]);
plain("[.]", [".", "a"]);
plain("[$]", ["$"]);
plain("[\\d\\W]", ["1", "a", "-"]);
plain("[^\\d\\W]", ["1", "a", "-"]);
plain("[\\k]", ["k"]);
plain("[a-a]", ["a", "b"]);
plain("[\\s]", ["\u00a0", "x"]);
["[z-a]", "[", "[a", "[\\", "[a-\\", "[\\u0043-\\x41]", "a]["].forEach(error);
both("[a-z]", ["K", "\u212a", "\u017f", "é"]);
both("[^a]", ["A", "a", "b"]);
both("[^a-z]", ["A", "1"]);
// Escapes.
plain("\\cA", ["\u0001", "A"]);
plain("\\ca", ["\u0001"]);
plain("\\c1", ["\\c1", "\u0011"]);
plain("\\c", ["\\c", "c"]);
plain("\\c*", ["\\", "\\ccc", "c"]);
plain("\\x4", ["x4", "\u0004"]);
plain("\\x41", ["A", "x41"]);
plain("\\xg", ["xg"]);
plain("\\u004", ["u004"]);
plain("\\u0041", ["A"]);
plain("\\a\\e\\q", ["aeq"]);
plain("\\-\\/\\.\\*", ["-/.*", "-/a*"]);
plain("\\t\\n\\r\\v\\f", ["\t\n\r\v\f"]);
plain("\\é", ["é"]);
["\\", "a\\", "(\\)"].forEach(error);
// Anchors and word boundaries (no multiline flag).
plain("^", [""]);
plain("$", [""]);
plain("^$", ["", "a", "\n"]);
plain("a$", ["a\n", "ba"]);
plain("^a", ["\na", "ab"]);
plain("(^a|b$)", ["xa", "ab", "xb"]);
plain("a^", ["a"]);
plain("$a", ["a"]);
plain("\\ba\\b", ["a", "ba", "b a c", "é aé"]);
plain("\\Ba", ["ba", "a"]);
plain("\\b", ["", " ", "é", "_"]);
plain("\\B", ["", "a", " "]);
both("\\bk\\b", ["\u212a", "k", "K"]);
// Dot and \s over line terminators and white space.
for (const c of ["\n", "\r", "\u2028", "\u2029", "\u0085", "\t", "\v", "\u00a0", "\ufeff"]) {
  plain("^.$", [c]);
}
for (const c of ["\t", "\n", "\v", "\f", "\r", " ", "\u00a0", "\u1680", "\u180e", "\u2000",
  "\u200a", "\u200b", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u0085", "x"]) {
  plain("^\\s$", [c]);
  plain("^\\S$", [c]);
}
plain("^\\d$", ["٣", "5"]);
plain("^\\w$", ["é", "_", "\u017f"]);
// Case folding (i flag, non-unicode Canonicalize).
const foldPairs = [["ß", "SS"], ["ß", "ẞ"], ["ſ", "s"], ["ſ", "S"], ["\u212a", "k"], ["µ", "Μ"],
  ["µ", "μ"], ["ÿ", "Ÿ"], ["ı", "i"], ["ı", "I"], ["İ", "i"], ["ǅ", "ǆ"], ["ǅ", "Ǆ"],
  ["ς", "σ"], ["ς", "Σ"], ["ϐ", "β"], ["ж", "Ж"], ["ё", "Ё"], ["ά", "Ά"], ["ΐ", "Ϊ́"],
  ["ա", "Ա"], ["ა", "Ა"], ["ⴀ", "Ⴀ"], ["ꭰ", "Ꭰ"], ["ａ", "Ａ"], ["é", "É"], ["œ", "Œ"],
  ["ŉ", "ʼN"], ["ǰ", "J"], ["ﬀ", "FF"], ["ᾳ", "ᾼ"], ["ϑ", "θ"], ["ẛ", "ṡ"], ["ι", "\u0345"],
  ["ꞵ", "Ꞵ"], ["ǈ", "ǉ"], ["\u0130", "I"], ["\u1e9e", "ss"], ["Ω", "ω"], ["\u2126", "ω"]];
for (const [x, y] of foldPairs) {
  for (const [p, s] of [[x, y], [y, x]]) {
    fold(`^${p}$`, [s]);
    fold(`^[${p}]$`, [s]);
    plain(`^${p}$`, [s]);
  }
}
fold("^[a-z]+$", ["HeLLo", "\u212a", "\u017f"]);
fold("^[^a-z]+$", ["HeLLo", "123"]);
fold("^\\w$", ["\u017f", "\u212a"]);
fold("^\\W$", ["\u017f", "\u212a", "k", "s"]);
fold("^[\\W]$", ["\u017f", "k"]);
fold("^[\\u212a]$", ["k", "K"]);
fold("^[\\u0100-\\u017f]+$", ["āĂą", "ABC", "ĸ"]);
fold("^[А-я]+$", ["Привет", "ПРИВЕТ", "Hello"]);
fold("^[α-ω]+$", ["ΑΒΓ", "ς", "ΐ"]);
fold("^(é)\\1$", ["éÉ", "Éé"]);
fold("^\\u00e9$", ["É"]);
fold("(?<=É)x", ["éx"]);
// Surrogate pairs are two code units in non-unicode mode.
plain("😀", ["😀", "x"]);
plain("^.$", ["😀", "é"]);
plain("^..$", ["😀"]);
plain("\\ud83d", ["😀", "\u00d8"]);
plain("\\ude00$", ["😀"]);
plain("^\\ud83d\\ude00$", ["😀"]);
plain("^[^a]{2}$", ["😀", "aa"]);
plain("(?<=\\ud83d)\\ude00", ["😀"]);
plain("^😀+$", ["😀", "😀😀"]);
fold("^😀$", ["😀"]);
// Longer inputs.
plain("^a{1000}$", ["a".repeat(1000), "a".repeat(999)]);
plain("b", ["a".repeat(2000) + "b", "a".repeat(2000)]);
plain("^(?:ab)*$", ["ab".repeat(500), "ab".repeat(499) + "a"]);
plain("(\\w+)@(\\w+)\\.com$", ["user@example.com", "user@example.org"]);
fold("^https?://(www\\.)?example\\.(com|org)/", ["HTTPS://WWW.EXAMPLE.COM/a", "ftp://example.com/"]);
const handCount = cases.length;

// ---- Random cases -------------------------------------------------------------------------
const literals = ["a", "b", "c", "A", "B", "é", "É", "😀", "1", "-", " ", "k"];
const atoms = [".", "\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "[ab]", "[^a]", "[a-c]", "[^\\d]",
  "[é-ë]", "[\\w-]", "[A-Z]", "\\x61", "\\u00e9", "\\ud83d", "\\ude00", "\\-", "{", "}", "]",
  "x{", "[\\b]", "\\0", "\\cA"];
const quantifiers = ["*", "+", "?", "{2}", "{1,3}", "{0,}", "{2,}", "*?", "+?", "??", "{0,2}?",
  "{1}", "{3,2}"];
const inputUnits = ["a", "b", "c", "A", "B", "C", "é", "É", "😀", "1", "2", " ", "-", "_", "k",
  "\u212a", "\n", "x"];

function genPattern() {
  let groups = 0;
  let names = 0;
  function term(depth) {
    let s;
    let quantifiable = true;
    const r = rand();
    if (r < 0.08) {
      s = pick(["^", "$", "\\b", "\\B"]);
      quantifiable = chance(0.05);
    } else if (r < 0.3 && depth > 0) {
      const open = pick(["(", "(", "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?<n>"]);
      if (open === "(" || open === "(?<n>") groups++;
      const name = open === "(?<n>" ? `(?<n${chance(0.05) ? 0 : names++}>` : open;
      s = name + disjunction(depth - 1) + (chance(0.02) ? "" : ")");
      if (open.startsWith("(?<") && open !== "(?<n>") quantifiable = chance(0.05);
    } else if (r < 0.38 && groups > 0) {
      s = chance(0.3) && names > 0 ? `\\k<n${int(0, names - 1)}>` : `\\${int(1, groups + 1)}`;
    } else if (r < 0.65) {
      s = pick(atoms);
    } else {
      s = pick(literals);
    }
    if (quantifiable && chance(0.3)) s += pick(quantifiers);
    return s;
  }
  function sequence(depth) {
    let s = "";
    for (let n = int(1, 4); n > 0; n--) s += term(depth);
    return s;
  }
  function disjunction(depth) {
    let s = sequence(depth);
    while (chance(0.2)) s += "|" + sequence(depth);
    return s;
  }
  return disjunction(2);
}

// Short strings of syntax characters, to probe what parses, what throws, and what it means.
const soupUnits = [..."ab()[]{}*+?|\\^$-,0123789:=!<>kcxuBbdwsn.é"];
function genSoup() {
  let s = "";
  for (let n = int(1, 8); n > 0; n--) s += pick(soupUnits);
  return s;
}

function genInput() {
  let s = "";
  for (let n = int(0, 8); n > 0; n--) s += pick(inputUnits);
  return s;
}

const target = Number(process.argv[3] ?? 2500);
while (cases.length < target) {
  const pattern = chance(0.25) ? genSoup() : genPattern();
  const flags = chance(0.3) ? "i" : "";
  for (let k = 0; k < 4; k++) add(pattern, flags, genInput());
}

const out = {
  description:
    "Golden RegExp.prototype.test answers from V8 for tailor::targeting::Regex. " +
    `${handCount} hand-written cases, then random ones.`,
  generated_by: "node tools/gen/regex-cases.mjs",
  node: process.version,
  cases,
};
const lines = cases.map((c) => "    " + JSON.stringify(c));
const header = JSON.stringify({ ...out, cases: undefined }, null, 2).replace(/\n}$/, "");
console.log(`${header},\n  "cases": [\n${lines.join(",\n")}\n  ]\n}`);
