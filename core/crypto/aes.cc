#include "core/crypto/aes.h"

#include <array>
#include <cstdint>

namespace tailor::crypto {
namespace {

using Block = std::array<uint8_t, 16>;

constexpr uint8_t xtime(uint8_t x) {
  return static_cast<uint8_t>((x << 1) ^ ((x & 0x80) ? 0x1b : 0));
}

constexpr uint8_t gf_mul(uint8_t a, uint8_t b) {
  uint8_t r = 0;
  while (b) {
    if (b & 1) r ^= a;
    a = xtime(a);
    b >>= 1;
  }
  return r;
}

// The S-box from its definition: the multiplicative inverse in GF(2^8), then the affine map.
struct SBoxes {
  std::array<uint8_t, 256> forward{};
  std::array<uint8_t, 256> inverse{};
};

constexpr SBoxes make_sboxes() {
  // Powers of the generator 3 give every non-zero element; x^-1 = 3^(255 - log3 x).
  std::array<uint8_t, 256> exp{}, log{};
  uint8_t p = 1;
  for (int i = 0; i < 255; ++i) {
    exp[i] = p;
    log[p] = static_cast<uint8_t>(i);
    p = static_cast<uint8_t>(p ^ xtime(p));  // p * 3
  }
  SBoxes s;
  for (int x = 0; x < 256; ++x) {
    uint8_t inv = x == 0 ? 0 : exp[(255 - log[x]) % 255];
    uint8_t b = inv;
    uint8_t out = 0x63;
    for (int i = 0; i < 5; ++i) {
      out ^= b;
      b = static_cast<uint8_t>((b << 1) | (b >> 7));
    }
    s.forward[x] = out;
    s.inverse[out] = static_cast<uint8_t>(x);
  }
  return s;
}

constexpr SBoxes kSBoxes = make_sboxes();

// InvMixColumns' products by 9, 11, 13 and 14, computed once at compile time (1 KB).
struct MulTables {
  std::array<uint8_t, 256> m9{}, m11{}, m13{}, m14{};
};
constexpr MulTables make_mul_tables() {
  MulTables t;
  for (int x = 0; x < 256; ++x) {
    const auto b = static_cast<uint8_t>(x);
    t.m9[x] = gf_mul(b, 9);
    t.m11[x] = gf_mul(b, 11);
    t.m13[x] = gf_mul(b, 13);
    t.m14[x] = gf_mul(b, 14);
  }
  return t;
}
constexpr MulTables kMul = make_mul_tables();
static_assert(kSBoxes.forward[0x00] == 0x63 && kSBoxes.forward[0x53] == 0xed);

// Key expansion (FIPS-197 5.2): 4 * (rounds + 1) words as bytes.
std::basic_string<uint8_t> expand_key(std::string_view key, int rounds) {
  const size_t nk = key.size() / 4;
  const size_t total = 16 * static_cast<size_t>(rounds + 1);
  std::basic_string<uint8_t> w(total, 0);
  for (size_t i = 0; i < key.size(); ++i) w[i] = static_cast<uint8_t>(key[i]);
  uint8_t rcon = 1;
  for (size_t i = nk; i < total / 4; ++i) {
    uint8_t t[4] = {w[4 * i - 4], w[4 * i - 3], w[4 * i - 2], w[4 * i - 1]};
    if (i % nk == 0) {
      uint8_t first = t[0];
      t[0] = static_cast<uint8_t>(kSBoxes.forward[t[1]] ^ rcon);
      t[1] = kSBoxes.forward[t[2]];
      t[2] = kSBoxes.forward[t[3]];
      t[3] = kSBoxes.forward[first];
      rcon = xtime(rcon);
    } else if (nk > 6 && i % nk == 4) {
      for (uint8_t& b : t) b = kSBoxes.forward[b];
    }
    for (size_t j = 0; j < 4; ++j) w[4 * i + j] = w[4 * (i - nk) + j] ^ t[j];
  }
  return w;
}

void add_round_key(Block& s, const uint8_t* k) {
  for (size_t i = 0; i < 16; ++i) s[i] ^= k[i];
}

// The inverse cipher (FIPS-197 5.3); the state is column-major, byte 4c + r is row r, column c.
void decrypt_block(Block& s, const std::basic_string<uint8_t>& w, int rounds) {
  add_round_key(s, &w[16 * static_cast<size_t>(rounds)]);
  for (int round = rounds - 1; round >= 0; --round) {
    // InvShiftRows: row r moves right by r.
    Block t = s;
    for (size_t c = 0; c < 4; ++c) {
      for (size_t r = 0; r < 4; ++r) s[4 * ((c + r) % 4) + r] = t[4 * c + r];
    }
    for (uint8_t& b : s) b = kSBoxes.inverse[b];
    add_round_key(s, &w[16 * static_cast<size_t>(round)]);
    if (round == 0) break;
    for (size_t c = 0; c < 4; ++c) {  // InvMixColumns
      uint8_t a0 = s[4 * c], a1 = s[4 * c + 1], a2 = s[4 * c + 2], a3 = s[4 * c + 3];
      s[4 * c] = kMul.m14[a0] ^ kMul.m11[a1] ^ kMul.m13[a2] ^ kMul.m9[a3];
      s[4 * c + 1] = kMul.m9[a0] ^ kMul.m14[a1] ^ kMul.m11[a2] ^ kMul.m13[a3];
      s[4 * c + 2] = kMul.m13[a0] ^ kMul.m9[a1] ^ kMul.m14[a2] ^ kMul.m11[a3];
      s[4 * c + 3] = kMul.m11[a0] ^ kMul.m13[a1] ^ kMul.m9[a2] ^ kMul.m14[a3];
    }
  }
}

}  // namespace

std::optional<std::string> aes_cbc_decrypt(std::string_view key, std::string_view iv,
                                           std::string_view ciphertext) {
  if (ciphertext.empty()) return std::nullopt;
  auto out = aes_cbc_decrypt_blocks(key, iv, ciphertext);
  if (!out) return std::nullopt;
  const auto pad = static_cast<uint8_t>(out->back());
  if (pad == 0 || pad > 16) return std::nullopt;
  for (size_t i = out->size() - pad; i < out->size(); ++i) {
    if (static_cast<uint8_t>((*out)[i]) != pad) return std::nullopt;
  }
  out->resize(out->size() - pad);
  return out;
}

std::optional<std::string> aes_cbc_decrypt_blocks(std::string_view key, std::string_view iv,
                                                  std::string_view ciphertext) {
  int rounds = key.size() == 16 ? 10 : key.size() == 24 ? 12 : key.size() == 32 ? 14 : 0;
  if (rounds == 0 || iv.size() != 16 || ciphertext.size() % 16 != 0) return std::nullopt;
  const auto w = expand_key(key, rounds);
  std::string out(ciphertext.size(), '\0');
  Block prev;
  for (size_t i = 0; i < 16; ++i) prev[i] = static_cast<uint8_t>(iv[i]);
  for (size_t off = 0; off < ciphertext.size(); off += 16) {
    Block block, cipher;
    for (size_t i = 0; i < 16; ++i)
      cipher[i] = block[i] = static_cast<uint8_t>(ciphertext[off + i]);
    decrypt_block(block, w, rounds);
    for (size_t i = 0; i < 16; ++i) out[off + i] = static_cast<char>(block[i] ^ prev[i]);
    prev = cipher;
  }
  return out;
}

}  // namespace tailor::crypto
