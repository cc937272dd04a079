// Audit records, the hash chain, exports and tamper detection.
#include <catch2/catch.hpp>
#include <string>

#include "core/audit/coverage.h"
#include "core/audit/export.h"
#include "core/audit/record.h"
#include "core/json/parse.h"

using namespace tailor::audit;
using tailor::json::Value;

namespace {

Entry screening(const std::string& id, const std::string& decision, int severity,
                std::vector<std::string> categories, const std::string& findings = "[]") {
  Entry e;
  e.ts = "2026-11-23T15:00:0" + std::to_string(id.size() % 10) + "Z";
  e.kind = "screening";
  e.campaign = "spring-sale";
  e.message_id = id;
  e.content_hash = content_hash("Subject " + id, "Body of " + id);
  e.policy_version = "default-1";
  e.decision = decision;
  e.severity = severity;
  e.categories = std::move(categories);
  e.findings = tailor::json::parse(findings).value();
  e.actor = "tailor-screen";
  return e;
}

Chain sample_chain() {
  Chain chain;
  REQUIRE(chain.append(screening("v1", "allow", 0, {})).ok());
  // Cells that a spreadsheet would execute, quotes, commas and a newline: export must survive.
  auto hostile =
      screening("=HYPERLINK(\"http://x\",\"click\")", "block", 5, {"pii_leak", "spam_signals"},
                R"([{"category":"pii_leak","severity":5,"span":[3,19],)"
                R"("detail":"card number, Luhn valid\nline two"}])");
  hostile.actor = "@reviewer, \"ops\"";
  REQUIRE(chain.append(hostile).ok());
  REQUIRE(chain.append(screening("+v3", "review", 2, {"deceptive_urgency"})).ok());
  Entry review = screening("+v3", "review", 0, {});
  review.kind = "review";
  review.decision = "approved";
  review.policy_version = "";
  review.actor = "-reviewer:alice";
  REQUIRE(chain.append(review).ok());
  return chain;
}

}  // namespace

TEST_CASE("records link into a hash chain over their canonical form", "[audit][chain]") {
  Chain chain = sample_chain();
  const auto& rs = chain.records();
  REQUIRE(rs.size() == 4);
  CHECK(rs[0].prev_hash == kGenesisHash);
  for (size_t i = 1; i < rs.size(); ++i) CHECK(rs[i].prev_hash == rs[i - 1].hash);
  CHECK(chain.head() == rs[3].hash);
  for (const auto& r : rs) CHECK(compute_hash(r) == r.hash);
  CHECK(rs[0].hash != rs[1].hash);
}

TEST_CASE("record validation names the field and what is valid", "[audit][chain]") {
  Chain chain;
  auto bad = screening("v1", "maybe", 0, {});
  CHECK(chain.append(bad).error() ==
        "decision \"maybe\" is not valid for kind \"screening\", expected allow, review or block");
  bad = screening("v1", "allow", 9, {});
  CHECK(chain.append(bad).error() == "severity 9 is out of range, expected 0-7");
  bad = screening("v1", "allow", 0, {"spam_signals", "hate"});
  CHECK(chain.append(bad).error() == "categories are not sorted and unique at \"hate\"");
  bad = screening("v1", "allow", 0, {});
  bad.ts = "2026-13-01T00:00:00Z";
  CHECK_FALSE(chain.append(bad).ok());
  CHECK(chain.records().empty());
  CHECK(chain.head() == kGenesisHash);
}

TEST_CASE("exports verify, and CSV cells are formula-injection safe", "[audit][export]") {
  Chain chain = sample_chain();
  const std::string jsonl = to_jsonl(chain.records());
  const std::string csv = to_csv(chain.records());
  auto j = verify(jsonl, Format::kJsonLines);
  CHECK(j.ok);
  CHECK(j.records == 4);
  CHECK(j.head == chain.head());
  auto c = verify(csv, Format::kCsv);
  CHECK(c.ok);
  CHECK(c.format == Format::kCsv);
  CHECK(c.head == chain.head());
  // No cell starts with a formula character: each is prefixed with an apostrophe.
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",") != std::string::npos);
  CHECK(csv.find(",'+v3,") != std::string::npos);
  CHECK(csv.find(",'-reviewer:alice,") != std::string::npos);
  CHECK(csv.find(",\"'@reviewer, \"\"ops\"\"\",") != std::string::npos);
  CHECK(csv.find(",=") == std::string::npos);
  CHECK(csv.find(",+") == std::string::npos);
  CHECK(csv.find(",@") == std::string::npos);
  CHECK(csv.find(",-") == std::string::npos);
  CHECK(csv.substr(0, 8) == "seq,ts,k");
  // JSON lines are canonical: sorted keys, no whitespace.
  CHECK(jsonl.substr(0, 12) == "{\"actor\":\"ta");
  CHECK(verify(std::string(), Format::kJsonLines).ok);  // an empty trail is a valid (empty) chain
}

TEST_CASE("verify names the first bad row for every edited byte", "[audit][tamper]") {
  Chain chain = sample_chain();
  for (const std::string& text : {to_jsonl(chain.records()), to_csv(chain.records())}) {
    const bool is_csv = detect_format(text) == Format::kCsv;
    const Format format = is_csv ? Format::kCsv : Format::kJsonLines;
    // Record number of the row each byte belongs to (0 for the CSV header).
    std::vector<long> row_of(text.size());
    {
      long row = is_csv ? 0 : 1;
      size_t pos = 0;
      const std::string header = is_csv ? text.substr(0, text.find("\r\n") + 2) : "";
      for (; pos < header.size(); ++pos) row_of[pos] = 0;
      std::string rows_text;
      for (const auto& r : chain.records()) {
        const std::string one = is_csv ? to_csv({r}).substr(header.size()) : to_jsonl({r});
        for (size_t k = 0; k < one.size(); ++k) row_of[pos + k] = row + (is_csv ? 1 : 0);
        pos += one.size();
        ++row;
      }
      REQUIRE(pos == text.size());
    }
    for (size_t i = 0; i < text.size(); ++i) {
      std::string tampered = text;
      tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
      auto report = verify(tampered, format);
      INFO((is_csv ? "csv" : "jsonl") << " byte " << i << ": " << report.reason);
      REQUIRE_FALSE(report.ok);
      REQUIRE(report.bad_record == row_of[i]);
    }
  }
}

TEST_CASE("verify_json: the report as the studio reads it", "[audit][export]") {
  const std::string csv = to_csv(sample_chain().records());
  auto good = tailor::json::parse(verify_json(csv, ""));
  REQUIRE(good.ok());
  CHECK(good->find("ok")->as_bool());
  CHECK(good->find("format")->as_string() == "csv");
  CHECK(good->find("records")->as_number() == 4);
  CHECK(good->find("head")->as_string() == sample_chain().records().back().hash);
  std::string tampered = csv;
  tampered[tampered.find("spring-sale")] = 'S';
  auto bad = tailor::json::parse(verify_json(tampered, "csv"));
  REQUIRE(bad.ok());
  CHECK_FALSE(bad->find("ok")->as_bool());
  CHECK(bad->find("badRecord")->as_number() == 1);
  CHECK(bad->find("line")->as_number() == 2);
  CHECK_FALSE(bad->find("reason")->as_string().empty());
  auto unknown = tailor::json::parse(verify_json(csv, "xml"));
  REQUIRE(unknown.ok());
  CHECK(unknown->find("reason")->as_string() == "format \"xml\" is not csv or jsonl");
}

TEST_CASE("verify catches removed, inserted and reordered records", "[audit][tamper]") {
  Chain chain = sample_chain();
  auto rs = chain.records();
  auto removed = rs;
  removed.erase(removed.begin() + 1);
  auto r = verify(to_jsonl(removed), Format::kJsonLines);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_record == 2);
  CHECK(r.line == 2);

  auto swapped = rs;
  std::swap(swapped[1], swapped[2]);
  r = verify(to_csv(swapped), Format::kCsv);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_record == 2);
  CHECK(r.line == 3);  // header is line 1

  // An inserted record correctly hashed but linked to nothing in this chain.
  Chain other;
  REQUIRE(other.append(screening("x", "allow", 0, {})).ok());
  auto inserted = rs;
  inserted.insert(inserted.begin() + 2, other.records()[0]);
  r = verify(to_jsonl(inserted), Format::kJsonLines);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_record == 3);

  // Cutting the tail leaves a valid shorter chain; the anchored head or count exposes it.
  auto cut = rs;
  cut.pop_back();
  CHECK(verify(to_jsonl(cut), Format::kJsonLines).ok);
  VerifyOptions anchored;
  anchored.expected_head = chain.head();
  r = verify(to_jsonl(cut), Format::kJsonLines, anchored);
  CHECK_FALSE(r.ok);
  CHECK(r.bad_record == 0);
  anchored = {};
  anchored.expected_count = 4;
  CHECK_FALSE(verify(to_jsonl(cut), Format::kJsonLines, anchored).ok);
  CHECK(verify(to_jsonl(rs), Format::kJsonLines, anchored).ok);
}

TEST_CASE("coverage: every sendable message needs an allow or an approved review",
          "[audit][coverage]") {
  Chain chain = sample_chain();
  auto send = [](const std::string& id, const std::string& subject_id) {
    return Sendable{"spring-sale", id,
                    content_hash("Subject " + subject_id, "Body of " + subject_id)};
  };
  const std::string hostile = "=HYPERLINK(\"http://x\",\"click\")";
  CHECK(check_coverage({send("v1", "v1"), send("+v3", "+v3")}, chain.records()).empty());
  auto gaps = check_coverage({send("v1", "v1-edited"), send(hostile, hostile), send("v9", "v9")},
                             chain.records());
  REQUIRE(gaps.size() == 3);
  CHECK(gaps[0].reason == "content changed after screening (no record for this content hash)");
  CHECK(gaps[1].reason == "blocked by screening");
  CHECK(gaps[2].reason == "never screened");

  Chain pending;
  REQUIRE(pending.append(screening("v2", "review", 3, {"spam_signals"})).ok());
  CHECK(check_coverage({send("v2", "v2")}, pending.records())[0].reason ==
        "review pending (no approved review record)");
  Entry reject = screening("v2", "review", 0, {});
  reject.kind = "approval";
  reject.decision = "rejected";
  Chain rejected;
  REQUIRE(rejected.append(screening("v2", "allow", 0, {})).ok());
  REQUIRE(rejected.append(reject).ok());
  CHECK(check_coverage({send("v2", "v2")}, rejected.records())[0].reason ==
        "rejected by a reviewer or approver");
}

TEST_CASE("automation records: the controller's and operators' changes chain and verify",
          "[audit][chain]") {
  Chain chain;
  Entry e = screening("new-checkout", "allow", 0, {});
  e.kind = "automation";
  e.campaign = "shop";
  e.policy_version = "";
  e.decision = "rollback";
  e.actor = "rule:rollout.guardrail";
  e.findings = tailor::json::parse(
                   R"([{"rule":"rollout.guardrail","numbers":{"lift":3.75,"ciLower":1.2}}])")
                   .value();
  REQUIRE(chain.append(e).ok());
  e.decision = "pause";
  e.actor = "operator:alice";
  REQUIRE(chain.append(e).ok());
  auto report = verify(to_jsonl(chain.records()), Format::kJsonLines);
  CHECK(report.ok);
  CHECK(report.records == 2);
  e.decision = "allow";
  CHECK(chain.append(e).error() ==
        "decision \"allow\" is not valid for kind \"automation\", expected sync, reallocate, "
        "promote, advance, complete, rollback, pause or resume");
  e.kind = "autopilot";
  CHECK(chain.append(e).error() ==
        "kind \"autopilot\" is not valid, expected screening, regeneration, review, approval or "
        "automation");
}
