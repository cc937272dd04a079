// SHA-256 against the FIPS 180-4 example vectors (NIST CSRC "SHA256.pdf" and the
// "SHA Test Vectors for Hashing Byte-Oriented Messages"); also checked with coreutils sha256sum.
#include "core/audit/sha256.h"

#include <catch2/catch.hpp>
#include <string>

using tailor::audit::Sha256;
using tailor::audit::sha256_hex;
using tailor::audit::to_hex;

TEST_CASE("SHA-256 matches the FIPS 180-4 example vectors", "[audit][sha256]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(
      sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                 "klmnopqrlmnopqrsmnopqrstnopqrstu") ==
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 incremental updates equal one-shot hashing at every split", "[audit][sha256]") {
  // 0..130 bytes crosses the 55/56/64-byte padding boundaries and the 64-byte block boundary.
  std::string message;
  for (int i = 0; i < 130; ++i) message.push_back(static_cast<char>('a' + i % 26));
  for (size_t n = 0; n <= message.size(); ++n) {
    const std::string m = message.substr(0, n);
    for (size_t split : {size_t{0}, n / 3, n / 2, n}) {
      Sha256 h;
      h.update(std::string_view(m).substr(0, split));
      h.update(std::string_view(m).substr(split));
      REQUIRE(to_hex(h.finish()) == sha256_hex(m));
    }
  }
  // Length-boundary digests (coreutils sha256sum of 55, 56 and 64 'a's).
  CHECK(sha256_hex(std::string(55, 'a')) ==
        "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(sha256_hex(std::string(56, 'a')) ==
        "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256_hex(std::string(64, 'a')) ==
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}
