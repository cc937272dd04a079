#include "core/audit/record.h"

#include <algorithm>
#include <cmath>

#include "core/audit/canonical.h"
#include "core/audit/sha256.h"

namespace tailor::audit {
namespace {

using json::Value;

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool is_digits(std::string_view s, size_t from, size_t n) {
  if (from + n > s.size()) return false;
  for (size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// YYYY-MM-DDTHH:MM:SS[.f+]Z with plausible ranges.
bool is_rfc3339_utc(std::string_view s) {
  if (s.size() < 20 || s.back() != 'Z') return false;
  if (!is_digits(s, 0, 4) || s[4] != '-' || !is_digits(s, 5, 2) || s[7] != '-' ||
      !is_digits(s, 8, 2) || s[10] != 'T' || !is_digits(s, 11, 2) || s[13] != ':' ||
      !is_digits(s, 14, 2) || s[16] != ':' || !is_digits(s, 17, 2))
    return false;
  auto num = [&](size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  if (num(5) < 1 || num(5) > 12 || num(8) < 1 || num(8) > 31 || num(11) > 23 || num(14) > 59 ||
      num(17) > 60)
    return false;
  if (s.size() == 20) return true;
  return s[19] == '.' && s.size() > 21 && is_digits(s, 20, s.size() - 21);
}

bool is_category_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Result<bool> fail(std::string message) { return Result<bool>::failure(std::move(message)); }

const char* valid_decisions(std::string_view kind) {
  if (kind == "screening") return "allow, review or block";
  if (kind == "review" || kind == "approval") return "approved or rejected";
  if (kind == "regeneration") return "regenerated";
  if (kind == "automation") {
    return "sync, reallocate, promote, advance, complete, rollback, pause or resume";
  }
  return nullptr;
}

bool decision_fits(std::string_view kind, std::string_view d) {
  if (kind == "screening") return d == "allow" || d == "review" || d == "block";
  if (kind == "review" || kind == "approval") return d == "approved" || d == "rejected";
  if (kind == "automation") {
    return d == "sync" || d == "reallocate" || d == "promote" || d == "advance" ||
           d == "complete" || d == "rollback" || d == "pause" || d == "resume";
  }
  return kind == "regeneration" && d == "regenerated";
}

}  // namespace

std::string content_hash(std::string_view subject, std::string_view body) {
  Sha256 h;
  h.update(subject);
  h.update("\n");
  h.update(body);
  return to_hex(h.finish());
}

Result<bool> validate(const Entry& e) {
  if (!is_rfc3339_utc(e.ts))
    return fail("ts \"" + e.ts +
                "\" is not valid, expected RFC 3339 UTC like 2026-11-23T15:00:00Z");
  const char* decisions = valid_decisions(e.kind);
  if (decisions == nullptr)
    return fail("kind \"" + e.kind +
                "\" is not valid, expected screening, regeneration, review, "
                "approval or automation");
  if (e.campaign.empty()) return fail("campaign is empty, expected a campaign id");
  if (e.message_id.empty()) return fail("message_id is empty, expected a message id");
  if (!is_hex64(e.content_hash))
    return fail("content_hash \"" + e.content_hash + "\" is not valid, expected 64 lowercase hex");
  if (!decision_fits(e.kind, e.decision))
    return fail("decision \"" + e.decision + "\" is not valid for kind \"" + e.kind +
                "\", expected " + decisions);
  if (e.severity < 0 || e.severity > 7)
    return fail("severity " + std::to_string(e.severity) + " is out of range, expected 0-7");
  for (size_t i = 0; i < e.categories.size(); ++i) {
    if (!is_category_name(e.categories[i]))
      return fail("categories[" + std::to_string(i) + "] \"" + e.categories[i] +
                  "\" is not valid, expected [a-z0-9_]+");
    if (i > 0 && !(e.categories[i - 1] < e.categories[i]))
      return fail("categories are not sorted and unique at \"" + e.categories[i] + "\"");
  }
  if (!e.findings.is_array()) return fail("findings is not an array");
  if (e.actor.empty()) return fail("actor is empty, expected who decided");
  return true;
}

Value to_json(const Record& r, bool with_hash) {
  json::Array categories;
  for (const auto& c : r.entry.categories) categories.emplace_back(c);
  json::Object members = {
      {"seq", Value(static_cast<double>(r.seq))},
      {"ts", Value(r.entry.ts)},
      {"kind", Value(r.entry.kind)},
      {"campaign", Value(r.entry.campaign)},
      {"message_id", Value(r.entry.message_id)},
      {"content_hash", Value(r.entry.content_hash)},
      {"policy_version", Value(r.entry.policy_version)},
      {"decision", Value(r.entry.decision)},
      {"severity", Value(r.entry.severity)},
      {"categories", Value(std::move(categories))},
      {"findings", r.entry.findings},
      {"actor", Value(r.entry.actor)},
      {"prev_hash", Value(r.prev_hash)},
  };
  if (with_hash) members.emplace_back("hash", Value(r.hash));
  return Value::object(std::move(members));
}

Result<Record> from_json(const Value& v) {
  using R = Result<Record>;
  if (!v.is_object()) return R::failure("record is not a JSON object");
  static const char* kKeys[] = {"seq",        "ts",           "kind",           "campaign",
                                "message_id", "content_hash", "policy_version", "decision",
                                "severity",   "categories",   "findings",       "actor",
                                "prev_hash",  "hash"};
  if (v.as_object().size() != std::size(kKeys))
    return R::failure("record has " + std::to_string(v.as_object().size()) + " members, expected " +
                      std::to_string(std::size(kKeys)));
  for (const char* k : kKeys) {
    if (!v.contains(k)) return R::failure(std::string("record has no \"") + k + "\" member");
  }
  Record r;
  auto str = [&](const char* key, std::string& out) {
    const Value* m = v.find(key);
    if (!m->is_string()) return false;
    out = m->as_string();
    return true;
  };
  for (auto [key, dest] : {std::pair{"ts", &r.entry.ts},
                           {"kind", &r.entry.kind},
                           {"campaign", &r.entry.campaign},
                           {"message_id", &r.entry.message_id},
                           {"content_hash", &r.entry.content_hash},
                           {"policy_version", &r.entry.policy_version},
                           {"decision", &r.entry.decision},
                           {"actor", &r.entry.actor},
                           {"prev_hash", &r.prev_hash},
                           {"hash", &r.hash}}) {
    if (!str(key, *dest)) return R::failure(std::string("\"") + key + "\" is not a string");
  }
  const Value* seq = v.find("seq");
  if (!seq->is_number() || seq->as_number() < 0 || seq->as_number() > 9e15 ||
      std::floor(seq->as_number()) != seq->as_number())
    return R::failure("\"seq\" is not a non-negative integer");
  r.seq = static_cast<long>(seq->as_number());
  const Value* severity = v.find("severity");
  if (!severity->is_number() || severity->as_number() < 0 || severity->as_number() > 7 ||
      std::floor(severity->as_number()) != severity->as_number())
    return R::failure("\"severity\" is not an integer 0-7");
  r.entry.severity = static_cast<int>(severity->as_number());
  const Value* categories = v.find("categories");
  if (!categories->is_array()) return R::failure("\"categories\" is not an array");
  for (const auto& c : categories->as_array()) {
    if (!c.is_string()) return R::failure("\"categories\" holds a non-string");
    r.entry.categories.push_back(c.as_string());
  }
  r.entry.findings = *v.find("findings");
  return r;
}

std::string compute_hash(const Record& record) {
  auto text = canonical_json(to_json(record, false));
  // Records built by Chain or from_json hold only strings from valid JSON text and integers,
  // so canonicalisation cannot fail there; a lone surrogate hashes as an impossible value.
  return text ? sha256_hex(*text) : std::string("invalid:") + text.error();
}

Result<Record> Chain::append(const Entry& entry) {
  auto valid = validate(entry);
  if (!valid) return Result<Record>::failure(valid.error());
  Record r;
  r.entry = entry;
  r.seq = next_seq_;
  r.prev_hash = head_;
  auto text = canonical_json(to_json(r, false));
  if (!text) return Result<Record>::failure(text.error());
  r.hash = sha256_hex(*text);
  ++next_seq_;
  head_ = r.hash;
  records_.push_back(r);
  return r;
}

}  // namespace tailor::audit
