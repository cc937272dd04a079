// AES block decryption (FIPS-197) and CBC mode with PKCS#7 padding, as WebCrypto's
// AES-CBC decrypt does it. Pure C++ (no OpenSSL: the core is compiled to WebAssembly too);
// byte-wise with 1.5 KB of tables computed at compile time: small rather than fast
// (tools/bench/decrypt.mjs measures it against WebCrypto).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tailor::crypto {

// AES-CBC decryption of `ciphertext` under `key` (16, 24 or 32 bytes: AES-128/192/256) with
// initialisation vector `iv` (16 bytes), then PKCS#7 unpadding. nullopt where WebCrypto
// rejects the operation: a key or iv of another length, a ciphertext that is empty or not a
// multiple of 16 bytes, or padding that is not 1-16 bytes each equal to its length.
std::optional<std::string> aes_cbc_decrypt(std::string_view key, std::string_view iv,
                                           std::string_view ciphertext);

// The same without unpadding: the decrypted blocks as they are (nullopt for a key or iv of
// another length or a ciphertext that is not a multiple of 16 bytes; "" for "").
std::optional<std::string> aes_cbc_decrypt_blocks(std::string_view key, std::string_view iv,
                                                  std::string_view ciphertext);

}  // namespace tailor::crypto
