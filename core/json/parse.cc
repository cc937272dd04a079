#include "core/json/parse.h"

#include <cstdlib>
#include <string>

#include "core/json/js.h"
#include "core/text/hex.h"

namespace tailor::json {
namespace {

// The text must be UTF-8 (RFC 8259 section 8.1): a string holding bytes that are not
// well-formed UTF-8, including an encoded surrogate, is a parse error ("invalid UTF-8 in
// string"); raw bytes would otherwise reach stores that refuse them, and a round trip through
// stringify would change them.
//
// Bytes of the well-formed UTF-8 sequence (Unicode Table 3-7) starting `s`, whose first byte
// is >= 0x80; 0 when it is not one: a stray continuation byte, an overlong form, an encoded
// surrogate (a lone surrogate reaches a string only as a "\uD800" escape) or a code point
// above U+10FFFF.
size_t utf8_sequence(std::string_view s) {
  const auto byte = [&](size_t i) {
    return i < s.size() ? static_cast<unsigned>(static_cast<unsigned char>(s[i])) : 0u;
  };
  const unsigned lead = byte(0);
  size_t n = 0;
  unsigned low = 0x80, high = 0xBF;  // range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (byte(1) < low || byte(1) > high) return 0;
  for (size_t i = 2; i < n; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return n;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<Value> run() {
    Value v;
    skip_space();
    if (!parse_value(v, 0)) return Result<Value>::failure(StatusCode::kMalformed, error_);
    skip_space();
    if (pos_ != text_.size()) {
      fail("unexpected text after the JSON value", "end of input");
      return Result<Value>::failure(StatusCode::kMalformed, error_);
    }
    return v;
  }

 private:
  bool fail(std::string_view what, std::string_view expected) {
    int line = 1;
    int column = 1;
    for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    error_ = "line " + std::to_string(line) + " column " + std::to_string(column) + ": " +
             std::string(what) + ", expected " + std::string(expected);
    return false;
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) {
      return fail("invalid literal", "a JSON value (object, array, string, number, true, false, null)");
    }
    pos_ += word.size();
    return true;
  }

  bool parse_value(Value& out, int depth) {
    if (pos_ >= text_.size()) return fail("unexpected end of input", "a JSON value");
    switch (text_[pos_]) {
      case '{':
        return parse_object(out, depth + 1);
      case '[':
        return parse_array(out, depth + 1);
      case '"': {
        std::string s;
        if (!parse_string(s)) return false;
        out = Value(std::move(s));
        return true;
      }
      case 't':
        out = Value(true);
        return literal("true");
      case 'f':
        out = Value(false);
        return literal("false");
      case 'n':
        out = Value();
        return literal("null");
      default:
        return parse_number(out);
    }
  }

  bool check_depth(int depth) {
    if (depth > kMaxDepth) {
      return fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels",
                  "at most " + std::to_string(kMaxDepth) + " nested arrays/objects");
    }
    return true;
  }

  bool parse_array(Value& out, int depth) {
    if (!check_depth(depth)) return false;
    ++pos_;  // [
    Array items;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      out = Value(std::move(items));
      return true;
    }
    while (true) {
      skip_space();
      Value item;
      if (!parse_value(item, depth)) return false;
      items.push_back(std::move(item));
      skip_space();
      if (pos_ >= text_.size()) return fail("unexpected end of input in array", "',' or ']'");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == ']') {
        ++pos_;
        out = Value(std::move(items));
        return true;
      }
      return fail("unexpected character in array", "',' or ']'");
    }
  }

  bool parse_object(Value& out, int depth) {
    if (!check_depth(depth)) return false;
    ++pos_;  // {
    out = Value::empty_object();
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    Object members;  // ordered and deduplicated once, by Value::object (n log n)
    while (true) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        return fail("object key is not a string", "a double-quoted member name");
      }
      std::string key;
      if (!parse_string(key)) return false;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("missing ':' after key", "':'");
      ++pos_;
      skip_space();
      Value v;
      if (!parse_value(v, depth)) return false;
      members.emplace_back(std::move(key), std::move(v));
      skip_space();
      if (pos_ >= text_.size()) return fail("unexpected end of input in object", "',' or '}'");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == '}') {
        ++pos_;
        out = Value::object(std::move(members));
        return true;
      }
      return fail("unexpected character in object", "',' or '}'");
    }
  }

  bool read_hex4(unsigned& out) {
    if (pos_ + 4 > text_.size()) return fail("truncated \\u escape", "four hex digits");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      int d = text::hex_value(text_[pos_ + i]);
      if (d < 0) return fail("invalid \\u escape", "four hex digits");
      out = out * 16 + static_cast<unsigned>(d);
    }
    pos_ += 4;
    return true;
  }

  bool parse_string(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= text_.size()) return fail("unterminated string", "a closing '\"'");
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail("control character in string", "it escaped (\\n, \\t, \\u00XX)");
      if (c >= 0x80) {
        size_t n = utf8_sequence(text_.substr(pos_));
        if (n == 0) return fail("invalid UTF-8 in string", "UTF-8 text (RFC 8259)");
        out.append(text_, pos_, n);
        pos_ += n;
        continue;
      }
      if (c != '\\') {
        out.push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      ++pos_;
      if (pos_ >= text_.size()) return fail("unterminated escape", "an escape character");
      char e = text_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          unsigned unit = 0;
          if (!read_hex4(unit)) return false;
          unsigned cp = unit;
          if (unit >= 0xD800 && unit <= 0xDBFF && pos_ + 6 <= text_.size() &&
              text_[pos_] == '\\' && text_[pos_ + 1] == 'u') {
            size_t save = pos_;
            pos_ += 2;
            unsigned low = 0;
            if (read_hex4(low) && low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = save;
              error_.clear();
            }
          }
          append_utf8(out, cp);
          break;
        }
        default:
          --pos_;
          return fail("invalid escape", "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
      }
    }
  }

  bool parse_number(Value& out) {
    size_t start = pos_;
    auto digit = [&](size_t i) { return i < text_.size() && text_[i] >= '0' && text_[i] <= '9'; };
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    if (!digit(pos_)) {
      pos_ = start;
      return fail("invalid value", "a JSON value (object, array, string, number, true, false, null)");
    }
    if (text_[pos_] == '0') {
      ++pos_;
    } else {
      while (digit(pos_)) ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digit(pos_)) return fail("invalid number", "digits after '.'");
      while (digit(pos_)) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digit(pos_)) return fail("invalid number", "digits in the exponent");
      while (digit(pos_)) ++pos_;
    }
    out = Value(decimal_to_number(text_.substr(start, pos_ - start)));
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

Result<Value> parse(std::string_view text) { return Parser(text).run(); }

}  // namespace tailor::json
