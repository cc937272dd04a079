// GrowthBook's encrypted payloads: a config may carry encryptedFeatures, encryptedExperiments,
// encryptedSavedGroups and encryptedContextualBandits, each "<iv base64>.<ciphertext base64>"
// (AES-CBC, PKCS#7; crypto::decrypt in core/crypto/decrypt.h is GrowthBook's decrypt) whose
// plaintext is the JSON of features, experiments, savedGroups and contextualBandits. The edge
// stores and serves them as published and never sees the key; the browser SDK, given
// decryptionKey, decrypts them with the page's WebCrypto (GrowthBook's own decrypt:
// web/sdk/src/decrypt.js) and then validates the result with validate() like any other config.
#pragma once

#include <string_view>

#include "core/json/value.h"
#include "core/status.h"

namespace tailor::config {

// {encrypted member, the plain member its plaintext becomes}, in GrowthBook's decryptPayload
// order.
struct EncryptedMember {
  const char* encrypted;
  const char* plain;
};
inline constexpr EncryptedMember kEncryptedMembers[] = {
    {"encryptedFeatures", "features"},
    {"encryptedExperiments", "experiments"},
    {"encryptedSavedGroups", "savedGroups"},
    {"encryptedContextualBandits", "contextualBandits"},
};

// True when `config` (an object) has an encrypted member that is not null, "" or false
// (GrowthBook skips a falsy one).
bool has_encrypted_members(const json::Value& config);

// The shape every SDK needs to decrypt an encrypted member, checked without a key: a string
// "<iv>.<ciphertext>" whose iv is base64 of 16 bytes and whose ciphertext is base64 of a
// non-zero multiple of 16 bytes. A falsy member is ignored, as GrowthBook ignores it.
// kInvalidArgument naming the member and what would be valid:
//   encryptedFeatures: the iv before "." is 12 bytes of base64, expected 16
Status validate_encrypted_members(const json::Value& config);

}  // namespace tailor::config
