#include "core/crypto/decrypt.h"

#include "core/crypto/aes.h"
#include "core/json/js.h"

namespace tailor::crypto {
namespace {

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view s) {
  std::string data;
  data.reserve(s.size());
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\r') data.push_back(c);
  }
  if (data.size() % 4 == 0) {
    if (data.size() >= 2 && data.compare(data.size() - 2, 2, "==") == 0) {
      data.resize(data.size() - 2);
    } else if (!data.empty() && data.back() == '=') {
      data.pop_back();
    }
  }
  if (data.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(data.size() * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : data) {
    int d = base64_digit(c);
    if (d < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

std::string decode_utf8_text(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // The WHATWG Encoding standard's UTF-8 decoder, error mode "replacement".
  std::string out;
  out.reserve(bytes.size());
  unsigned cp = 0, needed = 0, seen = 0, lower = 0x80, upper = 0xBF;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (needed == 0) {
      if (b <= 0x7F) {
        out.push_back(static_cast<char>(b));
      } else if (b >= 0xC2 && b <= 0xDF) {
        needed = 1;
        cp = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0) lower = 0xA0;
        if (b == 0xED) upper = 0x9F;
        needed = 2;
        cp = b & 0xF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0) lower = 0x90;
        if (b == 0xF4) upper = 0x8F;
        needed = 3;
        cp = b & 0x7;
      } else {
        json::append_utf8(out, 0xFFFD);
      }
      continue;
    }
    if (b < lower || b > upper) {
      cp = needed = seen = 0;
      lower = 0x80;
      upper = 0xBF;
      json::append_utf8(out, 0xFFFD);
      --i;  // the byte starts over
      continue;
    }
    lower = 0x80;
    upper = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
    if (++seen == needed) {
      json::append_utf8(out, cp);
      cp = needed = seen = 0;
    }
  }
  if (needed != 0) json::append_utf8(out, 0xFFFD);
  return out;
}

std::optional<std::string> decrypt(std::string_view encrypted, std::string_view key) {
  auto raw_key = base64_decode(key);
  if (!raw_key) return std::nullopt;
  const size_t dot = encrypted.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view rest = encrypted.substr(dot + 1);
  auto iv = base64_decode(encrypted.substr(0, dot));
  auto ciphertext = base64_decode(rest.substr(0, rest.find('.')));
  if (!iv || !ciphertext) return std::nullopt;
  auto plain = aes_cbc_decrypt(*raw_key, *iv, *ciphertext);
  if (!plain) return std::nullopt;
  return decode_utf8_text(*plain);
}

}  // namespace tailor::crypto
