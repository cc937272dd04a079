// config/encrypted.h: GrowthBook's encrypted members are checked for the shape an SDK can
// decrypt, without a key, as part of validate(). The valid value below is node's
// crypto.createCipheriv("aes-128-cbc") of {"f":{"defaultValue":1}} (iv 00112233...eeff).
#include "core/config/encrypted.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/config/validate.h"
#include "tests/parse_json.h"

using tailor::config::has_encrypted_members;
using tailor::config::validate;
using tailor::testing::parse;

namespace {

const std::string kValid = "ABEiM0RVZneImaq7zN3u/w==.bQ9VL29Ftxv7f+PIQqu2Nu+w84f7DEO1Cqi6r/KAqcg=";

std::string problem(const std::string& member, const std::string& value_json) {
  tailor::Status s = validate(parse("{\"" + member + "\": " + value_json + "}"));
  return s.ok() ? "ok" : s.message();
}

}  // namespace

TEST_CASE("encrypted members with a decryptable shape are valid", "[config][encrypted]") {
  for (const char* member : {"encryptedFeatures", "encryptedExperiments", "encryptedSavedGroups",
                             "encryptedContextualBandits"}) {
    CHECK(problem(member, "\"" + kValid + "\"") == "ok");
  }
  // GrowthBook skips falsy members.
  CHECK(problem("encryptedFeatures", "\"\"") == "ok");
  CHECK(problem("encryptedFeatures", "null") == "ok");
  CHECK_FALSE(has_encrypted_members(parse(R"({"encryptedFeatures": "", "features": {}})")));
  CHECK(has_encrypted_members(parse("{\"encryptedSavedGroups\": \"" + kValid + "\"}")));
}

TEST_CASE("encrypted members an SDK cannot decrypt are refused, naming why",
          "[config][encrypted]") {
  CHECK(problem("encryptedFeatures", "42") ==
        "encryptedFeatures: must be a string \"<iv base64>.<ciphertext base64>\"");
  CHECK(problem("encryptedFeatures", R"("ABEiM0RVZneImaq7zN3u/w==")") ==
        "encryptedFeatures: has no \".\": expected \"<iv base64>.<ciphertext base64>\"");
  CHECK(problem("encryptedSavedGroups", R"("AQEBAQEBAQEBAQEB.bQ9VL29Ftxv7f+PIQqu2Nu+w84f7DEO1Cqi6r/KAqcg=")") ==
        "encryptedSavedGroups: the iv before \".\" is 12 bytes of base64, expected 16");
  CHECK(problem("encryptedFeatures", R"("AB*iM0RVZneImaq7zN3u/w==.bQ9V")") ==
        "encryptedFeatures: the iv before \".\" is not base64");
  CHECK(problem("encryptedExperiments", R"("ABEiM0RVZneImaq7zN3u/w==.AgICAgICAgICAgICAgIC")") ==
        "encryptedExperiments: the ciphertext after \".\" is 15 bytes, expected a non-zero "
        "multiple of 16 (AES-CBC blocks)");
  CHECK(problem("encryptedFeatures", R"("ABEiM0RVZneImaq7zN3u/w==.")") ==
        "encryptedFeatures: the ciphertext after \".\" is 0 bytes, expected a non-zero multiple "
        "of 16 (AES-CBC blocks)");
}

TEST_CASE("with encrypted saved groups, plain features may name groups validate() cannot see",
          "[config][encrypted]") {
  const std::string features =
      R"("features": {"f": {"defaultValue": 1, "rules": [{"condition": {"id": {"$inGroup": "vip"}}, "force": 2}]}})";
  CHECK(validate(parse("{" + features + ", \"encryptedSavedGroups\": \"" + kValid + "\"}")).ok());
  CHECK(validate(parse("{" + features + "}")).message() ==
        "features[\"f\"].rules[0].condition.id.$inGroup: names saved group \"vip\", which "
        "savedGroups does not define");
}
