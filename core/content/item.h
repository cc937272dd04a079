// One item of the approved-content corpus: stage 3 of the campaign pipeline. The caller (the
// CLI) reads the content directory and passes each file's name and bytes; parsing is pure.
//
// An item is a Markdown file (name ending ".md") with a front-matter block, or a JSON file
// (".json") holding one object. Both carry the same fields:
//   id           required; [a-z0-9-]{1,64}, unique across the corpus (corpus.h)
//   title        required; one line, 1-200 bytes
//   body         required; the approved text (Markdown: everything after the front matter)
//   claims       optional list (default none) of the approved claims: sentences the campaign
//                may state as they are; each one line, 1-300 bytes, with no "{", "}", "[" or
//                "]" (those mark placeholders and citations in generated copy)
//   valid_from   optional YYYY-MM-DD: the first day the item may be used
//   valid_until  optional YYYY-MM-DD: the last day (inclusive); not before valid_from
//   channels     optional list, a subset of email, sms, web (default: all three)
//   locale       optional BCP 47-like tag, [a-z]{2,3} then optional "-" [A-Za-z0-9]{2,8}
//                parts (default "en")
//   offer        optional {description (required, one line), code (optional,
//                [A-Za-z0-9_-]{1,32}), deadline (required, YYYY-MM-DD)}
//   tags         optional list of words, [a-z0-9-]{1,32} each
//
// Markdown front matter: a strict `key: value` subset of YAML, no YAML library, no quoting:
//   ---                                  the file's first line (a UTF-8 BOM tolerated)
//   id: c12                              key ": " value; the value is the rest of the line,
//   title: Winter coats are here         trimmed, taken literally (quotes are characters)
//   claims:                              a key with no value opens a block: list items
//     - Our coats are 100% recycled.     ("  - " text) or, for offer only, members
//     - Free returns within 30 days.     ("  key: value"), indented by exactly two spaces
//   channels: [email, web]               a list may also be inline: "[a, b]" (no commas
//   offer:                               inside items); "[]" is the empty list
//     description: 20% off winter coats
//     deadline: 2026-12-24
//   ---                                  closes the block; the body follows
// Blank lines and lines starting with "#" inside the block are skipped. Anything else (tabs,
// other indentation, a repeated key, an unknown key) is an error.
// JSON: {"id": "...", "title": "...", "body": "...", "claims": [...], "offer": {...}, ...}
// with string values (lists: arrays of strings); unknown members are errors.
//
// Errors (kInvalidArgument; kMalformed for broken syntax) name the file, the line where the
// problem is (Markdown; JSON syntax errors) and the field:
//   content/c12.md:3: valid_until is "2026-13-01", expected a date (YYYY-MM-DD)
//   content/c12.json: offer.deadline is missing, expected a date (YYYY-MM-DD)
// (a JSON value tree keeps no positions, so JSON field errors name the field path only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tailor::content {

enum class Channel : unsigned char { kEmail, kSms, kWeb };
inline constexpr Channel kAllChannels[] = {Channel::kEmail, Channel::kSms, Channel::kWeb};

// "email", "sms", "web".
std::string_view channel_name(Channel c);
// nullopt for any other text.
std::optional<Channel> parse_channel(std::string_view name);

struct Offer {
  std::string description;
  std::string code;          // empty when the offer has none
  int32_t deadline_day = 0;  // days since 1970-01-01 (core/text/civil.h): the last valid day
};

struct Item {
  std::string id;
  std::string title;
  std::string body;
  std::vector<std::string> claims;
  std::optional<int32_t> valid_from_day;   // days since 1970-01-01, inclusive
  std::optional<int32_t> valid_until_day;  // inclusive
  std::vector<Channel> channels;           // distinct, in email, sms, web order
  std::string locale = "en";
  std::optional<Offer> offer;
  std::vector<std::string> tags;
  std::string source;  // the file name given to parse_item

  // valid_from <= day <= valid_until (an absent bound does not limit).
  bool valid_on(int32_t day) const;
  bool on_channel(Channel c) const;
  // The item serves `locale` when the tags are equal ignoring ASCII case, or when the item's
  // tag is a bare language that is `locale`'s first part ("en" serves "en-GB"; not backwards).
  bool serves_locale(std::string_view locale) const;
};

// Limits on one file; larger input is a kResourceExhausted error.
inline constexpr size_t kMaxItemBytes = size_t{1} << 20;
inline constexpr size_t kMaxClaims = 50;

// The item in `text`, read as Markdown or JSON by `file_name`'s extension (".md" or ".json";
// anything else is an error naming the file).
Result<Item> parse_item(std::string_view file_name, std::string_view text);

}  // namespace tailor::content
