// GrowthBook's encrypted payloads: `encryptedFeatures` (and encryptedSavedGroups,
// encryptedExperiments) are "<iv base64>.<ciphertext base64>" under a base64 AES key
// (AES-CBC, PKCS#7). decrypt() answers exactly where GrowthBook's decrypt(encrypted, key)
// (JS SDK 1.8.0, WebCrypto) resolves and fails where it throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tailor::crypto {

// atob(s) (HTML "forgiving-base64 decode"): ASCII whitespace is ignored, one or two trailing
// "=" are allowed when the length is a multiple of 4; nullopt for any other character, a
// misplaced "=", or a length of 1 mod 4. Returns the bytes.
std::optional<std::string> base64_decode(std::string_view s);

// new TextDecoder().decode(bytes): UTF-8 with a leading byte-order mark dropped and every
// ill-formed sequence (encoded surrogates included) as U+FFFD per maximal subpart.
std::string decode_utf8_text(std::string_view bytes);

// GrowthBook's decrypt(encrypted, key): the key is atob(key) (16, 24 or 32 bytes), the
// encrypted string is split at "." into iv and ciphertext (atob each; further parts are
// ignored, a missing ciphertext fails), then AES-CBC + PKCS#7 (aes.h) and decode_utf8_text.
// nullopt where GrowthBook throws "Failed to decrypt".
std::optional<std::string> decrypt(std::string_view encrypted, std::string_view key);

}  // namespace tailor::crypto
