#include "core/config/encrypted.h"

#include <string>

#include "core/crypto/decrypt.h"
#include "core/json/js.h"

namespace tailor::config {
namespace {

using json::Value;

bool present(const Value* v) { return v != nullptr && json::truthy(*v); }

// Why `text` cannot be GrowthBook's "<iv>.<ciphertext>", or "" when it can.
std::string shape_problem(std::string_view text) {
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos) {
    return "has no \".\": expected \"<iv base64>.<ciphertext base64>\"";
  }
  auto iv = crypto::base64_decode(text.substr(0, dot));
  if (!iv) return "the iv before \".\" is not base64";
  if (iv->size() != 16) {
    return "the iv before \".\" is " + std::to_string(iv->size()) + " bytes of base64, expected 16";
  }
  std::string_view rest = text.substr(dot + 1);
  auto ciphertext = crypto::base64_decode(rest.substr(0, rest.find('.')));
  if (!ciphertext) return "the ciphertext after \".\" is not base64";
  if (ciphertext->empty() || ciphertext->size() % 16 != 0) {
    return "the ciphertext after \".\" is " + std::to_string(ciphertext->size()) +
           " bytes, expected a non-zero multiple of 16 (AES-CBC blocks)";
  }
  return "";
}

}  // namespace

bool has_encrypted_members(const Value& config) {
  if (!config.is_object()) return false;
  for (const EncryptedMember& m : kEncryptedMembers) {
    if (present(config.find(m.encrypted))) return true;
  }
  return false;
}

Status validate_encrypted_members(const Value& config) {
  if (!config.is_object()) return Status();
  for (const EncryptedMember& m : kEncryptedMembers) {
    const Value* v = config.find(m.encrypted);
    if (!present(v)) continue;
    if (!v->is_string()) {
      return Status::invalid_argument(std::string(m.encrypted) +
                                      ": must be a string \"<iv base64>.<ciphertext base64>\"");
    }
    if (std::string why = shape_problem(v->as_string()); !why.empty()) {
      return Status::invalid_argument(std::string(m.encrypted) + ": " + why);
    }
  }
  return Status();
}

}  // namespace tailor::config
