// AES-CBC, atob and TextDecoder as GrowthBook's decrypt uses them. Golden values: NIST
// SP 800-38A appendix F.2 (CBC), ciphertexts made by `openssl enc -aes-128-cbc`, and atob /
// TextDecoder answers printed by node 20; none come from Tailor's own output.
#include "core/crypto/decrypt.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/crypto/aes.h"

namespace {

std::string bytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

const std::string kIv = bytes("000102030405060708090a0b0c0d0e0f");
const std::string kPlainBlock1 = bytes("6bc1bee22e409f96e93d7e117393172a");

}  // namespace

using tailor::crypto::aes_cbc_decrypt;
using tailor::crypto::aes_cbc_decrypt_blocks;
using tailor::crypto::base64_decode;
using tailor::crypto::decode_utf8_text;
using tailor::crypto::decrypt;

TEST_CASE("AES-CBC decrypts the NIST SP 800-38A vectors for 128, 192 and 256-bit keys") {
  // F.2.2, F.2.4, F.2.6: the first block of each.
  CHECK(aes_cbc_decrypt_blocks(bytes("2b7e151628aed2a6abf7158809cf4f3c"), kIv,
                               bytes("7649abac8119b246cee98e9b12e9197d")) == kPlainBlock1);
  CHECK(aes_cbc_decrypt_blocks(bytes("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b"), kIv,
                               bytes("4f021db243bc633d7178183a9fa071e8")) == kPlainBlock1);
  CHECK(aes_cbc_decrypt_blocks(
            bytes("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"), kIv,
            bytes("f58c4c04d6e5f1ba779eabfb5f7bfbd6")) == kPlainBlock1);
  // F.2.2's second block is chained on the first ciphertext block.
  CHECK(aes_cbc_decrypt_blocks(bytes("2b7e151628aed2a6abf7158809cf4f3c"), kIv,
                               bytes("7649abac8119b246cee98e9b12e9197d"
                                     "5086cb9b507219ee95db113a917678b2")) ==
        kPlainBlock1 + bytes("ae2d8a571e03ac9c9eb76fac45af8e51"));
}

TEST_CASE("AES-CBC removes PKCS#7 padding and refuses what WebCrypto refuses") {
  const std::string key = bytes("000102030405060708090a0b0c0d0e0f");
  const std::string iv = bytes("0f0e0d0c0b0a09080706050403020100");
  // printf hello | openssl enc -aes-128-cbc -K 0001...0f -iv 0f0e...00
  CHECK(aes_cbc_decrypt(key, iv, bytes("181547ce6a5438cb22241856b35cc489")) == "hello");
  // 16 bytes of plaintext get a whole block of padding.
  CHECK(aes_cbc_decrypt(key, iv,
                        bytes("ff14dbe405cc0ee24d0de41289f0fc98"
                              "8680054fc9016bbf4f4067cd27826cdb")) == "0123456789abcdef");
  // Without its padding block the last byte is not valid padding.
  CHECK_FALSE(aes_cbc_decrypt(key, iv, bytes("ff14dbe405cc0ee24d0de41289f0fc98")));
  CHECK_FALSE(aes_cbc_decrypt(key, iv, ""));
  CHECK_FALSE(aes_cbc_decrypt(key, iv, bytes("181547ce6a5438cb22241856b35cc4")));  // 15 bytes
  CHECK_FALSE(aes_cbc_decrypt(key.substr(0, 15), iv, bytes("181547ce6a5438cb22241856b35cc489")));
  CHECK_FALSE(aes_cbc_decrypt(key, iv.substr(0, 8), bytes("181547ce6a5438cb22241856b35cc489")));
}

TEST_CASE("base64_decode is atob") {
  CHECK(base64_decode(" YQ== ") == "a");
  CHECK(base64_decode("YQ") == "a");
  CHECK(base64_decode("YR==") == "a");  // leftover bits are dropped
  CHECK(base64_decode("YW Jj\n") == "abc");
  CHECK(base64_decode("") == "");
  CHECK_FALSE(base64_decode("YQ="));
  CHECK_FALSE(base64_decode("Y"));
  CHECK_FALSE(base64_decode("YWJj="));
  CHECK_FALSE(base64_decode("Y==="));
  CHECK_FALSE(base64_decode("YQ==="));
  CHECK_FALSE(base64_decode("Y*=="));
}

TEST_CASE("decode_utf8_text is TextDecoder: BOM dropped, U+FFFD per maximal subpart") {
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  CHECK(decode_utf8_text(bytes("efbbbf61")) == "a");
  CHECK(decode_utf8_text(bytes("efbbbfefbbbf61")) ==
        "\xEF\xBB\xBF"
        "a");
  CHECK(decode_utf8_text(bytes("eda080")) == r + r + r);
  CHECK(decode_utf8_text(bytes("f09f98")) == r);
  CHECK(decode_utf8_text(bytes("c0af")) == r + r);
  CHECK(decode_utf8_text(bytes("e28278")) == r + "x");
  CHECK(decode_utf8_text(bytes("f4908080")) == r + r + r + r);
  CHECK(decode_utf8_text(bytes("e0808061")) == r + r + r + "a");
  CHECK(decode_utf8_text("caf\xC3\xA9 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST_CASE("decrypt answers GrowthBook's spec cases") {
  // GrowthBook's cases.json (spec 0.8.0), "Valid feature" and three failures.
  CHECK(decrypt("m5ylFM6ndyOJA2OPadubkw==.Uu7ViqgKEt/"
                "dWvCyhI46q088PkAEJbnXKf3KPZjf9IEQQ+A8fojNoxw4wIbPX3aj",
                "Zvwv/+uhpFDznZ6SX28Yjg==") == R"({"feature":{"defaultValue":true}})");
  CHECK_FALSE(decrypt(
      "m5ylFM6ndyOJA2OPadubkw==.Uu7ViqgKEt/dWvCyhI46q088PkAEJbnXKf3KPZjf9IEQQ+A8fojNoxw4wIbPX3aj",
      "Zvwv/+uhpFDznZ6SX39Yjg=="));  // wrong key
  CHECK_FALSE(decrypt(
      "m5ylFM6ndyOJA2OPadubkw==Uu7ViqgKEt/dWvCyhI46q088PkAEJbnXKf3KPZjf9IEQQ+A8fojNoxw4wIbPX3aj",
      "Zvwv/+uhpFDznZ6SX28Yjg=="));  // missing delimiter
  CHECK_FALSE(decrypt("fsa*(&(SF*&F&SF^SD&*FS&*6fsdkajfd", "Zvwv/+uhpFDznZ6SX28Yjg=="));
}
