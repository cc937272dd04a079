// SHA-256 (FIPS 180-4), in the core so the browser (WASM) and the edge hash audit records and
// message content identically. Input is any byte string; output is the 32-byte digest or its
// 64-character lowercase hex form. No failure modes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tailor::audit {

using Digest = std::array<std::uint8_t, 32>;

// Incremental hashing: update() any number of times, then finish() once.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  Digest finish();

 private:
  void compress(const std::uint8_t* block);
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::uint64_t length_ = 0;  // bytes seen so far
  std::size_t buffered_ = 0;
};

Digest sha256(std::string_view bytes);
// Lowercase hex of the digest: "ba7816bf..." for "abc".
std::string sha256_hex(std::string_view bytes);
std::string to_hex(const Digest& digest);

}  // namespace tailor::audit
